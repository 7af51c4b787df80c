import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, release, tmpdir, totalmem, type as osType } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { SMTPServer } from 'smtp-server';
import { readConventionFile, readScenarioFile } from '../client/files';
import { simulate } from '../client/simulate';
import type { CommandName } from '../domain/commands';
import type { TConvention } from '../domain/convention';
import { localDateOf } from '../domain/dates';
import { executeCommand } from '../client/temporal';
import { conventionWorkflow } from '../workflows/convention';
import { workflowIdFor } from '../workflows/messages';
import { conventionDataConverter, newPayloadKeys, parsePayloadKeys, type PayloadKey } from '../crypto/codec';
import { installQuietRuntime, quietBundlerLogger } from '../temporal/runtime';
import { ensureSearchAttributes } from '../temporal/search-attributes';
import { demoOf, SEED_FILE } from '../stack/stack';
import { devServerArgs, startTimeSkippingServer, temporalCliPath } from '../temporal/servers';
import { freePort } from '../test/helpers/ports';
import type { InjectOptions } from 'fastify';
import { SqliteRegister } from '../store/register-sqlite';
import { SqliteSignInStore } from '../store/sign-in-sqlite';
import { SqliteDraftStore } from '../store/drafts-sqlite';
import { SqliteDocumentStore } from '../store/documents-sqlite';
import { createConsole } from '../client/web/server';
import { Signer } from '../client/web/signer';
import { createMailer } from '../mail/mailer';
import { participantHasher } from '../crypto/participants';
import { BARE_WORKFLOWS_PATH, bareActivities } from './bare';
import { bareUpdate, bareUpdateWithoutActivity, bareWorkflow, type BareInput } from './workflows';

// `npm run bench`: figures, not verdicts. Each measure is taken twice, for the convention workflow
// ("ours") and for the floor, a bare workflow with the same timers, activities and updates doing
// nothing (bench/workflows.ts), so that what the product costs shows as a ratio. The dev server
// runs on a SQLite file with the pragmas of `npm start`; the worker is the real worker process.
// Writes bench/results.json and bench/RESULTS.md. Options: --open 1000,10000 --samples 500.

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WORKER_MAIN = join(ROOT, 'worker', 'main.ts');
const BARE_WORKER = join(ROOT, 'bench', 'bare-worker.ts');
const TWO_YEARS = join(ROOT, 'fixtures', 'camino-2020.two-years.scenario.yaml');
const DAY_MS = 86_400_000;

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1]! : fallback;
}
const OPEN = option('open', '1000,10000').split(',').map(Number) as [number, number];
const SAMPLES = Number(option('samples', '500'));
const STARTS_IN_FLIGHT = 50;
const CONSOLE_SAMPLES = 30;
/** Simulations of the two years timed, ours and the floor's: the median is reported (a run varies by ±15 % here). */
const SPEED_RUNS = 3;
const UPDATE_SPACING_MS = 100;

const say = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Kind = 'ours' | 'floor';

interface Latencies {
  p50: number;
  p95: number;
  p99: number;
  samples: number;
}

function latencies(values: number[]): Latencies {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => round(sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!, 1);
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), samples: sorted.length };
}

const round = (value: number, digits = 0) => Math.round(value * 10 ** digits) / 10 ** digits;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function timed<T>(action: () => Promise<T>): Promise<number> {
  const start = performance.now();
  await action();
  return performance.now() - start;
}

/** Runs `action` on 0…count-1 with at most `inFlight` at once. */
async function inParallel(count: number, inFlight: number, action: (i: number) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(inFlight, count) }, async () => {
      while (next < count) await action(next++);
    }),
  );
}

