import { escapeHtml } from '../html';
import { CLOSING_TEMPLATES } from './closing';
import { COMMITTEE_TEMPLATES } from './committees';
import { CREDIT_TEMPLATES } from './credits';
import type { EmailData, EmailKind, EmailOf } from './data';
import { escalationParagraph, type Paragraph, type Template, type Templates } from './french';
import { consolePathFor } from './links';
import { NOTICE_TEMPLATES } from './notice';
import { REPORT_TEMPLATES } from './reports';
import { SIGNING_TEMPLATES } from './signing';

// The emails, written in French for French civil servants (SPEC §1). `X-Convention-Kind` carries
// the kind. Everything that comes from a person (names, titles, places) is escaped in the HTML part.

export * from './data';
export { frenchDate, frenchMonth } from './french';
export { consolePathFor } from './links';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const TEMPLATES: Templates<EmailKind> = {
  ...SIGNING_TEMPLATES,
  ...COMMITTEE_TEMPLATES,
  ...REPORT_TEMPLATES,
  ...CREDIT_TEMPLATES,
  ...NOTICE_TEMPLATES,
  ...CLOSING_TEMPLATES,
};

const SIGNATURE =
  'Ce message est envoyé automatiquement par l’outil de suivi des conventions de beta.gouv.fr.';

function templateOf({ kind, data }: EmailOf): Template {
  // Each kind's template takes that kind's data: the union keyed by kind guarantees the pair.
  const template = (TEMPLATES[kind] as (data: EmailData) => Template)(data);
  if (!data.escalation) return template;
  // After the salutation, before what the reminder is about.
  const [salutation, ...rest] = template.paragraphs;
  return { ...template, paragraphs: [salutation!, escalationParagraph(data.escalation), ...rest] };
}

/**
 * The email in French, text and HTML. With `consoleUrl`, it links to the web console's form or
 * page where its reader acts on it.
 */
export function renderEmail(email: EmailOf, consoleUrl?: string): RenderedEmail {
  const { subject, paragraphs } = templateOf(email);
  const { conventionId, startup } = email.data;
  const plain = (paragraph: Paragraph) =>
    paragraph.map((piece) => (typeof piece === 'string' ? piece : piece.user)).join('');
  const html = (paragraph: Paragraph) =>
    paragraph.map((piece) => escapeHtml(typeof piece === 'string' ? piece : piece.user)).join('');
  const reference = `Référence : ${conventionId}`;
  const link = consoleUrl ? new URL(consolePathFor(email), consoleUrl).href : undefined;
  const linkIntro = 'En ligne, pour agir ou consulter la convention : ';
  return {
    subject: `[${startup}] ${subject}`,
    text:
      [...paragraphs.map(plain), ...(link ? [linkIntro + link] : []), reference, '--', SIGNATURE].join(
        '\n\n',
      ) + '\n',
    html:
      '<!doctype html><html lang="fr"><body>' +
      [
        ...paragraphs.map(html),
        ...(link ? [`${escapeHtml(linkIntro)}<a href="${escapeHtml(link)}">${escapeHtml(link)}</a>`] : []),
        escapeHtml(reference),
      ]
        .map((p) => `<p>${p}</p>`)
        .join('') +
      `<hr><p><small>${escapeHtml(SIGNATURE)}</small></p></body></html>`,
  };
}
