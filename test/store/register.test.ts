import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GENESIS_HASH, type Register } from '../../store/register';
import { inTransaction, openPostgres, SCHEMA_VERSION } from '../../store/postgres';
import { PostgresRegister } from '../../store/register-postgres';
import { REGISTER_MIGRATIONS, SqliteRegister } from '../../store/register-sqlite';
import { startPostgres, type PostgresServer } from '../helpers/postgres';

// The same contract, on both stores: a SQLite file, and a PostgreSQL database of a real server.

/** A store under test, and the database beneath it as an admin with a SQL shell sees it. */
interface Store {
  register: Register;
  /** Runs SQL behind the register's back; the rows it returns. */
  sql(statement: string): Promise<Record<string, unknown>[]>;
  /** Edits the register as someone who may drop its guard, then opens the register again. */
  tamper(edit: string): Promise<void>;
  close(): Promise<void>;
}

async function sqliteStore(): Promise<Store> {
  const dir = mkdtempSync(join(tmpdir(), 'convention-register-'));
  const path = join(dir, 'register.sqlite');
  const store: Store = {
    register: new SqliteRegister(path),
    async sql(statement) {
      const db = new Database(path);
      try {
        const prepared = db.prepare(statement);
        return prepared.reader ? (prepared.all() as Record<string, unknown>[]) : (prepared.run(), []);
      } finally {
        db.close();
      }
    },
    async tamper(edit) {
      await store.register.close();
      const db = new Database(path);
      db.exec('DROP TRIGGER register_no_update; DROP TRIGGER register_no_delete');
      db.exec(edit);
      db.close();
      store.register = new SqliteRegister(path);
    },
    async close() {
      await store.register.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return store;
}

let postgres: PostgresServer;
let databases = 0;

async function postgresStore(): Promise<Store> {
  const url = await postgres.createDatabase(`register_${++databases}`);
  const sql = async (statement: string) => {
    const client = new pg.Client(url);
    await client.connect();
    try {
      return (await client.query(statement)).rows as Record<string, unknown>[];
    } finally {
      await client.end();
    }
  };
  const store: Store = {
    register: await PostgresRegister.open(url),
    sql,
    async tamper(edit) {
      await sql(`ALTER TABLE register DISABLE TRIGGER USER; ${edit}`);
    },
    close: () => store.register.close(),
  };
  return store;
}

beforeAll(async () => {
  postgres = await startPostgres();
});
afterAll(() => postgres?.stop());

const entry = (n: number, conventionId = 'camino-2020') => ({
  idempotencyKey: `convention-${conventionId}/run/register/${n}`,
  conventionId,
  kind: 'sign',
  actor: 'dgaln.representant@example.org',
  payload: { party: 'DGALN', n },
  at: `2021-03-0${n}T10:00:00.000Z`,
});

describe.each([
  ['SQLite', sqliteStore],
  ['PostgreSQL', postgresStore],
])('the decision register on %s', (_name, open) => {
  let store: Store;
  let register: Register;
  beforeEach(async () => {
    store = await open();
    register = store.register;
  });
  afterEach(() => store.close());

  it('chains each entry to the previous one of the same convention', async () => {
    const first = await register.append(entry(1));
    await register.append(entry(1, 'other-2021'));
    const second = await register.append(entry(2));
    expect(first).toMatchObject({
      seq: 1,
      prevHash: GENESIS_HASH,
      kind: 'sign',
      payload: { party: 'DGALN', n: 1 },
    });
    expect(second).toMatchObject({ seq: 2, prevHash: first.hash });
    expect((await register.entries('camino-2020')).map((e) => e.seq)).toEqual([1, 2]);
    expect(await register.verify('camino-2020')).toEqual({ ok: true, entries: 2 });
  });

  it('writes an entry once, however often the activity is retried', async () => {
    const once = await register.append(entry(1));
    const again = await register.append(entry(1));
    expect(again).toEqual(once);
    expect(await register.entries('camino-2020')).toHaveLength(1);
  });

  it('refuses updates and deletes through SQL', async () => {
    await register.append(entry(1));
    await expect(store.sql("UPDATE register SET actor = 'x'")).rejects.toThrow(
      'the decision register is append-only',
    );
    await expect(store.sql('DELETE FROM register')).rejects.toThrow('the decision register is append-only');
    expect(await register.verify('camino-2020')).toEqual({ ok: true, entries: 1 });
  });

  it('detects a row edited in the database behind its back', async () => {
    for (const n of [1, 2, 3]) await register.append(entry(n));
    // Someone with write access to the database drops the guard and changes who signed.
    await store.tamper("UPDATE register SET actor = 'intrus@example.org' WHERE seq = 2");
    expect(await store.register.verify('camino-2020')).toEqual({
      ok: false,
      entries: 3,
      brokenAt: 2,
      problem: 'changed',
      reason: 'its content was changed after it was written',
    });
  });

  it('detects a deleted row in the middle of the chain', async () => {
    for (const n of [1, 2, 3]) await register.append(entry(n));
    await store.tamper('DELETE FROM register WHERE seq = 2');
    expect(await store.register.verify('camino-2020')).toMatchObject({
      ok: false,
      brokenAt: 3,
      problem: 'missing',
      reason: 'entry 2 is missing',
    });
  });

  it('records a reset: the decisions past its point superseded, kept in the chain, once', async () => {
    const chain = 'convention-camino-2020/run-1';
    const decision = (key: string, party: string) => ({
      ...entry(1),
      idempotencyKey: `${chain}/${key}`,
      payload: { party },
    });
    await register.append(decision('register/1', 'SG'));
    await register.append(decision('register/2', 'DGALN'));
    await register.append(decision('register/3', 'DGPR'));
    const reset = {
      idempotencyKey: `${chain}/reset/abc`,
      conventionId: 'camino-2020',
      chain,
      after: 1,
      run: 'run-2',
      at: '2021-03-05T10:00:00.000Z',
    };
    expect(await register.recordReset(reset)).toMatchObject({
      seq: 4,
      kind: 'reset',
      actor: 'temporal',
      payload: { run: 'run-2', after: 1, supersedes: [2, 3] },
    });
    expect((await register.recordReset(reset)).seq).toBe(4);
    await register.append(decision('reset/abc/register/2', 'DINUM'));
    // A second reset, to before the first: what the first kept and what came after it.
    await register.recordReset({ ...reset, idempotencyKey: `${chain}/reset/def`, after: 0, run: 'run-3' });
    // What the run of the second reset decides next stands.
    await register.append(decision('reset/def/register/1', 'SG'));

    const entries = await register.entries('camino-2020');
    expect(entries.map((e) => [e.seq, e.kind, e.payload.party, e.supersededBy])).toEqual([
      [1, 'sign', 'SG', 6],
      [2, 'sign', 'DGALN', 4],
      [3, 'sign', 'DGPR', 4],
      [4, 'reset', undefined, undefined],
      [5, 'sign', 'DINUM', 6],
      [6, 'reset', undefined, undefined],
      [7, 'sign', 'SG', undefined],
    ]);
    expect(entries[5]!.payload.supersedes).toEqual([1, 5]);
    expect((await register.decisions('camino-2020')).map((e) => e.seq)).toEqual([7]);
    expect(await register.verify('camino-2020')).toEqual({ ok: true, entries: 7 });
    // Read for every convention at once, by kind: the same standing decision.
    await register.append({ ...entry(1, 'other-2021'), kind: 'publish' });
    const standing = await register.decisionsOfKinds(['sign']);
    expect([...standing.keys()]).toEqual(['camino-2020']);
    expect(standing.get('camino-2020')!.map((e) => [e.seq, e.payload.party])).toEqual([[7, 'SG']]);
  });

  it('keeps the log of emails: attempts, then the outcome', async () => {
    const email = {
      idempotencyKey: 'k1',
      conventionId: 'camino-2020',
      kind: 'signature-request',
      recipients: ['a@example.org'],
      messageId: '<k1@example.org>',
    };
    expect(await register.emailState('k1')).toBeUndefined();
    await register.emailAttempt(email);
    await register.emailAttempt(email);
    expect(await register.emailState('k1')).toBe('sending');
    await register.emailOutcome('k1', 'sent');
    expect(await register.emailState('k1')).toBe('sent');
    expect(await store.sql('SELECT attempts, recipients FROM sent_emails')).toEqual([
      { attempts: 2, recipients: 'a@example.org' },
    ]);
  });

  it('withdraws an email no attempt sent: later attempts find the mark; a known outcome stands', async () => {
    const email = (key: string) => ({
      idempotencyKey: key,
      conventionId: 'camino-2020',
      kind: 'signature-request',
      recipients: ['a@example.org'],
      messageId: `<${key}@example.org>`,
    });
    // Never attempted: withdrawn, and no attempt may begin.
    expect(await register.withdrawEmail(email('waiting'))).toBe(true);
    expect(await register.emailAttempt(email('waiting'))).toBe(false);
    expect(await register.emailState('waiting')).toBe('withdrawn');
    // An attempt that stopped without an outcome (SMTP down): the next one finds the mark.
    expect(await register.emailAttempt(email('retrying'))).toBe(true);
    expect(await register.withdrawEmail(email('retrying'))).toBe(true);
    expect(await register.emailAttempt(email('retrying'))).toBe(false);
    // Sent (or refused) before the mark: it stays what it was.
    await register.emailAttempt(email('gone'));
    await register.emailOutcome('gone', 'sent');
    expect(await register.withdrawEmail(email('gone'))).toBe(false);
    expect(await register.emailState('gone')).toBe('sent');
    // Sent by an attempt under way when the mark came: recorded as sent.
    await register.emailAttempt(email('racing'));
    await register.withdrawEmail(email('racing'));
    await register.emailOutcome('racing', 'sent');
    expect(await register.emailState('racing')).toBe('sent');
    expect(
      await store.sql(
        "SELECT idempotency_key AS key, attempts FROM sent_emails WHERE state = 'withdrawn' ORDER BY key",
      ),
    ).toEqual([
      { key: 'retrying', attempts: 1 },
      { key: 'waiting', attempts: 0 },
    ]);
  });

  it("lists every convention's emails sent of some kinds, by series, in one read", async () => {
    const send = async (key: string, conventionId: string, kind: string, outcome?: 'sent' | 'rejected') => {
      await register.emailAttempt({
        idempotencyKey: key,
        conventionId,
        kind,
        recipients: [],
        messageId: key,
      });
      if (outcome) await register.emailOutcome(key, outcome);
    };
    await send('convention-a/run/signature-reminder:SG#1', 'a', 'signature-reminder', 'sent');
    await send('convention-a/run/signature-reminder:SG#2', 'a', 'signature-reminder');
    await send('convention-b/run/report-overdue:2020-03#1', 'b', 'report-overdue', 'rejected');
    await send('convention-b/run/publication-reminder#3', 'b', 'publication-reminder', 'sent');
    await send('convention-b/run/signature-request:SG#1', 'b', 'signature-request', 'sent');
    const sent = await register.emailsSent(['signature-reminder', 'report-overdue', 'publication-reminder']);
    expect([...sent.entries()].map(([id, emails]) => [id, emails.map((e) => e.series)])).toEqual([
      ['a', ['signature-reminder:SG']],
      ['b', ['publication-reminder']],
    ]);
  });

  it('keeps the latest statistics facts of each convention, whatever order the writes come in', async () => {
    const facts = (state: 'signing' | 'in-force') => ({
      startedAt: '2021-03-01T10:00:00.000Z',
      stateChanges: [{ to: state, at: '2021-03-01T10:00:00.000Z' }],
      reports: [],
      committees: [],
      allocatedAe: '100.00',
      horizon: '2022-03-01',
    });
    const write = (state: 'signing' | 'in-force', at: string, registerSeq: number) =>
      register.keepStats({ conventionId: 'camino-2020', facts: facts(state), at, registerSeq });
    await write('in-force', '2021-03-02T10:00:00.000Z', 5);
    // Late writes: an earlier instant, or the same instant with fewer decisions behind it.
    await write('signing', '2021-03-01T10:00:00.000Z', 9);
    await write('signing', '2021-03-02T10:00:00.000Z', 4);
    const state = async () =>
      (await register.keptStats()).map((row) => [row.conventionId, row.facts.stateChanges[0]!.to]);
    expect(await state()).toEqual([['camino-2020', 'in-force']]);
    // After a reset: fewer decisions, but later.
    await write('signing', '2021-03-03T10:00:00.000Z', 3);
    expect(await state()).toEqual([['camino-2020', 'signing']]);
  });

  it('keeps who takes the weekly digest, whatever the case of their address', async () => {
    const at = '2027-01-04T10:00:00.000Z';
    expect(await register.digestReaders(['a@example.org'])).toEqual([]);
    await register.keepDigestChoice({ email: 'A@example.org', weekly: true, at });
    await register.keepDigestChoice({ email: 'a@example.org', weekly: true, at });
    await register.keepDigestChoice({ email: 'b@example.org', weekly: true, at });
    expect(await register.digestReaders(['c@example.org', 'b@example.org', 'a@EXAMPLE.org'])).toEqual([
      'b@example.org',
      'a@EXAMPLE.org',
    ]);
    await register.keepDigestChoice({ email: 'a@example.org', weekly: false, at });
    expect(await register.digestReaders(['a@example.org', 'b@example.org'])).toEqual(['b@example.org']);
    expect(await register.digestReaders([])).toEqual([]);
  });
});

describe('the decision register on PostgreSQL, shared by several workers', () => {
  let url: string;
  let workers: Register[];
  beforeEach(async () => {
    url = await postgres.createDatabase(`shared_${++databases}`);
    // Started together, as workers of one deployment are: each runs the migrations it finds missing.
    workers = await Promise.all([1, 2, 3, 4].map(() => PostgresRegister.open(url)));
  });
  afterEach(async () => {
    await Promise.all(workers.map((worker) => worker.close()));
  });

  it('migrated the schema once, to its latest version, however many started at once', async () => {
    const client = new pg.Client(url);
    await client.connect();
    const { rows } = await client.query('SELECT version FROM schema_migrations ORDER BY version');
    await client.end();
    expect(rows).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, index) => ({ version: index + 1 })));
  });

  it('keeps one chain without gap or fork when workers append to one convention at once', async () => {
    // 4 workers × 25 decisions each, all at once, some keys written twice (a retry on another worker).
    const writes = workers.flatMap((worker, w) =>
      Array.from({ length: 25 }, (_, n) => worker.append({ ...entry(1), idempotencyKey: `k-${w}-${n}` })),
    );
    const retries = workers.map((worker, w) =>
      worker.append({ ...entry(1), idempotencyKey: `k-${(w + 1) % 4}-0` }),
    );
    const written = await Promise.all([...writes, ...retries]);
    const entries = await workers[0]!.entries('camino-2020');
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(await workers[3]!.verify('camino-2020')).toEqual({ ok: true, entries: 100 });
    // A retry answers with the row the first write made, whichever worker made it.
    expect(
      written
        .slice(100)
        .map((e) => e.seq)
        .sort(),
    ).toEqual([1, 2, 3, 0].map((w) => written[w * 25]!.seq).sort());
  });

  it('refuses TRUNCATE of the register', async () => {
    await workers[0]!.append(entry(1));
    const client = new pg.Client(url);
    await client.connect();
    await expect(client.query('TRUNCATE register')).rejects.toThrow('the decision register is append-only');
    await client.end();
  });

  it('fails a transaction whose connection the server ends, and goes on, without taking the worker down', async () => {
    // The cluster test found it: a PostgreSQL restart ending a connection checked out for a
    // transaction emitted an unhandled 'error' that killed both workers.
    const pool = await openPostgres(url);
    await expect(
      inTransaction(pool, (client) => client.query('SELECT pg_terminate_backend(pg_backend_pid())')),
    ).rejects.toThrow(/terminating connection/);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await workers[0]!.append(entry(1));
    await pool.end();
  });
});

