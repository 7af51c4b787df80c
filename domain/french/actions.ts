import { localDateOf, type LocalDate } from '../dates';
import { FINANCIAL_UNIT } from '../circuit';
import type { PendingAction } from '../pending';
import { FINANCIAL_UNIT_NAME, frenchDate, frenchDateTime, frenchMonth, of } from './words';

// What a pending action (domain/pending.ts) asks, in French: "Mes actions" and a convention's page.

export function actionText({ command, about, deadline }: PendingAction): string {
  switch (command) {
    case 'add-version':
      return about.version
        ? `Déposer une nouvelle version du document (modifications demandées sur la version n° ${about.version})`
        : 'Déposer la première version du document';
    case 'approve':
      return `Valider la version n° ${about.version} du document${` pour ${about.approver === FINANCIAL_UNIT ? FINANCIAL_UNIT_NAME : about.approver}`}`;
    case 'sign':
      return `Signer la convention pour ${about.party}`;
    case 'confirm-chorus':
      return 'Confirmer les habilitations Chorus';
    case 'publish':
      return 'Enregistrer la publication de la convention';
    case 'decide':
      return `Enregistrer la décision du comité n° ${about.committee} du ${frenchDate(deadline!)}`;
    case 'submit-report':
      return about.final
        ? 'Déposer le compte rendu final'
        : `Déposer le compte rendu ${of(frenchMonth(about.period))}`;
    case 'amend':
      return `Enregistrer un avenant donnant des crédits à l’UO ${about.uo}`;
    case 'make-available':
      return `Mettre à disposition les crédits demandés sur l’UO ${about.uo}`;
    case 'designate-intrapreneur':
      return 'Désigner l’intrapreneur de la startup d’État';
  }
}

/** `à faire au plus tard le 10 avril 2021`, `en retard depuis le 10 avril 2021`, `attendu depuis le …`. */
export function deadlineText(action: PendingAction, today: string): string {
  if (!action.deadline) {
    // An event's instant, or a day of the calendar.
    const since =
      action.since.length > 10 ? localDateOf(Date.parse(action.since), 'Europe/Paris') : action.since;
    return `attendu depuis le ${frenchDate(since)}`;
  }
  if (action.command === 'decide') return 'le comité s’est réuni';
  return action.deadline < today
    ? `en retard depuis le ${frenchDate(action.deadline)}`
    : `à faire au plus tard le ${frenchDate(action.deadline)}`;
}

/** `au plus tard le 10 mai 2020`, `en retard depuis le 10 mai 2020`: a « Prochaine échéance »'s day. */
export function dueDayText(deadline: LocalDate, today: LocalDate): string {
  return `${deadline < today ? 'en retard depuis' : 'au plus tard'} le ${frenchDate(deadline)}`;
}

/** « Prochaine échéance » of a convention: what is due soonest and by when, or the next committee. */
export function nextDeadlineText(
  action: PendingAction | null,
  nextCommittee: { number: number; date: string } | null,
  today: string,
): string {
  if (action?.deadline) return `${actionText(action)}, ${dueDayText(action.deadline, today)}`;
  if (nextCommittee)
    return `comité d’investissement n° ${nextCommittee.number}, le ${frenchDate(nextCommittee.date)}`;
  return 'aucune';
}

/**
 * « Prochaine échéance » in « Mes conventions »: the day its soonest action is due. A run that
 * does not keep that day yet (started before the patch NEXT_ACTION_DUE) only says when it next
 * sends an email: shown as that, not as a deadline.
 */
export function listedDueText(
  listing: { nextActionDue: LocalDate | null; keepsNextActionDue: boolean; nextDeadline: string | null },
  today: LocalDate,
): string {
  if (listing.nextActionDue) return dueDayText(listing.nextActionDue, today);
  if (!listing.keepsNextActionDue && listing.nextDeadline)
    return `prochain courriel le ${frenchDateTime(listing.nextDeadline)}`;
  return '—';
}
