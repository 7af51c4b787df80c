import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { DEFAULT_DOCUMENT_MAX_BYTES } from '../domain/documents';
import { pemCertificates } from '../domain/signature-proof';
import { describeIssues } from '../domain/validation';
import { parsePayloadKeys } from '../crypto/codec';

// Settings come from the environment, each with a default for a laptop, validated once at start:
// a wrong value stops the process with the name of the variable.

const flag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

const smtpUrl = z.url({
  protocol: /^smtps?$/,
  error: 'expected smtp://host:port or smtps://user:password@host:port',
});

const port = z.coerce.number<string>().int().min(1).max(65_535);

const payloadKeys = z.string().transform((text, context) => {
  const keys = parsePayloadKeys(text);
  if (typeof keys !== 'string') return keys;
  context.addIssue({ code: 'custom', message: keys });
  return z.NEVER;
});

/** Whether a PEM text holds certificates only of CAs, at least one, each one readable. */
function caCertificatesOnly(pem: string): boolean {
  const certificates = pemCertificates(pem);
  try {
    return (
      certificates.length > 0 &&
      certificates.every((base64) => new X509Certificate(Buffer.from(base64, 'base64')).ca)
    );
  } catch {
    return false;
  }
}

/** A PEM file of CA certificates, read once here: its path and its text. */
const trustAnchorsFile = z.string().transform((file, context) => {
  const pem = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (caCertificatesOnly(pem)) return { file, pem };
  context.addIssue({ code: 'custom', message: `expected a PEM file of CA certificates, read ${file}` });
  return z.NEVER;
});

export const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'] as const;

export const ZSettingsSchema = z.object({
  TEMPORAL_ADDRESS: z.string().min(1).default('localhost:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('conventions'),
  /** Temporal Cloud API key; implies TLS. */
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  TEMPORAL_TLS: flag.default(false),
  /** mTLS client certificate and key (PEM files), e.g. for Temporal Cloud with certificates. */
  TEMPORAL_TLS_CERT: z.string().min(1).optional(),
  TEMPORAL_TLS_KEY: z.string().min(1).optional(),
  /** A private CA for a self-hosted cluster (PEM file). */
  TEMPORAL_TLS_CA: z.string().min(1).optional(),
  SMTP_URL: smtpUrl.default('smtp://localhost:1025'),
  MAIL_FROM: z.string().min(3).default('Conventions beta.gouv.fr <conventions@example.org>'),
  /**
   * Our data on PostgreSQL (`postgres://user:password@host:port/db`): the register, the sent-email
   * log, the console's links and sessions, shared by every worker and console. SQLite files when unset.
   */
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'expected postgres://user:password@host:port/database' })
    .optional(),
  /** The decision register and the log of emails sent, when DATABASE_URL is unset (SQLite). */
  REGISTER_PATH: z.string().min(1).default('.data/register.sqlite'),
  /** The largest file of a convention kept (a version of its document, a signed file, a scan), in bytes. */
  DOCUMENT_MAX_BYTES: z.coerce.number<string>().int().min(1).default(DEFAULT_DOCUMENT_MAX_BYTES),
  /** Serve Temporal's Prometheus metrics on this port (/metrics); none when unset. */
  METRICS_PORT: port.optional(),
  /**
   * The address the console and the metrics listen on: this machine only by default; `0.0.0.0`
   * (or `::`) in a container, whose port mapping or network then decides who reaches them.
   */
  LISTEN_HOST: z
    .string()
    .regex(/^[0-9A-Za-z.:-]+$/, 'expected an IP address or a host name, e.g. 127.0.0.1 or 0.0.0.0')
    .default('127.0.0.1'),
  /** The web console's public address; emails link to it when set. */
  CONSOLE_URL: z.url({ protocol: /^https?$/, error: 'expected http(s)://host[:port]' }).optional(),
  /** The least severe level logged (JSON lines on stdout). */
  LOG_LEVEL: z.enum(LOG_LEVELS).default('INFO'),
  /** Encryption keys of the payloads, `id:base64,…`: the first encrypts, all decrypt. */
  PAYLOAD_KEYS: payloadKeys.optional(),
  /** Where the keys are read from when PAYLOAD_KEYS is unset (`npm start` writes it). */
  PAYLOAD_KEYS_FILE: z.string().min(1).default('.data/payload-keys'),
  /** Workflows the worker keeps in memory between tasks (sized from WORKER_MEMORY_MIB when unset). */
  MAX_CACHED_WORKFLOWS: z.coerce.number<string>().int().min(0).optional(),
  /** The memory the worker may use, in MiB: the cache is sized from it (the V8 heap limit when unset). */
  WORKER_MEMORY_MIB: z.coerce.number<string>().int().min(400).optional(),
  /**
   * The CAs an electronic signature's certificate must chain to (a PEM file; in production the
   * ANSSI/EU qualified CAs we trust). Unset, no signed PDF can be verified.
   */
  SIGNATURE_TRUST_ANCHORS: trustAnchorsFile.optional(),
  /**
   * data.gouv.fr (udata's API root, e.g. https://www.data.gouv.fr/api/1), an API key and the
   * dataset the signed conventions go to: `publish` uploads the signed document there. All three or
   * none; without them, publication stays typed by hand.
   */
  DATAGOUV_API_URL: z.url({ protocol: /^https?$/, error: 'expected http(s)://host/api/1' }).optional(),
  DATAGOUV_API_KEY: z.string().min(1).optional(),
  DATAGOUV_DATASET: z.string().min(1).optional(),
});

export type TSettings = z.output<typeof ZSettingsSchema>;

