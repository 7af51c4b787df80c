// Every patch of the convention workflow since the first release, 1.0.0 (README, "Changing
// workflow code"). A change that running conventions would replay differently is made under
// `patched(ID)`, its id listed here, and a history recorded with it. Temporal adds the id to the
// run's `TemporalChangeVersion` search attribute when the run takes the new branch, so
// `convention old-branches` lists the running conventions that still take the old one. Once none
// do (each continues as new in time, or on demand with `convention continue-as-new`), `patched()`
// becomes `deprecatePatch()` and the old branch goes; once no run holds the marker, the call goes
// too, and its id leaves this list.

/**
 * Commands refuse control and bidirectional characters (issue 28); a history recorded before took
 * them, and replays deciding its commands as then (`applyCommandAsBeforePlainCharacters`).
 */
export const PLAIN_CHARACTERS = 'plain-characters';

/**
 * A committee's decision is refused before the committee's day unless the secretary records an
 * early meeting with its date (`heldOn`, issue 29). Before, it was taken from the convocation on.
 */
export const COMMITTEE_DAY = 'committee-day';

/**
 * An email whose action is done while it is being sent — its activity waiting for a worker or for
 * its next attempt — is withdrawn (issue 29: the demo's SG representative was asked to sign after
 * the admin had signed for everyone). The command that takes its series out of the plan marks its
 * key withdrawn in the sent-email log, where every attempt looks before sending. Before, it went
 * out whatever came in meanwhile.
 */
export const WITHDRAWN_EMAILS = 'withdrawn-emails';

/**
 * The workflow upserts NextActionDue, the day its soonest pending action is due (issue 29: « Mes
 * conventions » and `convention list` showed the next reminder's day, the 7th, for a report due
 * on the 10th). Before, it upserted no such attribute; the list falls back to NextDeadline for a
 * run that does not carry the patch (client/list.ts).
 */
export const NEXT_ACTION_DUE = 'next-action-due';

/**
 * The convention's document goes through its circuit (issue 31): versions, validation by the
 * financial unit and the partners, signatures in order with their proof. Asked once, when a
 * convention starts: its record then says so (`documentCircuit`), and keeps it across runs. A
 * convention started before signs as it did, in any order and by click.
 */
export const DOCUMENT_CIRCUIT = 'document-circuit';

/** The ids of the patches still in the workflow's code, oldest first. */
export const PATCHES: readonly string[] = [
  PLAIN_CHARACTERS,
  COMMITTEE_DAY,
  WITHDRAWN_EMAILS,
  NEXT_ACTION_DUE,
  DOCUMENT_CIRCUIT,
];
