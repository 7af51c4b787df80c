import { createHash } from 'node:crypto';

// Publication of a signed convention on data.gouv.fr (art. 8; SPEC §13), through udata's API
// (https://www.data.gouv.fr/api/1): the file uploaded as a resource of the dataset the settings
// name, then given the model's title. An upload may be retried after one that reached udata but
// whose answer was lost: the dataset's resources are read first and a resource holding the same
// bytes (udata keeps each file's SHA-1) is taken instead of uploading the file twice.

export type DataGouvSettings = {
  /** udata's API root, e.g. `https://www.data.gouv.fr/api/1`, or demo.data.gouv.fr's. */
  apiUrl: string;
  apiKey: string;
  /** The dataset's id or slug. */
  dataset: string;
};

export type PublishedFile = {
  bytes: Uint8Array;
  /** The file's name as uploaded (`convention-camino-2020-signee.pdf`). */
  fileName: string;
  /** The resource's title and description on data.gouv.fr. */
  title: string;
  description: string;
};

export type PublishedResource = {
  resourceId: string;
  /** The resource's lasting address: udata's `latest`, which follows a re-uploaded file. */
  url: string;
  /** True when the dataset is private (a draft): the address answers only its organisation. */
  datasetPrivate: boolean;
  /** True when the file was already there (an earlier attempt's upload). */
  alreadyThere: boolean;
};

/** udata answered, or could not be reached; `temporary` says whether trying again may help. */
export class DataGouvError extends Error {
  constructor(
    message: string,
    readonly temporary: boolean,
    readonly status?: number,
  ) {
    super(message);
  }
}

type UdataResource = { id: string; url: string; latest?: string; checksum?: { type: string; value: string } };
type UdataDataset = { id: string; private?: boolean; resources: UdataResource[] };

/** Answers worth another try: udata busy or down, or a limit on its rate. */
const isTemporary = (status: number) => status >= 500 || status === 408 || status === 429;

async function call<T>(settings: DataGouvSettings, path: string, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${settings.apiUrl.replace(/\/+$/, '')}${path}`, {
      ...init,
      headers: { ...init.headers, Accept: 'application/json', 'X-API-KEY': settings.apiKey },
      signal: AbortSignal.timeout(60_000),
      redirect: 'error',
    });
  } catch (error) {
    throw new DataGouvError(`data.gouv.fr unreachable: ${(error as Error).message}`, true);
  }
  if (!response.ok) {
    const body = (await response.text().catch(() => '')).slice(0, 300);
    throw new DataGouvError(
      `data.gouv.fr answered ${response.status} to ${init.method ?? 'GET'} ${path}: ${body}`,
      isTemporary(response.status),
      response.status,
    );
  }
  return (await response.json()) as T;
}

const datasetPath = (settings: DataGouvSettings) => `/datasets/${encodeURIComponent(settings.dataset)}/`;

/** Uploads `file` to the dataset (once, whatever the retries) and names it; throws DataGouvError. */
export async function publishOnDataGouv(
  settings: DataGouvSettings,
  file: PublishedFile,
): Promise<PublishedResource> {
  const sha1 = createHash('sha1').update(file.bytes).digest('hex');
  const dataset = await call<UdataDataset>(settings, datasetPath(settings));
  const already = dataset.resources.find(
    (resource) => resource.checksum?.type === 'sha1' && resource.checksum.value === sha1,
  );
  let resource = already;
  if (!resource) {
    const form = new FormData();
    form.append('file', new Blob([file.bytes], { type: 'application/pdf' }), file.fileName);
    resource = await call<UdataResource>(settings, `${datasetPath(settings)}upload/`, {
      method: 'POST',
      body: form,
    });
  }
  const named = await call<UdataResource>(settings, `${datasetPath(settings)}resources/${resource.id}/`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ title: file.title, description: file.description }),
  });
  return {
    resourceId: named.id,
    url: named.latest ?? named.url,
    datasetPrivate: dataset.private === true,
    alreadyThere: already !== undefined,
  };
}
