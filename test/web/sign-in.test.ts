import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  LINK_LIFETIME_MS,
  LINKS_PER_ADDRESS,
  SESSION_LIFETIME_MS,
  Signer,
  SignInStore,
} from '../../client/web/sign-in';

const dir = mkdtempSync(join(tmpdir(), 'convention-sign-in-'));
const store = new SignInStore(join(dir, 'console.sqlite'));
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('sign-in links', () => {
  const now = Date.parse('2026-11-29T10:00:00Z');

  it('signs in once, within 15 minutes', () => {
    const token = store.create('Comite.Camino@example.org', now);
    expect(store.redeem(token, now + LINK_LIFETIME_MS - 1)).toEqual({
      ok: true,
      email: 'comite.camino@example.org',
    });
    expect(store.redeem(token, now + LINK_LIFETIME_MS - 1)).toEqual({ ok: false, reason: 'used' });
  });

  it('refuses an expired link and an unknown one', () => {
    const token = store.create('comite.camino@example.org', now);
    expect(store.redeem(token, now + LINK_LIFETIME_MS)).toEqual({ ok: false, reason: 'expired' });
    expect(store.redeem(`${token}x`, now)).toEqual({ ok: false, reason: 'unknown' });
  });

  it('counts the requests of one address, whoever it is, and lets it ask again later', () => {
    const address = 'quelquun@example.org';
    for (let i = 0; i < LINKS_PER_ADDRESS; i += 1) expect(store.allowRequest(address, now + i)).toBe(true);
    expect(store.allowRequest(address.toUpperCase(), now + 10)).toBe(false);
    expect(store.allowRequest('autre@example.org', now + 10)).toBe(true);
    expect(store.allowRequest(address, now + LINK_LIFETIME_MS + 10)).toBe(true);
  });
});

describe('sessions', () => {
  const now = Date.parse('2026-11-29T10:00:00Z');

  it('lasts 12 hours, and ends on the server when one signs out', () => {
    const token = store.openSession('comite.camino@example.org', now);
    expect(store.sessionEmail(token, now + SESSION_LIFETIME_MS - 1)).toBe('comite.camino@example.org');
    expect(store.sessionEmail(token, now + SESSION_LIFETIME_MS)).toBeUndefined();
    store.closeSession(token);
    expect(store.sessionEmail(token, now)).toBeUndefined();
    expect(store.sessionEmail('not a session', now)).toBeUndefined();
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
