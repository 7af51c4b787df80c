import { beforeAll, describe, expect, it } from 'vitest';
import type { CapturedEmail } from '../../client/mail-capture';
import { simulate, type Simulation } from '../../client/simulate';
import { addCalendarMonths, instantAt, localDateOf } from '../../domain/dates';
import type { TScenario } from '../../domain/scenario';
import { camino, PEOPLE, SIGNATORIES } from '../fixtures';
import { countKinds, expectSameEmailsAsDomain } from '../helpers/simulation';

// Notice on the time-skipping server: DINUM gives notice and withdraws it; then DGALN gives notice,
// and the convention ends exactly three calendar months later, with nothing scheduled after but
// the final report.

const scenario: TScenario = {
  start: 'next-month',
  until: 200,
  events: [
    ...SIGNATORIES.map(([party, as], i) => ({ day: 0.1 * (i + 1), command: 'sign' as const, as, party })),
    { day: 1, command: 'confirm-chorus', as: PEOPLE.dgalnContact },
    { day: 2, command: 'publish', as: PEOPLE.dinumContact, where: 'data.gouv.fr' },
    {
      day: 20,
      command: 'give-notice',
      as: PEOPLE.dinumRepresentative,
      party: 'DINUM',
      reason: 'Équipe non constituée',
    },
    { day: 25, command: 'give-notice', as: PEOPLE.sgRepresentative, party: 'SG', reason: 'Doublon' },
    { day: 30, command: 'withdraw-notice', as: PEOPLE.dinumRepresentative, party: 'DINUM' },
    {
      day: 40.3,
      command: 'give-notice',
      as: PEOPLE.dgalnRepresentative,
      party: 'DGALN',
      reason: 'Fin du financement',
    },
    ...[1, 2, 3, 4].map((month) => ({
      day: Math.round((30.44 * month + 4) * 10) / 10,
      command: 'submit-report' as const,
      as: PEOPLE.dinumContact,
      period: 'previous',
      progress: 'Itérations',
      forecast: 'Stables',
    })),
  ],
};

describe('notice given on a day ends the convention three calendar months later', () => {
  const emails: CapturedEmail[] = [];
  let simulation: Simulation;
  beforeAll(async () => {
    simulation = await simulate(camino(), scenario, { emails });
  }, 180_000);

  it('sent exactly the emails the domain computes', () => {
    expectSameEmailsAsDomain(camino(), scenario, simulation, emails);
  });

  it('refused a second notice while one ran, with the date of the first', () => {
    const refused = simulation.timeline.filter((e) => e.type === 'command' && !e.ok);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({
      command: 'give-notice',
      error: expect.stringMatching(
        /^notice was already given by DINUM on \d{4}-\d\d-\d\d: the convention ends on/,
      ),
    });
  });

  it('ended at midnight in Paris three calendar months after the day notice was given', () => {
    const given = simulation.timeline.find(
      (e) => e.type === 'command' && e.command === 'give-notice' && e.as === PEOPLE.dgalnRepresentative,
    )!;
    const effectiveOn = addCalendarMonths(localDateOf(Date.parse(given.at), 'Europe/Paris'), 3);
    expect(simulation.final.state).toBe('ended');
    expect(simulation.final.end).toEqual({
      at: new Date(instantAt(effectiveOn, 0, 'Europe/Paris')).toISOString(),
      reason: 'terminated',
    });
    const states = simulation.timeline.flatMap((e) => (e.type === 'state' ? [e.to] : []));
    expect(states).toEqual([
      'signing',
      'awaiting-publication',
      'in-force',
      'notice',
      'in-force',
      'notice',
      'ended',
    ]);
  });

  it('sent the notices, the withdrawal, the reminder and the end, and after it only what the final report needs', () => {
    expect(countKinds(emails)).toMatchObject({
      'termination-notice': 2,
      'termination-withdrawn': 1,
      'termination-reminder': 1,
      'termination-effective': 1,
    });
    const endAt = Date.parse(simulation.final.end!.at);
    const after = new Set(emails.filter((e) => e.date >= endAt - 1000).map((e) => e.kind));
    expect(
      [...after].every((kind) =>
        ['termination-effective', 'final-report-due', 'final-report-overdue'].includes(kind),
      ),
    ).toBe(true);
    expect(new Set(simulation.final.nextDeadlines.map((d) => d.kind))).toEqual(
      new Set(['final-report-overdue']),
    );
    expect(simulation.final.committees.filter((c) => Date.parse(c.date) > endAt)).toEqual([]);
    expect(simulation.final.endedServices.map((s) => s.service)).toContain('engagements and payments');
  });
});
