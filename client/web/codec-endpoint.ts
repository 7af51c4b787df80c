import type { Payload, PayloadCodec } from '@temporalio/common';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { describeIssues } from '../../domain/validation';

// Temporal's codec server protocol, for the Temporal UI and CLI: POST /codec/decode and
// /codec/encode take and give `{ payloads: [{ metadata: { key: base64 }, data: base64 }] }`.
// The UI calls it from its own origin, with the console's session cookie only when its codec
// settings name this endpoint as the browser's endpoint with "Include cross-origin credentials"
// on (the dev server's UI cannot be configured so: README, "Personal data"): only the people
// named in CODEC_ADMINS get clear payloads, since the UI shows every convention of the namespace.

export interface CodecEndpointOptions {
  codec: PayloadCodec;
  /** The Temporal UI's origin (scheme, host, port): the only one CORS lets read the answers. */
  uiOrigin?: string;
  /** Email addresses allowed to decode. */
  admins: readonly string[];
  /** The signed-in person, from the request's session cookie. */
  sessionEmail(request: FastifyRequest): string | undefined;
}

/** Whole histories are decoded in one call: more room than the forms' 1 MB. */
const CODEC_BODY_LIMIT = 8 * 1024 * 1024;

const base64 = z.base64({ error: 'expected base64' });
const ZCodecRequestSchema = z.object({
  payloads: z
    .array(z.object({ metadata: z.record(z.string(), base64).default({}), data: base64.default('') }))
    .max(10_000),
});
type TJsonPayload = z.output<typeof ZCodecRequestSchema>['payloads'][number];

const fromJson = ({ metadata, data }: TJsonPayload): Payload => ({
  metadata: Object.fromEntries(
    Object.entries(metadata).map(([key, value]) => [key, Buffer.from(value, 'base64')]),
  ),
  data: Buffer.from(data, 'base64'),
});

const toJson = ({ metadata, data }: Payload): TJsonPayload => ({
  metadata: Object.fromEntries(
    Object.entries(metadata ?? {}).map(([key, value]) => [key, Buffer.from(value ?? []).toString('base64')]),
  ),
  data: Buffer.from(data ?? []).toString('base64'),
});

export const codecEndpoint: FastifyPluginAsync<CodecEndpointOptions> = async (app, options) => {
  const allowCors = (request: FastifyRequest, reply: FastifyReply): boolean => {
    const origin = request.headers.origin;
    if (!origin || origin !== options.uiOrigin) return false;
    reply
      .header('access-control-allow-origin', origin)
      .header('access-control-allow-credentials', 'true')
      .header('vary', 'Origin');
    return true;
  };

  for (const action of ['decode', 'encode'] as const) {
    const path = `/codec/${action}`;
    app.options(path, async (request, reply) => {
      if (!allowCors(request, reply)) return reply.status(403).send({ message: 'origin not allowed' });
      return reply
        .status(204)
        .header('access-control-allow-methods', 'POST')
        .header('access-control-allow-headers', 'content-type, x-namespace, authorization')
        .header('access-control-max-age', '600')
        .send();
    });

    app.post(path, { bodyLimit: CODEC_BODY_LIMIT }, async (request, reply) => {
      allowCors(request, reply);
      reply.header('cache-control', 'no-store');
      const email = options.sessionEmail(request);
      if (!email)
        return reply.status(401).send({
          message:
            'sign in to the console first, then set this endpoint as the browser endpoint of the UI\'s codec settings, with "Include cross-origin credentials" on',
        });
      if (!options.admins.includes(email))
        return reply.status(403).send({ message: `${email} is not in CODEC_ADMINS` });
      const parsed = ZCodecRequestSchema.safeParse(request.body);
      if (!parsed.success)
        return reply.status(400).send({ message: describeIssues(parsed.error.issues).join('; ') });
      const payloads = parsed.data.payloads.map(fromJson);
      try {
        const result = await (action === 'decode'
          ? options.codec.decode(payloads)
          : options.codec.encode(payloads));
        return reply.send({ payloads: result.map(toJson) });
      } catch (error) {
        return reply.status(422).send({ message: (error as Error).message });
      }
    });
  }
};
