import Decimal from 'decimal.js';
import { formatEuros, type MoneyString } from '../money';
import type { ConventionData, EmailDataByKind, EmailKind, Escalation } from './data';
import { escapeHtml } from '../html';
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

/**
 * A paragraph is a list of pieces: plain strings are ours, `{ user }` pieces came from a person,
 * `{ link }` pieces are addresses of the console, with the words that lead there.
 */
export type Piece = string | { user: string } | { link: string; words: string };
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

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const SIGNATURE =
  'Ce message est envoyé automatiquement par l’outil de suivi des conventions de beta.gouv.fr.';

/** Paragraphs written out as text and HTML, then the closing ones and the signature. */
export function written({ subject, paragraphs }: Template, closing: Paragraph[] = []): RenderedEmail {
  const all = [...paragraphs, ...closing];
  const plain = (piece: Piece) =>
    typeof piece === 'string'
      ? piece
      : 'user' in piece
        ? piece.user
        : piece.words === piece.link
          ? piece.link
          : `${piece.words} : ${piece.link}`;
  const html = (piece: Piece) =>
    typeof piece === 'string'
      ? escapeHtml(piece)
      : 'user' in piece
        ? escapeHtml(piece.user)
        : `<a href="${escapeHtml(piece.link)}">${escapeHtml(piece.words)}</a>`;
  return {
    subject,
    text: [...all.map((p) => p.map(plain).join('')), '--', SIGNATURE].join('\n\n') + '\n',
    html:
      '<!doctype html><html lang="fr"><body>' +
      all.map((p) => `<p>${p.map(html).join('')}</p>`).join('') +
      `<hr><p><small>${escapeHtml(SIGNATURE)}</small></p></body></html>`,
  };
}
