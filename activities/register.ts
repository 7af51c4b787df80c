import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

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
}

export type ChainCheck =
  { ok: true; entries: number } | { ok: false; entries: number; brokenAt: number; reason: string };

interface RegisterRow {
  convention_id: string;
  seq: number;
  kind: string;
  actor: string;
  payload: string;
  at: string;
  recorded_at: string;
  prev_hash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

function rowHash(row: Omit<RegisterRow, 'hash' | 'recorded_at'>): string {
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
    const write = this.db.transaction((): RegisterRow => {
      const existing = this.db
        .prepare<[string], RegisterRow>('SELECT * FROM register WHERE idempotency_key = ?')
        .get(input.idempotencyKey);
      if (existing) return existing;
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
      const full: RegisterRow = { ...row, hash: rowHash(row), recorded_at: new Date().toISOString() };
      this.db
        .prepare(
          `INSERT INTO register (convention_id, seq, kind, actor, payload, at, recorded_at, idempotency_key, prev_hash, hash)
           VALUES (@convention_id, @seq, @kind, @actor, @payload, @at, @recorded_at, @idempotency_key, @prev_hash, @hash)`,
        )
        .run({ ...full, idempotency_key: input.idempotencyKey });
      return full;
    });
    return toEntry(write.immediate());
  }

  entries(conventionId: string): RegisterEntry[] {
    return this.db
      .prepare<[string], RegisterRow>('SELECT * FROM register WHERE convention_id = ? ORDER BY seq')
      .all(conventionId)
      .map(toEntry);
  }

  /** Recomputes every hash of a convention's chain; the first row that does not match is reported. */
  verify(conventionId: string): ChainCheck {
    const rows = this.db
      .prepare<[string], RegisterRow>('SELECT * FROM register WHERE convention_id = ? ORDER BY seq')
      .all(conventionId);
    let prevHash = GENESIS_HASH;
    for (const [index, row] of rows.entries()) {
      const brokenAt = row.seq;
      if (row.seq !== index + 1)
        return { ok: false, entries: rows.length, brokenAt, reason: `entry ${index + 1} is missing` };
      if (row.prev_hash !== prevHash)
        return { ok: false, entries: rows.length, brokenAt, reason: 'does not follow the previous entry' };
      if (rowHash(row) !== row.hash)
        return {
          ok: false,
          entries: rows.length,
          brokenAt,
          reason: 'its content was changed after it was written',
        };
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
