import type { LocalDate } from '../dates';
import { formatEuros } from '../money';
import type { Refusal } from '../refusals';
import type { CommandName } from '../vocabulary';
import { frenchRefusal } from './refusals';
import { frenchDate, frenchMonth } from './words';

// A convention brought in with its past (issue 30 item 3): how its facts are named in French, in
// the refusals that name the fact, and the register's and timeline's mark of what was brought in.

/** What a brought-in fact is (`la publication du 26 mars 2020`), by the command that records it, with what tells it from its kind's others. */
export function factName(command: CommandName, payload: Record<string, unknown>, on: LocalDate): string {
  const day = `du ${frenchDate(on)}`;
  switch (command) {
    case 'sign':
      return `la signature de ${String(payload.party)} ${day}`;
    case 'confirm-chorus':
      return `la confirmation des habilitations Chorus ${day}`;
    case 'publish':
      return `la publication ${day}`;
    case 'engage':
      return `l’engagement ${String(payload.ref ?? '')} ${day}`;
    case 'pay':
      return `le paiement ${String(payload.ref ?? '')} ${day}`;
    case 'amend':
      return `l’avenant n° ${String(payload.number ?? '')} ${day}`;
    case 'decide':
      return `la décision du comité ${day}`;
    case 'submit-report':
      return `le compte rendu ${payload.period ? `de ${frenchMonth(String(payload.period))}` : ''} reçu le ${frenchDate(on)}`;
    default:
      return `le fait ${day}`;
  }
}

/** A brought-in fact the domain's rules refuse: the fact, then the rule it breaks. */
export const factRefused = (fact: string, rule: string) => `Impossible de reprendre ${fact} : ${rule}`;

/**
 * The rule a brought-in fact breaks, as the live command's refusal says it — but for what a live
 * refusal sets going: an engagement beyond the credits tells the délégant at once when it is
 * typed today, not when it is a fact of the past being brought in (nothing is sent, nothing starts).
 */
export function broughtInRule(refusal: Refusal): string {
  if (refusal.code !== 'beyond-ae') return frenchRefusal(refusal);
  const { uo, requested, left, year } = refusal.figures;
  return `UO ${uo} : ${formatEuros(requested)} d’AE${year ? ` de ${year}` : ''} engagés, il n’en restait que ${formatEuros(left)}. Vérifiez son montant, ou reprenez d’abord l’avenant qui a augmenté ces crédits.`;
}

/** A brought-in fact dated after the day it is brought in. */
export const factInTheFuture = (today: LocalDate) =>
  `sa date est après aujourd’hui (${frenchDate(today)}) ; seuls des faits passés se reprennent.`;

/** Who may bring a convention in. */
export const onlyAdminsBringIn = (actor: string) =>
  `${actor} n’est pas administrateur de cette convention : seuls ses administrateurs la reprennent avec son historique.`;

/** A report received before the convention was brought in, when its history gives no text for it. */
export const REPORT_RECEIVED_BEFORE = 'Compte rendu reçu avant la reprise de la convention dans l’outil.';

/** The badge of a fact brought in with the convention's past, on the register and the timeline. */
export const BROUGHT_IN_BADGE = 'Reprise de l’historique';

/** The mark of a register entry brought in, without its day (said elsewhere on its line). */
export const broughtInSource = ({ by, document }: { by: string; document: string }) =>
  `Reprise par ${by}, d’après «\u00a0${document}\u00a0»`;

/** On the convention's page once it is brought in from the console's form. */
export const BROUGHT_IN_DONE =
  'La convention est reprise avec son historique : elle suit son cours à partir de son dernier fait.';

/** The preview of a convention brought in: where its facts come from and the state they give. */
export const broughtInSummary = (document: string, facts: number, state: string) =>
  `${facts} fait${facts > 1 ? 's' : ''} repris d’après «\u00a0${document}\u00a0» ; la convention démarre dans l’outil à l’état « ${state} ».`;
