import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DataGouvError } from '../../publication/datagouv';
import { publishOnDataGouv, type DataGouvSettings } from '../../publication/datagouv';
import { startUdata, type UdataServer } from '../helpers/udata';

// A contract test: publication/datagouv.ts against a local server that answers as udata's API
// documents it (test/helpers/udata.ts). data.gouv.fr itself cannot be reached from here.

const API_KEY = 'cle-api-de-test';
let udata: UdataServer;
let settings: DataGouvSettings;
const signed = new TextEncoder().encode('%PDF-1.7\n… la convention signée …\n%%EOF\n');
const file = {
  bytes: signed,
  fileName: 'convention-camino-2020-signee.pdf',
  title: 'Convention de délégation de gestion — Camino (2020)',
  description: 'Signée par SG, DGALN, DGPR et DINUM.',
};

beforeAll(async () => {
  udata = await startUdata(API_KEY, ['conventions-dinum']);
  settings = { apiUrl: udata.apiUrl, apiKey: API_KEY, dataset: 'conventions-dinum' };
});
afterAll(() => udata.close());
beforeEach(() => {
  udata.datasets.get('conventions-dinum')!.resources.length = 0;
  udata.requests.length = 0;
});

describe('publishing a signed convention on data.gouv.fr (contract test against udata’s documented API)', () => {
  it('uploads the file as a resource of the dataset, names it, and gives its lasting address', async () => {
    const published = await publishOnDataGouv(settings, file);
    const [resource] = udata.datasets.get('conventions-dinum')!.resources;
    expect(resource!.bytes.equals(Buffer.from(signed))).toBe(true);
    expect(resource).toMatchObject({
      title: file.title,
      description: file.description,
      mime: 'application/pdf',
    });
    expect(published).toEqual({
      resourceId: resource!.id,
      url: `${udata.apiUrl.replace('/api/1', '')}/fr/datasets/r/${resource!.id}`,
      datasetPrivate: false,
      alreadyThere: false,
    });
    expect(udata.requests).toEqual([
      'GET /api/1/datasets/conventions-dinum/',
      'POST /api/1/datasets/conventions-dinum/upload/',
      `PUT /api/1/datasets/conventions-dinum/resources/${resource!.id}/`,
    ]);
  });

  it('uploads a file once however often it is retried: the same bytes found in the dataset are taken', async () => {
    const first = await publishOnDataGouv(settings, file);
    const again = await publishOnDataGouv(settings, file);
    expect(again).toEqual({ ...first, alreadyThere: true });
    expect(udata.datasets.get('conventions-dinum')!.resources).toHaveLength(1);
    expect(udata.datasets.get('conventions-dinum')!.resources[0]!.checksum.value).toBe(
      createHash('sha1').update(signed).digest('hex'),
    );
  });

  it('says a private dataset is private', async () => {
    udata.datasets.get('conventions-dinum')!.private = true;
    try {
      expect((await publishOnDataGouv(settings, file)).datasetPrivate).toBe(true);
    } finally {
      udata.datasets.get('conventions-dinum')!.private = false;
    }
  });

  it('tells an answer worth another try (udata down, busy, out of reach) from one that is not', async () => {
    const failure = (promise: Promise<unknown>) =>
      promise.then(
        () => undefined,
        (error: unknown) => error as DataGouvError,
      );
    udata.failNext(1, 503);
    expect(await failure(publishOnDataGouv(settings, file))).toMatchObject({ temporary: true, status: 503 });
    udata.failNext(1, 429);
    expect(await failure(publishOnDataGouv(settings, file))).toMatchObject({ temporary: true, status: 429 });
    expect(await failure(publishOnDataGouv({ ...settings, apiKey: 'une autre clé' }, file))).toMatchObject({
      temporary: false,
      status: 401,
    });
    expect(await failure(publishOnDataGouv({ ...settings, dataset: 'inconnu' }, file))).toMatchObject({
      temporary: false,
      status: 404,
    });
    expect(
      await failure(publishOnDataGouv({ ...settings, apiUrl: 'http://127.0.0.1:9/api/1' }, file)),
    ).toMatchObject({ temporary: true });
    expect(udata.datasets.get('conventions-dinum')!.resources).toHaveLength(0);
  });
});
