import { METADATA_ENCODING_KEY, ValueError, type Payload, type PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { KeyRing } from '../crypto/key-ring';

/** The metadata Temporal's own encryption samples use, so tools that know them recognise our payloads. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const ENCRYPTION_KEY_ID_METADATA = 'encryption-key-id';

/** Authenticated with every payload: a credential's ciphertext never opens as a payload, nor the reverse. */
const PAYLOAD_CONTEXT = 'hookflow:temporal-payload';

/**
 * AES-256-GCM payload codec (`HOOKFLOW_PAYLOAD_ENCRYPTION`), installed on the client and the worker alike.
 * It encrypts each whole payload (metadata included) when `encrypt` is on, and always decrypts what it
 * encrypted — under the current or a previous key — so runs started with encryption on stay readable after
 * it is turned off. Payloads it did not encrypt pass through unchanged.
 */
export class EncryptionPayloadCodec implements PayloadCodec {
  constructor(
    private readonly keyRing: KeyRing,
    private readonly encrypt: boolean,
  ) {}

  encode(payloads: Payload[]): Promise<Payload[]> {
    if (!this.encrypt) return Promise.resolve(payloads);
    return Promise.resolve(
      payloads.map((payload) => {
        const { keyId, blob } = this.keyRing.seal(
          Buffer.from(temporal.api.common.v1.Payload.encode(payload).finish()),
          PAYLOAD_CONTEXT,
        );
        return {
          metadata: {
            [METADATA_ENCODING_KEY]: Buffer.from(ENCRYPTED_ENCODING),
            [ENCRYPTION_KEY_ID_METADATA]: Buffer.from(keyId),
          },
          data: blob,
        };
      }),
    );
  }

  decode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.resolve(payloads.map((payload) => this.decodeOne(payload)));
  }

  private decodeOne(payload: Payload): Payload {
    if (!isEncryptedPayload(payload)) return payload;
    const keyIdBytes = payload.metadata?.[ENCRYPTION_KEY_ID_METADATA];
    if (!keyIdBytes || !payload.data) throw new ValueError('An encrypted payload lacks its key id or its data');
    const keyId = Buffer.from(keyIdBytes).toString('utf8');
    const plain = this.keyRing.open({ keyId, blob: Buffer.from(payload.data) }, PAYLOAD_CONTEXT);
    return temporal.api.common.v1.Payload.decode(plain);
  }
}

/** Whether a payload is one this codec encrypted. */
export function isEncryptedPayload(payload: Payload): boolean {
  const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
  return encoding !== undefined && encoding !== null && Buffer.from(encoding).toString('utf8') === ENCRYPTED_ENCODING;
}

export type { Payload, PayloadCodec };
