import { beforeAll, describe, expect, it } from 'vitest';
import type { CapturedEmail } from '../../client/mail-capture';
import { simulate, type Simulation } from '../../client/simulate';
import type { TConvention } from '../../domain/convention';
import { addCalendarDays, addCalendarMonths, daysBetween, firstDayOfNextMonth } from '../../domain/dates';
import { sumMoney, toMoneyString } from '../../domain/money';
import type { TScenario, TScenarioEvent } from '../../domain/scenario';
import { camino, PEOPLE, SIGNATORIES } from '../fixtures';
import { countKinds, expectSameEmailsAsDomain } from '../helpers/simulation';

// A convention's whole life — four years in force, then its final report — on the time-skipping
// server, with the workflow continuing as new every 40 emails and commands: no email may be lost
// or sent twice across the runs, and the workflow completes with its summary.

const DAY = 86_400_000;
const COMMITTEES = 7;

const START = firstDayOfNextMonth(Date.now(), 'Europe/Paris');
const ENDS_ON = addCalendarDays(addCalendarMonths(START, 48), -1);
const YEARS = Array.from(
  { length: Number(ENDS_ON.slice(0, 4)) - Number(START.slice(0, 4)) + 1 },
  (_, i) => Number(START.slice(0, 4)) + i,
);
const PEBC = '0113-PEBC-ELAB';
/** Each year after the first has its own credits on PEBC (SPEC §11): two orders of 20 000 €. */
const YEARLY = '40000.00';

/**
 * The seed, ending after 48 months counted from the first day of next month (the scenario's
 * start); its lines are those of the year it takes effect, and a line of 40 000 € on PEBC is
 * added for each year after.
 */
function fourYearConvention(): TConvention {
  const seed = camino();
  const pebc = seed.budget.find((line) => line.uo === PEBC)!;
  const later = YEARS.slice(1).map((year) => ({ ...pebc, ae: YEARLY, cp: YEARLY, year }));
  return { ...seed, budget: [...seed.budget, ...later], schedule: { ...seed.schedule, endsOn: ENDS_ON } };
}

function fourYearScenario(): TScenario {
  const events: TScenarioEvent[] = [
    ...SIGNATORIES.map(([party, as], i) => ({ day: 0.1 * (i + 1), command: 'sign' as const, as, party })),
    { day: 1, command: 'confirm-chorus', as: PEOPLE.dgalnContact },
    { day: 2, command: 'publish', as: PEOPLE.dinumContact, where: 'data.gouv.fr' },
  ];
  // Each month's report around the 5th of the next, before it is due on the 10th.
  for (let month = 0; month < 47; month += 1)
    events.push({
      day: Math.round((30.44 * (month + 1) + 4) * 10) / 10,
      command: 'submit-report',
      as: PEOPLE.dinumContact,
      period: 'previous',
      spent: { '0113-PEBC-ELAB': '4000.00', '0181-CPRI-ELAB': '2000.00' },
      progress: 'Itérations livrées',
      forecast: 'Commandes stables',
    });
  // Each committee meets a couple of days before its planned day, and its secretary says so.
  for (let n = 1; n <= COMMITTEES; n += 1)
    events.push({
      day: Math.round(182.62 * n - 2),
      command: 'decide',
      as: PEOPLE.secretary,
      decision: 'continue',
      heldOn: 'today',
    });
  // On 15 March and 15 September, 20 000 € engaged on 0113-PEBC-ELAB, and paid a month later:
  // within each year's fin de gestion, whatever month the scenario starts in.
  const orders = YEARS.flatMap((year) => [`${year}-03-15`, `${year}-09-15`]).filter(
    (date) => date > addCalendarDays(START, 5) && date < addCalendarDays(ENDS_ON, -60),
  );
  for (const [i, date] of orders.entries()) {
    const n = i + 1;
    const day = daysBetween(START, date) + 0.1;
    const order = { as: PEOPLE.dinumContact, uo: PEBC };
    events.push({ day, command: 'engage', ...order, ae: '20000.00', ref: `BC-${n}` });
    events.push({
      day: day + 30,
      command: 'pay',
      ...order,
      cp: '20000.00',
      ref: `DP-${n}`,
      engagement: `BC-${n}`,
    });
  }
  events.push({
    day: 1466,
    command: 'submit-report',
    as: PEOPLE.dinumContact,
    final: true,
    spent: { '0113-PEBC-ELAB': '1000.00' },
    progress: 'Service pérennisé',
    forecast: 'Aucune commande',
  });
  return { start: 'next-month', until: 1470, events };
}

describe('four years, then closing, across continue-as-new', () => {
  const convention = fourYearConvention();
  const scenario = fourYearScenario();
  const emails: CapturedEmail[] = [];
  let simulation: Simulation;
  beforeAll(async () => {
    simulation = await simulate(convention, scenario, { emails, continueAsNewAfter: 40 });
  }, 300_000);

  it('continued as new several times and completed with its summary', () => {
    expect(simulation.timeline.filter((e) => e.type === 'command' && !e.ok)).toEqual([]);
    expect(simulation.runs).toBeGreaterThanOrEqual(3);
    // What each run carries into the next: the convention and its record, four years of them.
    expect(Math.max(...simulation.carriedBytes)).toBeLessThan(64 * 1024);
    expect(simulation.final.state).toBe('closed');
    expect(simulation.summary).toMatchObject({
      id: 'camino-2020',
      monthlyReports: 47,
      committees: Array.from({ length: COMMITTEES }, (_, i) =>
        expect.objectContaining({ number: i + 1, decision: 'continue' }),
      ),
      emailsSent: emails.length,
      // Every command, and each year's statement.
      registerEntries: scenario.events.length + 4,
    });
  });

  it('lost no email and sent none twice: exactly what the domain computes', () => {
    expectSameEmailsAsDomain(convention, scenario, simulation, emails);
  });

  it('told the délégant what was left, then closed for all', () => {
    const counts = countKinds(emails);
    expect(counts).toMatchObject({
      'committee-convocation': COMMITTEES,
      'committee-minutes': COMMITTEES,
      'report-received': 48,
      'convention-expired': 1,
      'unconsumed-credits': 1,
      'convention-closed': 1,
      // Four year ends pass in 48 months: each year's statement to the délégant.
      'year-end-statement': 4,
    });
    // Eight engagements of 20 000 €, all paid; nothing on 0181-CPRI-ELAB. Summed over the years.
    const allocated = sumMoney(convention.budget.filter((line) => line.uo === PEBC).map((line) => line.ae));
    expect(simulation.summary?.unconsumed).toEqual([
      {
        uo: PEBC,
        ae: toMoneyString(allocated),
        cp: toMoneyString(allocated),
        engaged: '160000.00',
        paid: '160000.00',
        aeLeft: toMoneyString(allocated.minus(160_000)),
        cpLeft: toMoneyString(allocated.minus(160_000)),
      },
      {
        uo: '0181-CPRI-ELAB',
        ae: '100000.00',
        cp: '100000.00',
        engaged: '0.00',
        paid: '0.00',
        aeLeft: '100000.00',
        cpLeft: '100000.00',
      },
    ]);
    const closed = emails.filter((e) => e.kind === 'convention-closed');
    expect(closed).toHaveLength(1);
    expect(Math.max(...emails.map((e) => e.date))).toBe(closed[0]!.date);
    expect(closed[0]!.date).toBeGreaterThan(Date.parse(simulation.final.startedAt) + 1460 * DAY);
  });
});