/** An SMTP server that accepts and forgets: the emails' cost on our side, not a mail store's. */
async function smtpSink(): Promise<{ url: string; close(): Promise<void> }> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('end', () => callback());
      stream.resume();
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The worker's own counters, from its Prometheus metrics. */
async function workerCounts(metricsPort: number) {
  const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
  const sum = (name: string) =>
    [...text.matchAll(new RegExp(`^${name}(?:_total)?\\{[^}]*\\} (\\d+)`, 'gm'))].reduce(
      (total, m) => total + Number(m[1]),
      0,
    );
  return {
    activities: sum('temporal_activity_execution_latency_count'),
    workflowTasks: sum('temporal_workflow_task_execution_latency_count'),
    cacheHits: sum('temporal_sticky_cache_hit'),
    cacheMisses: sum('temporal_sticky_cache_miss'),
    cached: sum('temporal_sticky_cache_size'),
  };
}

/** Waits until the worker has run `activities` activities and has had nothing to do for two seconds. */
async function settle(metricsPort: number, activities = 0): Promise<void> {
  let last = { activities: -1, workflowTasks: -1 };
  for (;;) {
    const now = await workerCounts(metricsPort);
    if (
      now.activities >= activities &&
      now.activities === last.activities &&
      now.workflowTasks === last.workflowTasks
    )
      return;
    last = now;
    await pause(2_000);
  }
}

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return round(Number(/^VmRSS:\s+(\d+) kB/m.exec(status)![1]) / 1024, 1);
}

/** The person the console is measured for: the committee secretary of the first convention, named in that one only. */
const secretaryOf = (i: number) => `secretariat-${i}@bench.example.org`;

type ConsoleRead = 'list' | 'actions' | 'signIn' | 'stats';

/**
 * The console's reads, in process (Fastify's inject: no network), as the secretary of convention 0
 * sees them: the list, "Mes actions", a sign-in request, and /stats.
 */
async function consoleReads(
  client: Client,
  registerPath: string,
  smtpUrl: string,
  taskQueue: string,
  keys: readonly PayloadKey[],
  dir: string,
  samples: number,
): Promise<Record<ConsoleRead, Latencies>> {
  const signIn = new SqliteSignInStore(join(dir, `console-${Date.now()}.sqlite`));
  const register = new SqliteRegister(registerPath);
  const mailer = createMailer(smtpUrl);
  const signer = new Signer('a bench secret, long enough to sign sessions');
  const app = await createConsole({
    client,
    register,
    signIn,
    drafts: new SqliteDraftStore(':memory:'),
    documents: new SqliteDocumentStore(':memory:'),
    signer,
    mailer,
    mailFrom: 'Conventions <conventions@example.org>',
    consoleUrl: 'http://localhost:3000',
    taskQueue,
    admins: [],
    hashParticipant: participantHasher(keys),
    signInRequestsPerClient: 1_000_000,
  });
  try {
    const person = secretaryOf(0);
    const cookie = `session=${signer.sign(await signIn.openSession(person, Date.now()))}`;
    const read = async (request: InjectOptions, count: number) => {
      const values: number[] = [];
      for (let i = 0; i < count; i++)
        values.push(
          await timed(async () => {
            const response = await app.inject(request);
            if (response.statusCode >= 400)
              throw new Error(`${response.statusCode} ${response.body.slice(0, 200)}`);
          }),
        );
      return latencies(values);
    };
    return {
      list: await read({ method: 'GET', url: '/conventions', headers: { cookie } }, samples),
      actions: await read({ method: 'GET', url: '/', headers: { cookie } }, samples),
      // A new address each time: the per-address limit stays out of the way.
      signIn: await (async () => {
        const values: number[] = [];
        for (let i = 0; i < samples; i++) {
          const page = await app.inject({ method: 'GET', url: '/connexion' });
          const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
          const visitor = page.cookies.map(({ name, value }) => `${name}=${value}`).join('; ');
          values.push(
            await timed(() =>
              app.inject({
                method: 'POST',
                url: '/connexion',
                headers: { cookie: visitor },
                payload: { email: i % 2 ? secretaryOf(0) : `personne-${i}@bench.example.org`, _csrf: csrf },
              }),
            ),
          );
        }
        return latencies(values);
      })(),
      stats: await read({ method: 'GET', url: '/stats.json' }, samples),
    };
  } finally {
    await app.close();
    mailer.close();
    await register.close();
    await signIn.close();
  }
}

