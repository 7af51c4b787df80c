import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { readConventionFile } from '../client/files';
import { IdUsed, startBroughtIn, startConvention, type StartDeps } from '../client/start';
import type { THistory } from '../domain/bring-in';
import { executeCommand } from '../client/temporal';
import type { TConvention } from '../domain/convention';
import { addCalendarDays, localDateOf, type LocalDate } from '../domain/dates';
import { yearEndDates } from '../domain/budget';
import { signatories } from '../domain/roles';
import { statusQuery, workflowIdFor } from '../workflows/messages';
import { conventionDataConverter, newPayloadKeys, parsePayloadKeys, type PayloadKey } from '../crypto/codec';
import { ConfigError, type TSettings, type TStackSettings } from '../config';
import { openRegister } from '../store/open';
import { ensureSearchAttributes } from '../temporal/search-attributes';
import { devServerArgs, temporalCliPath } from '../temporal/servers';

// `npm start`: the whole product on one machine. Temporal's dev server on a SQLite file, MailDev
// catching every email, the worker, the web console, and the seed convention. Each runs as a child process in its
// own process group, so that Ctrl-C reaches only this one, which stops them in order: the worker
// first (it drains), then the mail catcher, then Temporal (which flushes its database).

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SEED_FILE = join(PROJECT_ROOT, 'fixtures', 'camino-2020.yaml');
const DEFAULT_METRICS_PORT = 9464;

export interface StackPorts {
  temporal: number;
  temporalUi: number;
  smtp: number;
  mailWeb: number;
  metrics: number;
  console: number;
}

/** `localhost:7233` → 7233; the stack runs its own servers, so they must be local. */
function localPort(setting: string, value: string, defaultPort?: number): number {
  const match = /^(?:[a-z]+:\/\/)?(?:[^@/]*@)?(localhost|127\.0\.0\.1)(?::(\d+))?\/?$/.exec(value);
  const port = match?.[2] ? Number(match[2]) : match ? defaultPort : undefined;
  if (!port)
    throw new ConfigError(
      `${setting}=${value}: npm start runs its own server there, so it must be localhost:PORT`,
    );
  return port;
}

export function stackPorts(settings: TSettings, stack: TStackSettings): StackPorts {
  const temporal = localPort('TEMPORAL_ADDRESS', settings.TEMPORAL_ADDRESS);
  return {
    temporal,
    temporalUi: stack.TEMPORAL_UI_PORT ?? temporal + 1000,
    smtp: localPort('SMTP_URL', settings.SMTP_URL, 25),
    mailWeb: stack.MAIL_WEB_PORT,
    metrics: settings.METRICS_PORT ?? DEFAULT_METRICS_PORT,
    console: stack.CONSOLE_PORT,
  };
}

const PORT_SETTINGS: Record<keyof StackPorts, string> = {
  temporal: 'TEMPORAL_ADDRESS',
  temporalUi: 'TEMPORAL_UI_PORT',
  smtp: 'SMTP_URL',
  mailWeb: 'MAIL_WEB_PORT',
  metrics: 'METRICS_PORT',
  console: 'CONSOLE_PORT',
};

/** The console's session secret: SESSION_SECRET if set, else one made once and kept in the data folder. */
function sessionSecret(dataDir: string): string {
  if (process.env.SESSION_SECRET) return process.env.SESSION_SECRET;
  const file = join(dataDir, 'session-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/**
 * The payload keys: PAYLOAD_KEYS or its file if set, else a key made once and kept in the data
 * folder (every process of the stack, and the CLI run from here, read it from that file).
 */
function payloadKeys(settings: TSettings, dataDir: string): { keys: readonly PayloadKey[]; file?: string } {
  if (settings.PAYLOAD_KEYS) return { keys: settings.PAYLOAD_KEYS };
  const file = join(dataDir, 'payload-keys');
  if (!existsSync(file))
    writeFileSync(file, newPayloadKeys(new Date().toISOString().slice(0, 7)), { mode: 0o600 });
  const keys = parsePayloadKeys(readFileSync(file, 'utf8').trim());
  if (typeof keys === 'string') throw new ConfigError(`${file}: ${keys}`);
  return { keys, file };
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    // The wildcard address conflicts with a listener on any address of this machine.
    const server = createServer()
      .once('error', () => done(false))
      .listen(port, '0.0.0.0', () => server.close(() => done(true)));
  });
}

