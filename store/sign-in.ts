import { createHash, randomBytes } from 'node:crypto';

// Sign-in without passwords: a one-time link sent by email (valid 15 minutes, used once), then a
// session kept on the server, its id in a signed, http-only cookie; signing out ends it there.
// Only hashes of the links' and sessions' tokens are stored, in SQLite or PostgreSQL; so are the
// tokens of the people's calendar feeds, which open no session, only the feed.

export const LINK_LIFETIME_MS = 15 * 60_000;
export const SESSION_LIFETIME_MS = 12 * 3_600_000;
/** Links one address may be sent per LINK_LIFETIME_MS: enough to retry, too few to flood a mailbox. */
export const LINKS_PER_ADDRESS = 5;

export const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
/** The requesting client as the requests' table keeps it: a hash, not the network address itself. */
export const clientKeyOf = (client: string) => hashOf(`client:${client}`);
export const newToken = () => randomBytes(32).toString('base64url');

export type Redeemed = { ok: true; email: string } | { ok: false; reason: 'unknown' | 'expired' | 'used' };

/** A link as stored: whether it may still sign in is `redeemable`'s answer. */
export interface StoredLink {
  email: string;
  expires_at: number;
  used_at: number | null;
}

/** Why a link cannot sign in, or undefined when it can (and is then claimed). */
export function unredeemable(link: StoredLink | undefined, now: number): Redeemed | undefined {
  if (!link) return { ok: false, reason: 'unknown' };
  if (link.used_at !== null) return { ok: false, reason: 'used' };
  if (now >= link.expires_at) return { ok: false, reason: 'expired' };
  return undefined;
}

export interface SignInStore {
  /**
   * Counts a request for a link to `email` from `client` (the requester's network address),
   * whether or not the address holds a role (so that the answer tells nothing); false past
   * LINKS_PER_ADDRESS requests in the last LINK_LIFETIME_MS for this address from this client.
   * Counted per pair: a stranger flooding someone's address does not lock them out from their own
   * office (the console's per-client limit bounds how many mails one client can have sent).
   */
  allowRequest(email: string, client: string, now: number): Promise<boolean>;
  /** A new link's token for `email`; the link itself is the console's address plus this token. */
  create(email: string, now: number): Promise<string>;
  /** Uses the link once: a second visit, even a second before it expires, is refused. */
  redeem(token: string, now: number): Promise<Redeemed>;
  /** Opens a session for `email`: the token its cookie carries. */
  openSession(email: string, now: number): Promise<string>;
  /** The email of a session still open. */
  sessionEmail(token: string, now: number): Promise<string | undefined>;
  /** Signing out: the session ends on the server, whatever the browser keeps. */
  closeSession(token: string): Promise<void>;
  /**
   * A new calendar feed token for `email` (SPEC §10): the address of their feed ends with it.
   * The feed given before, if any, stops answering: one feed per person.
   */
  createFeed(email: string, now: number): Promise<string>;
  /** When the person's feed was created, if they have one. */
  feedCreatedAt(email: string): Promise<number | undefined>;
  /** The person a feed token belongs to, while it is not revoked. */
  feedEmail(token: string): Promise<string | undefined>;
  /** Revokes the person's feed. */
  deleteFeed(email: string): Promise<void>;
  close(): Promise<void>;
}
