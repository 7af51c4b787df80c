import { type LocalDate, localDateOf } from '../dates';
import type { PendingAction } from '../pending';
import type { ConventionRecord } from '../record';
import { baseData, chaseSeries, contactsOf, type Series } from './series';

// The emails of signing and of the convention taking effect.

/** Signatures, Chorus and publication, while they are pending. */
export function signingSeries(
  record: ConventionRecord,
  pending: PendingAction[],
  today: LocalDate,
): Series[] {
  const { convention } = record;
  const signing = pending.filter(({ command }) => ['sign', 'confirm-chorus', 'publish'].includes(command));
  return signing.flatMap((action) => {
    const party = convention.parties.find(({ id }) => id === action.about.party);
    const data = {
      ...baseData(convention),
      ...(party
        ? { party: { id: party.id, name: party.name, representative: party.representative.name } }
        : {}),
      since: localDateOf(Date.parse(action.since), convention.schedule.timezone),
    };
    return chaseSeries(action, record, today, { data });
  });
}

export function inForceSeries(record: ConventionRecord): Series[] {
  const { convention, publication } = record;
  if (!publication) return [];
  const { effectiveDate, where, url } = publication;
  return [
    {
      series: 'convention-in-force',
      kind: 'convention-in-force',
      to: contactsOf(convention.parties),
      cc: convention.roles.cbcm,
      data: {
        ...baseData(convention),
        since: effectiveDate,
        publication: { where, ...(url ? { url } : {}) },
      },
      once: Date.parse(publication.publishedAt),
    },
  ];
}
