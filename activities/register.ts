import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { decisionSeqOf } from '../domain/keys';
import type { ConventionStatsFacts } from '../domain/stats';

// The decision register (SPEC §4): durable, append-only, and outliving Temporal's history
// retention. Each row carries the hash of the previous row of the same convention, so an edited,
// inserted or reordered row breaks the chain. The same database keeps the log of emails sent,
// which makes sending idempotent across activity retries and worker crashes.

export interface RegisterEntryInput {
  /** Derived from the workflow and its decision: a retried activity writes nothing twice. */
  idempotencyKey: string;
  conventionId: string;
  kind: string;
  actor: string;
  payload: Record<string, unknown>;
  /** When the decision was taken (workflow time). */
  at: string;
}

/** A reset of the workflow (`temporal workflow reset`), as the workflow records it when it resumes. */
export interface ResetInput {
  idempotencyKey: string;
  conventionId: string;
  /** The workflow execution's chain (`chainOf`): only its entries may be superseded. */
  chain: string;
  /** The decisions the workflow still holds: those it had taken past this place are superseded. */
  after: number;
  /** The run that resumes from the reset point. */
  run: string;
  at: string;
}

/** A convention's statistics facts as the workflow (or the console, for one that kept none) took them. */
export interface StatsWrite {
  conventionId: string;
  facts: ConventionStatsFacts;
  /** When they were taken (workflow time), then the record's count of decisions: a later write wins. */
  at: string;
  registerSeq: number;
}

export interface RegisterEntry {
  conventionId: string;
  seq: number;
  kind: string;
  actor: string;
  payload: Record<string, unknown>;
  at: string;
  recordedAt: string;
  prevHash: string;
  hash: string;
  /** A decision a reset took back (the workflow no longer holds it): the seq of that reset's entry. Never deleted. */
  supersededBy?: number;
}

/** The kind and actor of the entry that records a reset. */
export const RESET_KIND = 'reset';
const RESET_ACTOR = 'temporal';

/** How a chain breaks at an entry: one is missing before it, it does not follow the one before, it was edited. */
export type ChainBreak = 'missing' | 'out-of-order' | 'changed';

export type ChainCheck =
  | { ok: true; entries: number }
  | { ok: false; entries: number; brokenAt: number; problem: ChainBreak; reason: string };

