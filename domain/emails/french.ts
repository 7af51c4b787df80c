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

// The HTML part: one column of at most 600 px, every style inline and tables for the layout, as
// mail clients (webmails, Outlook) keep nothing else; its charset declared in the document too.
const FONT = 'font-family:Marianne,Arial,Helvetica,sans-serif;';
const STYLE = {
  body: 'margin:0;padding:0;background-color:#f6f6f6;',
  outer: 'width:100%;background-color:#f6f6f6;',
  card: 'width:100%;max-width:600px;background-color:#ffffff;border-top:4px solid #000091;',
  header: `${FONT}padding:16px 24px 8px;font-size:14px;font-weight:bold;color:#000091;`,
  content: `${FONT}padding:8px 24px 16px;font-size:16px;line-height:1.5;color:#161616;`,
  paragraph: 'margin:0 0 16px;',
  footer: `${FONT}padding:12px 24px 16px;border-top:1px solid #dddddd;font-size:12px;line-height:1.4;color:#666666;`,
};
const HEADER = 'Conventions de délégation de gestion — beta.gouv.fr';

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
  const table = (style: string) =>
    `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="${style}">`;
  return {
    subject,
    text: [...all.map((p) => p.map(plain).join('')), '--', SIGNATURE].join('\n\n') + '\n',
    html:
      '<!doctype html><html lang="fr"><head><meta charset="utf-8">' +
      '<meta name="viewport" content="width=device-width, initial-scale=1">' +
      `<title>${escapeHtml(subject)}</title></head>` +
      `<body style="${STYLE.body}">${table(STYLE.outer)}<tr><td align="center" style="padding:24px 8px;">` +
      `${table(STYLE.card)}<tr><td style="${STYLE.header}">${escapeHtml(HEADER)}</td></tr>` +
      `<tr><td style="${STYLE.content}">` +
      all.map((p) => `<p style="${STYLE.paragraph}">${p.map(html).join('')}</p>`).join('') +
      `</td></tr><tr><td style="${STYLE.footer}">${escapeHtml(SIGNATURE)}</td></tr></table>` +
      '</td></tr></table></body></html>',
  };
}
