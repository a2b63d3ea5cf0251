import { parseTemplate, singleTemplateSource } from './template-syntax';

/** One string inside a JSON value that holds templates (or an unclosed `{{`). */
export interface TemplateLocation {
  /** Keys and indexes from the root of the value to the string. */
  segments: (string | number)[];
  text: string;
  /** JSONata source of each complete template, in order. */
  expressions: string[];
  /** True when the whole string is one template, which renders to the raw value. */
  single: boolean;
  /** Offset of a `{{` that is never closed. */
  unclosedAt?: number;
}

/** Every string in `value` (objects and arrays walked recursively) that holds `{{`. */
export function findTemplates(value: unknown): TemplateLocation[] {
  const found: TemplateLocation[] = [];
  walk(value, [], found);
  return found;
}

function walk(value: unknown, segments: (string | number)[], found: TemplateLocation[]): void {
  if (typeof value === 'string') {
    if (!value.includes('{{')) return;
    const { parts, unclosedAt } = parseTemplate(value);
    const expressions = parts.flatMap((part) => (part.kind === 'expression' ? [part.source] : []));
    const location: TemplateLocation = {
      segments,
      text: value,
      expressions,
      single: singleTemplateSource(value) !== undefined,
    };
    if (unclosedAt !== undefined) location.unclosedAt = unclosedAt;
    if (expressions.length > 0 || unclosedAt !== undefined) found.push(location);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => walk(item, [...segments, index], found));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) walk(item, [...segments, key], found);
  }
}
