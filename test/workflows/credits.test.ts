import { localDateOf } from '../../domain/dates';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CapturedEmail } from '../../client/mail-capture';
import { simulate, type Simulation } from '../../client/simulate';
import type { TScenario } from '../../domain/scenario';
import { camino, PEOPLE, seedScenario, SIGNATORIES } from '../fixtures';
import { countKinds, expectSameEmailsAsDomain } from '../helpers/simulation';

// The seed's credits on the time-skipping server: 220 000 € on 0113-PEBC-ELAB (80 000 € of them
// from ONF, to restore), 100 000 € on 0181-CPRI-ELAB.

const NBSP = '\u00a0';
const PEBC = '0113-PEBC-ELAB';

describe('a year that spends the seed budget down', () => {
  const plan = seedScenario('credits');
  const emails: CapturedEmail[] = [];
  let simulation: Simulation;
  beforeAll(async () => {
    simulation = await simulate(camino(), plan, { emails });
  }, 180_000);

  it('sent exactly the emails the domain computes', () => {
    expectSameEmailsAsDomain(camino(), plan, simulation, emails);
  });

  /** The budget year the scenario runs in (SPEC §11): the seed's lines are that year's. */
  const year = () => simulation.final.publication!.effectiveDate.slice(0, 4);

  it('alerted at 80 % and 95 %, with the figures', () => {
    const alerts = emails.filter((e) => e.kind === 'credit-threshold');
    expect(alerts.map((e) => e.subject)).toEqual([
      `[Camino · camino-2020] 80 % des AE de ${year()} de l’UO ${PEBC} sont engagées`,
      `[Camino · camino-2020] 95 % des AE de ${year()} de l’UO ${PEBC} sont engagées`,
    ]);
    expect(alerts[0]!.text).toContain(`180${NBSP}000,00${NBSP}€ sur 220${NBSP}000,00${NBSP}€`);
    expect(alerts[1]!.text).toContain(`210${NBSP}000,00${NBSP}€ sur 220${NBSP}000,00${NBSP}€`);
    expect(alerts[0]!.cc).toEqual([PEOPLE.dinumContact]);
  });

  it('refused the engagement beyond the credits with its figures, and told the délégant at once', () => {
    const refused = simulation.timeline.filter((e) => e.type === 'command' && !e.ok);
    expect(refused.map((e) => e.type === 'command' && e.error)).toEqual([
      `${PEBC}: 20${NBSP}000,00${NBSP}€ of AE of ${year()} requested, 10${NBSP}000,00${NBSP}€ left`,
      expect.stringMatching(/^execution is suspended since .*: the credits of 0113-PEBC-ELAB ran out/),
    ]);
    const [warning] = emails.filter((e) => e.kind === 'credit-insufficiency');
    expect(warning!.date).toBeLessThan(Date.parse(refused[0]!.at) + 5_000);
    expect(warning!.text).toContain(`un engagement de 20${NBSP}000,00${NBSP}€ est demandé sur l’UO ${PEBC}`);
    expect(warning!.text).toContain(`il reste 10${NBSP}000,00${NBSP}€ d’autorisations d’engagement`);
    expect(warning!.to).toEqual([
      'sg.budget@example.org',
      'dgaln.budget@example.org',
      'dgpr.budget@example.org',
    ]);
  });

  it('suspended execution when the grace period ran out, and resumed it with the avenant', () => {
    const states = simulation.timeline.flatMap((e) => (e.type === 'state' ? [`${e.from}→${e.to}`] : []));
    expect(states).toEqual([
      'null→signing',
      'signing→awaiting-publication',
      'awaiting-publication→in-force',
      'in-force→suspended',
      'suspended→in-force',
    ]);
    const insufficiencyAt = emails.find((e) => e.kind === 'credit-insufficiency')!.date;
    const suspendedAt = emails.find((e) => e.kind === 'execution-suspended')!.date;
    // Thirty days of grace, to midnight after the last one in Paris.
    expect((suspendedAt - insufficiencyAt) / 86_400_000).toBeGreaterThan(30);
    expect((suspendedAt - insufficiencyAt) / 86_400_000).toBeLessThan(31);
    expect(countKinds(emails)).toMatchObject({
      'credit-threshold': 2,
      'credit-insufficiency': 1,
      'execution-suspended': 1,
      'amendment-recorded': 1,
      'execution-resumed': 1,
    });
    const avenant = emails.find((e) => e.kind === 'amendment-recorded')!;
    expect(avenant.cc).toEqual(['cbcm.premier-ministre@example.org', 'cbcm.delegant@example.org']);
    // Signed the day it is recorded: a line of that year's credits.
    const signedIn = localDateOf(avenant.date, 'Europe/Paris').slice(0, 4);
    expect(avenant.text).toContain(
      `UO ${PEBC}, crédits de ${signedIn} : AE +50${NBSP}000,00${NBSP}€, CP +50${NBSP}000,00${NBSP}€.`,
    );
    expect(emails.find((e) => e.kind === 'execution-resumed')!.text).toContain(
      'L’avenant n° 1 ajuste la dotation',
    );
  });

  it('ends with the figures of the ledger', () => {
    expect(simulation.final.state).toBe('in-force');
    expect(simulation.final.credits.map((c) => [c.uo, c.ae, c.engaged, c.paid, c.aeLeft])).toEqual([
      [PEBC, '270000.00', '230000.00', '120000.00', '40000.00'],
      ['0181-CPRI-ELAB', '100000.00', '40000.00', '0.00', '60000.00'],
    ]);
    expect(simulation.final.amendments).toEqual([expect.objectContaining({ number: 1 })]);
  });
});

