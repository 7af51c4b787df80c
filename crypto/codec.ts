import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { DataConverter, Payload, PayloadCodec } from '@temporalio/common';
import proto from '@temporalio/proto';

// Names and email addresses travel in workflow inputs, Update payloads, activity arguments and
// failure messages. This codec encrypts every payload with AES-256-GCM before it leaves the process,
// so that Temporal's database, its UI and its CLI see only ciphertext unless they ask a codec
// endpoint holding the keys (client/web/codec-endpoint.ts).

const { Payload: PayloadMessage } = proto.temporal.api.common.v1;

/** The `encoding` of an encrypted payload; the key that sealed it is named beside it. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
const KEY_ID_METADATA = 'encryption-key-id';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface PayloadKey {
  id: string;
  /** 32 bytes. */
  key: Buffer;
}

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * `PAYLOAD_KEYS`: `id:base64,id:base64…`, the first one encrypts, all of them decrypt (rotation:
 * put the new key first, keep the old ones until no history that needs them is retained).
 * Returns the keys, or the reason the text is not a usable list.
 */
export function parsePayloadKeys(text: string): PayloadKey[] | string {
  const keys: PayloadKey[] = [];
  for (const [index, entry] of text.split(',').entries()) {
    const [id, encoded, ...rest] = entry.trim().split(':');
    const position = `key ${index + 1}`;
    if (!id || encoded === undefined || rest.length)
      return `${position}: expected id:base64-key, e.g. 2026-11:${'A'.repeat(43)}=`;
    if (!KEY_ID.test(id)) return `${position}: the id "${id}" must be 1 to 64 letters, digits, dots, dashes`;
    if (keys.some((key) => key.id === id)) return `${position}: the id "${id}" is given twice`;
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== 32 || key.toString('base64') !== encoded)
      return `${position} (${id}): expected 32 bytes in base64 (openssl rand -base64 32), got ${key.length}`;
    keys.push({ id, key });
  }
  return keys;
}

/** A fresh key list of one key, for `npm start`'s first run. */
export function newPayloadKeys(id: string): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}

export class PayloadDecryptionError extends Error {}

/** AES-256-GCM over the whole serialized payload (metadata included); the key id is bound as associated data. */
export class EncryptionCodec implements PayloadCodec {
  private readonly byId: Map<string, Buffer>;
  private readonly current: PayloadKey;

  constructor(keys: readonly PayloadKey[]) {
    if (!keys[0]) throw new Error('an encryption codec needs at least one key');
    this.current = keys[0];
    this.byId = new Map(keys.map(({ id, key }) => [id, key]));
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const { id, key } = this.current;
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(id));
      const clear = PayloadMessage.encode(payload).finish();
      const sealed = Buffer.concat([iv, cipher.update(clear), cipher.final(), cipher.getAuthTag()]);
      return {
        metadata: {
          encoding: Buffer.from(ENCRYPTED_ENCODING),
          [KEY_ID_METADATA]: Buffer.from(id),
        },
        data: sealed,
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      // Written before encryption was turned on: read as it is.
      if (Buffer.from(payload.metadata?.encoding ?? []).toString() !== ENCRYPTED_ENCODING) return payload;
      const id = Buffer.from(payload.metadata?.[KEY_ID_METADATA] ?? []).toString();
      const key = this.byId.get(id);
      if (!key)
        throw new PayloadDecryptionError(
          `a payload is encrypted with key "${id}", which is not in PAYLOAD_KEYS (${[...this.byId.keys()].join(', ')})`,
        );
      const sealed = Buffer.from(payload.data ?? []);
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES)).setAAD(
        Buffer.from(id),
      );
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
      try {
        const clear = Buffer.concat([
          decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)),
          decipher.final(),
        ]);
        return PayloadMessage.decode(clear);
      } catch {
        throw new PayloadDecryptionError(`a payload encrypted with key "${id}" does not authenticate`);
      }
    });
  }
}

/**
 * Moves failure messages and stack traces into an (encrypted) payload: a refusal such as
 * "x@example.org may not sign for DGALN" would otherwise sit in clear in the history.
 */
export const FAILURE_CONVERTER_PATH = fileURLToPath(new URL('./failure-converter.cjs', import.meta.url));

/** The data converter of the worker and of every client: encrypted when keys are given. */
export function conventionDataConverter(keys: readonly PayloadKey[] | undefined): DataConverter {
  return {
    failureConverterPath: FAILURE_CONVERTER_PATH,
    payloadCodecs: keys?.length ? [new EncryptionCodec(keys)] : [],
  };
}
