import type Database from 'better-sqlite3';
import { openSqlite } from './sqlite';
import {
  chainedRow,
  RESET_KIND,
  entriesOf,
  resetEntryInput,
  sentBySeries,
  standing,
  standingByConvention,
  toEntry,
  verifyRows,
  type ChainCheck,
  type EmailAttempt,
  type EmailLogState,
  type Register,
  type RegisterEntry,
  type RegisterEntryInput,
  type RegisterRow,
  type ResetInput,
  type StatsWrite,
  type DigestChoice,
  emailKeyOf,
  emailLogValues,
} from './register';
import type { ConventionStatsFacts } from '../domain/stats';

// The register in a SQLite file, for one worker (`npm start`, tests). Every method runs its
// statements without yielding, so a transaction never interleaves with another call.

/** The register's file: the register, the sent emails, and a convention's files (store/documents-sqlite.ts). */
export const REGISTER_MIGRATIONS = [
  `CREATE TABLE IF NOT EXISTS register (
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
  );`,
  `CREATE TABLE digest_readers (
    email_key TEXT PRIMARY KEY,
    email     TEXT NOT NULL,
    since     TEXT NOT NULL
  );`,
  // Rows written before keep NULL: the triggers forbid filling it, and their keys name their run.
  // The index: a start asks whether any email went out under the id.
  `ALTER TABLE register ADD COLUMN first_run TEXT;
   CREATE INDEX sent_emails_by_convention ON sent_emails (convention_id);`,
  // An email may be withdrawn (its action done before it went): SQLite changes a CHECK only by
  // copying the table.
  `CREATE TABLE sent_emails_withdrawable (
    idempotency_key TEXT PRIMARY KEY,
    convention_id   TEXT NOT NULL,
    kind            TEXT NOT NULL,
    recipients      TEXT NOT NULL,
    message_id      TEXT NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('sending', 'sent', 'rejected', 'withdrawn')),
    attempts        INTEGER NOT NULL,
    updated_at      TEXT NOT NULL
  );
  INSERT INTO sent_emails_withdrawable SELECT * FROM sent_emails;
  DROP TABLE sent_emails;
  ALTER TABLE sent_emails_withdrawable RENAME TO sent_emails;
  CREATE INDEX sent_emails_by_convention ON sent_emails (convention_id);`,
  // A convention's files by their hash (issue 31): versions of its document, signed files, scans.
  `CREATE TABLE convention_files (
    seq           INTEGER PRIMARY KEY,
    convention_id TEXT NOT NULL,
    sha256        TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('version', 'signed', 'scan')),
    media_type    TEXT NOT NULL,
    bytes         INTEGER NOT NULL,
    added_by      TEXT NOT NULL,
    added_at      TEXT NOT NULL,
    note          TEXT,
    content       BLOB NOT NULL,
    UNIQUE (convention_id, sha256)
  );`,
];

const placeholders = (values: readonly unknown[]) => values.map(() => '?').join(', ');

export class SqliteRegister implements Register {
  private readonly db: Database.Database;

  constructor(path: string) {
    this.db = openSqlite(path, REGISTER_MIGRATIONS);
  }

  async close(): Promise<void> {
    this.db.close();
  }

  async append(input: RegisterEntryInput): Promise<RegisterEntry> {
    const write = this.db.transaction(
      (): RegisterRow => this.existing(input.idempotencyKey) ?? this.insert(input),
    );
    return toEntry(write.immediate());
  }

  async recordReset(input: ResetInput): Promise<RegisterEntry> {
    const write = this.db.transaction(
      (): RegisterRow =>
        this.existing(input.idempotencyKey) ??
        this.insert(resetEntryInput(input, this.rows(input.conventionId))),
    );
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
    const end = (order: 'ASC' | 'DESC') =>
      this.db
        .prepare<[string], RegisterRow>(
          `SELECT * FROM register WHERE convention_id = ? ORDER BY seq ${order} LIMIT 1`,
        )
        .get(input.conventionId);
    const row = chainedRow({ first: end('ASC'), last: end('DESC') }, input);
    this.db
      .prepare(
        `INSERT INTO register (convention_id, seq, kind, actor, payload, at, recorded_at, idempotency_key, prev_hash, hash, first_run)
           VALUES (@convention_id, @seq, @kind, @actor, @payload, @at, @recorded_at, @idempotency_key, @prev_hash, @hash, @first_run)`,
      )
      .run(row);
    return row;
  }

  async knows(conventionId: string): Promise<boolean> {
    const found = this.db
      .prepare<[string, string, string], { found: number }>(
        `SELECT EXISTS (SELECT 1 FROM register WHERE convention_id = ?)
             OR EXISTS (SELECT 1 FROM sent_emails WHERE convention_id = ?)
             OR EXISTS (SELECT 1 FROM convention_stats WHERE convention_id = ?) AS found`,
      )
      .get(conventionId, conventionId, conventionId);
    return found!.found === 1;
  }

