// The console's own tables in its SQLite file (CONSOLE_DB): sign-in links, sessions, calendar
// feeds, drafts of conventions. One list of migrations for the file, whichever store opens it
// first (`PRAGMA user_version` counts them for the whole file).

export const CONSOLE_MIGRATIONS = [
  `CREATE TABLE IF NOT EXISTS sign_in_links (
     token_hash TEXT PRIMARY KEY,
     email TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL,
     used_at INTEGER
   );
   CREATE TABLE IF NOT EXISTS sign_in_requests (email TEXT NOT NULL, at INTEGER NOT NULL);
   CREATE INDEX IF NOT EXISTS sign_in_requests_by_email ON sign_in_requests (email, at);
   CREATE TABLE IF NOT EXISTS sessions (
     token_hash TEXT PRIMARY KEY,
     email TEXT NOT NULL,
     expires_at INTEGER NOT NULL
   );`,
  `CREATE TABLE calendar_feeds (
     email TEXT PRIMARY KEY,
     token_hash TEXT NOT NULL UNIQUE,
     created_at INTEGER NOT NULL
   );`,
  // Requests counted per address and client (earlier rows, from no known client, count for none).
  `ALTER TABLE sign_in_requests ADD COLUMN client TEXT NOT NULL DEFAULT '';
   DROP INDEX sign_in_requests_by_email;
   CREATE INDEX sign_in_requests_by_email_and_client ON sign_in_requests (email, client, at);`,
  `CREATE TABLE convention_drafts (
     id TEXT PRIMARY KEY,
     owner TEXT NOT NULL,
     data TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL
   );
   CREATE INDEX convention_drafts_by_owner ON convention_drafts (owner, updated_at);`,
];
