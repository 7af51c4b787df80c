import { describe, expect, it } from 'vitest';
import { conventionSchema, type TConvention } from '../../domain/convention';
import { creditsText } from '../../client/format';
import { creditLines } from '../../domain/ledger';
import { describeStatus } from '../../domain/status';
import { markSent, plannedEmails } from '../../domain/reminders';
import { renderEmail } from '../../domain/emails';
import { parseConvention } from '../../domain/validation';
import { caminoInput, PEOPLE } from '../fixtures';
import { apply, inForce, refusalOf } from '../helpers/records';

// Mise à disposition (SPEC §4.10): DGPR's 100 000 € on 0181-CPRI-ELAB come in two échéances; the
// délégataire asks, the délégant makes available, and engagements stay within what is available.

const START = Date.parse('2020-03-02T09:00:00Z');
const PUBLISHED = Date.parse('2020-03-26T09:00:00Z');
const at = (iso: string) => Date.parse(iso);
const CPRI = '0181-CPRI-ELAB';
const PEBC = '0113-PEBC-ELAB';
const DGPR_CONTACT = 'dgpr.budget@example.org';
const NBSP = '\u00a0';
const euros = (text: string) => text.replace(/(\d) (?=\d{3}\b)/g, `$1${NBSP}`).replace(/ €/g, `${NBSP}€`);

function withEcheancier(echeancier: unknown): ReturnType<typeof caminoInput> {
  const input = caminoInput();
  const line = input.budget.find((l) => l.uo === CPRI)!;
  (line as Record<string, unknown>).echeancier = echeancier;
  return input;
}

const ECHEANCIER = [
  { date: '2020-04-01', ae: '40000.00', cp: '40000.00' },
  { date: '2020-10-01', ae: '60000.00', cp: '60000.00' },
];
const convention: TConvention = conventionSchema().parse(withEcheancier(ECHEANCIER));
const engage = (uo: string, ae: string, ref: string) => ({ as: PEOPLE.dinumContact, uo, ae, ref });
const request = { as: PEOPLE.dinumContact, uo: CPRI, ae: '40000.00', cp: '40000.00', wantedBy: '2020-04-15' };

describe('the échéancier in the convention file', () => {
  it('is checked: dates in order, sums within the line', () => {
    const faults = parseConvention(
      JSON.stringify(
        withEcheancier([
          { date: '2020-10-01', ae: '60000.00', cp: '10.00' },
          { date: '2020-04-01', ae: '60000.00', cp: '10.00' },
        ]),
      ),
      'json',
    );
    expect(faults).toMatchObject({
      ok: false,
      errors: [
        'budget[2].echeancier[1].date: must come after 2020-10-01 (dates in order, without repeats)',
        "budget[2].echeancier: its AE add up to 120000.00, more than the line's 100000.00",
      ],
    });
  });
});

