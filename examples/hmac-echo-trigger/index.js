'use strict';
/**
 * hmac-echo: an example third-party trigger plugin for Hookflow (see docs/plugins.md).
 *
 * - Auth: the workflow's API key in `x-api-key` AND `x-signature: sha256=<hex HMAC-SHA256 of the raw body>`
 *   keyed with the workflow's `trigger.config.secret`.
 * - `{"type":"challenge","challenge":"…"}` is a handshake: answered 200 `{"challenge":"…"}`, no run.
 * - `{"type":"event","id":"…","data":{…}}` runs the workflow with `$trigger` = data, delivery key = id.
 * - Anything else with a `type` is acknowledged and ignored.
 *
 * Plain CommonJS with no build step; it needs nothing but `@hookflow/sdk`.
 */
const { allOf, apiKeyInHeader, defineTrigger, hmacSignature, TriggerError } = require('@hookflow/sdk');

module.exports = defineTrigger({
  type: 'hmac-echo',
  displayName: 'HMAC echo (example)',
  description:
    'Example plugin: x-api-key plus an HMAC-SHA256 signature of the body in x-signature ("sha256=<hex>"); ' +
    'answers {"type":"challenge"} handshakes by echoing the challenge.',
  configSchema: {
    type: 'object',
    required: ['secret'],
    additionalProperties: false,
    properties: {
      // writeOnly: the admin API never shows it back.
      secret: { type: 'string', minLength: 16, writeOnly: true, description: 'Shared secret of the signature' },
    },
  },
  // The pipeline checks the Content-Type (415) and that the body is JSON (400), then hands it over parsed.
  accepts: 'json',
  auth: allOf(
    apiKeyInHeader('x-api-key'),
    hmacSignature({ header: 'x-signature', prefix: 'sha256=', secret: (config) => config.secret }),
  ),
  async parse(request) {
    const body = request.json;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new TriggerError(400, 'invalid_payload', 'The body must be a JSON object');
    }
    if (body.type === 'challenge') {
      if (typeof body.challenge !== 'string' || body.challenge.length === 0 || body.challenge.length > 200) {
        throw new TriggerError(400, 'invalid_payload', 'challenge must be a string of 1-200 characters');
      }
      return { kind: 'handshake', handshake: { challenge: body.challenge } };
    }
    if (body.type === 'event') {
      if (typeof body.id !== 'string' || !/^[A-Za-z0-9._:-]{1,200}$/.test(body.id)) {
        throw new TriggerError(400, 'invalid_payload', 'id must be 1-200 characters of [A-Za-z0-9._:-]');
      }
      return { kind: 'event', payload: body.data === undefined ? null : body.data, deliveryKey: body.id };
    }
    return { kind: 'ignore', reason: `event type ${JSON.stringify(String(body.type)).slice(0, 60)} is not handled` };
  },
  async confirm(handshake) {
    return { status: 200, body: { challenge: handshake.challenge } };
  },
});