describe('an insufficiency resolved by an avenant within the grace period', () => {
  it('never suspends execution', async () => {
    const plan: TScenario = {
      // Far from December, whose fin de gestion closes the year's engagements (SPEC §11).
      start: { next: '03-01' },
      until: 60,
      events: [
        ...SIGNATORIES.map(([party, as], i) => ({ day: 0.1 * (i + 1), command: 'sign' as const, as, party })),
        { day: 0.6, command: 'confirm-chorus', as: PEOPLE.dgalnContact },
        { day: 0.7, command: 'publish', as: PEOPLE.dinumContact, where: 'data.gouv.fr' },
        {
          day: 1,
          command: 'engage',
          as: PEOPLE.dinumContact,
          uo: '0181-CPRI-ELAB',
          ae: '95000.00',
          ref: 'BC-1',
        },
        {
          day: 2,
          command: 'engage',
          as: PEOPLE.dinumContact,
          uo: '0181-CPRI-ELAB',
          ae: '8000.00',
          ref: 'BC-2',
        },
        {
          day: 20,
          command: 'amend',
          as: PEOPLE.admin,
          number: 1,
          summary: 'Complément DGPR',
          signedOn: 'today',
          budget: [{ uo: '0181-CPRI-ELAB', ae: '10000.00', cp: '10000.00' }],
        },
        {
          day: 21,
          command: 'engage',
          as: PEOPLE.dinumContact,
          uo: '0181-CPRI-ELAB',
          ae: '8000.00',
          ref: 'BC-2',
        },
      ],
    };
    const emails: CapturedEmail[] = [];
    const simulation = await simulate(camino(), plan, { emails });
    expectSameEmailsAsDomain(camino(), plan, simulation, emails);
    expect(
      simulation.timeline.filter((e) => e.type === 'command').map((e) => e.type === 'command' && e.ok),
    ).toEqual([
      ...Array(7).fill(true), // signatures, Chorus, publication, the first engagement
      false, // 8 000 € asked, 5 000 € left: refused, the délégant told
      true, // the avenant, within the grace period
      true, // the same engagement, now with room
    ]);
    expect(countKinds(emails)).toMatchObject({ 'credit-insufficiency': 1, 'amendment-recorded': 1 });
    expect(emails.some((e) => e.kind === 'execution-suspended')).toBe(false);
    expect(simulation.final.state).toBe('in-force');
    expect(simulation.final.gracePeriods).toEqual([]);
    expect(simulation.final.credits[1]).toMatchObject({ ae: '110000.00', engaged: '103000.00' });
  }, 120_000);
});
