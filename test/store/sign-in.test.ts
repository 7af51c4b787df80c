import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Signer } from '../../client/web/signer';
import {
  LINK_LIFETIME_MS,
  LINKS_PER_ADDRESS,
  SESSION_LIFETIME_MS,
  type SignInStore,
} from '../../store/sign-in';
import { PostgresSignInStore } from '../../store/sign-in-postgres';
import { SqliteSignInStore } from '../../store/sign-in-sqlite';
import { startPostgres, type PostgresServer } from '../helpers/postgres';

// The console's links and sessions, on both stores.

const dir = mkdtempSync(join(tmpdir(), 'convention-sign-in-'));
let postgres: PostgresServer;
beforeAll(async () => {
  postgres = await startPostgres();
});
afterAll(async () => {
  await postgres?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe.each([
  ['SQLite', async (): Promise<SignInStore> => new SqliteSignInStore(join(dir, 'console.sqlite'))],
  [
    'PostgreSQL',
    async (): Promise<SignInStore> => PostgresSignInStore.open(await postgres.createDatabase('console')),
  ],
])('sign-in on %s', (_name, open) => {
  let store: SignInStore;
  beforeAll(async () => {
    store = await open();
  });
  afterAll(() => store.close());
  const now = Date.parse('2026-11-29T10:00:00Z');

  it('signs in once, within 15 minutes', async () => {
    const token = await store.create('Comite.Camino@example.org', now);
    expect(await store.redeem(token, now + LINK_LIFETIME_MS - 1)).toEqual({
      ok: true,
      email: 'comite.camino@example.org',
    });
    expect(await store.redeem(token, now + LINK_LIFETIME_MS - 1)).toEqual({ ok: false, reason: 'used' });
  });

  it('signs in only one of two visits of a link racing each other', async () => {
    const token = await store.create('comite.camino@example.org', now);
    const visits = await Promise.all([store.redeem(token, now), store.redeem(token, now)]);
    expect(visits.filter((visit) => visit.ok)).toHaveLength(1);
  });

  it('refuses an expired link and an unknown one', async () => {
    const token = await store.create('comite.camino@example.org', now);
    expect(await store.redeem(token, now + LINK_LIFETIME_MS)).toEqual({ ok: false, reason: 'expired' });
    expect(await store.redeem(`${token}x`, now)).toEqual({ ok: false, reason: 'unknown' });
  });

  it('counts the requests of one address from one client, whoever it is, and lets it ask again later', async () => {
    const address = 'quelquun@example.org';
    const flooder = '203.0.113.7';
    for (let i = 0; i < LINKS_PER_ADDRESS; i += 1)
      expect(await store.allowRequest(address, flooder, now + i)).toBe(true);
    expect(await store.allowRequest(address.toUpperCase(), flooder, now + 10)).toBe(false);
    expect(await store.allowRequest('autre@example.org', flooder, now + 10)).toBe(true);
    // The person, from their own office, is not locked out by the flood.
    expect(await store.allowRequest(address, '198.51.100.20', now + 10)).toBe(true);
    expect(await store.allowRequest(address, flooder, now + LINK_LIFETIME_MS + 10)).toBe(true);
  });

  it('keeps a session 12 hours, and ends it on the server when one signs out', async () => {
    const token = await store.openSession('comite.camino@example.org', now);
    expect(await store.sessionEmail(token, now + SESSION_LIFETIME_MS - 1)).toBe('comite.camino@example.org');
    expect(await store.sessionEmail(token, now + SESSION_LIFETIME_MS)).toBeUndefined();
    await store.closeSession(token);
    expect(await store.sessionEmail(token, now)).toBeUndefined();
    expect(await store.sessionEmail('not a session', now)).toBeUndefined();
  });

  it('keeps one calendar feed per person: a new one revokes the old, and one can delete it', async () => {
    const first = await store.createFeed('DGALN.Budget@example.org', now);
    expect(first).toMatch(/^[\w-]{43}$/);
    expect(await store.feedEmail(first)).toBe('dgaln.budget@example.org');
    expect(await store.feedCreatedAt('dgaln.budget@example.org')).toBe(now);
    const second = await store.createFeed('dgaln.budget@example.org', now + 1);
    expect(await store.feedEmail(first)).toBeUndefined();
    expect(await store.feedEmail(second)).toBe('dgaln.budget@example.org');
    expect(await store.feedCreatedAt('DGALN.budget@example.org')).toBe(now + 1);
    // A session's token opens no feed, nor a feed's token a session.
    expect(await store.sessionEmail(second, now)).toBeUndefined();
    await store.deleteFeed('dgaln.budget@example.org');
    expect(await store.feedEmail(second)).toBeUndefined();
    expect(await store.feedCreatedAt('dgaln.budget@example.org')).toBeUndefined();
  });
});

describe('signed cookies and CSRF tokens', () => {
  const signer = new Signer('a secret long enough for the tests here');

  it('reads back a signed value, never a tampered one', () => {
    const cookie = signer.sign('session-token');
    expect(signer.unsign(cookie)).toBe('session-token');
    expect(signer.unsign(`other-token.${cookie.split('.')[1]}`)).toBeUndefined();
    expect(signer.unsign(`${cookie}x`)).toBeUndefined();
    expect(new Signer('another secret, just as long as the first').unsign(cookie)).toBeUndefined();
  });

  it("accepts a form's CSRF token only from the browser it was made for", () => {
    const token = signer.csrfToken('visitor-1');
    expect(signer.checkCsrf('visitor-1', token)).toBe(true);
    expect(signer.checkCsrf('visitor-2', token)).toBe(false);
    expect(signer.checkCsrf(undefined, token)).toBe(false);
    expect(signer.checkCsrf('visitor-1', undefined)).toBe(false);
  });
});
