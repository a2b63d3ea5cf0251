import type { HandshakeReply } from '../plugin/trigger-plugin';
import type { TriggerAnswer } from './answer';

/**
 * A plugin's confirmation reply as the HTTP answer (200 by default, the plugin decides the body). Without a
 * confirmation hook a handshake is simply acknowledged.
 */
export function handshakeAnswer(reply: HandshakeReply | undefined): TriggerAnswer {
  const status = reply?.status ?? 200;
  if (!Number.isInteger(status) || status < 200 || status > 599) {
    throw new Error(`trigger plugin answered a handshake with an invalid status ${String(status)}`);
  }
  const body: TriggerAnswer['body'] =
    typeof reply?.text === 'string'
      ? { text: reply.text }
      : { json: reply?.body === undefined ? { status: 'handshake' } : reply.body };
  if (status >= 400) {
    return {
      status,
      headers: {},
      body,
      outcome: 'rejected',
      errorCode: 'handshake_failed',
      reason: 'handshake refused',
    };
  }
  return { status, headers: {}, body, outcome: 'handshake' };
}
