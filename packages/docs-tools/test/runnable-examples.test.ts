import { describe, expect, it } from 'vitest';
import { matchesExpectedOutput } from '../src/examples/expected-output';
import { runnableExamples } from '../src/markdown/runnable-examples';

const page = [
  '# Page',
  '',
  '```sh',
  'echo "not run: no runnable marker"',
  '```',
  '',
  '```sh runnable',
  'curl -fsS "$API/api-keys"',
  '```',
  '',
  'It prints:',
  '',
  '```json output',
  '{ "items": [] }',
  '```',
  '',
  '1. In a list item:',
  '',
  '   ```sh runnable eventually',
  '   echo done',
  '   ```',
  '',
  '   ```text output',
  '   done',
  '   ```',
  '',
  '```sh runnable',
  'true',
  '```',
].join('\n');

describe('runnable examples', () => {
  it('finds ```sh runnable blocks with the output block that follows them', () => {
    expect(runnableExamples(page)).toEqual([
      { script: 'curl -fsS "$API/api-keys"', line: 7, expectedOutput: '{ "items": [] }', eventually: false },
      { script: 'echo done', line: 19, expectedOutput: 'done', eventually: true },
      { script: 'true', line: 27, eventually: false },
    ]);
  });

  it('refuses an output block that belongs to no runnable block, and "eventually" without an output', () => {
    expect(() => runnableExamples('```json output\n{}\n```')).toThrow('line 1: an output block must follow');
    expect(() => runnableExamples('```sh runnable eventually\ntrue\n```')).toThrow('needs an output block');
    expect(() => runnableExamples('```bash runnable\ntrue\n```')).toThrow('runnable blocks are ```sh blocks');
  });
});

describe('expected output', () => {
  it('ignores layout, so a doc may pretty-print compact JSON', () => {
    expect(matchesExpectedOutput('{"id":"k1","name":"shop"}\n', '{\n  "id": "k1",\n  "name": "shop"\n}')).toBe(true);
  });

  it('reads … as any text', () => {
    expect(matchesExpectedOutput('{"id":"k1","key":"hf_abc","prefix":"hf_a"}', '{ "id": "…", "key": "hf_…", … }')).toBe(
      true,
    );
  });

  it('still tells different values apart', () => {
    expect(matchesExpectedOutput('{"status":"running"}', '{ "status": "completed" }')).toBe(false);
    expect(matchesExpectedOutput('202 accepted extra', '202 accepted')).toBe(false);
    expect(matchesExpectedOutput('a.b', 'a*b')).toBe(false);
  });
});
