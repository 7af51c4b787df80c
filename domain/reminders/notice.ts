import { COMMITTEE_BREACH_DAYS } from '../accompaniment';
import { committeeSlots } from '../committees';
import { addCalendarDays, type LocalDate, localDateOf, reminderInstant } from '../dates';
import type { PendingAction } from '../pending';
import { type ConventionRecord, effectiveDate, isOver } from '../record';
import { delegataire, partiesWithRole } from '../roles';
import { baseData, chaseSeries, contactsOf, type Series } from './series';

// Notices of termination, and the délégant's commitments.

/**
 * The délégant's commitments (SPEC §4.11): `commitment-warning` weekly while no intrapreneur is
 * designated, once for each committee whose decision is more than 60 days late; and the end of
 * DINUM's accompaniment, told to everyone at once.
 */
export function commitmentSeries(
  record: ConventionRecord,
  pending: PendingAction[],
  today: LocalDate,
): Series[] {
  const { convention } = record;
  const { schedule } = convention;
  const tz = schedule.timezone;
  const base = baseData(convention);
  const delegants = contactsOf(partiesWithRole(convention, 'delegant'));
  const reporters = contactsOf([delegataire(convention)]);
  const ended = record.accompanimentEnds.map(({ scope, commitment, reason, at }, i): Series => ({
    series: `accompaniment-ended:${i + 1}`,
    kind: 'accompaniment-ended',
    to: contactsOf(convention.parties),
    cc: convention.roles.cbcm,
    data: { ...base, accompaniment: { scope, commitment, reason, on: localDateOf(Date.parse(at), tz) } },
    once: Date.parse(at),
  }));
  const effective = effectiveDate(record);
  if (!effective || isOver(record)) return ended;
  const warning = { kind: 'commitment-warning' as const, to: delegants, cc: reporters };
  const intrapreneur = pending
    .filter(({ command }) => command === 'designate-intrapreneur')
    .flatMap((action) =>
      chaseSeries(action, record, today, {
        data: { ...base, breach: { commitment: 'intrapreneur' } },
        cc: reporters,
      }),
    );
  const committees = committeeSlots(record, today)
    .filter((slot) => !slot.decided)
    .map((slot): Series => ({
      ...warning,
      series: `commitment-warning:committee:${slot.number}`,
      data: {
        ...base,
        committee: {
          number: slot.number,
          date: slot.date,
          secretary: convention.roles.committeeSecretary.name,
        },
        breach: { commitment: 'committee', daysLate: COMMITTEE_BREACH_DAYS + 1 },
      },
      once: reminderInstant(addCalendarDays(slot.date, COMMITTEE_BREACH_DAYS + 1), schedule),
    }));
  return [...ended, ...intrapreneur, ...committees];
}

/** Notices: given, reminded before they take effect, taking effect, or withdrawn. */
export function noticeSeries(record: ConventionRecord): Series[] {
  const { convention } = record;
  const { schedule } = convention;
  const everyone = contactsOf(convention.parties);
  const tz = schedule.timezone;
  return record.notices.flatMap((notice, i): Series[] => {
    const n = i + 1;
    const partyName = convention.parties.find((p) => p.id === notice.party)?.name ?? 'le délégant';
    const data = {
      ...baseData(convention),
      notice: {
        party: notice.party,
        partyName,
        reason: notice.reason,
        givenOn: localDateOf(Date.parse(notice.givenAt), tz),
        effectiveOn: notice.effectiveOn,
      },
    };
    const series: Series[] = [
      {
        series: `termination-notice:${n}`,
        kind: 'termination-notice',
        to: everyone,
        cc: convention.roles.cbcm,
        data,
        once: Date.parse(notice.givenAt),
      },
    ];
    if (notice.withdrawn)
      series.push({
        series: `termination-withdrawn:${n}`,
        kind: 'termination-withdrawn',
        to: everyone,
        data,
        once: Date.parse(notice.withdrawn.at),
      });
    else if (record.end?.reason === 'terminated' && i === record.notices.length - 1)
      series.push({
        series: `termination-effective:${n}`,
        kind: 'termination-effective',
        to: everyone,
        cc: convention.roles.cbcm,
        data,
        once: Date.parse(record.end.at),
      });
    else if (!record.end)
      series.push({
        series: `termination-reminder:${n}`,
        kind: 'termination-reminder',
        to: everyone,
        data,
        once: reminderInstant(
          addCalendarDays(notice.effectiveOn, -schedule.terminationReminderDaysBefore),
          schedule,
        ),
      });
    return series;
  });
}
