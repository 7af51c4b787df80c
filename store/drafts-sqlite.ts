import type Database from 'better-sqlite3';
import type { Draft } from '../domain/draft';
import { CONSOLE_MIGRATIONS } from './console-sqlite';
import { newDraftId, ownerKey, summaryOf, type DraftStore, type DraftSummary } from './drafts';
import { openSqlite } from './sqlite';

/** The drafts of one console, in its SQLite file. */
export class SqliteDraftStore implements DraftStore {
  private readonly db: Database.Database;

  constructor(path: string) {
    this.db = openSqlite(path, CONSOLE_MIGRATIONS);
  }

  async create(owner: string, draft: Draft, now: number): Promise<string> {
    const id = newDraftId();
    this.db
      .prepare(
        'INSERT INTO convention_drafts (id, owner, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(id, ownerKey(owner), JSON.stringify(draft), now, now);
    return id;
  }

  async get(owner: string, id: string): Promise<Draft | undefined> {
    const row = this.db
      .prepare<[string, string], { data: string }>(
        'SELECT data FROM convention_drafts WHERE id = ? AND owner = ?',
      )
      .get(id, ownerKey(owner));
    return row && (JSON.parse(row.data) as Draft);
  }

  async update(owner: string, id: string, draft: Draft, now: number): Promise<boolean> {
    const { changes } = this.db
      .prepare('UPDATE convention_drafts SET data = ?, updated_at = ? WHERE id = ? AND owner = ?')
      .run(JSON.stringify(draft), now, id, ownerKey(owner));
    return changes === 1;
  }

  async list(owner: string): Promise<DraftSummary[]> {
    return this.db
      .prepare<[string], { id: string; data: string; updated_at: number }>(
        'SELECT id, data, updated_at FROM convention_drafts WHERE owner = ? ORDER BY updated_at DESC, id',
      )
      .all(ownerKey(owner))
      .map((row) => summaryOf(row.id, row.data, row.updated_at));
  }

  async delete(owner: string, id: string): Promise<void> {
    this.db.prepare('DELETE FROM convention_drafts WHERE id = ? AND owner = ?').run(id, ownerKey(owner));
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
