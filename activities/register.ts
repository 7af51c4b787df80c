import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { decisionSeqOf } from '../domain/keys';

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
    return this.entries(conventionId).filter((e) => e.supersededBy === undefined && e.kind !== RESET_KIND);
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

  /** Emails of these kinds sent to a convention: their series (`signature-reminder:DGPR`) and when. */
  emailsSent(conventionId: string, kinds: readonly string[]): { series: string; at: string }[] {
    return (
      this.db
        .prepare<[string], { key: string; at: string; kind: string }>(
          "SELECT idempotency_key AS key, updated_at AS at, kind FROM sent_emails WHERE convention_id = ? AND state = 'sent' ORDER BY updated_at",
        )
        .all(conventionId)
        .filter((row) => kinds.includes(row.kind))
        // The key is `workflow/first-run/series#occurrence`.
        .map((row) => ({ series: row.key.split('/').at(-1)!.replace(/#\d+$/, ''), at: row.at }))
    );
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
