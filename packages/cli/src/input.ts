import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { UsageError } from './errors';
import type { CliIo } from './io';

/**
 * A secret (admin token, credential values) from a file, or from stdin: piped, or typed at a prompt that does
 * not echo. Never from an argument, where it would land in shell history and `ps`.
 */
export async function readSecretText(io: CliIo, file: string | undefined, prompt: string): Promise<string> {
  if (file !== undefined && file !== '-') {
    try {
      return await readFile(path.resolve(io.cwd, file), 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
    }
  }
  return io.stdin.isTTY ? promptHidden(io, prompt) : readStdin(io);
}

/**
 * Secret values from a file, or piped into stdin. There is no prompt: an object of values is not typed
 * blind, so a terminal on stdin is refused with the way to do it.
 */
export async function readPipedSecret(io: CliIo, file: string | undefined): Promise<string> {
  if (file === undefined && io.stdin.isTTY) {
    throw new UsageError('pipe the values into stdin (e.g. from a secret manager) or use --from-file');
  }
  return readSecretText(io, file, '');
}

/** All of stdin, as UTF-8. */
export async function readStdin(io: CliIo): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

function promptHidden(io: CliIo, prompt: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted) io.stderr.write(chunk.toString());
      done();
    },
  });
  const reader = createInterface({ input: io.stdin, output, terminal: true });
  return new Promise((resolve) => {
    reader.question(`${prompt}: `, (answer) => {
      reader.close();
      io.stderr.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}

/** A `--data` value: inline JSON, `@file` (relative to the working directory), or `@-` for stdin. */
export async function readJsonArgument(io: CliIo, data: string): Promise<unknown> {
  let text = data;
  let source = '--data';
  if (data.startsWith('@')) {
    source = data.slice(1);
    try {
      text = source === '-' ? await readStdin(io) : await readFile(path.resolve(io.cwd, source), 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read ${source}: ${(error as Error).message}`);
    }
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`${source} is not JSON: ${(error as Error).message}`);
  }
}
