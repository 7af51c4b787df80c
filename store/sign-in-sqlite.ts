import type Database from 'better-sqlite3';
import { CONSOLE_MIGRATIONS } from './console-sqlite';
import { openSqlite } from './sqlite';
import {
  clientKeyOf,
  hashOf,
  LINK_LIFETIME_MS,
  LINKS_PER_ADDRESS,
  newToken,
  SESSION_LIFETIME_MS,
  unredeemable,
  type Redeemed,
  type SignInStore,
  type StoredLink,
} from './sign-in';

/** The console's links and sessions in a SQLite file, for one console. */
export class SqliteSignInStore implements SignInStore {
  private readonly db: Database.Database;

  constructor(path: string) {
    this.db = openSqlite(path, CONSOLE_MIGRATIONS);
  }

  async allowRequest(email: string, client: string, now: number): Promise<boolean> {
    const address = email.toLowerCase();
    const from = clientKeyOf(client);
    const recent = this.db
      .prepare<[string, string, number], { count: number }>(
        'SELECT count(*) AS count FROM sign_in_requests WHERE email = ? AND client = ? AND at > ?',
      )
      .get(address, from, now - LINK_LIFETIME_MS)!.count;
    if (recent >= LINKS_PER_ADDRESS) return false;
    this.db
      .prepare('INSERT INTO sign_in_requests (email, client, at) VALUES (?, ?, ?)')
      .run(address, from, now);
    return true;
  }

  async create(email: string, now: number): Promise<string> {
    const token = newToken();
    this.db
      .prepare('INSERT INTO sign_in_links (token_hash, email, created_at, expires_at) VALUES (?, ?, ?, ?)')
      .run(hashOf(token), email.toLowerCase(), now, now + LINK_LIFETIME_MS);
    return token;
  }

  async redeem(token: string, now: number): Promise<Redeemed> {
    const hash = hashOf(token);
    const link = this.db
      .prepare<[string], StoredLink>(
        'SELECT email, expires_at, used_at FROM sign_in_links WHERE token_hash = ?',
      )
      .get(hash);
    const refused = unredeemable(link, now);
    if (refused) return refused;
    // Two visits racing: only the one whose update finds the link unused signs in.
    const claimed = this.db
      .prepare('UPDATE sign_in_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL')
      .run(now, hash);
    return claimed.changes === 1 ? { ok: true, email: link!.email } : { ok: false, reason: 'used' };
  }

  async openSession(email: string, now: number): Promise<string> {
    const token = newToken();
    this.db
      .prepare('INSERT INTO sessions (token_hash, email, expires_at) VALUES (?, ?, ?)')
      .run(hashOf(token), email, now + SESSION_LIFETIME_MS);
    return token;
  }

  async sessionEmail(token: string, now: number): Promise<string | undefined> {
    const session = this.db
      .prepare<[string], { email: string; expires_at: number }>(
        'SELECT email, expires_at FROM sessions WHERE token_hash = ?',
      )
      .get(hashOf(token));
    return session && now < session.expires_at ? session.email : undefined;
  }

  async closeSession(token: string): Promise<void> {
    this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(hashOf(token));
  }

  async createFeed(email: string, now: number): Promise<string> {
    const token = newToken();
    this.db
      .prepare(
        `INSERT INTO calendar_feeds (email, token_hash, created_at) VALUES (?, ?, ?)
         ON CONFLICT (email) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at`,
      )
      .run(email.toLowerCase(), hashOf(token), now);
    return token;
  }

  async feedCreatedAt(email: string): Promise<number | undefined> {
    return this.db
      .prepare<[string], { created_at: number }>('SELECT created_at FROM calendar_feeds WHERE email = ?')
      .get(email.toLowerCase())?.created_at;
  }

  async feedEmail(token: string): Promise<string | undefined> {
    return this.db
      .prepare<[string], { email: string }>('SELECT email FROM calendar_feeds WHERE token_hash = ?')
      .get(hashOf(token))?.email;
  }

  async deleteFeed(email: string): Promise<void> {
    this.db.prepare('DELETE FROM calendar_feeds WHERE email = ?').run(email.toLowerCase());
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
