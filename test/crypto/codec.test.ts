import { defaultPayloadConverter } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { EncryptionCodec, ENCRYPTED_ENCODING, parsePayloadKeys, type PayloadKey } from '../../crypto/codec';
import { loadSettings } from '../../config';

const KEY_A = Buffer.alloc(32, 1).toString('base64');
const KEY_B = Buffer.alloc(32, 2).toString('base64');
const keys = (text: string) => parsePayloadKeys(text) as PayloadKey[];
const payloadOf = (value: unknown) => defaultPayloadConverter.toPayload(value);
const valueOf = (payload: Parameters<typeof defaultPayloadConverter.fromPayload>[0]) =>
  defaultPayloadConverter.fromPayload(payload);

describe('PAYLOAD_KEYS', () => {
  it('reads id:base64 pairs, the first one encrypting', () => {
    expect(keys(`2026-11:${KEY_B}, 2026-05:${KEY_A}`).map(({ id, key }) => [id, key[0]])).toEqual([
      ['2026-11', 2],
      ['2026-05', 1],
    ]);
  });

  it.each([
    ['2026-11', 'key 1: expected id:base64-key'],
    [`2026-11:${KEY_A},2026-11:${KEY_B}`, 'key 2: the id "2026-11" is given twice'],
    [`bad id:${KEY_A}`, 'key 1: the id "bad id" must be'],
    ['k:c2hvcnQ=', 'key 1 (k): expected 32 bytes in base64 (openssl rand -base64 32), got 5'],
  ])('refuses %s', (text, message) => {
    expect(parsePayloadKeys(text)).toContain(message);
  });

  it('comes from PAYLOAD_KEYS, or else its file; a bad file is named', () => {
    expect(
      loadSettings({ PAYLOAD_KEYS: `a:${KEY_A}`, PAYLOAD_KEYS_FILE: '/nonexistent' }).PAYLOAD_KEYS?.[0]?.id,
    ).toBe('a');
    expect(loadSettings({ PAYLOAD_KEYS_FILE: '/nonexistent' }).PAYLOAD_KEYS).toBeUndefined();
    expect(() => loadSettings({ PAYLOAD_KEYS: 'a:short' })).toThrow(
      /PAYLOAD_KEYS: key 1 \(a\): expected 32 bytes/,
    );
    expect(() => loadSettings({ PAYLOAD_KEYS_FILE: '/etc/hostname' })).toThrow(
      /PAYLOAD_KEYS_FILE \(\/etc\/hostname\): key 1: expected id:base64-key/,
    );
  });
});

describe('the encryption codec', () => {
  const codec = new EncryptionCodec(keys(`current:${KEY_A}`));
  const person = { name: 'Emilie Piette', email: 'sg.representant@example.org' };

  it('seals each payload under a fresh IV and opens it again', async () => {
    const [first, second] = await codec.encode([payloadOf(person), payloadOf(person)]);
    for (const sealed of [first!, second!]) {
      expect(Buffer.from(sealed.metadata!.encoding!).toString()).toBe(ENCRYPTED_ENCODING);
      expect(Buffer.from(sealed.metadata!['encryption-key-id']!).toString()).toBe('current');
      expect(Buffer.from(sealed.data!).includes('example.org')).toBe(false);
    }
    expect(Buffer.from(first!.data!).equals(Buffer.from(second!.data!))).toBe(false);
    const opened = await codec.decode([first!, second!]);
    expect(opened.map(valueOf)).toEqual([person, person]);
  });

  it('lets payloads written in clear through, so that running conventions go on', async () => {
    const [clear] = await codec.decode([payloadOf(person)]);
    expect(valueOf(clear!)).toEqual(person);
  });

  it('reads what older keys sealed after a rotation, and seals with the new one', async () => {
    const [old] = await codec.encode([payloadOf(person)]);
    const rotated = new EncryptionCodec(keys(`next:${KEY_B},current:${KEY_A}`));
    expect((await rotated.decode([old!])).map(valueOf)).toEqual([person]);
    const [sealed] = await rotated.encode([payloadOf(person)]);
    expect(Buffer.from(sealed!.metadata!['encryption-key-id']!).toString()).toBe('next');
    // A process given only the new key names the one it lacks.
    await expect(new EncryptionCodec(keys(`next:${KEY_B}`)).decode([old!])).rejects.toThrow(
      'a payload is encrypted with key "current", which is not in PAYLOAD_KEYS (next)',
    );
  });

  it('refuses a payload altered in the database, or relabelled with another key id', async () => {
    const [sealed] = await codec.encode([payloadOf(person)]);
    const data = Buffer.from(sealed!.data!);
    data[20] = data[20]! ^ 1;
    await expect(codec.decode([{ ...sealed!, data }])).rejects.toThrow('does not authenticate');
    const both = new EncryptionCodec(keys(`current:${KEY_A},other:${KEY_A}`));
    const relabelled = {
      ...sealed!,
      metadata: { ...sealed!.metadata, 'encryption-key-id': Buffer.from('other') },
    };
    await expect(both.decode([relabelled])).rejects.toThrow(
      'encrypted with key "other" does not authenticate',
    );
  });
});
