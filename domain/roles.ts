import { refuse, type CommandOutcome } from './record';
import type { ContactCommand } from './refusals';
import type { TConvention, TParty } from './convention';

// Who may do what (SPEC §5). An admin may do anything; otherwise each command names the role
// that may give it. Emails are compared without regard to case.

/** Email addresses compared as mail systems do: without regard to case. */
export const sameEmail = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function isAdmin(convention: TConvention, email: string): boolean {
  return convention.roles.admins.some((admin) => sameEmail(admin, email));
}

export function isRepresentativeOf(party: TParty, email: string): boolean {
  return sameEmail(party.representative.email, email);
}

/** A party's contacts act for it; so does its representative, who signs for it. */
export function actsFor(party: TParty, email: string): boolean {
  return isRepresentativeOf(party, email) || party.contacts.some((contact) => sameEmail(contact, email));
}

export function partiesWithRole(convention: TConvention, role: TParty['role']): TParty[] {
  return convention.parties.filter((party) => party.role === role);
}

export function signatories(convention: TConvention): TParty[] {
  return convention.parties.filter((party) => party.role !== 'cofunder');
}

export function delegataire(convention: TConvention): TParty {
  const party = partiesWithRole(convention, 'delegataire')[0];
  // The schema guarantees exactly one délégataire.
  if (!party) throw new Error('a validated convention has a délégataire');
  return party;
}

/** Unique addresses, in order of first appearance. */
export function uniqueEmails(emails: readonly string[]): string[] {
  const seen = new Set<string>();
  return emails.filter((email) => {
    const key = email.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The refusal of `command` to `actor`, when it is for a contact of the délégant's or the
 * délégataire's parties (or an admin); undefined when they may.
 */
export function contactRefusal(
  convention: TConvention,
  side: 'delegant' | 'delegataire',
  actor: string,
  command: ContactCommand,
): CommandOutcome | undefined {
  const parties = partiesWithRole(convention, side);
  if (parties.some((party) => actsFor(party, actor)) || isAdmin(convention, actor)) return undefined;
  return refuse('NotAllowed', 'not-contact', { actor, command, side, parties: parties.map((p) => p.id) });
}