interface RegisterRow {
  convention_id: string;
  seq: number;
  kind: string;
  actor: string;
  payload: string;
  at: string;
  recorded_at: string;
  idempotency_key: string;
  prev_hash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

function rowHash(row: Omit<RegisterRow, 'hash' | 'recorded_at' | 'idempotency_key'>): string {
  const fields = [row.convention_id, row.seq, row.kind, row.actor, row.payload, row.at, row.prev_hash];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS register (
    convention_id   TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    kind            TEXT NOT NULL,
    actor           TEXT NOT NULL,
    payload         TEXT NOT NULL,
    at              TEXT NOT NULL,
    recorded_at     TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    prev_hash       TEXT NOT NULL,
    hash            TEXT NOT NULL,
    PRIMARY KEY (convention_id, seq)
  );
  CREATE TRIGGER IF NOT EXISTS register_no_update BEFORE UPDATE ON register
    BEGIN SELECT RAISE(ABORT, 'the decision register is append-only'); END;
  CREATE TRIGGER IF NOT EXISTS register_no_delete BEFORE DELETE ON register
    BEGIN SELECT RAISE(ABORT, 'the decision register is append-only'); END;
  CREATE TABLE IF NOT EXISTS sent_emails (
    idempotency_key TEXT PRIMARY KEY,
    convention_id   TEXT NOT NULL,
    kind            TEXT NOT NULL,
    recipients      TEXT NOT NULL,
    message_id      TEXT NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('sending', 'sent', 'rejected')),
    attempts        INTEGER NOT NULL,
    updated_at      TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS convention_stats (
    convention_id TEXT PRIMARY KEY,
    facts         TEXT NOT NULL,
    taken_at      TEXT NOT NULL,
    register_seq  INTEGER NOT NULL
  );
`;

export type EmailLogState = 'sending' | 'sent' | 'rejected';

export class Register {
  private readonly db: Database.Database;

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    // WAL lets the CLI read while the worker writes; the busy timeout rides out a short lock.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
  }

  close(): void {
    this.db.close();
  }

  /** Appends an entry once: the same idempotency key returns the row already written. */
  append(input: RegisterEntryInput): RegisterEntry {
    const write = this.db.transaction(
      (): RegisterRow => this.existing(input.idempotencyKey) ?? this.insert(input),
    );
    return toEntry(write.immediate());
  }

  /**
   * Records a reset once: which of the chain's decisions it took back (those past `after`, not
   * taken back already) go in its payload, so that they read as superseded and stay in the chain.
   */
  recordReset({ chain, after, run, ...input }: ResetInput): RegisterEntry {
    const write = this.db.transaction((): RegisterRow => {
      const existing = this.existing(input.idempotencyKey);
      if (existing) return existing;
      const rows = this.rows(input.conventionId);
      const taken = supersededBy(rows);
      const supersedes = rows
        .filter((row) => row.idempotency_key.startsWith(`${chain}/`) && !taken.has(row.seq))
        .filter((row) => (decisionSeqOf(row.idempotency_key) ?? 0) > after)
        .map((row) => row.seq);
      return this.insert({
        ...input,
        kind: RESET_KIND,
        actor: RESET_ACTOR,
        payload: { run, after, supersedes },
      });
    });
    return toEntry(write.immediate());
  }

  private existing(idempotencyKey: string): RegisterRow | undefined {
    return this.db
      .prepare<[string], RegisterRow>('SELECT * FROM register WHERE idempotency_key = ?')
      .get(idempotencyKey);
  }

  private rows(conventionId: string): RegisterRow[] {
    return this.db
      .prepare<[string], RegisterRow>('SELECT * FROM register WHERE convention_id = ? ORDER BY seq')
      .all(conventionId);
  }

  /** Chains a new row after the convention's last one (inside a transaction). */
  private insert(input: RegisterEntryInput): RegisterRow {
    const last = this.db
      .prepare<[string], { seq: number; hash: string }>(
        'SELECT seq, hash FROM register WHERE convention_id = ? ORDER BY seq DESC LIMIT 1',
      )
      .get(input.conventionId);
    const row = {
      convention_id: input.conventionId,
      seq: (last?.seq ?? 0) + 1,
      kind: input.kind,
      actor: input.actor,
      payload: JSON.stringify(input.payload),
      at: input.at,
      prev_hash: last?.hash ?? GENESIS_HASH,
    };
    const full: RegisterRow = {
      ...row,
      hash: rowHash(row),
      recorded_at: new Date().toISOString(),
      idempotency_key: input.idempotencyKey,
    };
    this.db
      .prepare(
        `INSERT INTO register (convention_id, seq, kind, actor, payload, at, recorded_at, idempotency_key, prev_hash, hash)
           VALUES (@convention_id, @seq, @kind, @actor, @payload, @at, @recorded_at, @idempotency_key, @prev_hash, @hash)`,
      )
      .run(full);
    return full;
  }

  /** The convention's entries in order, those a reset took back marked with it. */
  entries(conventionId: string): RegisterEntry[] {
    const rows = this.rows(conventionId);
    const superseded = supersededBy(rows);
    return rows.map((row) => {
      const by = superseded.get(row.seq);
      return by === undefined ? toEntry(row) : { ...toEntry(row), supersededBy: by };
    });
  }

  /** The decisions that stand: neither taken back by a reset nor a reset's own entry. */
  decisions(conventionId: string): RegisterEntry[] {
    return standing(this.rows(conventionId));
  }

  /** Every convention's standing decisions of these kinds, in one read. */
  decisionsOfKinds(kinds: readonly string[]): Map<string, RegisterEntry[]> {
    const read = [...kinds, RESET_KIND];
    const rows = this.db
      .prepare<string[], RegisterRow>(
        `SELECT * FROM register WHERE kind IN (${read.map(() => '?').join(', ')}) ORDER BY convention_id, seq`,
      )
      .all(...read);
    return new Map(
      [
        ...groupBy(
          rows,
          (row) => row.convention_id,
          (row) => row,
        ).entries(),
      ].map(([conventionId, ofOne]) => [conventionId, standing(ofOne)]),
    );
  }

  /** Recomputes every hash of a convention's chain; the first row that does not match is reported. */
  verify(conventionId: string): ChainCheck {
    const rows = this.rows(conventionId);
    let prevHash = GENESIS_HASH;
    for (const [index, row] of rows.entries()) {
      const brokenAt = row.seq;
      const broken = (problem: ChainBreak, reason: string): ChainCheck => ({
        ok: false,
        entries: rows.length,
        brokenAt,
        problem,
        reason,
      });
      if (row.seq !== index + 1) return broken('missing', `entry ${index + 1} is missing`);
      if (row.prev_hash !== prevHash) return broken('out-of-order', 'does not follow the previous entry');
      if (rowHash(row) !== row.hash) return broken('changed', 'its content was changed after it was written');
      prevHash = row.hash;
    }
    return { ok: true, entries: rows.length };
  }

  /** Emails of these kinds sent, by convention: their series (`signature-reminder:DGPR`) and when. */
  emailsSent(kinds: readonly string[]): Map<string, { series: string; at: string }[]> {
    const rows = this.db
      .prepare<string[], { conventionId: string; key: string; at: string }>(
        `SELECT convention_id AS conventionId, idempotency_key AS key, updated_at AS at FROM sent_emails
          WHERE state = 'sent' AND kind IN (${kinds.map(() => '?').join(', ')}) ORDER BY updated_at`,
      )
      .all(...kinds);
    // The key is `workflow/first-run/series#occurrence`.
    return groupBy(
      rows,
      (row) => row.conventionId,
      ({ key, at }) => ({ series: key.split('/').at(-1)!.replace(/#\d+$/, ''), at }),
    );
  }

  /** Writes a convention's statistics facts unless a later write is there already. */
  keepStats({ conventionId, facts, at, registerSeq }: StatsWrite): void {
    this.db
      .prepare(
        `INSERT INTO convention_stats (convention_id, facts, taken_at, register_seq) VALUES (?, ?, ?, ?)
         ON CONFLICT (convention_id) DO UPDATE SET facts = excluded.facts, taken_at = excluded.taken_at,
           register_seq = excluded.register_seq
         WHERE (excluded.taken_at, excluded.register_seq) >= (convention_stats.taken_at, convention_stats.register_seq)`,
      )
      .run(conventionId, JSON.stringify(facts), at, registerSeq);
  }

  /** Every convention's statistics facts, as last written. */
  keptStats(): { conventionId: string; facts: ConventionStatsFacts }[] {
    return this.db
      .prepare<[], { conventionId: string; facts: string }>(
        'SELECT convention_id AS conventionId, facts FROM convention_stats ORDER BY convention_id',
      )
      .all()
      .map(({ conventionId, facts }) => ({ conventionId, facts: JSON.parse(facts) as ConventionStatsFacts }));
  }

  emailState(idempotencyKey: string): EmailLogState | undefined {
    return this.db
      .prepare<[string], { state: EmailLogState }>('SELECT state FROM sent_emails WHERE idempotency_key = ?')
      .get(idempotencyKey)?.state;
  }

  /** Notes an attempt before talking to the SMTP server, so that an interrupted one is visible. */
  emailAttempt(email: {
    idempotencyKey: string;
    conventionId: string;
    kind: string;
    recipients: string[];
    messageId: string;
  }): void {
    this.db
      .prepare(
        `INSERT INTO sent_emails (idempotency_key, convention_id, kind, recipients, message_id, state, attempts, updated_at)
         VALUES (?, ?, ?, ?, ?, 'sending', 1, ?)
         ON CONFLICT (idempotency_key) DO UPDATE SET attempts = attempts + 1, updated_at = excluded.updated_at`,
      )
      .run(
        email.idempotencyKey,
        email.conventionId,
        email.kind,
        email.recipients.join(', '),
        email.messageId,
        new Date().toISOString(),
      );
  }

  emailOutcome(idempotencyKey: string, state: 'sent' | 'rejected'): void {
    this.db
      .prepare('UPDATE sent_emails SET state = ?, updated_at = ? WHERE idempotency_key = ?')
      .run(state, new Date().toISOString(), idempotencyKey);
  }
}

/** The rows that stand among a convention's (all its resets included): neither taken back nor a reset. */
function standing(rows: readonly RegisterRow[]): RegisterEntry[] {
  const superseded = supersededBy(rows);
  return rows.filter((row) => !superseded.has(row.seq) && row.kind !== RESET_KIND).map(toEntry);
}

/** Rows grouped by their convention, in their order, each made into what the caller keeps. */
function groupBy<Row, Kept>(
  rows: readonly Row[],
  conventionOf: (row: Row) => string,
  keep: (row: Row) => Kept,
): Map<string, Kept[]> {
  const groups = new Map<string, Kept[]>();
  for (const row of rows) {
    const id = conventionOf(row);
    const group = groups.get(id);
    if (group) group.push(keep(row));
    else groups.set(id, [keep(row)]);
  }
  return groups;
}

/** Each entry a reset took back, with the seq of that reset's entry. */
function supersededBy(rows: readonly RegisterRow[]): Map<number, number> {
  const superseded = new Map<number, number>();
  for (const row of rows.filter((r) => r.kind === RESET_KIND)) {
    const { supersedes } = JSON.parse(row.payload) as { supersedes: number[] };
    for (const seq of supersedes) superseded.set(seq, row.seq);
  }
  return superseded;
}

function toEntry(row: RegisterRow): RegisterEntry {
  return {
    conventionId: row.convention_id,
    seq: row.seq,
    kind: row.kind,
    actor: row.actor,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    at: row.at,
    recordedAt: row.recorded_at,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
