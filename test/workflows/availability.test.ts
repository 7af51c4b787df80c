import { beforeAll, describe, expect, it } from 'vitest';
import type { CapturedEmail } from '../../client/mail-capture';
import { simulate, type Simulation } from '../../client/simulate';
import { conventionSchema, type TConvention } from '../../domain/convention';
import { addCalendarDays, firstDayOfNextMonth } from '../../domain/dates';
import type { TScenario } from '../../domain/scenario';
import { caminoInput, PEOPLE, SIGNATORIES } from '../fixtures';
import { expectSameEmailsAsDomain } from '../helpers/simulation';

// Mise à disposition on the time-skipping server: DGPR's 100 000 € on 0181-CPRI-ELAB come in two
// échéances; the délégataire asks for the first, is reminded weekly until DGPR makes it available,
// and its engagements stay within what is available, the refusals naming both figures.

const CPRI = '0181-CPRI-ELAB';
const DGPR_CONTACT = 'dgpr.budget@example.org';
const NBSP = '\u00a0';
const euros = (text: string) => text.replace(/(\d) (?=\d{3}\b)/g, `$1${NBSP}`).replace(/ €/g, `${NBSP}€`);

/** The scenario starts on the first of next month: the échéances are dated from it. */
const day0 = firstDayOfNextMonth(Date.now(), 'Europe/Paris');
const input = caminoInput();
Object.assign(
  input.budget.find((line) => line.uo === CPRI)!,
  {
    echeancier: [
      { date: addCalendarDays(day0, 10), ae: '40000.00', cp: '40000.00' },
      { date: addCalendarDays(day0, 200), ae: '60000.00', cp: '60000.00' },
    ],
  },
);
const convention: TConvention = conventionSchema().parse({ ...input, id: 'camino-2020-echeancier' });

const dinum = PEOPLE.dinumContact;
const scenario: TScenario = {
  start: 'next-month',
  until: 40,
  events: [
    ...SIGNATORIES.map(([party, as], i) => ({ day: 0.1 * (i + 1), command: 'sign' as const, as, party })),
    { day: 1, command: 'confirm-chorus', as: PEOPLE.dgalnContact },
    { day: 2, command: 'publish', as: dinum, where: 'data.gouv.fr' },
    { day: 5, command: 'engage', as: dinum, uo: CPRI, ae: '10000.00', ref: 'BC-1' },
    {
      day: 5.5,
      command: 'request-credits',
      as: dinum,
      uo: CPRI,
      ae: '40000.00',
      cp: '40000.00',
      wantedBy: addCalendarDays(day0, 10),
    },
    // Two weekly reminders later (days 12 and 19, moved past a weekend at most to day 23).
    { day: 25.5, command: 'make-available', as: DGPR_CONTACT, uo: CPRI, ae: '40000.00', cp: '40000.00' },
    { day: 26, command: 'engage', as: dinum, uo: CPRI, ae: '30000.00', ref: 'BC-2' },
    { day: 27, command: 'engage', as: dinum, uo: CPRI, ae: '15000.00', ref: 'BC-3' },
  ],
};

describe('credits made available on request, on the time-skipping server', () => {
  const emails: CapturedEmail[] = [];
  let simulation: Simulation;
  beforeAll(async () => {
    simulation = await simulate(convention, scenario, { emails });
  }, 180_000);

  it('sent exactly the emails the domain computes', () => {
    expectSameEmailsAsDomain(convention, scenario, simulation, emails);
  });

  it('asked DGPR, reminded it twice, and told DINUM when the credits came', () => {
    const of = (kind: string) => emails.filter((email) => email.kind === kind);
    expect(of('credits-request').map((email) => [email.to, email.cc])).toEqual([[[DGPR_CONTACT], [dinum]]]);
    expect(of('credits-request-reminder')).toHaveLength(2);
    expect(of('credits-request-reminder')[1]!.subject).toBe(
      `[Camino · camino-2020-echeancier] Rappel n° 2 : crédits attendus sur l’UO ${CPRI} (Camino)`,
    );
    expect(of('credits-made-available').map((email) => [email.to, email.cc])).toEqual([
      [[dinum], [DGPR_CONTACT]],
    ]);
  });

  it('kept engagements within what was made available, naming both figures', () => {
    const engagements = simulation.timeline.filter(
      (entry) => entry.type === 'command' && entry.command === 'engage',
    );
    expect(engagements.map((entry) => entry.type === 'command' && (entry.ok || entry.error))).toEqual([
      euros(
        `${CPRI}: 10 000,00 € of AE requested; 100 000,00 € left of the allocation, but only 0,00 € of what the délégant has made available (request-credits asks for more)`,
      ),
      true,
      euros(
        `${CPRI}: 15 000,00 € of AE requested; 70 000,00 € left of the allocation, but only 10 000,00 € of what the délégant has made available (request-credits asks for more)`,
      ),
    ]);
    const cpri = simulation.final.credits.find((line) => line.uo === CPRI)!;
    expect(cpri.availability).toEqual({ ae: '40000.00', cp: '40000.00', missed: [] });
    expect(cpri.engaged).toBe('30000.00');
    expect(simulation.final.creditRequests).toEqual([]);
  });
});
