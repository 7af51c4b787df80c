import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkflowNotFoundError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment, type TestWorkflowEnvironment } from '@temporalio/testing';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { createActivities } from '../../activities';
import { IdUsed, startConvention } from '../../client/start';
import { createConsole } from '../../client/web/server';
import { Signer } from '../../client/web/signer';
import { participantHasher } from '../../crypto/participants';
import { createMailer } from '../../mail/mailer';
import { GENESIS_HASH, OtherRun, type Register } from '../../store/register';
import { PostgresRegister } from '../../store/register-postgres';
import { SqliteRegister } from '../../store/register-sqlite';
import { SqliteSignInStore } from '../../store/sign-in-sqlite';
import { SqliteDraftStore } from '../../store/drafts-sqlite';
import { SqliteDocumentStore } from '../../store/documents-sqlite';
import { startDevServer } from '../../temporal/servers';
import { workflowIdFor } from '../../workflows/messages';
import { runCliAsync } from '../client/run-cli';
import { camino, caminoYearRoundInput, PEOPLE } from '../fixtures';
import { freePort } from '../helpers/ports';
import { startPostgres, type PostgresServer } from '../helpers/postgres';
import { startHarness, type WorkflowHarness } from '../helpers/workflow-env';

// Issue 28, item 3: a convention's id is never reused. The register keyed by the id alone showed
// a closed convention's people, decisions and committees to the people of a new convention that
// took its id. First the start, from the console and the CLI, over a dev server whose worker writes
// the register; then the register's own guard: a convention's chain takes no entry of another
// first run, on a SQLite file and on PostgreSQL, databases of release 1.0.0 included.

/** An entry as the workflow whose first run is `run` writes it (its key names its chain). */
const entry = (run: string, n: number, conventionId = 'camino-2020') => ({
  idempotencyKey: `convention-${conventionId}/${run}/register/${n}`,
  conventionId,
  kind: 'sign',
  actor: 'dgaln.representant@example.org',
  payload: { party: 'DGALN', n },
  at: `2021-03-0${n}T10:00:00.000Z`,
});

/** A row as release 1.0.0 wrote it: no first run of its own, its hash over the fields of then. */
function legacyRow(run: string, n: number, prevHash: string) {
  const { idempotencyKey, conventionId, kind, actor, payload, at } = entry(run, n);
  const row = { conventionId, seq: n, kind, actor, payload: JSON.stringify(payload), at, prevHash };
  const hash = createHash('sha256')
    .update(JSON.stringify([conventionId, n, kind, actor, row.payload, at, prevHash]))
    .digest('hex');
  return { ...row, recordedAt: at, idempotencyKey, hash };
}

type LegacyRow = ReturnType<typeof legacyRow>;

/** Two rows of the convention written by the workflow whose first run is `run-1`, before the column. */
function legacyChain(): LegacyRow[] {
  const first = legacyRow('run-1', 1, GENESIS_HASH);
  return [first, legacyRow('run-1', 2, first.hash)];
}

const LEGACY_INSERT = `INSERT INTO register (convention_id, seq, kind, actor, payload, at, recorded_at, idempotency_key, prev_hash, hash)`;
const legacyValues = (row: LegacyRow) => [
  row.conventionId,
  row.seq,
  row.kind,
  row.actor,
  row.payload,
  row.at,
  row.recordedAt,
  row.idempotencyKey,
  row.prevHash,
  row.hash,
];

