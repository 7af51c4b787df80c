import { beforeAll, describe, expect, it } from 'vitest';
import type { CapturedEmail } from '../../client/mail-capture';
import { simulate, type Simulation } from '../../client/simulate';
import type { TConvention } from '../../domain/convention';
import { daysBetween, localDateOf } from '../../domain/dates';
import type { TScenario } from '../../domain/scenario';
import { camino, PEOPLE, SIGNATORIES } from '../fixtures';

// A query runs on the workflow's clock as of its last wake-up. A convention in force whose first
// report never came, reminded every 60 days, sleeps from that report's first overdue reminder to the
// next month's report-due: its status read in between must be exact as of the moment it is read.

const DAY_MS = 86_400_000;
const UNTIL = 60;

const quiet: TConvention = {
  ...camino(),
  id: 'quiet-2021',
  schedule: { ...camino().schedule, reminderEveryDays: 60 },
};

const scenario: TScenario = {
  start: 'next-month',
  until: UNTIL,
  events: [
    ...SIGNATORIES.map(([party, as], i) => ({ day: 0.1 + i * 0.01, command: 'sign' as const, as, party })),
    { day: 0.2, command: 'confirm-chorus', as: PEOPLE.dgalnContact },
    { day: 0.3, command: 'publish', as: PEOPLE.dinumContact, where: 'data.gouv.fr' },
  ],
};

describe('status of a quiet convention', () => {
  const emails: CapturedEmail[] = [];
  let simulation: Simulation;
  let readAt: number;
  beforeAll(async () => {
    simulation = await simulate(quiet, scenario, { emails });
    readAt = Date.parse(simulation.final.startedAt) + UNTIL * DAY_MS;
  }, 120_000);

  it('is read weeks after the workflow last woke up', () => {
    const lastEmail = Math.max(...emails.map((email) => email.date));
    expect(emails.at(-1)?.kind).toBe('report-overdue');
    expect(readAt - lastEmail).toBeGreaterThan(14 * DAY_MS);
  });

  it('counts the days late up to the moment it is read', () => {
    const [first] = simulation.final.reports;
    expect(first?.receivedAt).toBeUndefined();
    const today = localDateOf(readAt, quiet.schedule.timezone);
    expect(first?.daysLate).toBe(daysBetween(first!.dueOn, today));
    // As of the last wake-up it would have read a day or two.
    expect(first?.daysLate).toBeGreaterThan(14);
  });

  it('lists only deadlines still to come, the next report due first', () => {
    const { nextDeadlines, pending } = simulation.final;
    expect(nextDeadlines.every((deadline) => Date.parse(deadline.at) > readAt)).toBe(true);
    expect(nextDeadlines[0]?.kind).toBe('report-due');
    expect(Date.parse(nextDeadlines[0]!.at) - readAt).toBeLessThan(10 * DAY_MS);
    // The first month's report is late; the second month's is owed since that month ended.
    const [first, second] = simulation.final.reports;
    expect(pending.map((action) => [action.command, action.about.period, action.deadline])).toEqual([
      ['submit-report', first!.period, first!.dueOn],
      ['submit-report', second!.period, second!.dueOn],
    ]);
  });
});
