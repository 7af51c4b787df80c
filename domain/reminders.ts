import { finalReportDueOn, unconsumedCredits } from './closing';
import { creditLines } from './ledger';
import { yearEndDates } from './budget';
import { forecastSlots, UNCONSUMED_SERIES, untoldLapses, uosOfYear, yearEndLine } from './budget-year';
import { committeePlan, committeeSlots, settingOf } from './committees';
import { type TConvention, type TParty, type TSchedule } from './convention';
import { addCalendarDays, localDateOf, reminderInstant, type LocalDate, type Period } from './dates';
import type { ConventionData, EmailOf, ReceivedReport } from './emails';
import { COMMITTEE_BREACH_DAYS } from './accompaniment';
import {
  effectiveDate,
  isOver,
  type ConventionRecord,
  type MonthlyReportRecord,
  type ReportRecord,
} from './record';
import { forgetTexts, hasText, reportDueOn, reportPeriods } from './reports';
import {
  ACTORS,
  chaseOf,
  decisionOf,
  pendingActions,
  recipientsOf,
  type PendingAction,
  type WaitingOn,
} from './pending';
import { delegataire, partiesWithRole, sameEmail, uniqueEmails } from './roles';

// What to send, to whom, and when (SPEC §4). A pure function of the record and the time: the
// workflow sends what is due and sleeps until the next instant, and tests compute the same plan
// without Temporal.

export type PlannedEmail = EmailOf & {
  /** A request and its reminders form a series, e.g. `signature-reminder:DGPR`. */
  series: string;
  /** 1 for the first email of the series, then 2, 3… (the n-th reminder). */
  occurrence: number;
  /** When it is due (epoch ms). */
  at: number;
  to: string[];
  cc: string[];
};

/** The key that identifies one email for good: a retry or a replay never sends it twice. */
export function emailKey(email: Pick<PlannedEmail, 'series' | 'occurrence'>): string {
  return `${email.series}#${email.occurrence}`;
}

type Series = EmailOf & {
  series: string;
  to: string[];
  cc?: string[];
  /** Sent once, at this instant. */
  once?: number;
  /**
   * Sent `firstAfterDays` after this day, then every `reminderEveryDays`, at the reminder hour;
   * spaced out after `escalateAfter` (`reminderOffsetDays`).
   */
  recurring?: {
    from: LocalDate;
    firstAfterDays: number;
    /** Since when the action has been awaited, when not since `from`. */
    waitingSince?: LocalDate;
  };
  /** Whom a recurring series copies once it escalates: the representatives of the parties that must act. */
  escalateTo?: WaitingOn[];
};

const contactsOf = (parties: readonly TParty[]) => uniqueEmails(parties.flatMap((party) => party.contacts));

function baseData(convention: TConvention): ConventionData {
  return { conventionId: convention.id, title: convention.title, startup: convention.startup.name };
}

/**
 * The emails that chase a pending action, to those it waits on, as its rule says (domain/pending.ts):
 * its request, unless the day it reminds of has passed, then its reminders. The monthly reports'
 * shared reminders are `reportSeries`'s.
 */
function chaseSeries(
  action: PendingAction,
  record: ConventionRecord,
  today: LocalDate,
  { data, cc }: { data: EmailOf['data']; cc?: string[] },
): Series[] {
  const chase = chaseOf(action, record);
  if ('notChased' in chase || 'together' in chase.reminders) return [];
  const { request, reminders, escalateTo } = chase;
  const to = recipientsOf(action.waitingOn);
  // The rule names the kind; the caller gives the data of that kind.
  const email = ({ kind, series }: { kind: EmailOf['kind']; series: string }) =>
    ({ series, kind, to, ...(cc ? { cc } : {}), data }) as Series;
  const { from, firstAfterDays } = reminders;
  return [
    ...(request && !(request.until && request.until < today)
      ? [{ ...email(request), once: request.at }]
      : []),
    { ...email(reminders), recurring: { from, firstAfterDays }, escalateTo },
  ];
}

