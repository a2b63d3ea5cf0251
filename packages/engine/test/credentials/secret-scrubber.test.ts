import { describe, expect, it } from 'vitest';
import { SCRUBBED, SecretScrubber } from '../../src/credentials/secret-scrubber';

describe('SecretScrubber', () => {
  it('replaces a bearer token in messages and in nested output strings, and leaves other values alone', () => {
    const scrubber = new SecretScrubber({ name: 'api', type: 'bearer', data: { token: 'tok_123456' } });
    expect(scrubber.text('Headers.append: "Bearer tok_123456\n" is invalid')).toBe(
      `Headers.append: "Bearer ${SCRUBBED}\n" is invalid`,
    );
    const output = { status: 200, body: { echo: ['Bearer tok_123456'], count: 3 } };
    expect(scrubber.json(output)).toEqual({ status: 200, body: { echo: [`Bearer ${SCRUBBED}`], count: 3 } });
    const clean = { status: 200 };
    expect(scrubber.json(clean)).toBe(clean);
  });

  it('catches the encodings a request carries: Basic base64 and URL-encoded query values', () => {
    const basic = new SecretScrubber({ name: 'b', type: 'basic', data: { username: 'ops', password: 'p@ss word' } });
    const encoded = Buffer.from('ops:p@ss word').toString('base64');
    expect(basic.text(`Basic ${encoded}`)).toBe(`Basic ${SCRUBBED}`);
    expect(basic.text('pw=p%40ss%20word or p%40ss+word')).toBe(`pw=${SCRUBBED} or ${SCRUBBED}`);
  });

  it('keeps the names of header and query credentials (they are not secret) and short values', () => {
    const header = new SecretScrubber({ name: 'h', type: 'header', data: { name: 'X-Api-Key', value: 'abc' } });
    expect(header.text('X-Api-Key: abc')).toBe('X-Api-Key: abc');
  });
});
