import type pg from 'pg';
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
import { openPostgres } from './postgres';

/** A convention's files on PostgreSQL: every console and worker reads the same. */
export class PostgresDocumentStore implements DocumentStore {
  private constructor(
    private readonly pool: pg.Pool,
    private readonly maxBytes: number,
  ) {}

  static async open(url: string, maxBytes = DEFAULT_DOCUMENT_MAX_BYTES): Promise<PostgresDocumentStore> {
    return new PostgresDocumentStore(await openPostgres(url), maxBytes);
  }

  async add(file: NewFile): Promise<StoredFile> {
    const record = recordOf(file, this.maxBytes);
    await this.pool.query(
      `INSERT INTO convention_files (${FILE_COLUMNS}, content) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (convention_id, sha256) DO NOTHING`,
      [
        record.conventionId,
        record.sha256,
        record.kind,
        record.mediaType,
        record.bytes,
        record.addedBy,
        record.addedAt,
        record.note ?? null,
        Buffer.from(file.content),
      ],
    );
    return (await this.get(record.conventionId, record.sha256))!.file;
  }

  async get(conventionId: string, sha256: string) {
    const { rows } = await this.pool.query<FileRow & { content: Buffer }>(
      `SELECT ${FILE_COLUMNS}, content FROM convention_files WHERE convention_id = $1 AND sha256 = $2`,
      [conventionId, sha256],
    );
    return rows[0] && { file: fileOfRow(rows[0]), content: new Uint8Array(rows[0].content) };
  }

  async list(conventionId: string): Promise<StoredFile[]> {
    const { rows } = await this.pool.query<FileRow>(
      `SELECT ${FILE_COLUMNS} FROM convention_files WHERE convention_id = $1 ORDER BY seq`,
      [conventionId],
    );
    return rows.map(fileOfRow);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
