import { committeePlan, committeeSlots, settingOf } from '../committees';
import { addCalendarDays, type LocalDate, reminderInstant } from '../dates';
import { creditLines } from '../ledger';
import { decisionOf } from '../pending';
import { type ConventionRecord, isOver } from '../record';
import { uniqueEmails } from '../roles';
import { baseData, chaseSeries, contactsOf, type Series } from './series';

// Committees: convocations, their reminders and invitations, minutes, decisions overdue.

export function committeeSeries(record: ConventionRecord, today: LocalDate): Series[] {
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
  // The délégant's representative who chairs: the one the convention names, or the first délégant's.
  const chairing =
    convention.parties.find((p) => p.id === convention.roles.committeeChair && p.role === 'delegant') ??
    convention.parties.find((p) => p.role === 'delegant');
  const chair = chairing
    ? {
        chair: {
          name: chairing.representative.name,
          title: chairing.representative.title,
          party: chairing.name,
        },
      }
    : {};
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
      ...chair,
    };
    if (slot.decided) {
      const { decision, phase, notes, conditions, heldOn } = slot.decided;
      series.push({
        series: `committee-minutes:${slot.number}`,
        kind: 'committee-minutes',
        to: contactsOf(convention.parties),
        cc: [secretary.email],
        data: {
          ...data,
          committee: {
            ...committee,
            ...(heldOn ? { heldOn } : {}),
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
