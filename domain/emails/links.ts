import type { EmailKind } from './data';

// Where an email's reader acts on it in the web console (client/web/): the form it asks for, or
// the convention's page. The console serves these paths.

/** The form each email asks its reader to fill in; the others link to the convention's page. */
const FORM_OF_EMAIL: Partial<Record<EmailKind, string>> = {
  'signature-request': 'sign',
  'signature-reminder': 'sign',
  'committee-convocation': 'decide',
  'committee-reminder': 'decide',
  'committee-decision-overdue': 'decide',
  'report-due': 'report',
  'report-overdue': 'report',
  'final-report-due': 'report',
  'final-report-overdue': 'report',
  'termination-notice': 'notice',
  'termination-reminder': 'notice',
};

export function consolePathFor(kind: EmailKind, conventionId: string): string {
  const page = `/conventions/${encodeURIComponent(conventionId)}`;
  const form = FORM_OF_EMAIL[kind];
  return form ? `${page}/${form}` : page;
}
