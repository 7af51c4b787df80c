import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import Database from 'better-sqlite3';

// Sign-in without passwords: a one-time link sent by email (valid 15 minutes, used once), then a
// session kept on the server, its id in a signed, http-only cookie; signing out ends it there.
// Only hashes of the links' and sessions' tokens are stored.

export const LINK_LIFETIME_MS = 15 * 60_000;
export const SESSION_LIFETIME_MS = 12 * 3_600_000;
/** Links one address may be sent per LINK_LIFETIME_MS: enough to retry, too few to flood a mailbox. */
export const LINKS_PER_ADDRESS = 5;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');

export type Redeemed = { ok: true; email: string } | { ok: false; reason: 'unknown' | 'expired' | 'used' };

export class SignInStore {
  private readonly db: Database.Database;

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS sign_in_links (
        token_hash TEXT PRIMARY KEY,
        email TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        used_at INTEGER
      );
      CREATE TABLE IF NOT EXISTS sign_in_requests (email TEXT NOT NULL, at INTEGER NOT NULL);
      CREATE INDEX IF NOT EXISTS sign_in_requests_by_email ON sign_in_requests (email, at);
      CREATE TABLE IF NOT EXISTS sessions (
        token_hash TEXT PRIMARY KEY,
        email TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      );`);
  }

  /**
   * Counts a request for a link to `email`, whether or not the address holds a role (so that the
   * answer tells nothing); false past LINKS_PER_ADDRESS requests in the last LINK_LIFETIME_MS.
   */
  allowRequest(email: string, now: number): boolean {
    const address = email.toLowerCase();
    const recent = this.db
      .prepare<[string, number], { count: number }>(
        'SELECT count(*) AS count FROM sign_in_requests WHERE email = ? AND at > ?',
      )
      .get(address, now - LINK_LIFETIME_MS)!.count;
    if (recent >= LINKS_PER_ADDRESS) return false;
    this.db.prepare('INSERT INTO sign_in_requests (email, at) VALUES (?, ?)').run(address, now);
    return true;
  }

  /** A new link's token for `email`; the link itself is the console's address plus this token. */
  create(email: string, now: number): string {
    const token = newToken();
    this.db
      .prepare('INSERT INTO sign_in_links (token_hash, email, created_at, expires_at) VALUES (?, ?, ?, ?)')
      .run(hashOf(token), email.toLowerCase(), now, now + LINK_LIFETIME_MS);
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

  /** Opens a session for `email`: the token its cookie carries. */
  openSession(email: string, now: number): string {
    const token = newToken();
    this.db
      .prepare('INSERT INTO sessions (token_hash, email, expires_at) VALUES (?, ?, ?)')
      .run(hashOf(token), email, now + SESSION_LIFETIME_MS);
    return token;
  }

  /** The email of a session still open. */
  sessionEmail(token: string, now: number): string | undefined {
    const session = this.db
      .prepare<[string], { email: string; expires_at: number }>(
        'SELECT email, expires_at FROM sessions WHERE token_hash = ?',
      )
      .get(hashOf(token));
    return session && now < session.expires_at ? session.email : undefined;
  }

  /** Signing out: the session ends on the server, whatever the browser keeps. */
  closeSession(token: string): void {
    this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(hashOf(token));
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
