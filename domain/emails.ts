import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { fr } from 'date-fns/locale/fr';
import type { LocalDate } from './dates';

// The emails, written in French for French civil servants (SPEC §1). `X-Convention-Kind` carries
// the kind. Everything that comes from a person (names, titles, places) is escaped in the HTML part.

export const EMAIL_KINDS = [
  'signature-request',
  'signature-reminder',
  'chorus-habilitation-request',
  'chorus-habilitation-reminder',
  'publication-request',
  'publication-reminder',
  'convention-in-force',
  'committee-convocation',
  'committee-reminder',
  'committee-decision-overdue',
  'committee-minutes',
  'report-due',
  'report-overdue',
  'report-received',
  'credit-threshold',
  'credit-insufficiency',
  'execution-suspended',
  'execution-resumed',
  'amendment-recorded',
  'termination-notice',
  'termination-reminder',
  'termination-effective',
  'termination-withdrawn',
  'convention-expired',
  'final-report-due',
  'final-report-overdue',
  'unconsumed-credits',
  'convention-closed',
  'credits-request',
  'credits-request-reminder',
  'credits-made-available',
  'accompaniment-ended',
  'commitment-warning',
] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

/** What a template needs; plain JSON, as it travels from the workflow to the activity. */
export interface EmailData {
  conventionId: string;
  title: string;
  startup: string;
  party?: { id: string; name: string; representative: string };
  /** The day of the event the email is about (signature requested, all signed, published). */
  since?: LocalDate;
  reminderNumber?: number;
  publication?: { where: string; url?: string };
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** `26 mars 2020`. */
export function frenchDate(date: LocalDate): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return format(new TZDate(year, month - 1, day, 'UTC'), 'd MMMM yyyy', { locale: fr });
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`,
  );
}

/** A paragraph is a list of pieces: plain strings are ours, `{ user }` pieces came from a person. */
type Piece = string | { user: string };
type Paragraph = Piece[];
interface Template {
  subject: string;
  paragraphs: Paragraph[];
}

const since = (data: EmailData) => (data.since ? frenchDate(data.since) : '');
const reminder = (data: EmailData) => `Rappel n° ${data.reminderNumber ?? 1}`;
const partyOf = (data: EmailData) => data.party ?? { id: '', name: '', representative: '' };

const TEMPLATES: Partial<Record<EmailKind, (data: EmailData) => Template>> = {
  'signature-request': (data) => ({
    subject: `Signature attendue : convention ${data.startup} (${partyOf(data).id})`,
    paragraphs: [
      ['Madame, Monsieur ', { user: partyOf(data).representative }, ','],
      [
        'La convention de délégation de gestion « ',
        { user: data.title },
        ' » est prête à être signée. Votre signature est attendue au titre de : ',
        { user: partyOf(data).name },
        '.',
      ],
      ['Un rappel vous sera adressé chaque semaine jusqu’à la signature.'],
    ],
  }),
  'signature-reminder': (data) => ({
    subject: `${reminder(data)} : signature attendue de la convention ${data.startup} (${partyOf(data).id})`,
    paragraphs: [
      ['Madame, Monsieur ', { user: partyOf(data).representative }, ','],
      [
        'La convention « ',
        { user: data.title },
        ` » vous a été transmise pour signature le ${since(data)}. La signature de `,
        { user: partyOf(data).name },
        ' est toujours attendue.',
      ],
      [
        'Les autres parties ne peuvent engager aucune dépense tant que la convention n’est pas signée et publiée.',
      ],
    ],
  }),
  'chorus-habilitation-request': (data) => ({
    subject: `Habilitations Chorus à demander : convention ${data.startup}`,
    paragraphs: [
      ['Madame, Monsieur,'],
      [
        'La convention « ',
        { user: data.title },
        ` » est signée par toutes les parties depuis le ${since(data)}.`,
      ],
      [
        'Conformément à son article 2, le délégant procède dès la signature aux demandes de paramétrage ',
        'd’habilitations Chorus auprès de l’AIFE. Merci de confirmer l’ouverture des habilitations dès ',
        'qu’elle est faite : aucun engagement ne peut être passé avant.',
      ],
    ],
  }),
  'chorus-habilitation-reminder': (data) => ({
    subject: `${reminder(data)} : habilitations Chorus toujours attendues (convention ${data.startup})`,
    paragraphs: [
      ['Madame, Monsieur,'],
      [
        'La convention « ',
        { user: data.title },
        ` » est signée depuis le ${since(data)}, mais les habilitations Chorus n’ont pas encore été confirmées.`,
      ],
      ['Tant qu’elles ne le sont pas, la DINUM ne peut engager aucune dépense.'],
    ],
  }),
  'publication-request': (data) => ({
    subject: `Convention signée, publication à effectuer : ${data.startup}`,
    paragraphs: [
      ['Madame, Monsieur,'],
      [
        'La convention « ',
        { user: data.title },
        ` » est signée par toutes les parties depuis le ${since(data)}.`,
      ],
      [
        'Elle prend effet à sa publication (articles 7 et 8), notamment sur data.gouv.fr. ',
        'Merci d’indiquer la date et le lieu de publication dès qu’elle est faite.',
      ],
    ],
  }),
  'publication-reminder': (data) => ({
    subject: `${reminder(data)} : publication attendue de la convention ${data.startup}`,
    paragraphs: [
      ['Madame, Monsieur,'],
      [
        'La convention « ',
        { user: data.title },
        ` » est signée depuis le ${since(data)} mais n’est pas encore publiée.`,
      ],
      ['Elle n’entre en vigueur qu’à sa publication.'],
    ],
  }),
  'convention-in-force': (data) => ({
    subject: `La convention ${data.startup} est en vigueur depuis le ${since(data)}`,
    paragraphs: [
      ['Madame, Monsieur,'],
      [
        'La convention « ',
        { user: data.title },
        ` » a été publiée le ${since(data)} (`,
        { user: data.publication?.where ?? '' },
        ') et prend effet à cette date.',
      ],
      ...(data.publication?.url ? [['Publication : ', { user: data.publication.url }]] : []),
      ['Une copie est adressée au contrôleur budgétaire et comptable ministériel (article 3).'],
    ],
  }),
};

const SIGNATURE =
  'Ce message est envoyé automatiquement par l’outil de suivi des conventions de beta.gouv.fr.';

export function renderEmail(kind: EmailKind, data: EmailData): RenderedEmail {
  const template = TEMPLATES[kind];
  if (!template) throw new RangeError(`no template for the email kind ${kind}`);
  const { subject, paragraphs } = template(data);
  const plain = (paragraph: Paragraph) =>
    paragraph.map((piece) => (typeof piece === 'string' ? piece : piece.user)).join('');
  const html = (paragraph: Paragraph) =>
    paragraph.map((piece) => escapeHtml(typeof piece === 'string' ? piece : piece.user)).join('');
  const reference = `Référence : ${data.conventionId}`;
  return {
    subject: `[${data.startup}] ${subject}`,
    text: [...paragraphs.map(plain), reference, '--', SIGNATURE].join('\n\n') + '\n',
    html:
      '<!doctype html><html lang="fr"><body>' +
      [...paragraphs.map(html), escapeHtml(reference)].map((p) => `<p>${p}</p>`).join('') +
      `<hr><p><small>${escapeHtml(SIGNATURE)}</small></p></body></html>`,
  };
}
