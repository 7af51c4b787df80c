import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { fr } from 'date-fns/locale/fr';
import type { CommandName, CommitteeDecision } from '../commands';
import type { Phase, TParty } from '../convention';
import type { LocalDate, Period } from '../dates';
import type { EmailKind } from '../emails/data';
import type { LifecycleState } from '../record';

// The French words for what the domain names by identifier (SPEC §9): states, commands, email
// kinds, decisions, phases. Pages and emails read them here; no identifier is shown as text.

/** DINUM's pôle commande publique et affaires financières, which approves a document first (issue 31). */
export const FINANCIAL_UNIT_NAME = 'l’unité financière de la DINUM';

/** Who an action waits on besides the parties (domain/pending.ts), as a list of them names it. */
const WAITING_ON_NAMES: Record<string, string> = {
  'committee-secretary': 'secrétaire du comité',
  'financial-unit': 'unité financière de la DINUM',
  admins: 'administrateurs',
};

/** A party by its acronym; the secretary, the financial unit and the admins by the name of their role. */
export const waitingOnName = (party: string) => WAITING_ON_NAMES[party] ?? party;

export const STATE_NAMES: Record<LifecycleState, string> = {
  validation: 'en validation',
  signing: 'en signature',
  'awaiting-publication': 'en attente de publication',
  'in-force': 'en vigueur',
  suspended: 'exécution suspendue',
  notice: 'sous préavis',
  ended: 'terminée',
  closed: 'close',
};

/** What each command does, as a noun: the name of its register entry and of its timeline line. */
export const COMMAND_NAMES: Record<CommandName, string> = {
  sign: 'Signature',
  publish: 'Publication',
  'confirm-chorus': 'Confirmation des habilitations Chorus',
  decide: 'Décision du comité d’investissement',
  'schedule-committee': 'Date, heure et lieu d’un comité',
  'submit-report': 'Compte rendu',
  engage: 'Engagement',
  pay: 'Paiement',
  amend: 'Avenant',
  'give-notice': 'Préavis',
  'withdraw-notice': 'Retrait du préavis',
  'request-credits': 'Demande de mise à disposition de crédits',
  'make-available': 'Mise à disposition de crédits',
  'end-accompaniment': 'Fin de l’accompagnement',
  'designate-intrapreneur': 'Désignation de l’intrapreneur',
  'year-end-forecast': 'Prévision de fin de gestion du délégataire',
  'add-version': 'Nouvelle version du document',
  approve: 'Validation du document',
  'request-changes': 'Demande de modifications du document',
};

/** The entries of the register that are not commands. */
export const REGISTER_EVENT_NAMES: Record<string, string> = {
  'credit-insufficiency': 'Insuffisance de crédits signalée au délégant',
  'year-end-statement': 'Bilan de fin d’exercice',
  reset: 'Réinitialisation du workflow par un administrateur',
};

export const EMAIL_KIND_NAMES: Record<EmailKind, string> = {
  'signature-request': 'demande de signature',
  'signature-reminder': 'rappel de signature',
  'chorus-habilitation-request': 'demande d’habilitations Chorus',
  'chorus-habilitation-reminder': 'rappel des habilitations Chorus',
  'publication-request': 'demande de publication',
  'publication-reminder': 'rappel de publication',
  'convention-in-force': 'entrée en vigueur',
  'committee-convocation': 'convocation au comité',
  'committee-reminder': 'rappel du comité',
  'committee-decision-overdue': 'décision du comité attendue',
  'committee-minutes': 'relevé de décision du comité',
  'committee-rescheduled': 'comité déplacé ou précisé',
  'report-due': 'compte rendu attendu',
  'report-overdue': 'compte rendu en retard',
  'report-received': 'compte rendu transmis',
  'credit-threshold': 'seuil de crédits atteint',
  'credit-insufficiency': 'insuffisance de crédits',
  'execution-suspended': 'exécution suspendue',
  'execution-resumed': 'exécution rétablie',
  'amendment-recorded': 'avenant enregistré',
  'termination-notice': 'préavis de résiliation',
  'termination-reminder': 'rappel de la fin de la convention',
  'termination-effective': 'fin de la convention',
  'termination-withdrawn': 'préavis retiré',
  'convention-expired': 'convention arrivée à son terme',
  'final-report-due': 'compte rendu final attendu',
  'final-report-overdue': 'compte rendu final en retard',
  'unconsumed-credits': 'crédits non consommés',
  'convention-closed': 'convention close',
  'credits-request': 'demande de mise à disposition de crédits',
  'credits-request-reminder': 'rappel de la demande de crédits',
  'credits-made-available': 'crédits mis à disposition',
  'accompaniment-ended': 'fin de l’accompagnement',
  'year-end-forecast': 'prévision de fin de gestion',
  'credits-unconsumed-forecast': 'crédits qui ne seraient pas consommés',
  'year-end-statement': 'bilan de l’exercice',
  'commitment-warning': 'engagements du délégant à tenir',
  'validation-request': 'validation du document attendue',
  'validation-reminder': 'rappel de la validation du document',
  'new-version-request': 'modifications du document demandées',
  'new-version-reminder': 'rappel : nouvelle version du document attendue',
  'version-added': 'nouvelle version du document',
};