describe('credits made available step by step', () => {
  const start = inForce(START, PUBLISHED, convention);

  it('limits engagements on a UO with an échéancier to what was made available, naming both figures', () => {
    const refusal = refusalOf(start, 'engage', engage(CPRI, '10000.00', 'BC-1'), at('2020-04-02T10:00:00Z'));
    expect(refusal).toMatchObject({
      type: 'InsufficientCredits',
      code: 'beyond-available',
      figures: { uo: CPRI, requested: '10000.00', left: '100000.00', available: '0.00' },
      message: euros(
        '0181-CPRI-ELAB: 10 000,00 € of AE requested; 100 000,00 € left of the allocation, but only 0,00 € of what the délégant has made available (request-credits asks for more)',
      ),
    });
    // A UO without an échéancier keeps its whole allocation.
    expect(() =>
      apply(start, 'engage', engage(PEBC, '40000.00', 'BC-2'), at('2020-04-02T10:00:00Z')),
    ).not.toThrow();
  });

  it('asks the funder, reminds it weekly, and stops once credits are made available', () => {
    expect(
      refusalOf(start, 'request-credits', { ...request, as: DGPR_CONTACT }, at('2020-04-01T10:00:00Z')).type,
    ).toBe('NotAllowed');
    const asked = apply(start, 'request-credits', request, at('2020-04-01T10:00:00Z'));
    const plan = plannedEmails(asked, at('2020-04-01T10:00:00Z')).filter((e) =>
      e.kind.startsWith('credits-'),
    );
    expect(plan.map((e) => [e.kind, new Date(e.at).toISOString(), e.to])).toEqual([
      ['credits-request', '2020-04-01T10:00:00.000Z', [DGPR_CONTACT]],
      // A week later, at 9:00 in Paris.
      ['credits-request-reminder', '2020-04-08T07:00:00.000Z', [DGPR_CONTACT]],
    ]);
    const text = renderEmail(plan[0]!).text;
    expect(text).toContain(
      euros('40 000,00 € d’autorisations d’engagement et 40 000,00 € de crédits de paiement'),
    );
    expect(text).toContain('pour le 15 avril 2020');

    // The request went out; the délégant answers before the first reminder.
    const available = apply(
      markSent(asked, plan[0]!),
      'make-available',
      { as: DGPR_CONTACT, uo: CPRI, ae: '40000.00', cp: '40000.00' },
      at('2020-04-10T10:00:00Z'),
    );
    const after = plannedEmails(available, at('2020-04-10T10:00:00Z')).filter((e) =>
      e.kind.startsWith('credits-'),
    );
    expect(after.map((e) => [e.kind, e.to])).toEqual([['credits-made-available', [PEOPLE.dinumContact]]]);

    const engaged = apply(available, 'engage', engage(CPRI, '30000.00', 'BC-3'), at('2020-04-11T10:00:00Z'));
    expect(
      refusalOf(engaged, 'engage', engage(CPRI, '15000.00', 'BC-4'), at('2020-04-12T10:00:00Z')).message,
    ).toContain(euros('but only 10 000,00 € of what the délégant has made available'));
    // More than the allocation is never made available.
    expect(
      refusalOf(
        available,
        'make-available',
        { as: DGPR_CONTACT, uo: CPRI, ae: '70000.00', cp: '0' },
        at('2020-04-12T10:00:00Z'),
      ).message,
    ).toBe(
      euros('0181-CPRI-ELAB: 70 000,00 € of AE asked, 60 000,00 € of the allocation left to make available'),
    );

    const [, cpri] = creditLines(engaged, '2020-10-02').filter(
      (line) => line.uo === PEBC || line.uo === CPRI,
    );
    expect(cpri!.availability).toEqual({
      ae: '40000.00',
      cp: '40000.00',
      missed: [{ date: '2020-10-01', dueAe: '100000.00', availableAe: '40000.00' }],
    });
    expect(creditLines(engaged, '2020-10-02').find((line) => line.uo === PEBC)!.availability).toBeUndefined();

    // `convention credits` and `status`: what was made available, the échéance missed, the request waiting.
    const waiting = apply(
      engaged,
      'request-credits',
      { ...request, ae: '60000.00', cp: '60000.00', wantedBy: '2020-10-01' },
      at('2020-09-20T10:00:00Z'),
    );
    const table = creditsText(describeStatus(waiting, at('2020-10-02T10:00:00Z')));
    expect(table).toMatch(/^UO\s+allocated AE\s+available AE\s+engaged/);
    expect(table).toMatch(
      new RegExp(euros('0181-CPRI-ELAB 100 000,00 € 40 000,00 € 30 000,00 €').replace(/ /g, '\\s+')),
    );
    expect(table).toContain(
      euros(
        'Échéance of 2020-10-01 passed for 0181-CPRI-ELAB: 100 000,00 € of AE due by then, 40 000,00 € made available.',
      ),
    );
    expect(table).toContain(
      euros(
        'for 0181-CPRI-ELAB: 60 000,00 € AE, 60 000,00 € CP, wanted by 2020-10-01; not yet made available.',
      ),
    );
  });
});
