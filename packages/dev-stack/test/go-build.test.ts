import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildWithGo } from '../src/binaries/go-build';

describe('buildWithGo progress', () => {
  const originalPath = process.env.PATH;
  afterEach(() => {
    process.env.PATH = originalPath;
  });

  it('logs a progress line at the interval while go runs, counting downloaded modules', async () => {
    // A stand-in `go` that downloads one module and compiles for 1.5 s, like a (much) shorter real build.
    const dir = await mkdtemp(path.join(tmpdir(), 'hookflow-go-'));
    const fakeGo = path.join(dir, 'go');
    await writeFile(
      fakeGo,
      [
        '#!/bin/sh',
        'if [ "$1" = env ]; then echo go1.25.0; exit 0; fi',
        'echo "go: downloading example.com/module v1.0.0" >&2',
        'sleep 1.5',
        'printf "#!/bin/sh\\n" > "$3" && chmod +x "$3"',
      ].join('\n'),
    );
    await chmod(fakeGo, 0o755);
    process.env.PATH = `${dir}${path.delimiter}${originalPath ?? ''}`;

    const lines: string[] = [];
    const output = path.join(dir, 'cache', 'tool-1.0', 'tool');
    await buildWithGo({
      what: 'tool v1.0',
      output,
      args: (out) => ['build', '-o', path.join(out, 'tool')],
      log: (line) => lines.push(line),
      progressIntervalMs: 400,
    });

    const progress = lines.filter((line) => line.includes('still building tool v1.0'));
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.at(-1)).toContain('1 modules downloaded, compiling');
    expect(lines.at(-1)).toMatch(/^Built tool v1.0 in \d+ s/);
  });
});
