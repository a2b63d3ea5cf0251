import type { Readable } from 'node:stream';

/** Where a command reads and writes: the process in the bin, captured streams in tests. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  stdin: Readable & { isTTY?: boolean };
  env: Record<string, string | undefined>;
  cwd: string;
  /** Aborted on Ctrl-C: commands that follow (`deliveries tail`, `send --wait`) stop cleanly. */
  signal: AbortSignal;
}
