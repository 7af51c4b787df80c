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

// No Docker engine runs here: the production compose file is checked by reading it. Its services
// must fit together, and the worker's environment must be exactly what the worker's configuration
// schema accepts, pointing at the services that are there.

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
const { services } = compose;
const environmentOf = (service: Service, vars = OPERATOR_ENV) =>
  Object.fromEntries(
    Object.entries(service.environment ?? {}).map(([name, value]) => [name, interpolate(value, vars)]),
  );
const worker = services.worker!;
const env = environmentOf(worker);

/** `host:port` → [host, port]. */
const hostPort = (address: string) => {
  const [, host, port] = /^(?:[a-z]+:\/\/)?([^:/]+):(\d+)$/.exec(address)!;
  return [host!, Number(port)] as const;
};
const publishedContainerPorts = (service: Service) =>
  (service.ports ?? []).map((mapping) => Number(mapping.split(':').at(-1)));

describe('docker-compose.yml', () => {
  it('has Temporal on PostgreSQL, its schema and namespace jobs, the UI, the worker and a mail catcher', () => {
    expect(Object.keys(services).sort()).toEqual([
      'console',
      'mailcatcher',
      'postgresql',
      'temporal',
      'temporal-namespace',
      'temporal-schema',
      'temporal-ui',
      'worker',
    ]);
    expect(services.postgresql!.image).toMatch(/^postgres:\d+/);
    expect(services.temporal!.image).toMatch(/^temporalio\/server:\d+\.\d+\.\d+$/);
    expect(services['temporal-ui']!.image).toMatch(/^temporalio\/ui:\d+\.\d+\.\d+$/);
    // Same server version for the schema tool as for the server it prepares.
    const version = services.temporal!.image!.split(':')[1];
    expect(services['temporal-schema']!.image).toBe(`temporalio/admin-tools:${version}`);
    expect(services['temporal-namespace']!.image).toBe(`temporalio/admin-tools:${version}`);
  });

  it('points Temporal and its schema job at the PostgreSQL service with its credentials', () => {
    const db = services.postgresql!.environment!;
    for (const name of ['temporal', 'temporal-schema']) {
      const environment = services[name]!.environment!;
      expect(environment.POSTGRES_SEEDS, name).toBe('postgresql');
      expect(environment.DB, name).toBe('postgres12');
      expect(environment.POSTGRES_USER, name).toBe(db.POSTGRES_USER);
      expect(environment.POSTGRES_PWD, name).toBe(db.POSTGRES_PASSWORD);
    }
    expect(services['temporal-schema']!.environment!.SQL_PASSWORD).toBe(db.POSTGRES_PASSWORD);
    expect(services.temporal!.depends_on).toEqual({
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

  it('gives the worker exactly the settings its configuration schema accepts', () => {
    const known = Object.keys(ZSettingsSchema.shape);
    expect(Object.keys(env).filter((name) => !known.includes(name))).toEqual([]);
    const settings = loadSettings(env);
    expect(settings.TEMPORAL_TASK_QUEUE).toBe('conventions');
    expect(settings.METRICS_PORT).toBe(9464);
  });

  it('connects the worker and the UI to the Temporal service, and the worker to the mail catcher', () => {
    const settings = loadSettings(env);
    const [temporalHost, temporalPort] = hostPort(settings.TEMPORAL_ADDRESS);
    expect(services[temporalHost]!.image).toMatch(/^temporalio\/server:/);
    expect(publishedContainerPorts(services[temporalHost]!)).toContain(temporalPort);
    expect(services['temporal-ui']!.environment!.TEMPORAL_ADDRESS).toBe(settings.TEMPORAL_ADDRESS);
    expect(services['temporal-namespace']!.environment!.TEMPORAL_ADDRESS).toBe(settings.TEMPORAL_ADDRESS);
    expect(services['temporal-namespace']!.environment!.NAMESPACE).toBe(settings.TEMPORAL_NAMESPACE);

    const [smtpHost, smtpPort] = hostPort(settings.SMTP_URL);
    const catcher = services[smtpHost]!;
    expect(catcher.image).toMatch(/^maildev\/maildev:/);
    expect(Number(catcher.environment!.MAILDEV_SMTP_PORT)).toBe(smtpPort);
    expect(publishedContainerPorts(catcher)).toContain(Number(catcher.environment!.MAILDEV_WEB_PORT));

    expect(Object.keys(worker.depends_on!).sort()).toEqual(['mailcatcher', 'temporal-namespace']);
  });

  it("runs the web console from the same image, on the worker's Temporal, SMTP and register", () => {
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
      'REGISTER_PATH',
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
    expect(web.volumes).toEqual(worker.volumes);
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
    expect(() => environmentOf(worker, { ...OPERATOR_ENV, PAYLOAD_KEYS: '' })).toThrow(/^PAYLOAD_KEYS: set/);
  });

  it('publishes the metrics port and keeps the register on a volume', () => {
    const settings = loadSettings(env);
    expect(publishedContainerPorts(worker)).toContain(settings.METRICS_PORT);
    const [volume, mountPoint] = worker.volumes![0]!.split(':');
    expect(Object.keys(compose.volumes)).toContain(volume);
    expect(settings.REGISTER_PATH.startsWith(`${mountPoint}/`)).toBe(true);
  });

  it("builds the worker from a Dockerfile that copies the worker's code and starts worker/main.ts", () => {
    expect(worker.build).toBe('.');
    const dockerfile = text('Dockerfile');
    for (const folder of [
      'activities',
      'client',
      'config',
      'crypto',
      'domain',
      'mail',
      'temporal',
      'workflows',
      'worker',
    ])
      expect(dockerfile, folder).toContain(`COPY ${folder} ./${folder}`);
    expect(dockerfile).toContain('CMD ["node", "--import", "tsx", "worker/main.ts"]');
    // The image's defaults agree with the compose file.
    expect(dockerfile).toContain(`REGISTER_PATH=${env.REGISTER_PATH}`);
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
