import type { NodeCredential } from './credential-type';

/** What a credential value reads as wherever a node let it slip (an output, an error message). */
export const SCRUBBED = '[credential]';

/** Shorter values are not scrubbed: replacing every "a" or "1" would garble outputs and protect nothing. */
const MIN_SCRUBBED_LENGTH = 4;

/**
 * The last line of defence behind node plugins: every secret string of the credential (a `header` or `query`
 * credential's `name` is not one), and the encodings a request carries it in (`Basic` base64, URL-encoded),
 * is replaced wherever it appears.
 */
export class SecretScrubber {
  private readonly secrets: string[];

  constructor(credential: NodeCredential | undefined) {
    const values = new Set<string>();
    const strings = Object.entries(credential?.data ?? {})
      .filter(([field]) => !(field === 'name' && (credential?.type === 'header' || credential?.type === 'query')))
      .map(([, value]) => value)
      .filter((value): value is string => typeof value === 'string');
    for (const value of strings) {
      values.add(value);
      values.add(encodeURIComponent(value));
      values.add(new URLSearchParams({ v: value }).toString().slice(2));
    }
    if (credential?.type === 'basic') {
      const { username, password } = credential.data;
      values.add(Buffer.from(`${String(username)}:${String(password)}`).toString('base64'));
    }
    // Longest first, so a value containing another is replaced whole.
    this.secrets = [...values]
      .filter((value) => value.length >= MIN_SCRUBBED_LENGTH)
      .sort((a, b) => b.length - a.length);
  }

  text(value: string): string {
    let result = value;
    for (const secret of this.secrets) result = result.split(secret).join(SCRUBBED);
    return result;
  }

  /** A JSON value with every string value scrubbed; the value itself when nothing matched. */
  json<T>(value: T): T {
    if (this.secrets.length === 0 || value === undefined) return value;
    const serialized = JSON.stringify(value);
    if (serialized === undefined || !this.secrets.some((secret) => serialized.includes(jsonEscaped(secret))))
      return value;
    return JSON.parse(serialized, (_key, item: unknown) => (typeof item === 'string' ? this.text(item) : item)) as T;
  }
}

function jsonEscaped(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}