/** Refuses to start when a port is taken, naming the setting that moves it. */
export async function checkPortsFree(ports: StackPorts): Promise<void> {
  for (const [name, port] of Object.entries(ports) as [keyof StackPorts, number][])
    if (!(await portIsFree(port)))
      throw new ConfigError(
        `port ${port} is already taken (${PORT_SETTINGS[name]}): is another npm start running? ` +
          `Stop what uses it, or choose another port with ${PORT_SETTINGS[name]}.`,
      );
}

interface Child {
  name: string;
  process: ChildProcess;
  logFile: string;
  exited: Promise<void>;
}

function startChild(
  name: string,
  command: string,
  args: string[],
  logFile: string,
  env: NodeJS.ProcessEnv = process.env,
): Child {
  const log = createWriteStream(logFile, { flags: 'a' });
  log.write(`--- ${new Date().toISOString()} ${name} starts\n`);
  const child = spawn(command, args, {
    env,
    cwd: PROJECT_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  void exited.then(() => log.end());
  return { name, process: child, logFile, exited };
}

async function stopChild({ process: child, exited }: Child, graceMs = 20_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** Polls `ready` until it holds; fails at once, with its log's last lines, if the child dies first. */
async function waitUntilReady(
  child: Child,
  ready: () => Promise<boolean>,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.process.exitCode !== null || child.process.signalCode !== null)
      throw new Error(
        `${child.name} stopped while starting; the end of ${child.logFile}:\n${tail(child.logFile)}`,
      );
    if (await ready().catch(() => false)) return;
    if (Date.now() > deadline)
      throw new Error(`${child.name} not ready after ${timeoutMs / 1000} s; see ${child.logFile}`);
    await new Promise((wake) => setTimeout(wake, 250));
  }
}

const answers = (url: string) => fetch(url).then((response) => response.ok);

export interface SeedOutcome {
  conventionId: string;
  started: boolean;
  /** Its lifecycle state, its workflow's closed status, or FORGOTTEN. */
  state: string;
}

/** The state of a seed that Temporal no longer knows but the register does: not started again. */
export const FORGOTTEN = 'unknown to Temporal';

/** Starts a convention unless its id served before: its workflow exists, running or not, or its register does. */
async function startIfAbsent(
  deps: StartDeps,
  convention: TConvention,
  start: () => Promise<unknown> = () => startConvention(deps, { convention }),
): Promise<SeedOutcome> {
  let started = true;
  try {
    await start();
  } catch (error) {
    if (!(error instanceof IdUsed)) throw error;
    started = false;
  }
  const handle = deps.client.workflow.getHandle(workflowIdFor(convention.id));
  const status = await handle.describe().then(
    ({ status }) => status.name,
    (error: unknown) => {
      // Temporal's file was deleted, the register's kept: the id stays taken.
      if (error instanceof WorkflowNotFoundError) return undefined;
      throw error;
    },
  );
  const state =
    status === 'RUNNING'
      ? (await handle.query(statusQuery, { at: Date.now() })).state
      : (status?.toLowerCase() ?? FORGOTTEN);
  return { conventionId: convention.id, started, state };
}

/**
 * A copy of the seed to try a committee decision and a credits request at once: committees every
 * month, convened 45 days ahead, so that the first is convened as soon as the convention is in
 * force; DGPR's credits made available on request. Its admin signs for every party and publishes
 * it; the register says so. Started after the seed's fin de gestion (in December), its year's
 * engagements and payments run to 31 December: its credits are this year's, which the seed's days
 * would close the day it starts.
 */
export function demoOf(seed: TConvention, today: LocalDate): TConvention {
  // DGPR makes its credits available on request, the first half by next month: a credits request to answer.
  const echeancier = [{ date: addCalendarDays(today, 30), ae: '50000.00', cp: '50000.00' }];
  const { yearEnd } = seed.schedule;
  const closed = today > yearEndDates(yearEnd, Number(today.slice(0, 4))).engagements;
  return {
    ...seed,
    id: `${seed.id}-demo`,
    title: `${seed.title} — démonstration`,
    schedule: {
      ...seed.schedule,
      committeeEveryMonths: 1,
      committeeNoticeDays: [45, 7],
      ...(closed ? { yearEnd: { ...yearEnd, lastEngagementDay: '12-31', lastPaymentDay: '12-31' } } : {}),
    },
    budget: seed.budget.map((line) => (line.funder === 'DGPR' ? { ...line, echeancier } : line)),
  };
}

/**
 * The demo's past: signed by every party and its Chorus habilitations confirmed today, brought in
 * as such (no signature or Chorus request goes out for what its admin does at once). Its
 * publication is then recorded live, so that the email of the convention in force and the first
 * convocation go as they would.
 */
function demoPast(convention: TConvention, today: LocalDate): THistory {
  return {
    document: 'démonstration (npm start)',
    signatures: signatories(convention).map((party) => ({
      party: party.id,
      on: today,
      signatory: party.representative.name,
    })),
    chorus: { on: today },
    amendments: [],
    engagements: [],
    payments: [],
    committees: [],
    reports: [],
  };
}

async function publish(client: Client, convention: TConvention): Promise<void> {
  const handle = client.workflow.getHandle(workflowIdFor(convention.id));
  await executeCommand(handle, 'publish', {
    where: 'démonstration (npm start)',
    as: convention.roles.admins[0]!,
  });
}

function readSeed(): TConvention {
  const read = readConventionFile(SEED_FILE);
  if (!read.ok) throw new Error(`${SEED_FILE}: ${read.errors.join('; ')}`);
  return read.value;
}

/** The seed as it is, and its demo copy in force. */
async function startSeeds(deps: StartDeps): Promise<{ seed: SeedOutcome; demo: SeedOutcome }> {
  const seedConvention = readSeed();
  const seed = await startIfAbsent(deps, seedConvention);
  const today = localDateOf(Date.now(), seedConvention.schedule.timezone);
  const demoConvention = demoOf(seedConvention, today);
  let demo = await startIfAbsent(deps, demoConvention, () =>
    startBroughtIn(deps, demoConvention, demoPast(demoConvention, today), demoConvention.roles.admins[0]!),
  );
  if (demo.started) {
    await publish(deps.client, demoConvention);
    demo = { ...demo, state: 'in-force' };
  }
  return { seed, demo };
}

export interface Stack {
  ports: StackPorts;
  dataDir: string;
  seed: SeedOutcome;
  demo: SeedOutcome;
  /** Resolves if a part of the stack stops on its own (it names which). */
  failed: Promise<string>;
  stop(): Promise<void>;
}

export async function startStack(settings: TSettings, stack: TStackSettings): Promise<Stack> {
  const ports = stackPorts(settings, stack);
  await checkPortsFree(ports);
  const dataDir = resolve(PROJECT_ROOT, stack.DATA_DIR);
  // What the stack and its children write (the register, the caught emails, Temporal's database,
  // the logs) holds people's names and decisions: for this user only, as the secrets are.
  process.umask(0o077);
  const logs = join(dataDir, 'logs');
  mkdirSync(logs, { recursive: true });
  mkdirSync(join(dataDir, 'mails'), { recursive: true });
  mkdirSync(dirname(resolve(PROJECT_ROOT, settings.REGISTER_PATH)), { recursive: true });

  const { keys, file: keysFile } = payloadKeys(settings, dataDir);
  // Emails link to the console's forms; the Temporal UI asks its codec endpoint for clear payloads.
  const consoleUrl = settings.CONSOLE_URL ?? `http://localhost:${ports.console}`;
  const temporalUiUrl = `http://localhost:${ports.temporalUi}`;
  const childEnv = { ...process.env, ...(keysFile ? { PAYLOAD_KEYS_FILE: keysFile } : {}) };

  const children: Child[] = [];
  let stopping = false;
  const stop = async () => {
    stopping = true;
    for (const child of [...children].reverse()) await stopChild(child);
  };
  try {
    const temporal = startChild(
      'Temporal dev server',
      temporalCliPath(),
      [
        ...devServerArgs({ port: ports.temporal, dbFilename: join(dataDir, 'temporal.sqlite') }),
        '--ui-port',
        String(ports.temporalUi),
        '--ui-disable-news-fetch',
        '--ui-codec-endpoint',
        new URL('/codec', consoleUrl).href,
      ],
      join(logs, 'temporal.log'),
    );
    children.push(temporal);
    let connection: Connection | undefined;
    await waitUntilReady(temporal, async () => {
      connection = await Connection.connect({
        address: `127.0.0.1:${ports.temporal}`,
        connectTimeout: '1 second',
      });
      return true;
    });
    try {
      await ensureSearchAttributes(connection!.operatorService, settings.TEMPORAL_NAMESPACE);
      await waitUntilReady(temporal, () => answers(`http://127.0.0.1:${ports.temporalUi}/`));

      const maildevBin = join(dirname(fileURLToPath(import.meta.resolve('maildev'))), 'bin', 'maildev.js');
      const mail = startChild(
        'MailDev',
        process.execPath,
        [
          maildevBin,
          '--ip',
          '127.0.0.1',
          '--smtp',
          String(ports.smtp),
          '--web-ip',
          '127.0.0.1',
          '--web',
          String(ports.mailWeb),
          '--mail-directory',
          join(dataDir, 'mails'),
        ],
        join(logs, 'maildev.log'),
      );
      children.push(mail);
      await waitUntilReady(mail, () => answers(`http://127.0.0.1:${ports.mailWeb}/api/healthz`));

      const worker = startChild(
        'worker',
        process.execPath,
        ['--import', 'tsx', join(PROJECT_ROOT, 'worker', 'main.ts')],
        join(logs, 'worker.log'),
        { ...childEnv, METRICS_PORT: String(ports.metrics), CONSOLE_URL: consoleUrl },
      );
      children.push(worker);
      await waitUntilReady(worker, () => answers(`http://127.0.0.1:${ports.metrics}/metrics`));

      const web = startChild(
        'web console',
        process.execPath,
        ['--import', 'tsx', join(PROJECT_ROOT, 'client', 'web', 'main.ts')],
        join(logs, 'console.log'),
        {
          ...childEnv,
          CONSOLE_PORT: String(ports.console),
          TEMPORAL_UI_URL: process.env.TEMPORAL_UI_URL ?? temporalUiUrl,
          // The seed's admins may read clear payloads in the Temporal UI, and start conventions.
          CODEC_ADMINS: process.env.CODEC_ADMINS ?? readSeed().roles.admins.join(','),
          CONSOLE_ADMINS: process.env.CONSOLE_ADMINS ?? readSeed().roles.admins.join(','),
          CONSOLE_URL: consoleUrl,
          SESSION_SECRET: sessionSecret(dataDir),
          CONSOLE_DB: process.env.CONSOLE_DB ?? join(dataDir, 'console.sqlite'),
        },
      );
      children.push(web);
      await waitUntilReady(web, () => answers(`http://127.0.0.1:${ports.console}/connexion`));

      const client = new Client({
        connection: connection!,
        namespace: settings.TEMPORAL_NAMESPACE,
        dataConverter: conventionDataConverter(keys),
      });
      // The worker's register: where the seeds of an earlier npm start left their traces.
      const register = await openRegister(settings);
      const { seed, demo } = await startSeeds({
        client,
        taskQueue: settings.TEMPORAL_TASK_QUEUE,
        register,
      }).finally(() => register.close());
      const failed = Promise.race(children.map((child) => child.exited.then(() => child))).then(
        async (child) => {
          if (!stopping) await stop();
          return `${child.name} stopped on its own; the end of ${child.logFile}:\n${tail(child.logFile)}`;
        },
      );
      return { ports, dataDir, seed, demo, failed, stop };
    } finally {
      await connection?.close();
    }
  } catch (error) {
    await stop();
    throw error;
  }
}
