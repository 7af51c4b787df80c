import { createHmac, hkdfSync } from 'node:crypto';
import type { PayloadKey } from './codec';

// The people of a convention, findable in Temporal's visibility without their addresses being
// there: the workflow upserts keyed hashes of them (the Participants and AwaitedPeople search
// attributes), and the console looks a signed-in person up by the same hash. One call to list a
// person's conventions, however many there are.

/** An address's hash for the search attributes: the same for the worker and the console. */
export type ParticipantHasher = (email: string) => string;

// Without payload keys, the payloads themselves carry the addresses in clear: the hash then only
// keeps them out of the list views, with a key anyone can read here.
const KEY_WITHOUT_PAYLOAD_KEYS = Buffer.from('conventions beta.gouv.fr: participants without payload keys');

/**
 * Keyed by the oldest payload key (PAYLOAD_KEYS' last): a new key put first to encrypt leaves the
 * hashes as they are. Dropping that oldest key changes them: each convention upserts the new ones
 * at its next run (README, "Personal data").
 */
export function participantHasher(payloadKeys?: readonly PayloadKey[]): ParticipantHasher {
  const oldest = payloadKeys?.at(-1)?.key;
  const key = oldest
    ? Buffer.from(hkdfSync('sha256', oldest, Buffer.alloc(0), 'convention participants', 32))
    : KEY_WITHOUT_PAYLOAD_KEYS;
  // 128 bits: no two addresses of this product meet, and the attribute stays short.
  return (email) =>
    createHmac('sha256', key).update(email.trim().toLowerCase()).digest('base64url').slice(0, 22);
}