/** A register file as release 1.0.0 left it (its schema at version 2), holding `rows`. */
function sqliteOf100(path: string, rows: LegacyRow[]): void {
  const db = new Database(path);
  db.exec(`CREATE TABLE register (
    convention_id TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL, actor TEXT NOT NULL,
    payload TEXT NOT NULL, at TEXT NOT NULL, recorded_at TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE, prev_hash TEXT NOT NULL, hash TEXT NOT NULL,
    PRIMARY KEY (convention_id, seq));
  CREATE TRIGGER register_no_update BEFORE UPDATE ON register
    BEGIN SELECT RAISE(ABORT, 'the decision register is append-only'); END;
  CREATE TRIGGER register_no_delete BEFORE DELETE ON register
    BEGIN SELECT RAISE(ABORT, 'the decision register is append-only'); END;
  CREATE TABLE sent_emails (idempotency_key TEXT PRIMARY KEY, convention_id TEXT NOT NULL, kind TEXT NOT NULL,
    recipients TEXT NOT NULL, message_id TEXT NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL,
    updated_at TEXT NOT NULL);
  CREATE TABLE convention_stats (convention_id TEXT PRIMARY KEY, facts TEXT NOT NULL, taken_at TEXT NOT NULL,
    register_seq INTEGER NOT NULL);
  CREATE TABLE digest_readers (email_key TEXT PRIMARY KEY, email TEXT NOT NULL, since TEXT NOT NULL);`);
  for (const row of rows)
    db.prepare(`${LEGACY_INSERT} VALUES (${'?, '.repeat(9)}?)`).run(...legacyValues(row));
  db.pragma('user_version = 2');
  db.close();
}

let postgres: PostgresServer;
let databases = 0;
const dir = mkdtempSync(join(tmpdir(), 'convention-id-reuse-'));
let env: TestWorkflowEnvironment;
let harness: WorkflowHarness;
let app: FastifyInstance;
let signIn: SqliteSignInStore;
let cliEnv: NodeJS.ProcessEnv;

