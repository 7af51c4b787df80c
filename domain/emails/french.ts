import Decimal from 'decimal.js';
import { formatEuros, type MoneyString } from '../money';
import type { ConventionData, EmailDataByKind, EmailKind, Escalation } from './data';
import { frenchDate, plural } from '../french/words';

// What the templates share: how an email is written down, and its formats. The French words
// themselves are the console's too (domain/french/words.ts).

export {
  DECISION_NAMES,
  frenchDate,
  frenchMonth,
  frenchMonths,
  frenchTime,
  of,
  PHASE_NAMES,
} from '../french/words';

/** A paragraph is a list of pieces: plain strings are ours, `{ user }` pieces came from a person. */
export type Piece = string | { user: string };
export type Paragraph = Piece[];
export interface Template {
  subject: string;
  paragraphs: Paragraph[];
}

/** The templates of some kinds, each given the data of its own kind. */
export type Templates<K extends EmailKind> = { [P in K]: (data: EmailDataByKind[P]) => Template };

export const reminder = (data: ConventionData) =>
  `Rappel n° ${data.reminderNumber ?? 1}${data.escalation ? ' (avec copie au représentant)' : ''}`;

/** What an escalated reminder says first: since when, how many reminders before, who is in copy. */
export function escalationParagraph({ since, remindersBefore, copied }: Escalation): Paragraph {
  const people = copied.map(({ name, title, party }) => `${name} (${title}, ${party})`).join(' ; ');
  return [
    `Après ${plural(remindersBefore, 'rappel resté', 'rappels restés')} sans suite, l’action étant attendue `,
    `depuis le ${frenchDate(since)}, ce rappel est adressé en copie à `,
    { user: people },
    '.',
  ];
}

/** `40 000,00 € d’autorisations d’engagement et 25 000,00 € de crédits de paiement`. */
export const amounts = ({ ae, cp }: { ae: MoneyString; cp: MoneyString }) =>
  `${formatEuros(ae)} d’autorisations d’engagement et ${formatEuros(cp)} de crédits de paiement`;

/** `+30 000,00 €` or `-5 000,00 €`: an amendment's change. */
export const signedEuros = (delta: MoneyString) =>
  delta.startsWith('-') ? formatEuros(new Decimal(delta)) : `+${formatEuros(delta)}`;
