import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { codecEndpoint } from '../../client/web/codec-endpoint';
import { EncryptionCodec, parsePayloadKeys, type PayloadKey } from '../../crypto/codec';

// The codec endpoint's answers without a browser: who may call it, and what a malformed body gets.

const keys = parsePayloadKeys(`k:${Buffer.alloc(32, 5).toString('base64')}`) as PayloadKey[];
const UI = 'http://ui.example.org:8233';

function endpoint() {
  const app = Fastify();
  void app.register(codecEndpoint, {
    codec: new EncryptionCodec(keys),
    uiOrigin: UI,
    admins: ['admin@example.org'],
    // The test stands for the session cookie with a header.
    sessionEmail: (request) => request.headers['x-test-session'] as string | undefined,
  });
  return app;
}

const post = (path: string, payload: unknown, session?: string) =>
  endpoint().inject({
    method: 'POST',
    url: path,
    headers: { origin: UI, ...(session ? { 'x-test-session': session } : {}) },
    payload: payload as object,
  });

const clear = {
  metadata: { encoding: Buffer.from('json/plain').toString('base64') },
  data: Buffer.from('"hi"').toString('base64'),
};

describe('the codec endpoint', () => {
  it('encodes and decodes for an admin, with CORS for the UI only', async () => {
    const encoded = await post('/codec/encode', { payloads: [clear] }, 'admin@example.org');
    expect(encoded.statusCode).toBe(200);
    expect(encoded.headers['access-control-allow-origin']).toBe(UI);
    expect(encoded.headers['access-control-allow-credentials']).toBe('true');
    const sealed = encoded.json<{ payloads: (typeof clear)[] }>().payloads;
    expect(Buffer.from(sealed[0]!.metadata.encoding, 'base64').toString()).toBe('binary/encrypted');
    const decoded = await post('/codec/decode', { payloads: sealed }, 'admin@example.org');
    expect(decoded.json()).toEqual({ payloads: [clear] });

    const preflight = await endpoint().inject({
      method: 'OPTIONS',
      url: '/codec/decode',
      headers: { origin: UI, 'access-control-request-method': 'POST' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-headers']).toContain('x-namespace');
    const elsewhere = await endpoint().inject({
      method: 'OPTIONS',
      url: '/codec/decode',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers who may not, and why a body is refused', async () => {
    expect((await post('/codec/decode', { payloads: [clear] })).statusCode).toBe(401);
    const stranger = await post('/codec/decode', { payloads: [clear] }, 'someone@example.org');
    expect(stranger.statusCode).toBe(403);
    expect(stranger.json()).toEqual({ message: 'someone@example.org is not in CODEC_ADMINS' });
    const malformed = await post(
      '/codec/decode',
      { payloads: [{ data: 'not base64!' }] },
      'admin@example.org',
    );
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toEqual({ message: 'payloads[0].data: expected base64' });
    const otherKey = await post(
      '/codec/decode',
      {
        payloads: [
          {
            metadata: {
              encoding: Buffer.from('binary/encrypted').toString('base64'),
              'encryption-key-id': Buffer.from('old').toString('base64'),
            },
            data: '',
          },
        ],
      },
      'admin@example.org',
    );
    expect(otherKey.statusCode).toBe(422);
    expect(otherKey.json<{ message: string }>().message).toContain('key "old", which is not in PAYLOAD_KEYS');
  });
});
