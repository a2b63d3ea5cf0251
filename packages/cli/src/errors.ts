/** A failure the CLI reports as `error: …` lines and exit status 1 (2 for usage errors). */
export class CliError extends Error {
  constructor(
    message: string,
    /** Further lines printed under the message (e.g. each problem's path). */
    readonly lines: readonly string[] = [],
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** The command line itself is wrong: a missing option, an unreadable file named in it, a bad value. */
export class UsageError extends CliError {
  constructor(message: string, lines: readonly string[] = []) {
    super(message, lines, 2);
    this.name = 'UsageError';
  }
}

export interface ProblemDetail {
  path: string;
  message: string;
}

/** An error answer of the admin API: `{error:{code,message,details?}}`. */
export class ApiError extends CliError {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly apiMessage: string,
    readonly details: readonly unknown[] = [],
  ) {
    super(`${code}: ${apiMessage}`, problemLines(details));
    this.name = 'ApiError';
  }
}

/** `details` entries that carry a JSON Pointer, as `  /path: message` lines. */
function problemLines(details: readonly unknown[]): string[] {
  return details.filter(isProblem).map((problem) => `  ${problem.path || '/'}: ${problem.message}`);
}

export function isProblem(value: unknown): value is ProblemDetail {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ProblemDetail).path === 'string' &&
    typeof (value as ProblemDetail).message === 'string'
  );
}
