import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import Database from 'better-sqlite3';

// Sign-in without passwords: a one-time link sent by email (valid 15 minutes, used once), then a
// session in a signed, http-only cookie. Only a hash of each link's token is stored.

export const LINK_LIFETIME_MS = 15 * 60_000;
export const SESSION_LIFETIME_MS = 12 * 3_600_000;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export type Redeemed = { ok: true; email: string } | { ok: false; reason: 'unknown' | 'expired' | 'used' };

export class SignInLinks {
  private readonly db: Database.Database;

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS sign_in_links (
      token_hash TEXT PRIMARY KEY,
      email TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      used_at INTEGER
    )`);
  }

  /** A new link's token for `email`; the link itself is the console's address plus this token. */
  create(email: string, now: number): string {
    const token = randomBytes(32).toString('base64url');
    this.db
      .prepare('INSERT INTO sign_in_links (token_hash, email, created_at, expires_at) VALUES (?, ?, ?, ?)')
      .run(hashOf(token), email, now, now + LINK_LIFETIME_MS);
    return token;
  }

  /** Uses the link once: a second visit, even a second before it expires, is refused. */
  redeem(token: string, now: number): Redeemed {
    const hash = hashOf(token);
    const link = this.db
      .prepare<[string], { email: string; expires_at: number; used_at: number | null }>(
        'SELECT email, expires_at, used_at FROM sign_in_links WHERE token_hash = ?',
      )
      .get(hash);
    if (!link) return { ok: false, reason: 'unknown' };
    if (link.used_at !== null) return { ok: false, reason: 'used' };
    if (now >= link.expires_at) return { ok: false, reason: 'expired' };
    // Two visits racing: only the one whose update finds the link unused signs in.
    const claimed = this.db
      .prepare('UPDATE sign_in_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL')
      .run(now, hash);
    return claimed.changes === 1 ? { ok: true, email: link.email } : { ok: false, reason: 'used' };
  }

  close(): void {
    this.db.close();
  }
}

/** Signs and checks values with the console's secret: session cookies and CSRF tokens. */
export class Signer {
  constructor(private readonly secret: string) {}

  private mac(value: string): string {
    return createHmac('sha256', this.secret).update(value).digest('base64url');
  }

  /** `value.mac`, for a cookie. */
  sign(value: string): string {
    return `${value}.${this.mac(value)}`;
  }

  /** The value of a signed string, if its signature holds. */
  unsign(signed: string): string | undefined {
    const dot = signed.lastIndexOf('.');
    if (dot < 0) return undefined;
    const value = signed.slice(0, dot);
    const given = Buffer.from(signed.slice(dot + 1));
    const expected = Buffer.from(this.mac(value));
    return given.length === expected.length && timingSafeEqual(given, expected) ? value : undefined;
  }

  /** The session cookie's value for `email`, valid until `expiresAt`. */
  session(email: string, expiresAt: number): string {
    return this.sign(Buffer.from(JSON.stringify({ email, expiresAt })).toString('base64url'));
  }

  /** The email of a valid, unexpired session cookie. */
  sessionEmail(cookie: string | undefined, now: number): string | undefined {
    const value = cookie && this.unsign(cookie);
    if (!value) return undefined;
    const { email, expiresAt } = JSON.parse(Buffer.from(value, 'base64url').toString()) as {
      email: string;
      expiresAt: number;
    };
    return now < expiresAt ? email : undefined;
  }

  /** The CSRF token of a browser, bound to its random `visitor` cookie. */
  csrfToken(visitor: string): string {
    return this.mac(`csrf:${visitor}`);
  }

  checkCsrf(visitor: string | undefined, token: unknown): boolean {
    if (!visitor || typeof token !== 'string') return false;
    const given = Buffer.from(token);
    const expected = Buffer.from(this.csrfToken(visitor));
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
