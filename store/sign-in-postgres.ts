import type pg from 'pg';
import { openPostgres } from './postgres';
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

/** The console's links and sessions on PostgreSQL: any console of several signs anyone in. */
export class PostgresSignInStore implements SignInStore {
  private constructor(private readonly pool: pg.Pool) {}

  static async open(url: string): Promise<PostgresSignInStore> {
    return new PostgresSignInStore(await openPostgres(url));
  }

  async allowRequest(email: string, client: string, now: number): Promise<boolean> {
    const address = email.toLowerCase();
    // Counted and noted in one round trip (two consoles racing may let one more through: a limit, not a count).
    const { rows } = await this.pool.query<{ allowed: boolean }>(
      `WITH recent AS (SELECT count(*) AS count FROM sign_in_requests WHERE email = $1 AND client = $5 AND at > $2),
            noted AS (INSERT INTO sign_in_requests (email, client, at) SELECT $1, $5, $3 FROM recent WHERE count < $4 RETURNING 1)
       SELECT EXISTS (SELECT 1 FROM noted) AS allowed`,
      [address, now - LINK_LIFETIME_MS, now, LINKS_PER_ADDRESS, clientKeyOf(client)],
    );
    return rows[0]!.allowed;
  }

  async create(email: string, now: number): Promise<string> {
    const token = newToken();
    await this.pool.query(
      'INSERT INTO sign_in_links (token_hash, email, created_at, expires_at) VALUES ($1, $2, $3, $4)',
      [hashOf(token), email.toLowerCase(), now, now + LINK_LIFETIME_MS],
    );
    return token;
  }

  async redeem(token: string, now: number): Promise<Redeemed> {
    const hash = hashOf(token);
    const { rows } = await this.pool.query<StoredLink>(
      'SELECT email, expires_at, used_at FROM sign_in_links WHERE token_hash = $1',
      [hash],
    );
    const refused = unredeemable(rows[0], now);
    if (refused) return refused;
    // Two visits racing, on one console or two: only the one whose update finds the link unused signs in.
    const claimed = await this.pool.query(
      'UPDATE sign_in_links SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL',
      [now, hash],
    );
    return claimed.rowCount === 1 ? { ok: true, email: rows[0]!.email } : { ok: false, reason: 'used' };
  }

  async openSession(email: string, now: number): Promise<string> {
    const token = newToken();
    await this.pool.query('INSERT INTO sessions (token_hash, email, expires_at) VALUES ($1, $2, $3)', [
      hashOf(token),
      email,
      now + SESSION_LIFETIME_MS,
    ]);
    return token;
  }

  async sessionEmail(token: string, now: number): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ email: string; expires_at: number }>(
      'SELECT email, expires_at FROM sessions WHERE token_hash = $1',
      [hashOf(token)],
    );
    const session = rows[0];
    return session && now < session.expires_at ? session.email : undefined;
  }

  async closeSession(token: string): Promise<void> {
    await this.pool.query('DELETE FROM sessions WHERE token_hash = $1', [hashOf(token)]);
  }

  async createFeed(email: string, now: number): Promise<string> {
    const token = newToken();
    await this.pool.query(
      `INSERT INTO calendar_feeds (email, token_hash, created_at) VALUES ($1, $2, $3)
       ON CONFLICT (email) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at`,
      [email.toLowerCase(), hashOf(token), now],
    );
    return token;
  }

  async feedCreatedAt(email: string): Promise<number | undefined> {
    const { rows } = await this.pool.query<{ created_at: number }>(
      'SELECT created_at FROM calendar_feeds WHERE email = $1',
      [email.toLowerCase()],
    );
    return rows[0]?.created_at;
  }

  async feedEmail(token: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ email: string }>(
      'SELECT email FROM calendar_feeds WHERE token_hash = $1',
      [hashOf(token)],
    );
    return rows[0]?.email;
  }

  async deleteFeed(email: string): Promise<void> {
    await this.pool.query('DELETE FROM calendar_feeds WHERE email = $1', [email.toLowerCase()]);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
