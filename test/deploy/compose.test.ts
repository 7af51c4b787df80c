import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  loadConsoleSettings,
  loadSettings,
  ZConsoleSettingsSchema,
  ZSettingsSchema,
  ZStackSettingsSchema,
} from '../../config';
import { COMPOSE_SERVER_NAMES } from '../../scripts/make-certificates';
import { postgresMajorVersion } from '../helpers/postgres';
import {
  CLUSTER_VERSION,
  clusterConfig,
  SERVICES,
  type Service as TemporalService,
  type ServicePorts,
} from '../cluster/temporal-cluster';

// No Docker engine runs here: the production compose file is checked by reading it. Its services
// must fit together, the workers' environment must be exactly what their configuration schema
// accepts, pointing at the services that are there, and it must describe what `npm run
// test:cluster` ran: Temporal's services, version, persistence and TLS.

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const text = (path: string) => readFileSync(root(path), 'utf8');

interface Service {
  image?: string;
  build?: string | { context: string; dockerfile?: string };
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  entrypoint?: string[];
}
/** What an operator puts in `.env` beside the compose file. */
const OPERATOR_ENV: Record<string, string> = {
  SESSION_SECRET: 'an operator secret of forty random characters',
  PAYLOAD_KEYS: `2026-11:${Buffer.alloc(32, 1).toString('base64')}`,
};

/** Compose's `${NAME:?message}` and `${NAME:-default}`, from `vars`. */
function interpolate(value: string, vars: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::([?-])([^}]*))?\}/g, (_all, name: string, kind?: string, rest = '') => {
    const given = vars[name];
    if (given) return given;
    if (kind === '?') throw new Error(`${name}: ${rest}`);
    return kind === '-' ? rest : '';
  });
}

