import { documentPath, formPath } from '../access';
import type { EmailOf } from './data';

// Where an email's reader acts on it in the web console (client/web/): the form it asks for, with
// what the email is about already chosen, or the convention's page.

export function consolePathFor(email: EmailOf): string {
  const id = email.data.conventionId;
  switch (email.kind) {
    case 'validation-request':
    case 'validation-reminder':
    case 'new-version-request':
    case 'new-version-reminder':
    case 'version-added':
      return documentPath(id);
    case 'signature-request':
    case 'signature-reminder':
      return formPath(id, 'sign', { party: email.data.party.id });
    case 'chorus-habilitation-request':
    case 'chorus-habilitation-reminder':
      return formPath(id, 'confirm-chorus');
    case 'publication-request':
    case 'publication-reminder':
      return formPath(id, 'publish');
    case 'committee-convocation':
    case 'committee-reminder':
    case 'committee-decision-overdue':
      return formPath(id, 'decide', { committee: email.data.committee.number });
    case 'report-due':
    case 'report-overdue':
      return formPath(id, 'report', { period: email.data.report.period });
    case 'final-report-due':
    case 'final-report-overdue':
      return formPath(id, 'report', { final: 1 });
    case 'credits-request':
    case 'credits-request-reminder':
      return formPath(id, 'make-available', { uo: email.data.availability.uo });
    case 'credit-threshold':
    case 'credit-insufficiency':
    case 'execution-suspended':
      // An avenant gives the UO room; admins record it.
      return formPath(id, 'amend', { uo: email.data.credit.uo });
    case 'commitment-warning':
      return 'committee' in email.data
        ? `/conventions/${encodeURIComponent(id)}`
        : formPath(id, 'designate-intrapreneur');
    case 'termination-notice':
    case 'termination-reminder':
      return formPath(id, 'notice', { party: email.data.notice.party, action: 'withdraw' });
    default:
      return `/conventions/${encodeURIComponent(id)}`;
  }
}
