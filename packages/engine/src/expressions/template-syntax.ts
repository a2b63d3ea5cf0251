/**
 * The `{{ <JSONata> }}` template syntax of docs/expressions.md, scanned by hand rather than by regular expression so
 * that a `}}` inside a JSONata string literal, comment or object constructor does not end the template:
 * `{{ {"a": {"b": 1}} }}` and `{{ '{{literal}}' }}` are single templates. The latter is also the way to
 * write literal braces in a param.
 *
 * Pure and deterministic: imported by Temporal workflow code.
 */

export type TemplatePart =
  | { kind: 'text'; text: string }
  /** `source` is the JSONata between the braces, as written (surrounding whitespace included). */
  | { kind: 'expression'; source: string };

export interface ParsedTemplate {
  parts: TemplatePart[];
  /** Offset of a `{{` that is never closed; the rest of the string from there is kept as text. */
  unclosedAt?: number;
}

const OPEN = '{{';

/** Splits a string into literal text and template expressions. */
export function parseTemplate(text: string): ParsedTemplate {
  const parts: TemplatePart[] = [];
  let cursor = 0;
  while (cursor < text.length) {
    const open = text.indexOf(OPEN, cursor);
    if (open === -1) break;
    const close = findClose(text, open + OPEN.length);
    if (close === -1) {
      pushText(parts, text.slice(cursor));
      return { parts, unclosedAt: open };
    }
    pushText(parts, text.slice(cursor, open));
    parts.push({ kind: 'expression', source: text.slice(open + OPEN.length, close) });
    cursor = close + 2;
  }
  pushText(parts, text.slice(cursor));
  return { parts };
}

/** True when the string holds at least one complete `{{ }}` template. */
export function isTemplate(text: string): boolean {
  return text.includes(OPEN) && parseTemplate(text).parts.some((part) => part.kind === 'expression');
}

/**
 * The JSONata source when the string is exactly one template (surrounding whitespace allowed), which
 * renders to the raw value rather than to a string; otherwise undefined.
 */
export function singleTemplateSource(text: string): string | undefined {
  if (!text.includes(OPEN)) return undefined;
  const { parts, unclosedAt } = parseTemplate(text);
  if (unclosedAt !== undefined) return undefined;
  const meaningful = parts.filter((part) => part.kind === 'expression' || part.text.trim() !== '');
  const only = meaningful.length === 1 ? meaningful[0] : undefined;
  return only?.kind === 'expression' ? only.source : undefined;
}

function pushText(parts: TemplatePart[], text: string): void {
  if (text !== '') parts.push({ kind: 'text', text });
}

/** Index of the `}}` closing a template whose body starts at `from`, or -1. */
function findClose(text: string, from: number): number {
  let depth = 0;
  let i = from;
  while (i < text.length) {
    const char = text[i];
    if (char === '"' || char === "'" || char === '`') {
      i = skipQuoted(text, i, char);
    } else if (char === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end === -1) return -1;
      i = end + 2;
    } else if (char === '{') {
      depth += 1;
      i += 1;
    } else if (char === '}') {
      if (depth === 0 && text[i + 1] === '}') return i;
      if (depth > 0) depth -= 1;
      i += 1;
    } else {
      i += 1;
    }
  }
  return -1;
}

/** Index just past the closing quote of a JSONata string literal or backtick name starting at `start`. */
function skipQuoted(text: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < text.length) {
    const char = text[i];
    if (char === '\\' && quote !== '`') {
      i += 2;
    } else if (char === quote) {
      return i + 1;
    } else {
      i += 1;
    }
  }
  return text.length;
}
