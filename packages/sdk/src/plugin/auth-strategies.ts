import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AuthOutcome, AuthStrategy, TriggerRequest } from './trigger-plugin';

const UNAUTHORIZED: AuthOutcome = { ok: false, code: 'unauthorized', reason: 'missing, unknown or revoked API key' };

function single(value: string | string[] | undefined): string | undefined {
  // A repeated header or query parameter is ambiguous; refuse rather than pick one.
  return typeof value === 'string' ? value : undefined;
}

/** The API key in a request header, e.g. `x-api-key`. */
export function apiKeyInHeader<Config = Record<string, unknown>>(header = 'x-api-key'): AuthStrategy<Config> {
  const name = header.toLowerCase();
  return {
    name: `api-key-header:${name}`,
    readsBody: false,
    async authenticate(request, ctx) {
      return (await ctx.verifyApiKey(single(request.headers[name]))) ? { ok: true } : UNAUTHORIZED;
    },
  };
}

/** The API key in a query parameter, for senders that cannot set headers (SNS subscriptions). */
export function apiKeyInQuery<Config = Record<string, unknown>>(parameter = 'x-api-key'): AuthStrategy<Config> {
  return {
    name: `api-key-query:${parameter}`,
    readsBody: false,
    async authenticate(request, ctx) {
      return (await ctx.verifyApiKey(single(request.query[parameter]))) ? { ok: true } : UNAUTHORIZED;
    },
  };
}

/** The query parameter if present, else the header of the same name. */
export function apiKeyInQueryOrHeader<Config = Record<string, unknown>>(name = 'x-api-key'): AuthStrategy<Config> {
  return {
    name: `api-key-query-or-header:${name}`,
    readsBody: false,
    async authenticate(request, ctx) {
      const presented = request.query[name] !== undefined ? request.query[name] : request.headers[name.toLowerCase()];
      return (await ctx.verifyApiKey(single(presented))) ? { ok: true } : UNAUTHORIZED;
    },
  };
}

export interface HmacOptions<Config> {
  /** Header carrying the signature, e.g. `x-signature`. */
  header: string;
  algorithm?: 'sha256' | 'sha1' | 'sha512';
  encoding?: 'hex' | 'base64';
  /** Text before the digest in the header, e.g. `sha256=` (GitHub style). */
  prefix?: string;
  /** The shared secret, usually a `writeOnly` field of the trigger config. */
  secret: (config: Config) => string | undefined;
}

/** HMAC of the raw body with a shared secret, compared in constant time. */
export function hmacSignature<Config>(options: HmacOptions<Config>): AuthStrategy<Config> {
  const algorithm = options.algorithm ?? 'sha256';
  const encoding = options.encoding ?? 'hex';
  const prefix = options.prefix ?? '';
  return {
    name: `hmac-${algorithm}:${options.header.toLowerCase()}`,
    readsBody: true,
    authenticate(request: TriggerRequest, ctx) {
      const secret = options.secret(ctx.config);
      const presented = single(request.headers[options.header.toLowerCase()]);
      if (!secret || presented === undefined || !presented.startsWith(prefix)) {
        return Promise.resolve({ ok: false, code: 'signature_invalid', reason: 'missing or malformed signature' });
      }
      const expected = createHmac(algorithm, secret).update(request.rawBody).digest();
      const given = Buffer.from(presented.slice(prefix.length), encoding);
      const ok = given.length === expected.length && timingSafeEqual(given, expected);
      return Promise.resolve(
        ok ? { ok: true } : { ok: false, code: 'signature_invalid', reason: 'signature mismatch' },
      );
    },
  };
}

/**
 * Every strategy must pass, in order; the first refusal is the answer. Leading strategies that read no body
 * (API keys) are also offered as `beforeBody`, so a wrong key is refused before an HMAC's body is read.
 */
export function allOf<Config>(...strategies: AuthStrategy<Config>[]): AuthStrategy<Config> {
  const firstBodyReader = strategies.findIndex((s) => s.readsBody !== false);
  const keyPart = firstBodyReader > 0 ? allOf(...strategies.slice(0, firstBodyReader)) : undefined;
  return {
    name: strategies.map((s) => s.name).join('+'),
    readsBody: firstBodyReader !== -1,
    ...(keyPart ? { beforeBody: keyPart } : {}),
    async authenticate(request, ctx) {
      for (const strategy of strategies) {
        const outcome = await strategy.authenticate(request, ctx);
        if (!outcome.ok) return outcome;
      }
      return { ok: true };
    },
  };
}
