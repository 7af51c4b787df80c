import { beforeAll, describe, expect, it } from 'vitest';
import type { CapturedEmail } from '../../client/mail-capture';
import { simulate, type Simulation } from '../../client/simulate';
import { conventionSchema, type TConvention } from '../../domain/convention';
import type { TScenario } from '../../domain/scenario';
import { caminoInput, PEOPLE, SIGNATORIES } from '../fixtures';
import { expectSameEmailsAsDomain } from '../helpers/simulation';

// The délégant's commitments on the time-skipping server: no intrapreneur at first (warned weekly
// until one is designated), then DINUM ends its accompaniment wholly, which gives notice.

const input = caminoInput();
delete (input.roles as { intrapreneur?: unknown }).intrapreneur;
const convention: TConvention = conventionSchema().parse({ ...input, id: 'camino-2020-accompaniment' });
const DAY = 86_400_000;

const scenario: TScenario = {
  start: 'next-month',
  until: 45,
  events: [
    ...SIGNATORIES.map(([party, as], i) => ({ day: 0.1 * (i + 1), command: 'sign' as const, as, party })),
    { day: 1, command: 'confirm-chorus', as: PEOPLE.dgalnContact },
    { day: 2, command: 'publish', as: PEOPLE.dinumContact, where: 'data.gouv.fr' },
    {
      day: 20.5,
      command: 'designate-intrapreneur',
      as: PEOPLE.dgalnContact,
      name: 'Camille Martin',
      email: 'camille.martin@example.org',
    },
    {
      day: 30.5,
      command: 'end-accompaniment',
      as: PEOPLE.dinumRepresentative,
      scope: 'whole',
      commitment: 'other',
      reason: 'Les moyens promis ne sont pas réunis',
    },
  ],
};

describe('commitments watched, and the accompaniment ended, on the time-skipping server', () => {
  const emails: CapturedEmail[] = [];
  let simulation: Simulation;
  beforeAll(async () => {
    simulation = await simulate(convention, scenario, { emails });
  }, 180_000);

  it('sent exactly the emails the domain computes', () => {
    expectSameEmailsAsDomain(convention, scenario, simulation, emails);
  });

  it('warned the délégant weekly until an intrapreneur was designated', () => {
    const start = Date.parse(simulation.final.startedAt);
    const warnings = emails.filter((email) => email.kind === 'commitment-warning');
    // From the day after publication, weekly, working days: two or three before day 20.5.
    expect(warnings.length).toBeGreaterThanOrEqual(2);
    expect(warnings.every((email) => email.date < start + 20.5 * DAY)).toBe(true);
    expect(warnings[0]!.to).toEqual([
      'sg.budget@example.org',
      'dgaln.budget@example.org',
      'dgpr.budget@example.org',
    ]);
    expect(simulation.final.state).toBe('notice');
  });

  it('told every party of the end of accompaniment, and gave notice as DINUM', () => {
    const ended = emails.filter((email) => email.kind === 'accompaniment-ended');
    expect(ended).toHaveLength(1);
    expect(ended[0]!.text).toContain('Les moyens promis ne sont pas réunis');
    expect(ended[0]!.to).toContain('onf.finances@example.org');
    const notice = emails.filter((email) => email.kind === 'termination-notice');
    expect(notice).toHaveLength(1);
    expect(simulation.final.notice).toMatchObject({ party: 'DINUM' });
  });
});

describe('a committee decision more than 60 days late, on the time-skipping server', () => {
  const emails: CapturedEmail[] = [];
  const seed = conventionSchema().parse({ ...caminoInput(), id: 'camino-2020-late-committee' });
  const late: TScenario = {
    start: 'next-month',
    until: 280,
    events: scenario.events.filter((event) => ['sign', 'confirm-chorus', 'publish'].includes(event.command)),
  };
  let simulation: Simulation;
  beforeAll(async () => {
    simulation = await simulate(seed, late, { emails });
  }, 180_000);

  it('warns the délégant once, 61 days after the committee’s date', () => {
    expectSameEmailsAsDomain(seed, late, simulation, emails);
    const [committee] = simulation.final.committees;
    const warnings = emails.filter((email) => email.kind === 'commitment-warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.text).toContain(`n’est toujours pas enregistrée, 61 jours après`);
    // On the 61st day, or the next working day.
    const due = Date.parse(`${committee!.date}T00:00:00Z`) + 61 * DAY;
    expect(warnings[0]!.date).toBeGreaterThanOrEqual(due - DAY);
    expect(warnings[0]!.date).toBeLessThan(due + 5 * DAY);
  });
});
