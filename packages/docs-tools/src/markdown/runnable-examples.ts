import { codeBlocks } from './code-blocks';

/**
 * The convention of docs/README.md ("Examples that run"): a block opened with ```sh runnable is executed by
 * the docs test; the next block whose info string says `output` (```json output, ```text output), if it
 * comes before the next runnable block, is what the command must print.
 */
export interface RunnableExample {
  /** The shell commands. */
  script: string;
  /** 1-based line of the block in its file. */
  line: number;
  /** What stdout must match (see `matchesExpectedOutput`), when the doc shows it. */
  expectedOutput?: string;
  /** ```sh runnable eventually: re-run until the output matches (read-only commands waiting on a run). */
  eventually: boolean;
}

export const RUNNABLE = 'runnable';
export const OUTPUT = 'output';
export const EVENTUALLY = 'eventually';

export function runnableExamples(markdown: string): RunnableExample[] {
  const examples: RunnableExample[] = [];
  for (const block of codeBlocks(markdown)) {
    if (block.info.includes(RUNNABLE)) {
      if (block.info[0] !== 'sh') throw new Error(`line ${block.line}: runnable blocks are \`\`\`sh blocks`);
      examples.push({ script: block.text, line: block.line, eventually: block.info.includes(EVENTUALLY) });
    } else if (block.info.includes(OUTPUT)) {
      const last = examples.at(-1);
      if (!last || last.expectedOutput !== undefined) {
        throw new Error(`line ${block.line}: an output block must follow a runnable block`);
      }
      last.expectedOutput = block.text;
    }
  }
  for (const example of examples) {
    if (example.eventually && example.expectedOutput === undefined) {
      throw new Error(`line ${example.line}: an "eventually" block needs an output block to wait for`);
    }
  }
  return examples;
}