export const DECISION_NAMES: Record<CommitteeDecision, string> = {
  continue: 'poursuite',
  'continue-with-conditions': 'poursuite sous conditions',
  pivot: 'pivot',
  stop: 'arrêt',
};

export const PHASE_NAMES: Record<Phase, string> = {
  investigation: 'investigation',
  construction: 'construction',
  acceleration: 'accélération',
  consolidation: 'consolidation (pérennisation)',
  abandon: 'abandon',
};

export const ROLE_NAMES: Record<TParty['role'], string> = {
  delegant: 'délégant',
  delegataire: 'délégataire',
  cofunder: 'cofinanceur',
};

export const SCOPE_NAMES = { whole: 'totale', partial: 'partielle' } as const;

export const COMMITMENT_NAMES = {
  intrapreneur: 'la désignation d’un intrapreneur',
  committee: 'la tenue du comité d’investissement',
  other: 'un autre engagement de l’article 2',
} as const;

/** What became of an email, as the timeline tells it. */
export const EMAIL_OUTCOME_NAMES = {
  sent: 'envoyé',
  'already-sent': 'déjà envoyé',
  held: 'gardé pour le récapitulatif hebdomadaire',
  withdrawn: 'retiré avant l’envoi : ce qu’il demandait était fait',
  failed: 'non envoyé',
  pending: 'envoi en cours',
} as const;

/** `1er janvier 2021`, `31 décembre 2020`: the first of a month is written as an ordinal, as in French. */
const dayMonthYear = (date: TZDate) =>
  format(date, date.getDate() === 1 ? "d'er' MMMM yyyy" : 'd MMMM yyyy', { locale: fr });

export function frenchDate(date: LocalDate): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return dayMonthYear(new TZDate(year, month - 1, day, 'UTC'));
}

/** `lundi`: the day of the week of a date. */
export function frenchWeekday(date: LocalDate): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return format(new TZDate(year, month - 1, day, 'UTC'), 'EEEE', { locale: fr });
}

/** `4 janvier 2027 à 9 h`, `… à 9 h 30` (no-break spaces around the `h`): an instant in the convention's time zone. */
export function frenchDateTime(iso: string, timezone = 'Europe/Paris'): string {
  const at = new TZDate(Date.parse(iso), timezone);
  return `${dayMonthYear(at)} à ${hoursAndMinutes(at.getHours(), at.getMinutes())}`;
}

const hoursAndMinutes = (hours: number, minutes: number) =>
  `${hours}\u00a0h${minutes ? `\u00a0${String(minutes).padStart(2, '0')}` : ''}`;

/** `14 h 30`, `9 h`: a time of day `HH:MM`. */
export function frenchTime(time: string): string {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  return hoursAndMinutes(hours, minutes);
}

/** `Poursuite sous conditions`: a word of the catalogue at the start of a line. */
export const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** `mars 2021` (a report without a period is the final one). */
export function frenchMonth(period: Period | undefined): string {
  if (!period) return 'la fin de la convention';
  const [year, month] = period.split('-').map(Number) as [number, number];
  return format(new TZDate(year, month - 1, 1, 'UTC'), 'MMMM yyyy', { locale: fr });
}

/** `octobre, novembre et décembre 2020`, `décembre 2020 et janvier 2021`: months in order, a year once for each run of months. */
export function frenchMonths(periods: readonly Period[]): string {
  const names = periods.map((period, i) => {
    const next = periods[i + 1];
    const month = frenchMonth(period);
    return next && next.slice(0, 4) === period.slice(0, 4) ? month.replace(/ \d{4}$/, '') : month;
  });
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} et ${names.at(-1)}` : (names[0] ?? '');
}

/** `de mai 2027`, `d’avril 2027`, `d’heure`: "de" before words, elided before a vowel or a mute h. */
export const of = (words: string) =>
  /^([aeiouyàâéèêîôû]|heure)/i.test(words) ? `d’${words}` : `de ${words}`;

/** `3 parties`, `1 partie`: a count with its noun. */
export const plural = (count: number, one: string, many: string) => `${count} ${count > 1 ? many : one}`;

/**
 * A convention as a line among others names it (an event of a calendar): its title without the
 * words every title starts with, its startup first when the rest does not name it —
 * `Camino, cadastre minier numérique ouvert (2020)`.
 */
export function conventionName(title: string, startup: string): string {
  const own = title.replace(/^\s*convention\s+de\s+délégation\s+de\s+gestion[\s—–:,-]*/iu, '').trim();
  if (!own) return startup;
  return own.toLocaleLowerCase('fr').includes(startup.toLocaleLowerCase('fr')) ? own : `${startup} : ${own}`;
}
