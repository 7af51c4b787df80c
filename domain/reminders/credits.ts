import { type LocalDate, localDateOf } from '../dates';
import { ACTORS, type PendingAction, recipientsOf } from '../pending';
import type { ConventionRecord } from '../record';
import { delegataire, partiesWithRole } from '../roles';
import { baseData, chaseSeries, contactsOf, type Series } from './series';

// Credits: alerts, insufficiencies, amendments, suspensions, and credits asked for.

/** Credits: alerts, insufficiencies, amendments, then the suspensions and resumptions they cause. */
export function creditSeries(record: ConventionRecord): Series[] {
  const { convention } = record;
  const delegants = contactsOf(partiesWithRole(convention, 'delegant'));
  const reporters = contactsOf([delegataire(convention)]);
  const everyone = contactsOf(convention.parties);
  const tz = convention.schedule.timezone;
  const day = (iso: string) => localDateOf(Date.parse(iso), tz);
  const base = baseData(convention);
  return [
    ...record.thresholdsCrossed.map(({ uo, threshold, at, engaged, ae, year }): Series => ({
      series: `credit-threshold:${uo}${year ? `:${year}` : ''}:${threshold}`,
      kind: 'credit-threshold',
      to: delegants,
      cc: reporters,
      data: { ...base, credit: { uo, threshold, engaged, ae, ...(year ? { year } : {}) } },
      once: Date.parse(at),
    })),
    ...record.insufficiencies.map(({ uo, requested, left, at, graceUntil }, i): Series => ({
      series: `credit-insufficiency:${i + 1}`,
      kind: 'credit-insufficiency',
      to: delegants,
      cc: reporters,
      // The grace period's last day: it runs out at midnight after it.
      data: {
        ...base,
        credit: { uo, requested, left, graceUntil: localDateOf(Date.parse(graceUntil) - 1, tz) },
      },
      once: Date.parse(at),
    })),
    ...record.amendments.map(({ number, summary, signedOn, budget, at }): Series => ({
      series: `amendment-recorded:${number}`,
      kind: 'amendment-recorded',
      to: everyone,
      cc: convention.roles.cbcm,
      data: {
        ...base,
        amendment: {
          number,
          summary,
          signedOn,
          changes: budget.map(({ uo, funder, year, ae, cp }) => ({
            uo,
            ...(funder ? { funder } : {}),
            // As the avenant applied it: the year it is signed in unless the line says.
            year: year ?? Number(signedOn.slice(0, 4)),
            ...(ae ? { ae } : {}),
            ...(cp ? { cp } : {}),
          })),
        },
      },
      once: Date.parse(at),
    })),
    ...record.suspensions.flatMap(({ since, uo, resumed }, i): Series[] => [
      {
        series: `execution-suspended:${i + 1}`,
        kind: 'execution-suspended',
        to: everyone,
        data: { ...base, credit: { uo, since: day(since) } },
        once: Date.parse(since),
      },
      ...(resumed
        ? [
            {
              series: `execution-resumed:${i + 1}`,
              kind: 'execution-resumed' as const,
              to: everyone,
              data: { ...base, credit: { uo, since: day(since), amendment: resumed.amendment } },
              once: Date.parse(resumed.at),
            },
          ]
        : []),
    ]),
  ];
}

/**
 * Mise à disposition (SPEC §4.10): each request goes to the délégant contacts of the UO's funders,
 * with reminders until credits of that UO are made available; each availability is confirmed to the
 * délégataire. Reminders stop when the convention is over.
 */
export function availabilitySeries(
  record: ConventionRecord,
  pending: PendingAction[],
  today: LocalDate,
): Series[] {
  const { convention } = record;
  const tz = convention.schedule.timezone;
  const base = baseData(convention);
  const reporters = contactsOf([delegataire(convention)]);
  const fundersOf = (uo: string) => recipientsOf(ACTORS['make-available'](convention, uo));
  return [
    ...record.creditRequests.flatMap(({ uo, ae, cp, wantedBy, at }, i): Series[] => {
      const requestedOn = localDateOf(Date.parse(at), tz);
      const common = {
        to: fundersOf(uo),
        cc: reporters,
        data: { ...base, availability: { uo, ae, cp, wantedBy, on: requestedOn } },
      };
      const awaited = pending.find(
        ({ command, about }) => command === 'make-available' && about.request === i + 1,
      );
      return [
        { ...common, series: `credits-request:${i + 1}`, kind: 'credits-request', once: Date.parse(at) },
        ...(awaited ? chaseSeries(awaited, record, today, common) : []),
      ];
    }),
    ...record.availabilities.map(({ uo, ae, cp, at }, i): Series => ({
      series: `credits-made-available:${i + 1}`,
      kind: 'credits-made-available',
      to: reporters,
      cc: fundersOf(uo),
      data: { ...base, availability: { uo, ae, cp, on: localDateOf(Date.parse(at), tz) } },
      once: Date.parse(at),
    })),
  ];
}