  async entries(conventionId: string): Promise<RegisterEntry[]> {
    return entriesOf(this.rows(conventionId));
  }

  async decisions(conventionId: string): Promise<RegisterEntry[]> {
    return standing(this.rows(conventionId));
  }

  async decisionsOfKinds(kinds: readonly string[]): Promise<Map<string, RegisterEntry[]>> {
    const read = [...kinds, RESET_KIND];
    const rows = this.db
      .prepare<string[], RegisterRow>(
        `SELECT * FROM register WHERE kind IN (${placeholders(read)}) ORDER BY convention_id, seq`,
      )
      .all(...read);
    return standingByConvention(rows);
  }

  async verify(conventionId: string): Promise<ChainCheck> {
    return verifyRows(this.rows(conventionId));
  }

  async emailsSent(kinds: readonly string[]): Promise<Map<string, { series: string; at: string }[]>> {
    const rows = this.db
      .prepare<string[], { conventionId: string; key: string; at: string }>(
        `SELECT convention_id AS conventionId, idempotency_key AS key, updated_at AS at FROM sent_emails
          WHERE state = 'sent' AND kind IN (${placeholders(kinds)}) ORDER BY updated_at`,
      )
      .all(...kinds);
    return sentBySeries(rows);
  }

  async keepStats({ conventionId, facts, at, registerSeq }: StatsWrite): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO convention_stats (convention_id, facts, taken_at, register_seq) VALUES (?, ?, ?, ?)
         ON CONFLICT (convention_id) DO UPDATE SET facts = excluded.facts, taken_at = excluded.taken_at,
           register_seq = excluded.register_seq
         WHERE (excluded.taken_at, excluded.register_seq) >= (convention_stats.taken_at, convention_stats.register_seq)`,
      )
      .run(conventionId, JSON.stringify(facts), at, registerSeq);
  }

  async keptStats(): Promise<{ conventionId: string; facts: ConventionStatsFacts }[]> {
    return this.db
      .prepare<[], { conventionId: string; facts: string }>(
        'SELECT convention_id AS conventionId, facts FROM convention_stats ORDER BY convention_id',
      )
      .all()
      .map(({ conventionId, facts }) => ({ conventionId, facts: JSON.parse(facts) as ConventionStatsFacts }));
  }

  async emailState(idempotencyKey: string): Promise<EmailLogState | undefined> {
    return this.db
      .prepare<[string], { state: EmailLogState }>('SELECT state FROM sent_emails WHERE idempotency_key = ?')
      .get(idempotencyKey)?.state;
  }

  async emailAttempt(email: EmailAttempt): Promise<boolean> {
    const { changes } = this.db
      .prepare(
        `INSERT INTO sent_emails (idempotency_key, convention_id, kind, recipients, message_id, state, attempts, updated_at)
         VALUES (?, ?, ?, ?, ?, 'sending', 1, ?)
         ON CONFLICT (idempotency_key) DO UPDATE SET attempts = attempts + 1, updated_at = excluded.updated_at
           WHERE state <> 'withdrawn'`,
      )
      .run(...emailLogValues(email));
    return changes > 0;
  }

  async withdrawEmail(email: EmailAttempt): Promise<boolean> {
    const { changes } = this.db
      .prepare(
        `INSERT INTO sent_emails (idempotency_key, convention_id, kind, recipients, message_id, state, attempts, updated_at)
         VALUES (?, ?, ?, ?, ?, 'withdrawn', 0, ?)
         ON CONFLICT (idempotency_key) DO UPDATE SET state = 'withdrawn', updated_at = excluded.updated_at
           WHERE state IN ('sending', 'withdrawn')`,
      )
      .run(...emailLogValues(email));
    return changes > 0;
  }

  async emailOutcome(idempotencyKey: string, state: 'sent' | 'rejected'): Promise<void> {
    this.db
      .prepare('UPDATE sent_emails SET state = ?, updated_at = ? WHERE idempotency_key = ?')
      .run(state, new Date().toISOString(), idempotencyKey);
  }

  async digestReaders(emails: readonly string[]): Promise<string[]> {
    if (!emails.length) return [];
    const keys = emails.map(emailKeyOf);
    const found = new Set(
      this.db
        .prepare<string[], { key: string }>(
          `SELECT email_key AS key FROM digest_readers WHERE email_key IN (${placeholders(keys)})`,
        )
        .all(...keys)
        .map(({ key }) => key),
    );
    return emails.filter((email) => found.has(emailKeyOf(email)));
  }

  async keepDigestChoice({ email, weekly, at }: DigestChoice): Promise<void> {
    if (weekly)
      this.db
        .prepare(
          'INSERT INTO digest_readers (email_key, email, since) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
        )
        .run(emailKeyOf(email), email, at);
    else this.db.prepare('DELETE FROM digest_readers WHERE email_key = ?').run(emailKeyOf(email));
  }
}
