import { BUDGET_YEAR_TEMPLATES } from './budget-year';
import { CIRCUIT_TEMPLATES } from './circuit';
import { CLOSING_TEMPLATES } from './closing';
import { COMMITTEE_TEMPLATES } from './committees';
import { CREDIT_TEMPLATES } from './credits';
import type { EmailData, EmailKind, EmailOf } from './data';
import { escalationParagraph, written, type RenderedEmail, type Template, type Templates } from './french';
import { consolePathFor } from './links';
import { NOTICE_TEMPLATES } from './notice';
import { REPORT_TEMPLATES } from './reports';
import { SIGNING_TEMPLATES } from './signing';

// The emails, written in French for French civil servants (SPEC §1). `X-Convention-Kind` carries
// the kind. Everything that comes from a person (names, titles, places) is escaped in the HTML part.

export * from './data';
export { frenchDate, frenchMonth, type RenderedEmail } from './french';
export { renderDigest, REMINDERS_PAGE, type DigestData } from './digest';
export { renderSignInLink, SIGN_IN_KIND } from './sign-in';
export { consolePathFor } from './links';

const TEMPLATES: Templates<EmailKind> = {
  ...CIRCUIT_TEMPLATES,
  ...SIGNING_TEMPLATES,
  ...COMMITTEE_TEMPLATES,
  ...REPORT_TEMPLATES,
  ...CREDIT_TEMPLATES,
  ...NOTICE_TEMPLATES,
  ...CLOSING_TEMPLATES,
  ...BUDGET_YEAR_TEMPLATES,
};

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
  const link = consoleUrl ? new URL(consolePathFor(email), consoleUrl).href : undefined;
  // The convention's id beside the startup: two conventions of one startup are told apart in an inbox.
  return written({ subject: `[${startup} · ${conventionId}] ${subject}`, paragraphs }, [
    ...(link ? [['En ligne, pour agir ou consulter la convention : ', { link, words: link }]] : []),
    [`Référence : ${conventionId}`],
  ]);
}