const compose = parse(text('docker-compose.yml'), { merge: true }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const tlsOverlay = parse(text('docker-compose.tls.yml'), { merge: true }) as {
  services: Record<string, Service>;
};
const { services } = compose;
const environmentOf = (service: Service, vars = OPERATOR_ENV) =>
  Object.fromEntries(
    Object.entries(service.environment ?? {}).map(([name, value]) => [name, interpolate(value, vars)]),
  );
/** A service as `docker compose -f docker-compose.yml -f docker-compose.tls.yml` makes it. */
const withTls = (name: string): Service => {
  const base = services[name]!;
  const overlay = tlsOverlay.services[name] ?? {};
  return {
    ...base,
    environment: { ...base.environment, ...overlay.environment },
    volumes: [...(base.volumes ?? []), ...(overlay.volumes ?? [])],
  };
};
const WORKERS = ['worker-1', 'worker-2'];
const worker = services['worker-1']!;
const env = environmentOf(worker);

/** `host:port` → [host, port]. */
const hostPort = (address: string) => {
  const [, host, port] = /^(?:[a-z]+:\/\/)?([^:/]+):(\d+)$/.exec(address)!;
  return [host!, Number(port)] as const;
};
const publishedContainerPorts = (service: Service) =>
  (service.ports ?? []).map((mapping) => Number(mapping.split(':').at(-1)));
const temporalServiceOf = (service: TemporalService) => services[`temporal-${service}`]!;

/** The configuration `npm run test:cluster` ran Temporal with. */
const tested = clusterConfig({
  postgresPort: 5432,
  ports: Object.fromEntries(
    SERVICES.map((service) => [service, { grpc: 7233, membership: 6933 }]),
  ) as ServicePorts,
  certificates: {
    ca: 'ca.pem',
    serverCert: 'server.pem',
    serverKey: 'server.key',
    clientCert: 'client.pem',
    clientKey: 'client.key',
  },
  dynamicConfigFile: 'dynamicconfig.yaml',
}).config;

describe('docker-compose.yml', () => {
  it("has Temporal's four services on PostgreSQL, its jobs, the UI, two workers, the console and a mail catcher", () => {
    expect(Object.keys(services).sort()).toEqual(
      [
        'console',
        'mailcatcher',
        'postgresql',
        'temporal-namespace',
        'temporal-schema',
        'temporal-ui',
        ...SERVICES.map((service) => `temporal-${service}`),
        ...WORKERS,
      ].sort(),
    );
    expect(services['temporal-ui']!.image).toMatch(/^temporalio\/ui:\d+\.\d+\.\d+$/);
    expect(services['temporal-schema']!.image).toBe(`temporalio/admin-tools:${CLUSTER_VERSION}`);
    expect(services['temporal-namespace']!.image).toBe(`temporalio/admin-tools:${CLUSTER_VERSION}`);
  });

  it('runs the topology, versions and persistence the cluster test ran', () => {
    expect(Object.keys(tested.services).sort()).toEqual([...SERVICES].sort());
    for (const service of SERVICES) {
      const container = temporalServiceOf(service);
      const environment = container.environment!;
      expect(container.image, service).toBe(`temporalio/server:${CLUSTER_VERSION}`);
      expect(environment.SERVICES, service).toBe(service);
      expect(Number(environment.NUM_HISTORY_SHARDS), service).toBe(tested.persistence.numHistoryShards);
      const { datastores } = tested.persistence;
      expect(environment.DB, service).toBe(datastores['postgres-default'].sql.pluginName);
      expect(environment.DBNAME, service).toBe(datastores['postgres-default'].sql.databaseName);
      expect(environment.VISIBILITY_DBNAME, service).toBe(datastores['postgres-visibility'].sql.databaseName);
    }
    // The PostgreSQL major version the cluster test ran on.
    expect(services.postgresql!.image).toBe(`postgres:${postgresMajorVersion()}`);
  });

  it('points Temporal and its schema job at the PostgreSQL service with its credentials', () => {
    const db = services.postgresql!.environment!;
    for (const name of [...SERVICES.map((service) => `temporal-${service}`), 'temporal-schema']) {
      const environment = services[name]!.environment!;
      expect(environment.POSTGRES_SEEDS, name).toBe('postgresql');
      expect(environment.POSTGRES_USER, name).toBe(db.POSTGRES_USER);
      expect(environment.POSTGRES_PWD, name).toBe(db.POSTGRES_PASSWORD);
    }
    expect(services['temporal-schema']!.environment!.SQL_PASSWORD).toBe(db.POSTGRES_PASSWORD);
    for (const service of SERVICES)
      expect(temporalServiceOf(service).depends_on).toEqual({
        'temporal-schema': { condition: 'service_completed_successfully' },
      });
  });

  it('runs scripts that exist, and mounts them where the entrypoints look', () => {
    for (const name of ['temporal-schema', 'temporal-namespace']) {
      const service = services[name]!;
      expect(service.volumes).toContain('./deploy/temporal:/scripts:ro');
      const script = service.entrypoint!.at(-1)!.replace('/scripts/', 'deploy/temporal/');
      expect(existsSync(root(script)), script).toBe(true);
    }
  });

  it('gives each worker exactly the settings its configuration schema accepts, the same for both', () => {
    const known = Object.keys(ZSettingsSchema.shape);
    expect(Object.keys(env).filter((name) => !known.includes(name))).toEqual([]);
    const settings = loadSettings(env);
    expect(settings.TEMPORAL_TASK_QUEUE).toBe('conventions');
    expect(settings.METRICS_PORT).toBe(9464);
    expect(environmentOf(services['worker-2']!)).toEqual(env);
    expect(services['worker-2']!.build).toBe(worker.build);
  });

  it('keeps our data on PostgreSQL, in the database the schema job creates, for the workers and the console', () => {
    const schemaJob = services['temporal-schema']!.environment!;
    for (const name of [...WORKERS, 'console']) {
      const { DATABASE_URL } = loadSettings(environmentOf(services[name]!));
      const url = new URL(DATABASE_URL!);
      expect(url.hostname, name).toBe('postgresql');
      expect(url.pathname, name).toBe(`/${schemaJob.OUR_DATABASE}`);
      expect(decodeURIComponent(url.username), name).toBe(
        interpolate(schemaJob.POSTGRES_USER!, OPERATOR_ENV),
      );
    }
    expect(text('deploy/temporal/setup-postgres.sh')).toContain('sql "$OUR_DATABASE" create');
  });

  it('connects the workers and the UI to the frontend, and the workers to the mail catcher', () => {
    const settings = loadSettings(env);
    const [temporalHost, temporalPort] = hostPort(settings.TEMPORAL_ADDRESS);
    expect(temporalHost).toBe('temporal-frontend');
    expect(publishedContainerPorts(services[temporalHost]!)).toContain(temporalPort);
    expect(services['temporal-ui']!.environment!.TEMPORAL_ADDRESS).toBe(settings.TEMPORAL_ADDRESS);
    expect(services['temporal-namespace']!.environment!.TEMPORAL_ADDRESS).toBe(settings.TEMPORAL_ADDRESS);
    expect(services['temporal-namespace']!.environment!.NAMESPACE).toBe(settings.TEMPORAL_NAMESPACE);
    for (const service of SERVICES)
      expect(temporalServiceOf(service).environment!.PUBLIC_FRONTEND_ADDRESS).toBe(settings.TEMPORAL_ADDRESS);

    const [smtpHost, smtpPort] = hostPort(settings.SMTP_URL);
    const catcher = services[smtpHost]!;
    expect(catcher.image).toMatch(/^maildev\/maildev:/);
    expect(Number(catcher.environment!.MAILDEV_SMTP_PORT)).toBe(smtpPort);
    expect(publishedContainerPorts(catcher)).toContain(Number(catcher.environment!.MAILDEV_WEB_PORT));

    expect(Object.keys(worker.depends_on!).sort()).toEqual(['mailcatcher', 'temporal-namespace']);
  });

  it("runs the web console from the same image, on the workers' Temporal, SMTP and data", () => {
    const web = services.console!;
    const known = [...Object.keys(ZSettingsSchema.shape), ...Object.keys(ZConsoleSettingsSchema.shape)];
    const environment = environmentOf(web);
    expect(Object.keys(environment).filter((name) => !known.includes(name))).toEqual([]);
    const settings = loadSettings(environment);
    const consoleSettings = loadConsoleSettings(environment);
    for (const name of [
      'TEMPORAL_ADDRESS',
      'TEMPORAL_NAMESPACE',
      'SMTP_URL',
      'DATABASE_URL',
      'CONSOLE_URL',
    ] as const)
      expect(settings[name], name).toBe(loadSettings(env)[name]);
    expect(web.build).toBe(worker.build);
    expect((web as { command?: string[] }).command).toEqual([
      'node',
      '--import',
      'tsx',
      'client/web/main.ts',
    ]);
    expect(publishedContainerPorts(web)).toContain(consoleSettings.CONSOLE_PORT);
    expect(consoleSettings.TEMPORAL_UI_URL).toBe('http://localhost:8080');
    expect(settings.PAYLOAD_KEYS?.[0]?.id).toBe('2026-11');
    // The UI asks the console to decode, sending its cookie.
    const ui = services['temporal-ui']!.environment!;
    expect(ui.TEMPORAL_CODEC_ENDPOINT).toBe(`${settings.CONSOLE_URL}/codec`);
    expect(ui.TEMPORAL_CODEC_INCLUDE_CREDENTIALS).toBe('true');
  });

  it('refuses to start without a session secret or payload keys, rather than run with known ones or in clear', () => {
    for (const missing of ['SESSION_SECRET', 'PAYLOAD_KEYS']) {
      const vars = { ...OPERATOR_ENV, [missing]: '' };
      expect(() => environmentOf(services.console!, vars), missing).toThrow(new RegExp(`^${missing}: set`));
    }
    for (const name of WORKERS)
      expect(() => environmentOf(services[name]!, { ...OPERATOR_ENV, PAYLOAD_KEYS: '' })).toThrow(
        /^PAYLOAD_KEYS: set/,
      );
  });

  it("publishes each worker's metrics on a port of its own", () => {
    const settings = loadSettings(env);
    const published = WORKERS.map((name) => services[name]!.ports!.map((mapping) => mapping.split(':')[0]));
    expect(new Set(published.flat()).size).toBe(WORKERS.length);
    for (const name of WORKERS)
      expect(publishedContainerPorts(services[name]!)).toContain(settings.METRICS_PORT);
  });

  it('with docker-compose.tls.yml: mutual TLS as the cluster test ran it, between the services and for every client', () => {
    const { frontend, internode } = tested.global.tls;
    const file = (path: string) => path.split('/').at(-1);
    for (const service of SERVICES) {
      const environment = withTls(`temporal-${service}`).environment!;
      expect(environment.TEMPORAL_TLS_REQUIRE_CLIENT_AUTH === 'true', service).toBe(
        frontend.server.requireClientAuth,
      );
      expect(file(environment.TEMPORAL_TLS_FRONTEND_CERT!)).toBe(frontend.server.certFile);
      expect(file(environment.TEMPORAL_TLS_SERVER_CERT!)).toBe(internode.server.certFile);
      expect(file(environment.TEMPORAL_TLS_SERVER_CA_CERT!)).toBe(internode.server.clientCaFiles[0]);
      expect(file(environment.TEMPORAL_TLS_CLIENT1_CA_CERT!)).toBe(frontend.server.clientCaFiles[0]);
      expect(COMPOSE_SERVER_NAMES).toContain(environment.TEMPORAL_TLS_INTERNODE_SERVER_NAME);
    }
    // Our processes present the client certificate and check the server's against the CA, by the
    // frontend's name, which the server certificate carries.
    for (const name of [...WORKERS, 'console']) {
      const settings = loadSettings(environmentOf(withTls(name)));
      expect([
        file(settings.TEMPORAL_TLS_CA!),
        file(settings.TEMPORAL_TLS_CERT!),
        file(settings.TEMPORAL_TLS_KEY!),
      ]).toEqual(['ca.pem', 'client.pem', 'client.key']);
      expect(COMPOSE_SERVER_NAMES).toContain(hostPort(settings.TEMPORAL_ADDRESS)[0]);
      expect(withTls(name).volumes).toContain('./deploy/tls:/etc/conventions/tls:ro');
    }
    expect(Object.keys(tlsOverlay.services).filter((name) => !services[name])).toEqual([]);
  });

  it("builds the worker from a Dockerfile that copies the worker's code and starts worker/main.ts", () => {
    expect(worker.build).toBe('.');
    const dockerfile = text('Dockerfile');
    for (const folder of [
      'activities',
      'client',
      'config',
      'crypto',
      'document',
      'domain',
      'mail',
      'proof',
      'publication',
      'store',
      'temporal',
      'workflows',
      'worker',
    ])
      expect(dockerfile, folder).toContain(`COPY ${folder} ./${folder}`);
    expect(dockerfile).toContain('CMD ["node", "--import", "tsx", "worker/main.ts"]');
    // The image's defaults agree with the compose file.
    expect(dockerfile).toContain(`METRICS_PORT=${env.METRICS_PORT}`);
  });
});

describe('README', () => {
  it('documents every setting of the worker, the console and npm start', () => {
    const readme = text('README.md');
    const settings = [
      ...Object.keys(ZSettingsSchema.shape),
      ...Object.keys(ZStackSettingsSchema.shape),
      ...Object.keys(ZConsoleSettingsSchema.shape),
    ];
    expect(settings.filter((name) => !readme.includes(`| \`${name}\``))).toEqual([]);
  });
});
