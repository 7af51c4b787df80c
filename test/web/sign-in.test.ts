import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LINK_LIFETIME_MS, Signer, SignInLinks } from '../../client/web/sign-in';

const dir = mkdtempSync(join(tmpdir(), 'convention-sign-in-'));
const links = new SignInLinks(join(dir, 'console.sqlite'));
afterAll(() => {
  links.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('sign-in links', () => {
  const now = Date.parse('2026-11-29T10:00:00Z');

  it('signs in once, within 15 minutes', () => {
    const token = links.create('comite.camino@example.org', now);
    expect(links.redeem(token, now + LINK_LIFETIME_MS - 1)).toEqual({
      ok: true,
      email: 'comite.camino@example.org',
    });
    expect(links.redeem(token, now + LINK_LIFETIME_MS - 1)).toEqual({ ok: false, reason: 'used' });
  });

  it('refuses an expired link and an unknown one', () => {
    const token = links.create('comite.camino@example.org', now);
    expect(links.redeem(token, now + LINK_LIFETIME_MS)).toEqual({ ok: false, reason: 'expired' });
    expect(links.redeem(`${token}x`, now)).toEqual({ ok: false, reason: 'unknown' });
  });
});

describe('signed sessions and CSRF tokens', () => {
  const signer = new Signer('a secret long enough for the tests here');
  const now = Date.parse('2026-11-29T10:00:00Z');

  it('reads back a session until it expires, and never a tampered one', () => {
    const cookie = signer.session('comite.camino@example.org', now + 1000);
    expect(signer.sessionEmail(cookie, now)).toBe('comite.camino@example.org');
    expect(signer.sessionEmail(cookie, now + 1000)).toBeUndefined();
    const [value, mac] = cookie.split('.');
    const forged = Buffer.from(
      JSON.stringify({ email: 'admin@example.org', expiresAt: now + 1000 }),
    ).toString('base64url');
    expect(signer.sessionEmail(`${forged}.${mac}`, now)).toBeUndefined();
    expect(signer.sessionEmail(`${value}.${mac}x`, now)).toBeUndefined();
    expect(new Signer('another secret, just as long as the first').sessionEmail(cookie, now)).toBeUndefined();
  });

  it("accepts a form's CSRF token only from the browser it was made for", () => {
    const token = signer.csrfToken('visitor-1');
    expect(signer.checkCsrf('visitor-1', token)).toBe(true);
    expect(signer.checkCsrf('visitor-2', token)).toBe(false);
    expect(signer.checkCsrf(undefined, token)).toBe(false);
    expect(signer.checkCsrf('visitor-1', undefined)).toBe(false);
  });
});