beforeAll(async () => {
  postgres = await startPostgres();
  const port = await freePort();
  env = await startDevServer({ port });
  harness = await startHarness(env, 'id-reuse');
  signIn = new SqliteSignInStore(join(dir, 'console.sqlite'));
  app = await createConsole({
    client: env.client,
    register: harness.register,
    signIn,
    drafts: new SqliteDraftStore(':memory:'),
    documents: new SqliteDocumentStore(':memory:'),
    signer: new Signer(SECRET),
    mailer: createMailer(harness.capture.url),
    mailFrom: 'Conventions <conventions@example.org>',
    consoleUrl: 'http://127.0.0.1',
    taskQueue: harness.taskQueue,
    admins: [PEOPLE.admin],
    hashParticipant: participantHasher(),
  });
  cliEnv = {
    ...process.env,
    TEMPORAL_ADDRESS: `127.0.0.1:${port}`,
    TEMPORAL_TASK_QUEUE: harness.taskQueue,
    REGISTER_PATH: harness.registerPath,
  };
});
afterAll(async () => {
  await app?.close();
  await signIn?.close();
  await harness?.close();
  await env?.teardown();
  await postgres?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const SECRET = 'a test secret that is long enough to sign';
const REFUSED = (id: string) => `L’identifiant ${id} a déjà servi à une convention : choisissez-en un autre.`;

/** The seed's file under another id. */
const fileOf = (id: string) => stringify({ ...caminoYearRoundInput(), id });

/** A POST of the start's form by a console administrator signed in: the check (`''`) or the start. */
async function consolePost(step: '' | '/demarrer', id: string) {
  const signer = new Signer(SECRET);
  const session = await signIn.openSession(PEOPLE.admin, Date.now());
  return app.inject({
    method: 'POST',
    url: `/conventions/nouvelle${step}`,
    cookies: { session: signer.sign(session) },
    payload: { text: fileOf(id), _csrf: signer.csrfToken(`session:${session}`) },
  });
}

const cliStart = async (id: string) => {
  const file = join(dir, `${id}.yaml`);
  writeFileSync(file, fileOf(id));
  return runCliAsync(['start', file], cliEnv);
};

/** The runs Temporal keeps under the convention's id, oldest first, with their status. */
async function runsOf(id: string): Promise<string[]> {
  const runs: string[] = [];
  for await (const run of env.client.workflow.list({ query: `WorkflowId = '${workflowIdFor(id)}'` }))
    runs.unshift(run.status.name);
  return runs;
}

describe('a convention id served once is refused at start', () => {
  it('from the console, once the convention it named was terminated', async () => {
    const started = await consolePost('/demarrer', 'reuse-console');
    expect(started.statusCode).toBe(303);
    await env.client.workflow.getHandle(workflowIdFor('reuse-console')).terminate('closed for the test');
    for (const step of ['', '/demarrer'] as const) {
      const refused = await consolePost(step, 'reuse-console');
      expect(refused.statusCode).toBe(409);
      expect(refused.body).toContain(REFUSED('reuse-console'));
    }
    expect(await runsOf('reuse-console')).toEqual(['TERMINATED']);
  });

  it('from the CLI, once the convention it named was terminated', async () => {
    expect((await cliStart('reuse-cli')).status).toBe(0);
    await env.client.workflow.getHandle(workflowIdFor('reuse-cli')).terminate('closed for the test');
    const refused = await cliStart('reuse-cli');
    expect(refused.status).toBe(1);
    expect(refused.stderr.trim()).toBe(REFUSED('reuse-cli'));
    expect(refused.stdout).toBe('');
    expect(await runsOf('reuse-cli')).toEqual(['TERMINATED']);
  });

  it('by Temporal alone, when the register in hand holds nothing of it', async () => {
    const elsewhere = new SqliteRegister(join(dir, 'elsewhere.sqlite'));
    try {
      const deps = { client: env.client, taskQueue: harness.taskQueue, register: elsewhere };
      const convention = { ...camino(), id: 'reuse-temporal' };
      await (await startConvention(deps, { convention })).terminate('closed for the test');
      await expect(startConvention(deps, { convention })).rejects.toThrow(IdUsed);
      expect(await runsOf('reuse-temporal')).toEqual(['TERMINATED']);
    } finally {
      await elsewhere.close();
    }
  });

  it('by the register, once Temporal has forgotten the convention (past its retention)', async () => {
    await harness.register.append({
      idempotencyKey: 'convention-forgotten-2019/run-1/register/1',
      conventionId: 'forgotten-2019',
      kind: 'sign',
      actor: PEOPLE.sgRepresentative,
      payload: { party: 'SG' },
      at: '2019-03-01T10:00:00.000Z',
    });
    for (const step of ['', '/demarrer'] as const) {
      const refused = await consolePost(step, 'forgotten-2019');
      expect(refused.statusCode).toBe(409);
      expect(refused.body).toContain(REFUSED('forgotten-2019'));
    }
    const refused = await cliStart('forgotten-2019');
    expect(refused.status).toBe(1);
    expect(refused.stderr.trim()).toBe(REFUSED('forgotten-2019'));
    // Nothing started: the old register stays the old convention's alone.
    await expect(env.client.workflow.getHandle(workflowIdFor('forgotten-2019')).describe()).rejects.toThrow(
      WorkflowNotFoundError,
    );
    expect(await harness.register.entries('forgotten-2019')).toHaveLength(1);
  });
});

/** Each store, fresh or from a database of release 1.0.0 holding `legacy` rows. */
const STORES: [string, (legacy?: LegacyRow[]) => Promise<Register>][] = [
  [
    'SQLite',
    async (legacy) => {
      const path = join(dir, `register-${++databases}.sqlite`);
      if (legacy) sqliteOf100(path, legacy);
      return new SqliteRegister(path);
    },
  ],
  [
    'PostgreSQL',
    async (legacy) => {
      const url = await postgres.createDatabase(`id_reuse_${++databases}`);
      if (legacy) {
        // The schema of release 1.0.0: that of today without its fifth migration.
        await (await PostgresRegister.open(url)).close();
        const client = new pg.Client(url);
        await client.connect();
        await client.query('ALTER TABLE register DROP COLUMN first_run');
        await client.query('DROP INDEX sent_emails_by_convention');
        await client.query('DELETE FROM schema_migrations WHERE version = 5');
        for (const row of legacy)
          await client.query(
            `${LEGACY_INSERT} VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
            legacyValues(row),
          );
        await client.end();
      }
      return PostgresRegister.open(url);
    },
  ],
];

describe.each(STORES)('the register on %s, keyed by the first run', (_name, open) => {
  it("refuses, for good, an entry of another first run under a convention's id", async () => {
    const register = await open();
    try {
      await register.append(entry('run-1', 1));
      await register.append(entry('run-1', 2));
      const refused = register.append(entry('run-9', 1));
      await expect(refused).rejects.toThrow(OtherRun);
      await expect(refused).rejects.toThrow(
        'the register of camino-2020 belongs to the workflow whose first run is run-1: run run-9 is another convention reusing its id',
      );
      // A reset of the other run is refused too; nothing was written.
      await expect(
        register.recordReset({
          idempotencyKey: 'convention-camino-2020/run-9/reset/abc',
          conventionId: 'camino-2020',
          chain: 'convention-camino-2020/run-9',
          after: 0,
          run: 'run-10',
          at: '2021-03-05T10:00:00.000Z',
        }),
      ).rejects.toThrow(OtherRun);
      expect((await register.entries('camino-2020')).map((e) => e.payload.n)).toEqual([1, 2]);
      expect(await register.verify('camino-2020')).toEqual({ ok: true, entries: 2 });
      // The first run goes on; another convention's id is its own.
      expect((await register.append(entry('run-1', 3))).seq).toBe(3);
      expect((await register.append(entry('run-9', 1, 'other-2021'))).seq).toBe(1);
    } finally {
      await register.close();
    }
  });

  it("fails the workflow's write for good, not again and again, when the register refuses it", async () => {
    const register = await open();
    try {
      const { recordDecision } = createActivities({
        mailer: createMailer('smtp://127.0.0.1:1'),
        mailFrom: 'Conventions <conventions@example.org>',
        register,
      });
      const activity = new MockActivityEnvironment();
      await activity.run(recordDecision, entry('run-1', 1));
      const failure = await activity.run(recordDecision, entry('run-9', 1)).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ApplicationFailure);
      expect(failure).toMatchObject({ type: 'ConventionIdReused', nonRetryable: true });
    } finally {
      await register.close();
    }
  });

  it('knows a convention by any trace: an entry, an email, its statistics', async () => {
    const register = await open();
    try {
      expect(await register.knows('camino-2020')).toBe(false);
      await register.append(entry('run-1', 1));
      expect(await register.knows('camino-2020')).toBe(true);
      await register.emailAttempt({
        idempotencyKey: 'convention-emails-only/run-1/signature-request:SG#1',
        conventionId: 'emails-only',
        kind: 'signature-request',
        recipients: ['a@example.org'],
        messageId: '<k@example.org>',
      });
      expect(await register.knows('emails-only')).toBe(true);
      expect(await register.knows('camino')).toBe(false);
    } finally {
      await register.close();
    }
  });

  it('migrates a database of release 1.0.0: its rows verify, and belong to the run that wrote first', async () => {
    const register = await open(legacyChain());
    try {
      expect(await register.verify('camino-2020')).toEqual({ ok: true, entries: 2 });
      await expect(register.append(entry('run-9', 1))).rejects.toThrow(OtherRun);
      // The workflow that wrote them goes on; its new rows carry their run, hashed, and verify.
      expect((await register.append(entry('run-1', 3))).seq).toBe(3);
      expect(await register.verify('camino-2020')).toEqual({ ok: true, entries: 3 });
    } finally {
      await register.close();
    }
  });

  it('says where a register of release 1.0.0 already mixes two conventions under one id', async () => {
    const [first, second] = legacyChain();
    const register = await open([first!, second!, legacyRow('run-9', 3, second!.hash)]);
    try {
      expect(await register.verify('camino-2020')).toEqual({
        ok: false,
        entries: 3,
        brokenAt: 3,
        problem: 'other-run',
        reason: 'written by another convention under the same id (run run-9)',
      });
    } finally {
      await register.close();
    }
  });
});
