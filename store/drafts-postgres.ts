import type pg from 'pg';
import type { Draft } from '../domain/draft';
import { newDraftId, ownerKey, summaryOf, type DraftStore, type DraftSummary } from './drafts';
import { openPostgres } from './postgres';

/** The drafts on PostgreSQL: an administrator resumes one on any console. */
export class PostgresDraftStore implements DraftStore {
  private constructor(private readonly pool: pg.Pool) {}

  static async open(url: string): Promise<PostgresDraftStore> {
    return new PostgresDraftStore(await openPostgres(url));
  }

  async create(owner: string, draft: Draft, now: number): Promise<string> {
    const id = newDraftId();
    await this.pool.query(
      'INSERT INTO convention_drafts (id, owner, data, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)',
      [id, ownerKey(owner), JSON.stringify(draft), now],
    );
    return id;
  }

  async get(owner: string, id: string): Promise<Draft | undefined> {
    const { rows } = await this.pool.query<{ data: string }>(
      'SELECT data FROM convention_drafts WHERE id = $1 AND owner = $2',
      [id, ownerKey(owner)],
    );
    return rows[0] && (JSON.parse(rows[0].data) as Draft);
  }

  async update(owner: string, id: string, draft: Draft, now: number): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      'UPDATE convention_drafts SET data = $1, updated_at = $2 WHERE id = $3 AND owner = $4',
      [JSON.stringify(draft), now, id, ownerKey(owner)],
    );
    return rowCount === 1;
  }

  async list(owner: string): Promise<DraftSummary[]> {
    const { rows } = await this.pool.query<{ id: string; data: string; updated_at: number }>(
      'SELECT id, data, updated_at FROM convention_drafts WHERE owner = $1 ORDER BY updated_at DESC, id',
      [ownerKey(owner)],
    );
    return rows.map((row) => summaryOf(row.id, row.data, row.updated_at));
  }

  async delete(owner: string, id: string): Promise<void> {
    await this.pool.query('DELETE FROM convention_drafts WHERE id = $1 AND owner = $2', [
      id,
      ownerKey(owner),
    ]);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
