import { PostgresDraftStore } from './drafts-postgres';
import { SqliteDraftStore } from './drafts-sqlite';
import type { DraftStore } from './drafts';
import type { DocumentStore } from './documents';
import { PostgresDocumentStore } from './documents-postgres';
import { SqliteDocumentStore } from './documents-sqlite';
import { PostgresRegister } from './register-postgres';
import { SqliteRegister } from './register-sqlite';
import { PostgresSignInStore } from './sign-in-postgres';
import { SqliteSignInStore } from './sign-in-sqlite';
import type { Register } from './register';
import type { SignInStore } from './sign-in';

// Where our data lives: PostgreSQL when DATABASE_URL is set (several workers and consoles share
// it), otherwise SQLite files (one worker, one console: `npm start`, most tests).

export function openRegister(settings: { DATABASE_URL?: string; REGISTER_PATH: string }): Promise<Register> {
  return settings.DATABASE_URL
    ? PostgresRegister.open(settings.DATABASE_URL)
    : Promise.resolve(new SqliteRegister(settings.REGISTER_PATH));
}

export function openSignInStore(settings: {
  DATABASE_URL?: string;
  CONSOLE_DB: string;
}): Promise<SignInStore> {
  return settings.DATABASE_URL
    ? PostgresSignInStore.open(settings.DATABASE_URL)
    : Promise.resolve(new SqliteSignInStore(settings.CONSOLE_DB));
}

export function openDraftStore(settings: { DATABASE_URL?: string; CONSOLE_DB: string }): Promise<DraftStore> {
  return settings.DATABASE_URL
    ? PostgresDraftStore.open(settings.DATABASE_URL)
    : Promise.resolve(new SqliteDraftStore(settings.CONSOLE_DB));
}

/** A convention's files: in the register's database, beside the register that holds their hashes. */
export function openDocumentStore(settings: {
  DATABASE_URL?: string;
  REGISTER_PATH: string;
  DOCUMENT_MAX_BYTES: number;
}): Promise<DocumentStore> {
  return settings.DATABASE_URL
    ? PostgresDocumentStore.open(settings.DATABASE_URL, settings.DOCUMENT_MAX_BYTES)
    : Promise.resolve(new SqliteDocumentStore(settings.REGISTER_PATH, settings.DOCUMENT_MAX_BYTES));
}
