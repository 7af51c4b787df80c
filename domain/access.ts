import type { TConvention } from './convention';
import { actsFor, delegataire, isAdmin, isRepresentativeOf, signatories } from './roles';

// What a person signed in to the web console may see and do (SPEC §5). The workflow still decides
// every command; these rules only decide which conventions a person sees and which forms they get.

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Anyone named in the convention: a party's representative or contact, the secretary, the intrapreneur, the CBCM, an admin. */
export function holdsARole(convention: TConvention, email: string): boolean {
  const { roles } = convention;
  return (
    convention.parties.some((party) => actsFor(party, email)) ||
    same(roles.committeeSecretary.email, email) ||
    (roles.intrapreneur !== undefined && same(roles.intrapreneur.email, email)) ||
    roles.cbcm.some((cbcm) => same(cbcm, email)) ||
    isAdmin(convention, email)
  );
}

/** The commands the console offers as forms. */
export const CONSOLE_FORMS = ['sign', 'decide', 'submit-report', 'give-notice'] as const;
export type ConsoleForm = (typeof CONSOLE_FORMS)[number];

/** For each form, the parties a person may act for with it (`[]` when the form needs no party), if any. */
export function formsFor(convention: TConvention, email: string): Partial<Record<ConsoleForm, string[]>> {
  const admin = isAdmin(convention, email);
  const represented = signatories(convention)
    .filter((party) => admin || isRepresentativeOf(party, email))
    .map((party) => party.id);
  const forms: Partial<Record<ConsoleForm, string[]>> = {};
  if (represented.length) {
    forms.sign = represented;
    forms['give-notice'] = represented;
  }
  if (admin || same(convention.roles.committeeSecretary.email, email)) forms.decide = [];
  if (admin || actsFor(delegataire(convention), email)) forms['submit-report'] = [];
  return forms;
}
