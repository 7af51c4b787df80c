import type Database from 'better-sqlite3';
import { DEFAULT_DOCUMENT_MAX_BYTES } from '../domain/documents';
import {
  FILE_COLUMNS,
  fileOfRow,
  recordOf,
  type DocumentStore,
  type FileRow,
  type NewFile,
  type StoredFile,
} from './documents';
import { REGISTER_MIGRATIONS } from './register-sqlite';
import { openSqlite } from './sqlite';

/** A convention's files in the register's SQLite file (REGISTER_PATH). */
export class SqliteDocumentStore implements DocumentStore {
  private readonly db: Database.Database;

  constructor(
    path: string,
    private readonly maxBytes = DEFAULT_DOCUMENT_MAX_BYTES,
  ) {
    this.db = openSqlite(path, REGISTER_MIGRATIONS);
  }

  async add(file: NewFile): Promise<StoredFile> {
    const record = recordOf(file, this.maxBytes);
    this.db
      .prepare(
        `INSERT INTO convention_files (${FILE_COLUMNS}, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (convention_id, sha256) DO NOTHING`,
      )
      .run(
        record.conventionId,
        record.sha256,
        record.kind,
        record.mediaType,
        record.bytes,
        record.addedBy,
        record.addedAt,
        record.note ?? null,
        Buffer.from(file.content),
      );
    return (await this.get(record.conventionId, record.sha256))!.file;
  }

  async get(conventionId: string, sha256: string) {
    const row = this.db
      .prepare<[string, string], FileRow & { content: Buffer }>(
        `SELECT ${FILE_COLUMNS}, content FROM convention_files WHERE convention_id = ? AND sha256 = ?`,
      )
      .get(conventionId, sha256);
    return row && { file: fileOfRow(row), content: new Uint8Array(row.content) };
  }

  async list(conventionId: string): Promise<StoredFile[]> {
    return this.db
      .prepare<[string], FileRow>(
        `SELECT ${FILE_COLUMNS} FROM convention_files WHERE convention_id = ? ORDER BY seq`,
      )
      .all(conventionId)
      .map(fileOfRow);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
