import { RE2JS } from 're2js';

/**
 * The engine of JSONata's regular expressions (`/…/` in `$match`, `$replace`, `$split`, `$contains`): RE2,
 * which matches in time linear in the input. V8's engine backtracks, and the step guard cannot see inside
 * one native match: `$match($trigger.s, /(a+)+$/)` on forty `a`s would hold a workflow task for minutes.
 * Pure JavaScript and deterministic, so it runs in workflow code like the rest of this folder.
 *
 * JSONata creates one per regex (`new RegexEngine(regExp)`), sets `lastIndex` and calls `exec`, as with a
 * global `RegExp`. No lookaround or backreferences: those fail to parse (`regexProblem`, checked on save).
 */
export class LinearRegex {
  lastIndex = 0;
  private readonly compiled: RE2JS;

  constructor(regex: RegExp) {
    this.compiled = compileLinear(regex.source, regex.flags);
  }

  exec(input: string): RegExpExecArray | null {
    const matcher = this.compiled.matcher(input);
    if (this.lastIndex > input.length || !matcher.find(this.lastIndex)) {
      this.lastIndex = 0;
      return null;
    }
    const groups: (string | undefined)[] = [];
    for (let group = 0; group <= matcher.groupCount(); group += 1) groups.push(matcher.group(group) ?? undefined);
    // As a global RegExp: `lastIndex` is where the match ends (JSONata itself refuses endless empty matches).
    this.lastIndex = matcher.end();
    return Object.assign(groups, { index: matcher.start(), input }) as unknown as RegExpExecArray;
  }
}

/** Why a JSONata regex literal cannot run on the linear-time engine, or undefined when it can. */
export function regexProblem(regex: RegExp): string | undefined {
  try {
    compileLinear(regex.source, regex.flags);
    return undefined;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `regex /${regex.source}/ is not supported (no lookaround, no backreferences): ${reason}`;
  }
}

function compileLinear(source: string, flags: string): RE2JS {
  let re2Flags = 0;
  if (flags.includes('i')) re2Flags |= RE2JS.CASE_INSENSITIVE;
  if (flags.includes('m')) re2Flags |= RE2JS.MULTILINE;
  return RE2JS.compile(RE2JS.translateRegExp(source), re2Flags);
}
