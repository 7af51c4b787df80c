import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/**
 * Opens a SQLite file and brings its schema up to date: `migrations[i]` takes the file from
 * version i to i + 1 (`PRAGMA user_version`), each in a transaction. Files from before versioning
 * are at version 0; the first migration creates what is missing only.
 */
export function openSqlite(path: string, migrations: readonly string[]): Database.Database {
  if (path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    // Created readable by its owner only (SQLite gives its -wal and -shm files the same mode):
    // the register and the console's tables hold people's names, decisions and sessions.
    closeSync(openSync(path, 'a', 0o600));
  }
  const db = new Database(path);
  // WAL lets the CLI read while the worker writes; the busy timeout rides out a short lock.
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  const migrate = db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    for (const [index, sql] of migrations.entries())
      if (index >= version) {
        db.exec(sql);
        db.pragma(`user_version = ${index + 1}`);
      }
  });
  migrate.immediate();
  return db;
}