/** Signatures, Chorus and publication, while they are pending. */
function signingSeries(record: ConventionRecord, pending: PendingAction[], today: LocalDate): Series[] {
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

function inForceSeries(record: ConventionRecord): Series[] {
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

function committeeSeries(record: ConventionRecord, today: LocalDate): Series[] {
  const { convention } = record;
  const { schedule } = convention;
  const secretary = convention.roles.committeeSecretary;
  const everyone = uniqueEmails([...contactsOf(convention.parties), secretary.email]);
  // The invitation names whom the convention names; contacts are addresses only.
  const named = new Map(
    [...convention.parties.map((party) => party.representative), secretary].map(({ name, email }) => [
      email.toLowerCase(),
      name,
    ]),
  );
  const invitation = {
    organizer: { name: secretary.name, email: secretary.email },
    attendees: everyone.map((email) => {
      const name = named.get(email.toLowerCase());
      return name ? { email, name } : { email };
    }),
  };
  const credits = creditLines(record, today);
  // The committee should meet 30 to 45 days before credits run out: the convocation says so.
  const exhaustion = (date: LocalDate) => {
    const early = credits.flatMap(({ uo, exhaustsOn }) =>
      exhaustsOn && exhaustsOn < date ? [{ uo, exhaustsOn }] : [],
    );
    return early.length ? { exhaustion: early } : {};
  };
  const series: Series[] = [];
  for (const slot of committeeSlots(record, today)) {
    const committee = { number: slot.number, date: slot.date, secretary: secretary.name };
    const data = { ...baseData(convention), committee };
    const plan = committeePlan(record, slot.number);
    // What the convocation, its reminders and its invitation say of when and where.
    const setting = {
      ...(plan ? { ...settingOf(plan), sequence: plan.sequence } : {}),
      timezone: schedule.timezone,
      ...invitation,
    };
    if (slot.decided) {
      const { decision, phase, notes, conditions } = slot.decided;
      series.push({
        series: `committee-minutes:${slot.number}`,
        kind: 'committee-minutes',
        to: contactsOf(convention.parties),
        cc: [secretary.email],
        data: {
          ...data,
          committee: {
            ...committee,
            decision,
            conditions,
            ...(phase ? { phase } : {}),
            ...(notes ? { notes } : {}),
          },
        },
        once: Date.parse(slot.decided.at),
      });
      continue;
    }
    if (isOver(record)) continue;
    if (slot.date >= today) {
      schedule.committeeNoticeDays.forEach((daysBefore, i) => {
        const kind = i === 0 ? 'committee-convocation' : 'committee-reminder';
        series.push({
          series:
            i === 0
              ? `committee-convocation:${slot.number}`
              : `committee-reminder:${slot.number}:${daysBefore}`,
          kind,
          to: everyone,
          data: {
            ...data,
            committee: { ...committee, daysBefore, ...exhaustion(slot.date), ...setting },
          },
          once: reminderInstant(addCalendarDays(slot.date, -daysBefore), schedule),
        });
      });
      // Once convened, a change is told to everyone, with the invitation that replaces the first.
      if (plan?.afterConvocation)
        series.push({
          series: `committee-rescheduled:${slot.number}:${plan.sequence}`,
          kind: 'committee-rescheduled',
          to: everyone,
          data: { ...data, committee: { ...committee, ...setting, changes: plan.changes } },
          once: Date.parse(plan.at),
        });
    }
    // Planned ahead of the meeting, so that the workflow wakes for its first reminder.
    series.push(...chaseSeries(decisionOf(convention, slot), record, today, { data }));
  }
  return series;
}

/** What the délégant receives of a report. */
function reportData(report: ReportRecord, dueOn: LocalDate): ReceivedReport {
  const spent = Object.entries(report.spent).map(([uo, amount]) => ({ uo, amount }));
  const { period, version, progress, forecast, by } = report;
  return { ...(period ? { period } : {}), dueOn, version, spent, progress, forecast, by };
}

function reportSeries(record: ConventionRecord, today: LocalDate): Series[] {
  const { convention } = record;
  const { schedule } = convention;
  const actors = ACTORS['submit-report'](convention);
  const reporters = recipientsOf(actors);
  const delegants = contactsOf(partiesWithRole(convention, 'delegant'));
  const series: Series[] = [];
  const owed: { period: Period; dueOn: LocalDate }[] = [];
  for (const period of reportPeriods(record, today)) {
    const dueOn = reportDueOn(record, period);
    const received = record.reports.filter((report) => report.period === period);
    // A version whose text is gone was forwarded already.
    for (const report of received.filter(hasText))
      series.push({
        series: reportReceivedSeries(report),
        kind: 'report-received',
        to: delegants,
        data: { ...baseData(convention), report: reportData(report, dueOn) },
        once: Date.parse(report.receivedAt),
      });
    if (received.length > 0 || isOver(record)) continue;
    owed.push({ period, dueOn });
    const data = { ...baseData(convention), report: { period, dueOn } };
    if (dueOn >= today)
      series.push({
        series: `report-due:${period}`,
        kind: 'report-due',
        to: reporters,
        data,
        once: reminderInstant(addCalendarDays(dueOn, -schedule.reportReminderDaysBefore), schedule),
      });
  }
  if (owed.length > 0) series.push(overdueReports(record, owed, today, actors));
  return series;
}

/**
 * The reports overdue, in one series of reminders to the délégataire (SPEC §10): they list every
 * report late on the day they go. The series starts again when a late report arrives (someone
 * acted: the reminders of what is still late start afresh a reminder interval later); a report
 * falling late meanwhile joins the list. While none is late yet, the series waits for the next.
 */
function overdueReports(
  record: ConventionRecord,
  owed: { period: Period; dueOn: LocalDate }[],
  today: LocalDate,
  actors: WaitingOn[],
): Series {
  const { convention } = record;
  const tz = convention.schedule.timezone;
  const late = owed.filter(({ dueOn }) => dueOn < today);
  const listed = late.length > 0 ? late : owed.slice(0, 1);
  const oldest = listed[0]!;
  // The first version of a report is its arrival; the later ones replace it.
  const lateArrivals = record.reports.flatMap((report) => {
    const on = localDateOf(Date.parse(report.receivedAt), tz);
    return report.version === 1 && on > reportDueOn(record, report.period) ? [on] : [];
  });
  const lastLateArrival = lateArrivals.sort().at(-1);
  const restarted = lastLateArrival !== undefined && lastLateArrival > oldest.dueOn;
  const from = restarted ? lastLateArrival : oldest.dueOn;
  return {
    series: `report-overdue:since-${from}`,
    kind: 'report-overdue',
    to: recipientsOf(actors),
    data: { ...baseData(convention), report: oldest, ...(listed.length > 1 ? { overdue: listed } : {}) },
    recurring: {
      from,
      firstAfterDays: restarted ? convention.schedule.reminderEveryDays : 1,
      waitingSince: oldest.dueOn,
    },
    escalateTo: actors,
  };
}

function closingSeries(record: ConventionRecord, pending: PendingAction[], today: LocalDate): Series[] {
  const { convention } = record;
  const { schedule } = convention;
  if (!record.end) return [];
  const everyone = contactsOf(convention.parties);
  const endedOn = localDateOf(Date.parse(record.end.at) - 1, schedule.timezone);
  const dueOn = finalReportDueOn(record)!;
  const data = { ...baseData(convention), endedOn, report: { dueOn } };
  // A notice that took effect has its own email (termination-effective); reaching endsOn has this one.
  const series: Series[] =
    record.end.reason === 'expired'
      ? [
          {
            series: 'convention-expired',
            kind: 'convention-expired',
            to: everyone,
            cc: convention.roles.cbcm,
            data,
            once: Date.parse(record.end.at),
          },
        ]
      : [];
  if (!record.closedAt) {
    const finalReport = pending.find(({ command, about }) => command === 'submit-report' && about.final);
    return finalReport ? [...series, ...chaseSeries(finalReport, record, today, { data })] : series;
  }
  const closedAt = Date.parse(record.closedAt);
  const delegants = contactsOf(partiesWithRole(convention, 'delegant'));
  series.push({
    series: 'report-received:final',
    kind: 'report-received',
    to: delegants,
    data: { ...data, report: reportData(record.finalReport!, dueOn) },
    once: closedAt,
  });
  const unconsumed = unconsumedCredits(record).filter((uo) => uo.aeLeft !== '0.00' || uo.cpLeft !== '0.00');
  if (unconsumed.length > 0)
    series.push({
      series: 'unconsumed-credits',
      kind: 'unconsumed-credits',
      to: delegants,
      data: { ...data, unconsumed },
      once: closedAt,
    });
  series.push({
    series: 'convention-closed',
    kind: 'convention-closed',
    to: everyone,
    cc: convention.roles.cbcm,
    data,
    once: closedAt,
  });
  return series;
}

/** Credits: alerts, insufficiencies, amendments, then the suspensions and resumptions they cause. */
function creditSeries(record: ConventionRecord): Series[] {
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
          changes: budget.map(({ uo, funder, ae, cp }) => ({
            uo,
            ...(funder ? { funder } : {}),
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

/** Notices: given, reminded before they take effect, taking effect, or withdrawn. */
/**
 * Mise à disposition (SPEC §4.10): each request goes to the délégant contacts of the UO's funders,
 * with reminders until credits of that UO are made available; each availability is confirmed to the
 * délégataire. Reminders stop when the convention is over.
 */
function availabilitySeries(record: ConventionRecord, pending: PendingAction[], today: LocalDate): Series[] {
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

/**
 * The délégant's commitments (SPEC §4.11): `commitment-warning` weekly while no intrapreneur is
 * designated, once for each committee whose decision is more than 60 days late; and the end of
 * DINUM's accompaniment, told to everyone at once.
 */
function commitmentSeries(record: ConventionRecord, pending: PendingAction[], today: LocalDate): Series[] {
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

function noticeSeries(record: ConventionRecord): Series[] {
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

/**
 * The budget year (SPEC §11): before each fin de gestion date, a forecast to the délégataire and
 * the délégant; a UO whose credits the pace says will not be consumed, told to its funders at once
 * (CBCM in copy), and again at each further step; each year closed, its statement.
 */
function budgetYearSeries(record: ConventionRecord, now: number): Series[] {
  const { convention } = record;
  const { timezone } = convention.schedule;
  const base = baseData(convention);
  const delegants = contactsOf(partiesWithRole(convention, 'delegant'));
  const reporters = contactsOf([delegataire(convention)]);
  const copies = uniqueEmails([...convention.roles.cbcm, ...reporters]);
  const dates = (year: number) => yearEndDates(convention.schedule.yearEnd, year);
  return [
    ...forecastSlots(record, now).map(({ year, deadline, on, daysBefore, at }): Series => ({
      series: `year-end-forecast:${year}:${deadline}:${daysBefore}`,
      kind: 'year-end-forecast',
      to: uniqueEmails([...reporters, ...delegants]),
      data: {
        ...base,
        yearEnd: {
          year,
          deadline,
          on,
          daysBefore,
          engagementsUntil: dates(year).engagements,
          paymentsUntil: dates(year).payments,
          lines: uosOfYear(record, year).map((uo) =>
            yearEndLine(record, uo, year, localDateOf(Math.min(at, now), timezone)),
          ),
        },
      },
      once: at,
    })),
    ...untoldLapses(record, now).map(({ year, uo, step, at, data }): Series => ({
      series: `${UNCONSUMED_SERIES}:${year}:${uo}:${step}`,
      kind: 'credits-unconsumed-forecast',
      to: recipientsOf(ACTORS['make-available'](convention, uo)),
      cc: convention.roles.cbcm,
      data: { ...base, lapse: data },
      once: at,
    })),
    ...record.yearStatements.map(({ year, at, lines }): Series => ({
      series: `year-end-statement:${year}`,
      kind: 'year-end-statement',
      to: delegants,
      cc: copies,
      data: { ...base, statement: { year, lines } },
      once: Date.parse(at),
    })),
  ];
}

/** The series of emails that the record calls for now, whether or not they were sent. */
function activeSeries(record: ConventionRecord, now: number): Series[] {
  const today = localDateOf(now, record.convention.schedule.timezone);
  // The pending actions' requests and reminders are built from the table of who acts next.
  const pending = pendingActions(record, now);
  return [
    ...signingSeries(record, pending, today),
    ...inForceSeries(record),
    ...creditSeries(record),
    ...availabilitySeries(record, pending, today),
    ...commitmentSeries(record, pending, today),
    ...noticeSeries(record),
    ...committeeSeries(record, today),
    ...reportSeries(record, today),
    ...closingSeries(record, pending, today),
    ...budgetYearSeries(record, now),
  ];
}

/**
 * Days from a series' first reminder to its n-th (SPEC §10): every `reminderEveryDays`, then each
 * one after the `escalateAfter`-th waits twice as long as the one before, up to
 * `reminderCeilingDays` (never less than the usual interval).
 */
export function reminderOffsetDays(n: number, schedule: TSchedule): number {
  const every = schedule.reminderEveryDays;
  const ceiling = Math.max(every, schedule.reminderCeilingDays);
  let days = 0;
  for (let k = 2; k <= n; k++)
    days +=
      k <= schedule.escalateAfter ? every : Math.min(every * 2 ** (k - schedule.escalateAfter), ceiling);
  return days;
}

/**
 * The n-th reminder of a series says so; past `escalateAfter` without action, it
 * copies the representatives of the parties that must act and says since when, and how many
 * reminders went before.
 */
function reminderOf<E extends { to: string[]; cc: string[]; data: ConventionData }>(
  email: E,
  escalateTo: readonly WaitingOn[] | undefined,
  record: ConventionRecord,
  n: number,
  since: LocalDate,
): E {
  const numbered = { ...email, data: { ...email.data, reminderNumber: n } };
  if (n <= record.convention.schedule.escalateAfter) return numbered;
  const representatives = (escalateTo ?? []).flatMap(({ party }) => {
    const acting = record.convention.parties.find((p) => p.id === party);
    return acting && !email.to.some((to) => sameEmail(to, acting.representative.email)) ? [acting] : [];
  });
  if (!representatives.length) return numbered;
  return {
    ...numbered,
    cc: uniqueEmails([...email.cc, ...representatives.map((p) => p.representative.email)]),
    data: {
      ...numbered.data,
      escalation: {
        since,
        remindersBefore: n - 1,
        copied: representatives.map(({ name, representative }) => ({
          name: representative.name,
          title: representative.title,
          party: name,
        })),
      },
    },
  };
}

/**
 * The next email of each series the record calls for. A reminder that was missed (the worker was
 * down past several due dates) is not sent in a burst: only the latest due occurrence goes out.
 */
export function plannedEmails(record: ConventionRecord, now: number): PlannedEmail[] {
  const schedule = record.convention.schedule;
  const planned: PlannedEmail[] = [];
  for (const { once, recurring, cc, escalateTo, ...email } of activeSeries(record, now)) {
    const last = record.lastSent[email.series] ?? 0;
    if (once !== undefined) {
      if (last === 0) planned.push({ ...email, cc: cc ?? [], occurrence: 1, at: once });
    } else if (recurring) {
      const { from, firstAfterDays } = recurring;
      const due = (n: number) =>
        reminderInstant(addCalendarDays(from, firstAfterDays + reminderOffsetDays(n, schedule)), schedule);
      let occurrence = last + 1;
      while (due(occurrence + 1) <= now) occurrence += 1;
      planned.push({
        ...reminderOf(
          { ...email, cc: cc ?? [] },
          escalateTo,
          record,
          occurrence,
          recurring.waitingSince ?? from,
        ),
        occurrence,
        at: due(occurrence),
      });
    }
  }
  // Stable: emails due at the same instant keep the order above (parties as listed in the file).
  return planned.sort((a, b) => a.at - b.at);
}

const reportReceivedSeries = (report: MonthlyReportRecord) =>
  `report-received:${report.period}:${report.version}`;

/**
 * The record once an email has been sent (the plan then moves to the series' next occurrence).
 * A monthly report forwarded to the délégant leaves only its digest behind.
 */
export function markSent(
  record: ConventionRecord,
  email: Pick<PlannedEmail, 'series' | 'occurrence'>,
): ConventionRecord {
  const lastSent = { ...record.lastSent, [email.series]: email.occurrence };
  return {
    ...record,
    lastSent,
    emailsSent: record.emailsSent + 1,
    reports: forgetTexts(record.reports, (report) => reportReceivedSeries(report) in lastSent),
  };
}
