import { createHash, randomUUID } from 'node:crypto';
import fastifyMultipart from '@fastify/multipart';
import Fastify, { type FastifyInstance } from 'fastify';

// A local HTTP server answering as udata's API (data.gouv.fr's software) documents it, for the
// contract test of publication/datagouv.ts: data.gouv.fr cannot be reached from the test machines.
// What it holds: the routes we call — GET /datasets/{id}/, POST /datasets/{id}/upload/ (multipart
// `file`; 201 with the resource, its title the file's name, its SHA-1 checksum, its `latest`),
// PUT /datasets/{id}/resources/{rid}/ (JSON) — the X-API-KEY check (401) and unknown ids (404).

export type UdataResource = {
  id: string;
  title: string;
  description: string;
  url: string;
  latest: string;
  filetype: 'file';
  mime: string;
  filesize: number;
  checksum: { type: 'sha1'; value: string };
  bytes: Buffer;
};

export type UdataServer = {
  apiUrl: string;
  datasets: Map<string, { id: string; private: boolean; resources: UdataResource[] }>;
  /** The requests received, as `METHOD path`. */
  requests: string[];
  /** Answers the next `n` requests with this status, as udata does when it is down or busy. */
  failNext(n: number, status: number): void;
  close(): Promise<void>;
};

const publicResource = ({ bytes: _bytes, ...resource }: UdataResource) => resource;

export async function startUdata(apiKey: string, datasetIds: string[]): Promise<UdataServer> {
  const app: FastifyInstance = Fastify();
  await app.register(fastifyMultipart, { limits: { fileSize: 50 * 1024 * 1024 } });
  const datasets = new Map(
    datasetIds.map((id) => [id, { id, private: false, resources: [] as UdataResource[] }]),
  );
  const requests: string[] = [];
  let failing = { left: 0, status: 503 };
  let origin = '';

  app.addHook('onRequest', async (request, reply) => {
    requests.push(`${request.method} ${request.url}`);
    if (failing.left > 0) {
      failing.left--;
      return reply.code(failing.status).send({ message: 'Service Unavailable', status: failing.status });
    }
    if (request.method !== 'GET' && request.headers['x-api-key'] !== apiKey)
      return reply.code(401).send({ message: 'Invalid API Key', status: 401 });
  });
  const datasetOf = (id: string) => datasets.get(id);

  app.get<{ Params: { id: string } }>('/api/1/datasets/:id/', async (request, reply) => {
    const dataset = datasetOf(request.params.id);
    if (!dataset) return reply.code(404).send({ message: 'Not Found', status: 404 });
    return { ...dataset, resources: dataset.resources.map(publicResource) };
  });

  app.post<{ Params: { id: string } }>('/api/1/datasets/:id/upload/', async (request, reply) => {
    const dataset = datasetOf(request.params.id);
    if (!dataset) return reply.code(404).send({ message: 'Not Found', status: 404 });
    const part = await request.file();
    if (!part || part.fieldname !== 'file')
      return reply.code(400).send({ message: 'file is required', status: 400 });
    const bytes = await part.toBuffer();
    const id = randomUUID();
    const resource: UdataResource = {
      id,
      title: part.filename,
      description: '',
      url: `${origin}/static/resources/${dataset.id}/${part.filename}`,
      latest: `${origin}/fr/datasets/r/${id}`,
      filetype: 'file',
      mime: part.mimetype,
      filesize: bytes.length,
      checksum: { type: 'sha1', value: createHash('sha1').update(bytes).digest('hex') },
      bytes,
    };
    dataset.resources.push(resource);
    return reply.code(201).send(publicResource(resource));
  });

  app.put<{ Params: { id: string; rid: string }; Body: { title?: string; description?: string } }>(
    '/api/1/datasets/:id/resources/:rid/',
    async (request, reply) => {
      const resource = datasetOf(request.params.id)?.resources.find((r) => r.id === request.params.rid);
      if (!resource) return reply.code(404).send({ message: 'Resource does not exist', status: 404 });
      Object.assign(resource, {
        title: request.body.title ?? resource.title,
        description: request.body.description ?? resource.description,
      });
      return publicResource(resource);
    },
  );

  origin = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    apiUrl: `${origin}/api/1`,
    datasets,
    requests,
    failNext: (left, status) => (failing = { left, status }),
    close: () => app.close(),
  };
}