describe('a register file written before emails could be withdrawn', () => {
  it('keeps its emails and takes withdrawals once opened', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convention-register-old-'));
    const path = join(dir, 'register.sqlite');
    const fresh = new SqliteRegister(path);
    await fresh.close();
    // The sent-email log as the previous version left it: its CHECK knew no withdrawal.
    const old = new Database(path);
    // The version before the migration that let emails be withdrawn (none of the later tables yet).
    const before = REGISTER_MIGRATIONS.findIndex((sql) => sql.includes('sent_emails_withdrawable'));
    old.exec(`DROP TABLE convention_files;
      DROP TABLE sent_emails;
      CREATE TABLE sent_emails (
        idempotency_key TEXT PRIMARY KEY, convention_id TEXT NOT NULL, kind TEXT NOT NULL,
        recipients TEXT NOT NULL, message_id TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('sending', 'sent', 'rejected')),
        attempts INTEGER NOT NULL, updated_at TEXT NOT NULL);
      INSERT INTO sent_emails VALUES ('k1', 'camino-2020', 'signature-request', 'a@example.org', '<k1>', 'sent', 1, '2026-01-01');`);
    old.pragma(`user_version = ${before}`);
    old.close();

    const register = new SqliteRegister(path);
    try {
      expect(await register.emailState('k1')).toBe('sent');
      const email = {
        idempotencyKey: 'k2',
        conventionId: 'camino-2020',
        kind: 'publication-request',
        recipients: [],
        messageId: '<k2>',
      };
      expect(await register.withdrawEmail(email)).toBe(true);
      expect(await register.emailState('k2')).toBe('withdrawn');
      expect(await register.knows('camino-2020')).toBe(true);
    } finally {
      await register.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
