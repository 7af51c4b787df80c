import { asksValidation } from '../record';
import { FINANCIAL_UNIT } from '../circuit';
import type { TConvention } from '../convention';
import { type LocalDate, localDateOf } from '../dates';
import { FINANCIAL_UNIT_NAME } from '../french/words';
import type { PendingAction } from '../pending';
import type { ConventionRecord } from '../record';
import { signatories, uniqueEmails } from '../roles';
import { baseData, chaseSeries, contactsOf, type Series } from './series';

// The emails of the document's circuit (issue 31): approvals asked for and reminded, a new version
// asked for once changes are requested, and every new version told to those who take part.

const approverName = (convention: TConvention, approver: string) =>
  approver === FINANCIAL_UNIT
    ? FINANCIAL_UNIT_NAME
    : (convention.parties.find((party) => party.id === approver)?.name ?? approver);

/** The validation's requests and reminders, and the admins asked for a new version. */
export function circuitSeries(
  record: ConventionRecord,
  pending: PendingAction[],
  today: LocalDate,
): Series[] {
  const { convention } = record;
  const dayOf = (instant: string) => localDateOf(Date.parse(instant), convention.schedule.timezone);
  return pending.flatMap((action) => {
    if (action.command === 'approve') {
      const approver = action.about.approver!;
      const validation = {
        version: action.about.version!,
        approver,
        approverName: approverName(convention, approver),
      };
      return chaseSeries(action, record, today, {
        data: { ...baseData(convention), since: dayOf(action.since), validation },
      });
    }
    const asked =
      action.command === 'add-version' &&
      record.changeRequests?.findLast((request) => request.version === action.about.version);
    if (!asked) return [];
    const changes = {
      version: asked.version,
      approverName: approverName(convention, asked.approver),
      by: asked.by,
      comment: asked.comment,
    };
    return chaseSeries(action, record, today, {
      data: { ...baseData(convention), since: dayOf(asked.at), changes },
    });
  });
}

/** Each version after the first, told once to the financial unit and the signatories' contacts. */
export function versionSeries(record: ConventionRecord): Series[] {
  const { convention } = record;
  const to = uniqueEmails([
    ...(convention.roles.financialUnit ?? []),
    ...contactsOf(signatories(convention)),
  ]);
  return (record.versions ?? [])
    .filter((version) => version.number > 1)
    .map((version) => ({
      series: `version-added:${version.number}`,
      kind: 'version-added' as const,
      to,
      once: Date.parse(version.at),
      data: {
        ...baseData(convention),
        version: {
          number: version.number,
          sha256: version.sha256,
          origin: version.origin,
          addedBy: version.addedBy,
          ...(version.note ? { note: version.note } : {}),
          on: localDateOf(Date.parse(version.at), convention.schedule.timezone),
          validation: asksValidation(convention),
        },
      },
    }));
}