/** Where signed conventions are published on data.gouv.fr, when the three settings are set. */
export const dataGouvOf = (settings: TSettings) =>
  settings.DATAGOUV_API_URL && settings.DATAGOUV_API_KEY && settings.DATAGOUV_DATASET
    ? {
        apiUrl: settings.DATAGOUV_API_URL,
        apiKey: settings.DATAGOUV_API_KEY,
        dataset: settings.DATAGOUV_DATASET,
      }
    : undefined;

/** `host:port`, an IPv6 address in brackets, as a listener's address is written. */
export const hostPort = (host: string, port: number) =>
  host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;

/** Comma-separated addresses, e.g. `admin@example.org, dinum@example.org`. */
const addresses = z
  .string()
  .transform((text) =>
    text
      .split(',')
      .map((address) => address.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.email({ error: 'expected comma-separated email addresses' })))
  .default([]);

/** The web console's own settings (its address for emails is CONSOLE_URL, above). */
export const ZConsoleSettingsSchema = z.object({
  CONSOLE_PORT: port.default(3000),
  /** Signs the session cookies and CSRF tokens: a long random string, kept secret and stable. */
  SESSION_SECRET: z.string().min(32, 'at least 32 characters, random'),
  /** The console's sign-in links and sessions, when DATABASE_URL is unset (SQLite). */
  CONSOLE_DB: z.string().min(1).default('.data/console.sqlite'),
  /** Who may start a convention from its file in the console. */
  CONSOLE_ADMINS: addresses,
  /** Who may decode payloads through the codec endpoint. */
  CODEC_ADMINS: addresses,
  /** The Temporal UI's address: the codec endpoint answers its browser calls (CORS). */
  TEMPORAL_UI_URL: z.url({ protocol: /^https?$/, error: 'expected http(s)://host[:port]' }).optional(),
});

export type TConsoleSettings = z.output<typeof ZConsoleSettingsSchema>;

/** What only `npm start` reads, besides the settings above: the ports of its own servers, its folder. */
export const ZStackSettingsSchema = z.object({
  /** The Temporal Web UI; by default the Temporal port + 1000 (8233). */
  TEMPORAL_UI_PORT: port.optional(),
  /** The mail catcher's web page and API (MailDev); its SMTP port is SMTP_URL's. */
  MAIL_WEB_PORT: port.default(1080),
  /** Where the dev server's SQLite file, the caught emails and the logs are kept. */
  DATA_DIR: z.string().min(1).default('.data'),
  /** It runs the console too. */
  CONSOLE_PORT: ZConsoleSettingsSchema.shape.CONSOLE_PORT,
});

export type TStackSettings = z.output<typeof ZStackSettingsSchema>;

export function loadConsoleSettings(env: NodeJS.ProcessEnv = process.env): TConsoleSettings {
  return parseSettings(ZConsoleSettingsSchema, env);
}

export class ConfigError extends Error {}

function parseSettings<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): z.output<S> {
  const result = schema.safeParse(env);
  if (!result.success)
    throw new ConfigError(`invalid configuration:\n  ${describeIssues(result.error.issues).join('\n  ')}`);
  return result.data;
}

export function loadStackSettings(env: NodeJS.ProcessEnv = process.env): TStackSettings {
  return parseSettings(ZStackSettingsSchema, env);
}

export function loadSettings(env: NodeJS.ProcessEnv = process.env): TSettings {
  const file = env.PAYLOAD_KEYS_FILE ?? ZSettingsSchema.shape.PAYLOAD_KEYS_FILE.parse(undefined);
  const keysFromFile =
    env.PAYLOAD_KEYS === undefined && existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
  const fileFault = keysFromFile === undefined ? undefined : parsePayloadKeys(keysFromFile);
  if (typeof fileFault === 'string')
    throw new ConfigError(`invalid configuration:\n  PAYLOAD_KEYS_FILE (${file}): ${fileFault}`);
  const settings = parseSettings(ZSettingsSchema, {
    ...env,
    ...(keysFromFile === undefined ? {} : { PAYLOAD_KEYS: keysFromFile }),
  });
  if (Boolean(settings.TEMPORAL_TLS_CERT) !== Boolean(settings.TEMPORAL_TLS_KEY))
    throw new ConfigError(
      'invalid configuration:\n  TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together: set both or neither',
    );
  const dataGouv = [settings.DATAGOUV_API_URL, settings.DATAGOUV_API_KEY, settings.DATAGOUV_DATASET];
  if (dataGouv.some(Boolean) && !dataGouv.every(Boolean))
    throw new ConfigError(
      'invalid configuration:\n  DATAGOUV_API_URL, DATAGOUV_API_KEY and DATAGOUV_DATASET go together: set all three or none',
    );
  return settings;
}

export interface TemporalConnectionOptions {
  address: string;
  apiKey?: string;
  tls?: boolean | { clientCertPair?: { crt: Buffer; key: Buffer }; serverRootCACertificate?: Buffer };
}

function tlsOptions(settings: TSettings): TemporalConnectionOptions['tls'] {
  const { TEMPORAL_TLS_CERT: cert, TEMPORAL_TLS_KEY: key, TEMPORAL_TLS_CA: ca } = settings;
  if (!cert && !ca) return settings.TEMPORAL_TLS || settings.TEMPORAL_API_KEY ? true : undefined;
  return {
    clientCertPair: cert && key ? { crt: readFileSync(cert), key: readFileSync(key) } : undefined,
    serverRootCACertificate: ca ? readFileSync(ca) : undefined,
  };
}

/** Options for `Connection.connect` (client) and `NativeConnection.connect` (worker) alike. */
export function temporalConnectionOptions(settings: TSettings): TemporalConnectionOptions {
  return { address: settings.TEMPORAL_ADDRESS, apiKey: settings.TEMPORAL_API_KEY, tls: tlsOptions(settings) };
}
