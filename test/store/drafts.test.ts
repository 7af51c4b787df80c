import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newDraft, withStep } from '../../domain/draft';
import type { DraftStore } from '../../store/drafts';
import { PostgresDraftStore } from '../../store/drafts-postgres';
import { SqliteDraftStore } from '../../store/drafts-sqlite';
import { SqliteSignInStore } from '../../store/sign-in-sqlite';
import { startPostgres, type PostgresServer } from '../helpers/postgres';

// The drafts of conventions written in the console, on both stores: each belongs to its admin.

const dir = mkdtempSync(join(tmpdir(), 'convention-drafts-'));
let postgres: PostgresServer;
beforeAll(async () => {
  postgres = await startPostgres();
});
afterAll(async () => {
  await postgres?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const ADMIN = 'admin@example.org';
const OTHER = 'autre.admin@example.org';
const NOW = Date.parse('2027-03-10T09:00:00Z');

describe.each([
  // The console's file, the sign-in store opened on it first: one schema for both.
  [
    'SQLite',
    async (): Promise<DraftStore> => {
      const path = join(dir, 'console.sqlite');
      await new SqliteSignInStore(path).close();
      return new SqliteDraftStore(path);
    },
  ],
  [
    'PostgreSQL',
    async (): Promise<DraftStore> => PostgresDraftStore.open(await postgres.createDatabase('console')),
  ],
])('drafts on %s', (_name, open) => {
  let store: DraftStore;
  beforeAll(async () => {
    store = await open();
  });
  afterAll(() => store.close());

  it('keeps a draft as written, lists it for its owner only, and deletes it', async () => {
    const blank = newDraft(ADMIN, '2027-03-10');
    const id = await store.create(ADMIN, blank, NOW);
    expect(await store.get(ADMIN, id)).toEqual(blank);

    const named = withStep(blank, 'startup', { title: 'Convention Camino', 'startup.name': 'Camino' });
    expect(await store.update('Admin@Example.org', id, named, NOW + 1000)).toBe(true);
    expect((await store.get(ADMIN, id))?.convention.title).toBe('Convention Camino');
    const second = await store.create(ADMIN, blank, NOW + 2000);
    expect(await store.list(ADMIN)).toEqual([
      { id: second, title: undefined, updatedAt: NOW + 2000 },
      { id, title: 'Convention Camino', updatedAt: NOW + 1000 },
    ]);

    // Another admin neither sees, changes nor deletes it.
    expect(await store.list(OTHER)).toEqual([]);
    expect(await store.get(OTHER, id)).toBeUndefined();
    expect(await store.update(OTHER, id, blank, NOW)).toBe(false);
    await store.delete(OTHER, id);
    expect(await store.get(ADMIN, id)).toEqual(named);

    await store.delete(ADMIN, id);
    expect(await store.get(ADMIN, id)).toBeUndefined();
    expect((await store.list(ADMIN)).map((d) => d.id)).toEqual([second]);
  });
});
