import type pg from 'pg';
import { inTransaction, openPostgres } from './postgres';
import {
  chainedRow,
  entriesOf,
  RESET_KIND,
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

// The register on PostgreSQL, shared by every worker. Appends to one convention's chain are
// serialized by a transaction-scoped advisory lock on the convention: the second writer reads the
// first one's row as the last, so the chain has no gap and no fork; the primary key (convention,
// seq) would refuse a fork anyway. The database refuses UPDATE, DELETE and TRUNCATE of the register.

const ROW =
  'convention_id, seq, kind, actor, payload, at, recorded_at, idempotency_key, prev_hash, hash, first_run';

export class PostgresRegister implements Register {
  private constructor(private readonly pool: pg.Pool) {}

  static async open(url: string): Promise<PostgresRegister> {
    return new PostgresRegister(await openPostgres(url));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  async append(input: RegisterEntryInput): Promise<RegisterEntry> {
    return toEntry(await this.appendOnce(input.conventionId, input.idempotencyKey, () => input));
  }

  async recordReset(input: ResetInput): Promise<RegisterEntry> {
    const row = await this.appendOnce(input.conventionId, input.idempotencyKey, async (client) =>
      resetEntryInput(input, await rowsOf(client, input.conventionId)),
    );
    return toEntry(row);
  }

  /** Appends what `entryOf` gives unless the key was written already, the convention's chain locked. */
  private appendOnce(
    conventionId: string,
    idempotencyKey: string,
    entryOf: (client: pg.PoolClient) => RegisterEntryInput | Promise<RegisterEntryInput>,
  ): Promise<RegisterRow> {
    return inTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [conventionId]);
      const existing = await client.query<RegisterRow>(
        `SELECT ${ROW} FROM register WHERE idempotency_key = $1`,
        [idempotencyKey],
      );
      if (existing.rows[0]) return existing.rows[0];
      const input = await entryOf(client);
      const end = async (order: 'ASC' | 'DESC') =>
        (
          await client.query<RegisterRow>(
            `SELECT ${ROW} FROM register WHERE convention_id = $1 ORDER BY seq ${order} LIMIT 1`,
            [conventionId],
          )
        ).rows[0];
      const row = chainedRow({ first: await end('ASC'), last: await end('DESC') }, input);
      await client.query(
        `INSERT INTO register (${ROW}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          row.convention_id,
          row.seq,
          row.kind,
          row.actor,
          row.payload,
          row.at,
          row.recorded_at,
          row.idempotency_key,
          row.prev_hash,
          row.hash,
          row.first_run,
        ],
      );
      return row;
    });
  }

  async knows(conventionId: string): Promise<boolean> {
    const { rows } = await this.pool.query<{ found: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM register WHERE convention_id = $1)
           OR EXISTS (SELECT 1 FROM sent_emails WHERE convention_id = $1)
           OR EXISTS (SELECT 1 FROM convention_stats WHERE convention_id = $1) AS found`,
      [conventionId],
    );
    return rows[0]!.found;
  }

  async entries(conventionId: string): Promise<RegisterEntry[]> {
    return entriesOf(await rowsOf(this.pool, conventionId));
  }

  async decisions(conventionId: string): Promise<RegisterEntry[]> {
    return standing(await rowsOf(this.pool, conventionId));
  }

  async decisionsOfKinds(kinds: readonly string[]): Promise<Map<string, RegisterEntry[]>> {
    const { rows } = await this.pool.query<RegisterRow>(
      `SELECT ${ROW} FROM register WHERE kind = ANY($1) ORDER BY convention_id, seq`,
      [[...kinds, RESET_KIND]],
    );
    return standingByConvention(rows);
  }

  async verify(conventionId: string): Promise<ChainCheck> {
    return verifyRows(await rowsOf(this.pool, conventionId));
  }

  async emailsSent(kinds: readonly string[]): Promise<Map<string, { series: string; at: string }[]>> {
    const { rows } = await this.pool.query<{ conventionId: string; key: string; at: string }>(
      `SELECT convention_id AS "conventionId", idempotency_key AS key, updated_at AS at FROM sent_emails
        WHERE state = 'sent' AND kind = ANY($1) ORDER BY updated_at`,
      [kinds],
    );
    return sentBySeries(rows);
  }

  async keepStats({ conventionId, facts, at, registerSeq }: StatsWrite): Promise<void> {
    await this.pool.query(
      `INSERT INTO convention_stats (convention_id, facts, taken_at, register_seq) VALUES ($1, $2, $3, $4)
       ON CONFLICT (convention_id) DO UPDATE SET facts = excluded.facts, taken_at = excluded.taken_at,
         register_seq = excluded.register_seq
       WHERE (excluded.taken_at, excluded.register_seq) >= (convention_stats.taken_at, convention_stats.register_seq)`,
      [conventionId, JSON.stringify(facts), at, registerSeq],
    );
  }

  async keptStats(): Promise<{ conventionId: string; facts: ConventionStatsFacts }[]> {
    const { rows } = await this.pool.query<{ conventionId: string; facts: string }>(
      'SELECT convention_id AS "conventionId", facts FROM convention_stats ORDER BY convention_id',
    );
    return rows.map(({ conventionId, facts }) => ({
      conventionId,
      facts: JSON.parse(facts) as ConventionStatsFacts,
    }));
  }

  async emailState(idempotencyKey: string): Promise<EmailLogState | undefined> {
    const { rows } = await this.pool.query<{ state: EmailLogState }>(
      'SELECT state FROM sent_emails WHERE idempotency_key = $1',
      [idempotencyKey],
    );
    return rows[0]?.state;
  }

  async emailAttempt(email: EmailAttempt): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `INSERT INTO sent_emails (idempotency_key, convention_id, kind, recipients, message_id, state, attempts, updated_at)
       VALUES ($1, $2, $3, $4, $5, 'sending', 1, $6)
       ON CONFLICT (idempotency_key) DO UPDATE SET attempts = sent_emails.attempts + 1, updated_at = excluded.updated_at
         WHERE sent_emails.state <> 'withdrawn'`,
      emailLogValues(email),
    );
    return rowCount! > 0;
  }

  async withdrawEmail(email: EmailAttempt): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `INSERT INTO sent_emails (idempotency_key, convention_id, kind, recipients, message_id, state, attempts, updated_at)
       VALUES ($1, $2, $3, $4, $5, 'withdrawn', 0, $6)
       ON CONFLICT (idempotency_key) DO UPDATE SET state = 'withdrawn', updated_at = excluded.updated_at
         WHERE sent_emails.state IN ('sending', 'withdrawn')`,
      emailLogValues(email),
    );
    return rowCount! > 0;
  }

  async emailOutcome(idempotencyKey: string, state: 'sent' | 'rejected'): Promise<void> {
    await this.pool.query('UPDATE sent_emails SET state = $1, updated_at = $2 WHERE idempotency_key = $3', [
      state,
      new Date().toISOString(),
      idempotencyKey,
    ]);
  }

  async digestReaders(emails: readonly string[]): Promise<string[]> {
    if (!emails.length) return [];
    const { rows } = await this.pool.query<{ key: string }>(
      'SELECT email_key AS key FROM digest_readers WHERE email_key = ANY($1)',
      [emails.map(emailKeyOf)],
    );
    const found = new Set(rows.map(({ key }) => key));
    return emails.filter((email) => found.has(emailKeyOf(email)));
  }

  async keepDigestChoice({ email, weekly, at }: DigestChoice): Promise<void> {
    if (weekly)
      await this.pool.query(
        'INSERT INTO digest_readers (email_key, email, since) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        [emailKeyOf(email), email, at],
      );
    else await this.pool.query('DELETE FROM digest_readers WHERE email_key = $1', [emailKeyOf(email)]);
  }
}

/** A convention's rows in chain order. */
async function rowsOf(db: pg.Pool | pg.PoolClient, conventionId: string): Promise<RegisterRow[]> {
  const { rows } = await db.query<RegisterRow>(
    `SELECT ${ROW} FROM register WHERE convention_id = $1 ORDER BY seq`,
    [conventionId],
  );
  return rows;
}
