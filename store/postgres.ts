import pg from 'pg';

// Our data on PostgreSQL (DATABASE_URL): the register, the sent-email log, the console's links
// and sessions, the drafts of conventions, a convention's files, in one database that every
// worker and console shares.

/** Versioned migrations, applied in order at start; a version once released never changes. */
const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'register, sent emails, statistics facts',
    sql: `
      CREATE TABLE register (
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
      CREATE INDEX register_by_kind ON register (kind, convention_id, seq);
      CREATE FUNCTION register_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'the decision register is append-only'; END $$;
      CREATE TRIGGER register_no_update_or_delete BEFORE UPDATE OR DELETE ON register
        FOR EACH ROW EXECUTE FUNCTION register_is_append_only();
      CREATE TRIGGER register_no_truncate BEFORE TRUNCATE ON register
        FOR EACH STATEMENT EXECUTE FUNCTION register_is_append_only();
      CREATE TABLE sent_emails (
        idempotency_key TEXT PRIMARY KEY,
        convention_id   TEXT NOT NULL,
        kind            TEXT NOT NULL,
        recipients      TEXT NOT NULL,
        message_id      TEXT NOT NULL,
        state           TEXT NOT NULL CHECK (state IN ('sending', 'sent', 'rejected')),
        attempts        INTEGER NOT NULL,
        updated_at      TEXT NOT NULL
      );
      CREATE TABLE convention_stats (
        convention_id TEXT PRIMARY KEY,
        facts         TEXT NOT NULL,
        taken_at      TEXT NOT NULL,
        register_seq  INTEGER NOT NULL
      );`,
  },
  {
    version: 2,
    name: 'console sign-in links and sessions',
    sql: `
      CREATE TABLE sign_in_links (
        token_hash TEXT PRIMARY KEY,
        email      TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        used_at    BIGINT
      );
      CREATE TABLE sign_in_requests (email TEXT NOT NULL, at BIGINT NOT NULL);
      CREATE INDEX sign_in_requests_by_email ON sign_in_requests (email, at);
      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        email      TEXT NOT NULL,
        expires_at BIGINT NOT NULL
      );`,
  },
  {
    version: 3,
    name: 'calendar feeds',
    sql: `
      CREATE TABLE calendar_feeds (
        email      TEXT PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        created_at BIGINT NOT NULL
      );`,
  },
  {
    version: 4,
    name: 'weekly digest readers',
    sql: `
      CREATE TABLE digest_readers (
        email_key TEXT PRIMARY KEY,
        email     TEXT NOT NULL,
        since     TEXT NOT NULL
      );`,
  },
  {
    version: 5,
    name: "each register row's first run: a convention's id never shared",
    // Rows written before keep NULL: the register refuses UPDATE, and their keys name their run.
    // The index: a start asks whether any email went out under the id.
    sql: `
      ALTER TABLE register ADD COLUMN first_run TEXT;
      CREATE INDEX sent_emails_by_convention ON sent_emails (convention_id);`,
  },
  {
    version: 6,
    name: 'sign-in requests counted per address and client',
    sql: `
      ALTER TABLE sign_in_requests ADD COLUMN client TEXT NOT NULL DEFAULT '';
      DROP INDEX sign_in_requests_by_email;
      CREATE INDEX sign_in_requests_by_email_and_client ON sign_in_requests (email, client, at);`,
  },
  {
    version: 7,
    name: 'drafts of conventions written in the console',
    sql: `
      CREATE TABLE convention_drafts (
        id         TEXT PRIMARY KEY,
        owner      TEXT NOT NULL,
        data       TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL
      );
      CREATE INDEX convention_drafts_by_owner ON convention_drafts (owner, updated_at);`,
  },
  {
    version: 8,
    name: 'an email may be withdrawn, its action done before it went',
    sql: `
      ALTER TABLE sent_emails DROP CONSTRAINT sent_emails_state_check;
      ALTER TABLE sent_emails ADD CONSTRAINT sent_emails_state_check
        CHECK (state IN ('sending', 'sent', 'rejected', 'withdrawn'));`,
  },
  {
    version: 9,
    name: "a convention's files by their hash: versions of its document, signed files, scans",
    sql: `
      CREATE TABLE convention_files (
        seq           BIGSERIAL PRIMARY KEY,
        convention_id TEXT NOT NULL,
        sha256        TEXT NOT NULL,
        kind          TEXT NOT NULL CHECK (kind IN ('version', 'signed', 'scan')),
        media_type    TEXT NOT NULL,
        bytes         INTEGER NOT NULL,
        added_by      TEXT NOT NULL,
        added_at      TEXT NOT NULL,
        note          TEXT,
        content       BYTEA NOT NULL,
        UNIQUE (convention_id, sha256)
      );`,
  },
];

/** Any number our tables hold fits in a double (milliseconds, counts): read BIGINT as a number. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8
      ? Number
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** Several workers may start at once: the first to take this lock migrates, the others then find it done. */
const MIGRATION_LOCK = 7_233_001;

/** A pool on DATABASE_URL, its schema migrated. */
export async function openPostgres(url: string): Promise<pg.Pool> {
  // A server that does not answer (restarting) fails a call within seconds rather than holding it
  // past the activity's timeout.
  const pool = new pg.Pool({
    connectionString: url,
    types,
    max: 10,
    connectionTimeoutMillis: 5_000,
    query_timeout: 10_000,
  });
  // An idle connection that the server closes (a restart) is dropped from the pool, not a crash.
  pool.on('error', () => {});
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((row) => row.version));
    for (const migration of MIGRATIONS.filter(({ version }) => !applied.has(version))) {
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
    }
  });
  return pool;
}

/** The latest schema version this code knows. */
export const SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

/** Runs `work` in one transaction on one connection: committed if it returns, rolled back if it throws. */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  // Checked out, a connection is no longer watched by the pool: one the server ends (a restart)
  // would emit an unhandled 'error' and take the whole worker down. Its query fails instead.
  const ignore = () => {};
  client.on('error', ignore);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    client.removeListener('error', ignore);
    client.release();
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    // The connection may be the cause (a server restart): not given back to the pool, and still
    // listened to while it closes.
    client.release(true);
    throw error;
  }
}
