import type { CliIo } from '../io';
import { renderTable, type Column } from './table';

/** What a command prints: tables and sentences for people, or JSON with `--json`. */
export class Output {
  constructor(
    private readonly io: CliIo,
    readonly json: boolean,
  ) {}

  /** With `--json`, `value`; otherwise the human form `human` prints. */
  result(value: unknown, human: () => void): void {
    if (this.json) this.io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    else human();
  }

  /** One JSON document per line (for following output with `--json`). */
  jsonLine(value: unknown): void {
    this.io.stdout.write(`${JSON.stringify(value)}\n`);
  }

  line(text = ''): void {
    this.io.stdout.write(`${text}\n`);
  }

  table<T>(columns: readonly Column<T>[], rows: readonly T[], empty: string): void {
    this.io.stdout.write(rows.length === 0 ? `${empty}\n` : renderTable(columns, rows));
  }

  /** Progress and notes that scripts reading stdout must not see. */
  note(text: string): void {
    this.io.stderr.write(`${text}\n`);
  }
}
