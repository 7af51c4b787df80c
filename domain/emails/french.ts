import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { fr } from 'date-fns/locale/fr';
import Decimal from 'decimal.js';
import type { CommitteeDecision } from '../commands';
import type { Phase } from '../convention';
import type { LocalDate, Period } from '../dates';
import { formatEuros, type MoneyString } from '../money';
import type { ConventionData, EmailDataByKind, EmailKind } from './data';

// What the templates share: how an email is written down, and the French words and formats.

/** A paragraph is a list of pieces: plain strings are ours, `{ user }` pieces came from a person. */
export type Piece = string | { user: string };
export type Paragraph = Piece[];
export interface Template {
  subject: string;
  paragraphs: Paragraph[];
}

/** The templates of some kinds, each given the data of its own kind. */
export type Templates<K extends EmailKind> = { [P in K]: (data: EmailDataByKind[P]) => Template };

/** `26 mars 2020`. */
export function frenchDate(date: LocalDate): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return format(new TZDate(year, month - 1, day, 'UTC'), 'd MMMM yyyy', { locale: fr });
}

/** `mars 2021` (a report without a period is the final one). */
export function frenchMonth(period: Period | undefined): string {
  if (!period) return 'la fin de la convention';
  return frenchDate(`${period}-01`).replace(/^1 /, '');
}

export const reminder = (data: ConventionData) => `Rappel n° ${data.reminderNumber ?? 1}`;

/** `40 000,00 € d’autorisations d’engagement et 25 000,00 € de crédits de paiement`. */
export const amounts = ({ ae, cp }: { ae: MoneyString; cp: MoneyString }) =>
  `${formatEuros(ae)} d’autorisations d’engagement et ${formatEuros(cp)} de crédits de paiement`;

/** `+30 000,00 €` or `-5 000,00 €`: an amendment's change. */
export const signedEuros = (delta: MoneyString) =>
  delta.startsWith('-') ? formatEuros(new Decimal(delta)) : `+${formatEuros(delta)}`;

export const DECISIONS: Record<CommitteeDecision, string> = {
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