interface DevServerFigures {
  startsPerSecond: number;
  startsPerSecondLarge: number;
  updates: Record<'decide' | 'engage', Latencies>;
  /** The floor only: an Update answered without any activity. */
  updateWithoutActivity?: Latencies;
  rssMiB: Record<string, number>;
  /** Workflows in the worker's cache, when the RSS was read. */
  cached: Record<string, number>;
  /** Worker RSS per cached workflow, from the first size to the second. */
  mibPerCached: number;
  /** Workflow tasks that found their workflow in the cache, over the whole run. */
  cacheHitRatio: number;
  /** Ours only: the console's reads with each number of conventions open. */
  console?: Record<string, Record<ConsoleRead, Latencies>>;
  maxCachedWorkflows: number;
}

async function devServerRun(
  kind: Kind,
  convention: TConvention,
  keys: readonly PayloadKey[],
): Promise<DevServerFigures> {
  const dir = mkdtempSync(join(tmpdir(), `convention-bench-${kind}-`));
  const port = await freePort();
  const metricsPort = await freePort();
  const server = spawn(temporalCliPath(), devServerArgs({ port, dbFilename: join(dir, 'temporal.sqlite') }), {
    stdio: 'ignore',
  });
  const sink = await smtpSink();
  let worker: ChildProcess | undefined;
  const connection = await Connection.lazy({ address: `127.0.0.1:${port}` });
  try {
    const client = new Client({
      connection,
      dataConverter: conventionDataConverter(kind === 'ours' ? keys : undefined),
    });
    for (;;) {
      const up = await client.workflowService.getSystemInfo({}).then(
        () => true,
        () => false,
      );
      if (up) break;
      await pause(250);
    }
    await ensureSearchAttributes(connection.operatorService, 'default');
    const taskQueue = `bench-${kind}`;
    worker = spawn(process.execPath, ['--import', 'tsx', kind === 'ours' ? WORKER_MAIN : BARE_WORKER], {
      env: {
        ...process.env,
        TEMPORAL_ADDRESS: `127.0.0.1:${port}`,
        TEMPORAL_TASK_QUEUE: taskQueue,
        SMTP_URL: sink.url,
        REGISTER_PATH: join(dir, 'register.sqlite'),
        METRICS_PORT: String(metricsPort),
        LOG_LEVEL: 'INFO',
        PAYLOAD_KEYS: keys.map(({ id, key }) => `${id}:${key.toString('base64')}`).join(','),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let maxCachedWorkflows = 0;
    const polling = new Promise<void>((resolve) => {
      worker!.stdout!.on('data', (chunk: Buffer) => {
        for (const line of chunk.toString().split('\n')) {
          const match = /"maxCachedWorkflows":(\d+)/.exec(line);
          if (match) {
            maxCachedWorkflows = Number(match[1]);
            resolve();
          }
        }
      });
    });
    await polling;

    const workflowId = (i: number) => workflowIdFor(`bench-${i}`);
    const bare: BareInput = { activitiesAtStart: 4, timers: 0, timerEveryMs: 0, activitiesOverTimers: 0 };
    const startOne = (i: number) =>
      kind === 'ours'
        ? client.workflow.start(conventionWorkflow, {
            taskQueue,
            workflowId: workflowId(i),
            args: [
              {
                convention: {
                  ...convention,
                  id: `bench-${i}`,
                  roles: {
                    ...convention.roles,
                    committeeSecretary: { ...convention.roles.committeeSecretary, email: secretaryOf(i) },
                  },
                },
              },
            ],
          })
        : client.workflow.start(bareWorkflow, { taskQueue, workflowId: workflowId(i), args: [bare] });
    /** Starts [from, to); returns the starts per second. */
    const startRange = async (from: number, to: number) => {
      const ms = await timed(() => inParallel(to - from, STARTS_IN_FLIGHT, (i) => startOne(from + i)));
      return round(((to - from) * 1000) / ms, 1);
    };

    say(`${kind}: starting ${OPEN[0]} workflows`);
    const startsPerSecond = await startRange(0, OPEN[0]);
    // Each convention sends its four signature requests; the floor runs four activities.
    await settle(metricsPort, 4 * OPEN[0]);
    const rss: Record<string, number> = { [OPEN[0]]: rssMiB(worker.pid!) };
    const cached: Record<string, number> = { [OPEN[0]]: (await workerCounts(metricsPort)).cached };
    const readConsole = () =>
      consoleReads(client, join(dir, 'register.sqlite'), sink.url, taskQueue, keys, dir, CONSOLE_SAMPLES);
    const consoleFigures: Record<string, Record<ConsoleRead, Latencies>> = {};
    if (kind === 'ours') {
      say(`ours: the console's reads, ${OPEN[0]} open`);
      consoleFigures[OPEN[0]] = await readConsole();
    }

    // The same Update for every sample: a convention in force, with its first committee convened.
    const send = (i: number, name: CommandName, payload: Record<string, unknown>): Promise<unknown> => {
      const handle = client.workflow.getHandle(workflowId(i));
      return kind === 'ours'
        ? executeCommand(handle, name, payload)
        : handle.executeUpdate(bareUpdate, { args: [payload] });
    };
    const samples = Math.min(SAMPLES, OPEN[0]);
    if (kind === 'ours') {
      say(`ours: putting ${samples} conventions in force`);
      const as = convention.roles.admins[0]!;
      await inParallel(samples, 10, async (i) => {
        for (const party of convention.parties.filter((p) => p.role !== 'cofunder'))
          await send(i, 'sign', { as, party: party.id });
        await send(i, 'confirm-chorus', { as });
        await send(i, 'publish', { as, where: 'bench' });
      });
      await settle(metricsPort);
    }
    /** `samples` Updates one at a time, one per convention. */
    const series = async (update: (i: number) => Promise<unknown>) => {
      const values: number[] = [];
      for (let i = 0; i < samples; i++) {
        values.push(await timed(() => update(i)));
        // One at a time: what the last command set going (a decision's minutes go to every party)
        // is done before the next is timed, so that each sample is the round trip of one Update.
        await pause(UPDATE_SPACING_MS);
      }
      await settle(metricsPort);
      return latencies(values);
    };
    say(`${kind}: ${samples} decide and ${samples} engage, one at a time, ${OPEN[0]} open`);
    const as = convention.roles.admins[0]!;
    const updates = {
      // Before its day, a committee's decision says the day it met (COMMITTEE_DAY): today.
      decide: await series((i) =>
        send(i, 'decide', {
          as,
          decision: 'continue',
          heldOn: localDateOf(Date.now(), convention.schedule.timezone),
        }),
      ),
      engage: await series((i) =>
        send(i, 'engage', { as, uo: convention.budget[0]!.uo, ae: '100.00', ref: 'BENCH-1' }),
      ),
    };
    const updateWithoutActivity =
      kind === 'floor'
        ? await series((i) =>
            client.workflow.getHandle(workflowId(i)).executeUpdate(bareUpdateWithoutActivity, { args: [{}] }),
          )
        : undefined;

    say(`${kind}: starting ${OPEN[1] - OPEN[0]} more`);
    const startsPerSecondLarge = await startRange(OPEN[0], OPEN[1]);
    await settle(metricsPort, 4 * OPEN[1]);
    rss[OPEN[1]] = rssMiB(worker.pid!);
    if (kind === 'ours') {
      say(`ours: the console's reads, ${OPEN[1]} open`);
      consoleFigures[OPEN[1]] = await readConsole();
    }
    const end = await workerCounts(metricsPort);
    cached[OPEN[1]] = end.cached;
    return {
      startsPerSecond,
      startsPerSecondLarge,
      updates,
      updateWithoutActivity,
      rssMiB: rss,
      cached,
      mibPerCached: round((rss[OPEN[1]]! - rss[OPEN[0]]!) / (cached[OPEN[1]]! - cached[OPEN[0]]!), 3),
      cacheHitRatio: round(end.cacheHits / (end.cacheHits + end.cacheMisses), 4),
      ...(kind === 'ours' ? { console: consoleFigures } : {}),
      maxCachedWorkflows,
    };
  } finally {
    worker?.kill('SIGKILL');
    server.kill('SIGKILL');
    await connection.close();
    await sink.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

interface YearFigures {
  eventsPerYear: number;
  yearsPerSecond: number;
  timers: number;
  activities: number;
  updates: number;
}

/** The two-year scenario of the seed on the time-skipping server, and the floor with the same counts. */
async function timeSkippingRuns(convention: TConvention): Promise<Record<Kind, YearFigures>> {
  const scenario = readScenarioFile(TWO_YEARS);
  if (!scenario.ok) throw new Error(scenario.errors.join('\n'));
  const years = scenario.value.until / 365.25;
  say('ours: simulating two years on the time-skipping server, in one history to count its events');
  const simulation = await simulate(convention, scenario.value, {
    keepHistory: true,
    continueAsNewAfter: 100_000,
  });
  // Timed as the product runs it (continuing as new as it does), the median of a few runs.
  const walls: number[] = [];
  for (let run = 1; run <= SPEED_RUNS; run++) {
    say(`ours: simulating two years, timed (${run}/${SPEED_RUNS})`);
    walls.push((await simulate(convention, scenario.value)).wallMs);
  }
  const events = simulation.history!.events!;
  const counts = {
    timers: events.filter((e) => e.timerStartedEventAttributes).length,
    activities: events.filter((e) => e.activityTaskScheduledEventAttributes).length,
    updates: events.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length,
  };
  const ours = {
    eventsPerYear: round(events.length / years),
    yearsPerSecond: round(years / (median(walls) / 1000), 3),
    ...counts,
  };

  say('floor: the same timers, activities and updates, bare');
  const env = await startTimeSkippingServer();
  try {
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: 'bench-floor-years',
      workflowBundle: await bundleWorkflowCode({
        workflowsPath: BARE_WORKFLOWS_PATH,
        logger: quietBundlerLogger,
      }),
      activities: bareActivities,
    });
    const span = scenario.value.until * DAY_MS;
    const floorRun = async (run: number) => {
      const start = performance.now();
      const handle = await env.client.workflow.start(bareWorkflow, {
        taskQueue: 'bench-floor-years',
        workflowId: `bench-floor-years-${run}`,
        args: [
          {
            activitiesAtStart: 0,
            timers: counts.timers,
            timerEveryMs: Math.floor(span / counts.timers),
            activitiesOverTimers: counts.activities - counts.updates,
          } satisfies BareInput,
        ],
      });
      for (let i = 0; i < counts.updates; i++) {
        await env.sleep(Math.floor(span / (counts.updates + 1)));
        await handle.executeUpdate(bareUpdate, { args: [{}] });
      }
      await handle.result();
      const wallMs = performance.now() - start;
      return { wallMs, events: (await handle.fetchHistory()).events!.length };
    };
    return await worker.runUntil(async () => {
      const runs = [];
      for (let run = 1; run <= SPEED_RUNS; run++) runs.push(await floorRun(run));
      return {
        ours,
        floor: {
          eventsPerYear: round(runs[0]!.events / years),
          yearsPerSecond: round(years / (median(runs.map((r) => r.wallMs)) / 1000), 3),
          ...counts,
        },
      };
    });
  } finally {
    await env.teardown();
  }
}

function machine() {
  const cpu = cpus();
  return {
    cpu: `${cpu[0]?.model ?? 'unknown'} × ${cpu.length}`,
    memoryGiB: round(totalmem() / 2 ** 30, 1),
    os: `${osType()} ${release()}`,
    node: process.version,
    temporal: execFileSync(temporalCliPath(), ['--version'], { encoding: 'utf8' }).trim(),
    date: new Date().toISOString(),
  };
}

const ratio = (ours: number, floor: number) => (floor ? `${round(ours / floor, 2)}×` : '—');

/** Figures published for the same measure elsewhere, where one exists. */
const PEERS = {
  updateP50: '7 ms (Go SDK, dev server¹)',
  updateP99: '10 ms (Go SDK, dev server¹)',
  perGB: "600 (the TypeScript SDK's default²)",
};

function table(figures: Results): string {
  const { dev, years } = figures;
  const row = (what: string, ours: number, floor: number, unit: string, second = '', peer = '') =>
    `| ${what} | ${ours} ${unit} | ${floor} ${unit} | ${ratio(ours, floor)} | ${second} | ${peer} |`;
  const lines = [
    '| measure | ours | floor | ours ÷ floor | second floor: Update without activity | peer |',
    '| --- | --- | --- | --- | --- | --- |',
    row(`starts per second (first ${OPEN[0]})`, dev.ours.startsPerSecond, dev.floor.startsPerSecond, '/s'),
    row(
      `starts per second (${OPEN[0]} to ${OPEN[1]})`,
      dev.ours.startsPerSecondLarge,
      dev.floor.startsPerSecondLarge,
      '/s',
    ),
  ];
  const peerOf = { p50: PEERS.updateP50, p95: '', p99: PEERS.updateP99 };
  for (const name of ['decide', 'engage'] as const)
    for (const q of ['p50', 'p95', 'p99'] as const)
      lines.push(
        row(
          `\`${name}\` round trip ${q}, ${OPEN[0]} open`,
          dev.ours.updates[name][q],
          dev.floor.updates[name][q],
          'ms',
          `${dev.floor.updateWithoutActivity![q]} ms`,
          peerOf[q],
        ),
      );
  for (const open of OPEN)
    lines.push(row(`worker RSS, ${open} open`, dev.ours.rssMiB[open]!, dev.floor.rssMiB[open]!, 'MiB'));
  for (const open of OPEN)
    lines.push(row(`workflows cached, ${open} open`, dev.ours.cached[open]!, dev.floor.cached[open]!, ''));
  lines.push(
    row(
      `worker RSS per cached workflow (${OPEN[0]} → ${OPEN[1]})`,
      dev.ours.mibPerCached,
      dev.floor.mibPerCached,
      'MiB',
    ),
    row(
      'cached workflows per GB of RSS',
      round(1024 / dev.ours.mibPerCached),
      round(1024 / dev.floor.mibPerCached),
      '',
      '',
      PEERS.perGB,
    ),
    row('workflow tasks that hit the cache', dev.ours.cacheHitRatio, dev.floor.cacheHitRatio, ''),
    row('history events per convention-year', years.ours.eventsPerYear, years.floor.eventsPerYear, ''),
    row(
      'simulated convention-years per wall second',
      years.ours.yearsPerSecond,
      years.floor.yearsPerSecond,
      '',
    ),
  );
  return lines.join('\n');
}

const CONSOLE_READS: Record<ConsoleRead, string> = {
  list: 'list page (`/conventions`)',
  actions: '"Mes actions" (`/`)',
  signIn: 'sign-in request (`POST /connexion`)',
  stats: "`/stats.json` (three reads of the register's database)",
};

/** The console's reads for one person, at both sizes: flat when they do not grow with the conventions. */
function consoleTable({ dev }: Results): string {
  const figures = dev.ours.console!;
  const lines = [
    `| console read, as one person | ${OPEN[0]} open (p50 / p95) | ${OPEN[1]} open (p50 / p95) | p95 ${OPEN[1]} ÷ ${OPEN[0]} |`,
    '| --- | --- | --- | --- |',
  ];
  for (const read of Object.keys(CONSOLE_READS) as ConsoleRead[]) {
    const [small, large] = [figures[OPEN[0]]![read], figures[OPEN[1]]![read]];
    lines.push(
      `| ${CONSOLE_READS[read]} | ${small.p50} / ${small.p95} ms | ${large.p50} / ${large.p95} ms | ${ratio(large.p95, small.p95)} |`,
    );
  }
  return lines.join('\n');
}

interface Results {
  machine: ReturnType<typeof machine>;
  options: { open: number[]; samples: number; startsInFlight: number };
  dev: Record<Kind, DevServerFigures>;
  years: Record<Kind, YearFigures>;
}

async function main(): Promise<void> {
  installQuietRuntime();
  const seed = readConventionFile(SEED_FILE);
  if (!seed.ok) throw new Error(seed.errors.join('\n'));
  // Monthly committees convened at once: `decide` has a committee to decide from the start. The fin
  // de gestion on 31 December: `engage` is accepted whatever the month the bench runs in.
  const demo = demoOf(seed.value, localDateOf(Date.now(), seed.value.schedule.timezone));
  const yearRound = { ...demo.schedule.yearEnd, lastEngagementDay: '12-31', lastPaymentDay: '12-31' };
  const convention = { ...demo, schedule: { ...demo.schedule, yearEnd: yearRound } };
  const keys = parsePayloadKeys(newPayloadKeys('bench')) as PayloadKey[];
  // The simulations first, in a process not yet holding what 20 000 conventions leave behind, as
  // `convention simulate` runs in a process of its own (run after the dev-server runs of 10 000
  // conventions, ours and the floor's alike were a quarter slower than after runs of 300).
  const years = await timeSkippingRuns(seed.value);
  const results: Results = {
    machine: machine(),
    options: { open: OPEN, samples: SAMPLES, startsInFlight: STARTS_IN_FLIGHT },
    dev: {
      ours: await devServerRun('ours', convention, keys),
      floor: await devServerRun('floor', convention, keys),
    },
    years,
  };
  const markdown = [
    '# Benchmark results',
    '',
    `Written by \`npm run bench\` on ${results.machine.date}. Figures from one run on one machine: compare`,
    'ratios, not absolute values, across machines. "Floor": a bare workflow with the same number of',
    'timers, activities and updates doing nothing (bench/workflows.ts), run the same way; its Update',
    "runs one local activity, as a command's register entry does. Second floor: an Update without any activity.",
    '',
    `- Machine: ${results.machine.cpu}, ${results.machine.memoryGiB} GiB, ${results.machine.os}`,
    `- Node ${results.machine.node}; ${results.machine.temporal}`,
    `- Dev server on a SQLite file (WAL, synchronous=NORMAL, as npm start); the real worker process`,
    `  (payloads encrypted, as in production; the floor's are not), SMTP to a local sink;`,
    `  worker cache: ${results.dev.ours.maxCachedWorkflows} workflows (ours: sized from the heap limit, worker/worker.ts; the floor's: ${results.dev.floor.maxCachedWorkflows}, the SDK's default).`,
    `- Starts: ${STARTS_IN_FLIGHT} in flight. Updates: one at a time, each on its own convention, ${UPDATE_SPACING_MS} ms apart, ${results.dev.ours.updates.decide.samples} samples.`,
    `- Convention-years: the seed's two-year scenario (${results.years.ours.timers} timers, ${results.years.ours.activities} activities, ${results.years.ours.updates} updates) on the time-skipping server, server start and bundling excluded; speed: the median of ${SPEED_RUNS} runs, ours continuing as new as in production, events: one history.`,
    '',
    table(results),
    '',
    `Console (in process, Fastify's inject), as the committee secretary of one convention among all those open, ${CONSOLE_SAMPLES} samples:`,
    '',
    consoleTable(results),
    '',
    '¹ dandavison/temporal-latency-experiments, linked from temporalio/temporal#6512: Updates on the dev server, Go SDK.',
    '² `maxCachedWorkflows` in @temporalio/worker: 600 workflows per GB of heap beyond 200 MiB (worker-options.ts).',
    '',
  ].join('\n');
  const out = join(ROOT, 'bench');
  writeFileSync(join(out, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(out, 'RESULTS.md'), markdown);
  console.log(markdown);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
