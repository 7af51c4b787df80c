import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { advance, applyCommand } from '../../domain/lifecycle';
import { creditLines, creditWarnings, uoCredits } from '../../domain/ledger';
import type { ConventionRecord } from '../../domain/record';
import { renderEmail } from '../../domain/emails';
import { plannedEmails } from '../../domain/reminders';
import { describeStatus } from '../../domain/status';
import { PEOPLE } from '../fixtures';
import { playClock } from '../helpers/projection';
import { apply, inForce, refusalOf } from '../helpers/records';

const START = Date.parse('2020-03-02T09:00:00Z');
const PUBLISHED = Date.parse('2020-03-26T09:00:00Z');
const at = (iso: string) => Date.parse(iso);
const NBSP = '\u00a0';
/** French amounts in a message use no-break spaces: `12 000,00 €`. */
const euros = (text: string) => text.replace(/(\d) (?=\d{3}\b)/g, `$1${NBSP}`).replace(/ €/g, `${NBSP}€`);
const PEBC = '0113-PEBC-ELAB';
const CPRI = '0181-CPRI-ELAB';
const engage = (uo: string, ae: string, ref: string, extra: Record<string, unknown> = {}) => ({
  as: PEOPLE.dinumContact,
  uo,
  ae,
  ref,
  ...extra,
});
const pay = (uo: string, cp: string, ref: string, extra: Record<string, unknown> = {}) => ({
  as: PEOPLE.dinumContact,
  uo,
  cp,
  ref,
  ...extra,
});
const amendment = (number: number, budget: unknown[], extra: Record<string, unknown> = {}) => ({
  as: PEOPLE.admin,
  number,
  summary: 'Complément de financement DGALN',
  signedOn: '2020-06-01',
  budget,
  ...extra,
});
const WHEN = at('2020-06-02T10:00:00Z');

/** The seed in force with `ae` already engaged on 0113-PEBC-ELAB. */
function withEngaged(ae: string): ConventionRecord {
  return apply(inForce(START, PUBLISHED), 'engage', engage(PEBC, ae, 'BC-0'), at('2020-05-01T10:00:00Z'));
}

describe('engagements and payments', () => {
  it('records them and keeps the figures per UO', () => {
    let record = withEngaged('50000.00');
    record = apply(record, 'pay', pay(PEBC, '20000.50', 'DP-1', { engagement: 'BC-0' }), WHEN);
    expect(creditLines(record, '2020-06-02')[0]).toMatchObject({
      uo: PEBC,
      ae: '220000.00',
      engaged: '50000.00',
      paid: '20000.50',
      aeLeft: '170000.00',
      cpLeft: '199999.50',
      consumption: '22.7',
    });
  });

  it.each<[string, () => ConventionRecord, string, Record<string, unknown>, string, string]>([
    [
      'beyond the UO’s AE left (the figures of the seed)',
      () => withEngaged('211500.00'),
      'engage',
      engage(PEBC, '12000.00', 'BC-1'),
      'InsufficientCredits',
      euros('0113-PEBC-ELAB: 12 000,00 € of AE of 2020 requested, 8 500,00 € left'),
    ],
    [
      'beyond the CP',
      () => withEngaged('220000.00'),
      'pay',
      pay(PEBC, '220000.01', 'DP-1'),
      'InsufficientCredits',
      euros('0113-PEBC-ELAB: 220 000,01 € of CP requested, 220 000,00 € left'),
    ],
    [
      'beyond what was engaged',
      () => withEngaged('1000.00'),
      'pay',
      pay(PEBC, '1000.01', 'DP-1'),
      'InsufficientCredits',
      euros('0113-PEBC-ELAB: 1 000,01 € of CP requested, only 1 000,00 € engaged and not yet paid'),
    ],
    [
      'beyond the engagement paid for',
      () => apply(withEngaged('1000.00'), 'engage', engage(PEBC, '5000', 'BC-2'), WHEN),
      'pay',
      pay(PEBC, '1500', 'DP-1', { engagement: 'BC-0' }),
      'InsufficientCredits',
      euros('BC-0: 1 500,00 € of CP requested, 1 000,00 € of it left to pay'),
    ],
    [
      'an engagement of another UO',
      () => withEngaged('1000.00'),
      'pay',
      pay(CPRI, '10', 'DP-1', { engagement: 'BC-0' }),
      'InsufficientCredits',
      euros('0181-CPRI-ELAB: 10,00 € of CP requested, only 0,00 € engaged'),
    ],
    [
      'a duplicate reference',
      () => withEngaged('1000.00'),
      'engage',
      engage(CPRI, '10', 'BC-0'),
      'AlreadyDone',
      euros('engagement BC-0 was already recorded on 2020-05-01T10:00:00.000Z (0113-PEBC-ELAB, 1 000,00 €)'),
    ],
    [
      'an unknown UO',
      () => withEngaged('1000.00'),
      'engage',
      engage('0999-XXXX-ELAB', '10', 'BC-9'),
      'UnknownUo',
      "unknown UO 0999-XXXX-ELAB; the convention's UOs are 0113-PEBC-ELAB, 0181-CPRI-ELAB",
    ],
    [
      'the délégant engaging',
      () => withEngaged('1000.00'),
      'engage',
      engage(PEBC, '10', 'BC-9', { as: PEOPLE.dgalnContact }),
      'NotAllowed',
      'dgaln.budget@example.org may not record an engagement: only a contact of the délégataire (DINUM)',
    ],
    [
      'a float amount',
      () => withEngaged('1000.00'),
      'engage',
      engage(PEBC, 12.5 as unknown as string, 'BC-9'),
      'InvalidCommand',
      'engage: ae: expected a decimal string in quotes, got 12.5',
    ],
    [
      'a zero amount',
      () => withEngaged('1000.00'),
      'engage',
      engage(PEBC, '0', 'BC-9'),
      'InvalidCommand',
      'engage: ae: must be more than 0',
    ],
  ])('refuses %s', (_name, makeRecord, command, payload, type, message) => {
    const refusal = refusalOf(makeRecord(), command as 'engage', payload, WHEN);
    expect(refusal.type).toBe(type);
    expect(refusal.message).toContain(message);
  });

  it('refuses any before the Chorus habilitations are confirmed', () => {
    const record = { ...inForce(START, PUBLISHED), chorus: undefined };
    expect(refusalOf(record, 'engage', engage(PEBC, '10', 'BC-1'), WHEN).message).toBe(
      'no engagement before the Chorus habilitations are confirmed (art. 2)',
    );
  });
});

describe('alerts at the thresholds', () => {
  it('sends credit-threshold once per threshold and UO, with the figures', () => {
    let record = withEngaged('170000.00'); // 77 %
    record = apply(record, 'engage', engage(PEBC, '6000', 'BC-1'), WHEN); // 80 %: crosses 0.80
    record = apply(record, 'engage', engage(PEBC, '1000', 'BC-2'), WHEN + 1000); // still 80.45 %
    record = apply(record, 'engage', engage(PEBC, '33000', 'BC-3'), WHEN + 2000); // 95.45 %: crosses 0.95
    expect(record.thresholdsCrossed.map((t) => [t.uo, t.threshold, t.engaged])).toEqual([
      [PEBC, '0.80', '176000.00'],
      [PEBC, '0.95', '210000.00'],
    ]);
    const thresholds = playClock(record, WHEN, WHEN + 3000).sent.filter((e) => e.kind === 'credit-threshold');
    expect(thresholds.map((e) => e.series)).toEqual([
      `credit-threshold:${PEBC}:2020:0.80`,
      `credit-threshold:${PEBC}:2020:0.95`,
    ]);
    expect(thresholds[0]!.to).toEqual([
      'sg.budget@example.org',
      'dgaln.budget@example.org',
      'dgpr.budget@example.org',
    ]);
    expect(thresholds[0]!.cc).toEqual(['dinum.betagouv@example.org']);
  });

  it('crosses both at once when one engagement jumps past them', () => {
    const record = apply(inForce(START, PUBLISHED), 'engage', engage(CPRI, '99000', 'BC-1'), WHEN);
    expect(record.thresholdsCrossed.map((t) => t.threshold)).toEqual(['0.80', '0.95']);
  });
});

describe('insufficiency, grace period, suspension and resumption', () => {
  const short = () => withEngaged('211500.00');

  it('warns the délégant at once and opens a 30-day grace period, though the engagement is refused', () => {
    const outcome = applyCommand(short(), 'engage', engage(PEBC, '12000.00', 'BC-1'), WHEN);
    expect(outcome.ok).toBe(false);
    if (outcome.ok || !outcome.consequence) throw new Error('expected a refusal with a consequence');
    const { record, entry } = outcome.consequence;
    expect(record.engagements.map((e) => e.ref)).toEqual(['BC-0']);
    expect(record.insufficiencies).toEqual([
      // Opened on 2 June: the grace period runs to 2 July included, in Paris.
      {
        uo: PEBC,
        requested: '12000.00',
        left: '8500.00',
        at: '2020-06-02T10:00:00.000Z',
        graceUntil: '2020-07-02T22:00:00.000Z',
      },
    ]);
    expect(entry).toMatchObject({
      kind: 'credit-insufficiency',
      payload: { uo: PEBC, requested: '12000.00', left: '8500.00', ref: 'BC-1' },
    });
    const [email] = plannedEmails(record, WHEN).filter((e) => e.kind === 'credit-insufficiency');
    expect(email).toMatchObject({
      at: WHEN,
      to: ['sg.budget@example.org', 'dgaln.budget@example.org', 'dgpr.budget@example.org'],
    });
    expect(email!.data.credit).toEqual({
      uo: PEBC,
      requested: '12000.00',
      left: '8500.00',
      graceUntil: '2020-07-02',
    });

    // A second try during the grace period is refused without a second warning.
    const again = applyCommand(record, 'engage', engage(PEBC, '9000.00', 'BC-2'), WHEN + 60_000);
    expect(again.ok || again.consequence).toBeFalsy();
    if (!again.ok)
      expect(again.refusal.message).toContain('the délégant was told on 2020-06-02T10:00:00.000Z');
  });

  function insufficient(): ConventionRecord {
    const outcome = applyCommand(short(), 'engage', engage(PEBC, '12000.00', 'BC-1'), WHEN);
    if (outcome.ok || !outcome.consequence) throw new Error('expected a consequence');
    return outcome.consequence.record;
  }

  it('suspends execution when the grace period runs out without an amendment', () => {
    expect(advance(insufficient(), at('2020-07-02T21:59:59Z')).state).toBe('in-force');
    const suspended = advance(insufficient(), at('2020-07-02T22:00:00Z'));
    expect(suspended.state).toBe('suspended');
    expect(suspended.suspensions).toEqual([{ since: '2020-07-02T22:00:00.000Z', uo: PEBC }]);
    expect(
      refusalOf(suspended, 'engage', engage(CPRI, '10', 'BC-9'), at('2020-07-03T10:00:00Z')).message,
    ).toBe(
      'execution is suspended since 2020-07-02T22:00:00.000Z: the credits of 0113-PEBC-ELAB ran out; an amendment giving it room resumes it',
    );
    expect(refusalOf(suspended, 'pay', pay(PEBC, '10', 'DP-9'), at('2020-07-03T10:00:00Z')).type).toBe(
      'WrongState',
    );
    // Reports and committees go on.
    expect(
      apply(
        suspended,
        'submit-report',
        { as: PEOPLE.dinumContact, period: '2020-06', progress: 'p', forecast: 'f' },
        at('2020-07-03T10:00:00Z'),
      ).reports,
    ).toHaveLength(1);
    const status = describeStatus(suspended, at('2020-07-03T10:00:00Z'));
    expect(status.pending.map((p) => p.command)).toContain('amend');
    const sent = playClock(suspended, at('2020-07-02T22:00:00Z'), at('2020-07-02T22:00:01Z')).sent;
    expect(sent.map((e) => e.kind)).toContain('execution-suspended');
  });

  it('ends the grace period, without suspension, when an amendment gives the UO room in time', () => {
    const amended = apply(
      insufficient(),
      'amend',
      amendment(1, [{ uo: PEBC, ae: '30000.00', cp: '30000.00' }]),
      at('2020-06-20T10:00:00Z'),
    );
    expect(amended.insufficiencies[0]!.outcome).toEqual({
      by: 'amendment',
      number: 1,
      at: '2020-06-20T10:00:00.000Z',
    });
    expect(advance(amended, at('2020-08-01T10:00:00Z')).state).toBe('in-force');
    expect(uoCredits(amended, PEBC)!.ae.toFixed(2)).toBe('250000.00');
    // The DGALN line took the delta; the ONF line "à rétablir" is untouched.
    expect(amended.convention.budget.map((l) => [l.funder, l.ae])).toEqual([
      ['DGALN', '170000.00'],
      ['ONF', '80000.00'],
      ['DGPR', '100000.00'],
    ]);
  });

  it('resumes execution when an amendment gives the suspended UO room', () => {
    const suspended = advance(insufficient(), at('2020-07-03T10:00:00Z'));
    const resumed = apply(
      suspended,
      'amend',
      amendment(1, [{ uo: PEBC, ae: '30000.00' }]),
      at('2020-07-10T10:00:00Z'),
    );
    expect(resumed.state).toBe('in-force');
    expect(resumed.suspensions[0]!.resumed).toEqual({ at: '2020-07-10T10:00:00.000Z', amendment: 1 });
    const kinds = playClock(resumed, at('2020-07-10T10:00:00Z'), at('2020-07-10T10:00:01Z')).sent.map(
      (e) => e.kind,
    );
    expect(kinds).toEqual(expect.arrayContaining(['amendment-recorded', 'execution-resumed']));
    expect(
      apply(resumed, 'engage', engage(PEBC, '12000.00', 'BC-1'), at('2020-07-11T10:00:00Z')).engagements,
    ).toHaveLength(2);
  });
});

describe('amendments', () => {
  const record = () => withEngaged('150000.00');

  it('may add a UO with its imputation, and change the schedule', () => {
    const amended = apply(
      record(),
      'amend',
      amendment(
        1,
        [
          {
            uo: '0217-SGDD-ELAB',
            funder: 'SG',
            program: 'P217',
            ae: '50000',
            cp: '40000',
            imputation: {
              domaineFonctionnel: '0217-01',
              sousAction: '0217-01-02',
              centreFinancier: '0217-SGDD-ELAB',
              activites: ['021701AB0102'],
              centreCout: 'DININCUB75',
            },
          },
        ],
        { schedule: { endsOn: '2021-12-31' } },
      ),
      WHEN,
    );
    expect(creditLines(amended, '2020-06-02').map((l) => [l.uo, l.ae, l.cp])).toEqual([
      [PEBC, '220000.00', '220000.00'],
      [CPRI, '100000.00', '100000.00'],
      ['0217-SGDD-ELAB', '50000.00', '40000.00'],
    ]);
    expect(amended.convention.schedule.endsOn).toBe('2021-12-31');
    expect(amended.convention.schedule.reminderHour).toBe(9);
    const [email] = plannedEmails(amended, WHEN).filter((e) => e.kind === 'amendment-recorded');
    expect(email!.cc).toEqual(['cbcm.premier-ministre@example.org', 'cbcm.delegant@example.org']);
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    [
      'by someone not an admin',
      { ...amendment(1, []), as: PEOPLE.dgalnContact },
      'NotAllowed',
      'only an admin may',
    ],
    [
      'below what is already engaged',
      amendment(1, [{ uo: PEBC, ae: '-80000.00' }]),
      'InvalidCommand',
      euros(
        'amend: 0113-PEBC-ELAB: AE of 2020 would be 140 000,00 €, below the 150 000,00 € already engaged',
      ),
    ],
    [
      'a line made negative',
      amendment(1, [{ uo: CPRI, cp: '-100000.01' }]),
      'InvalidCommand',
      euros('amend: budget[0].cp: -100000.01 would leave the DGPR line of 0181-CPRI-ELAB at -0,01 €'),
    ],
    [
      'a new UO without imputation',
      amendment(1, [{ uo: '0217-SGDD-ELAB', funder: 'SG', ae: '10' }]),
      'InvalidCommand',
      'amend: budget[0]: a new UO (0217-SGDD-ELAB) needs its program and imputation',
    ],
    [
      'a signature date in the future',
      amendment(1, [], { signedOn: '2030-01-01' }),
      'InvalidCommand',
      'amend: signedOn: 2030-01-01 is in the future',
    ],
    [
      'a bad schedule change',
      amendment(1, [], { schedule: { reminderHour: 25 } }),
      'InvalidCommand',
      'amend: schedule.reminderHour: expected an hour, a whole number from 0 to 23, got 25',
    ],
    [
      'a funder that is not a party',
      amendment(1, [{ uo: PEBC, funder: 'DGEC', ae: '10' }]),
      'InvalidCommand',
      'budget[3].funder: unknown party "DGEC"',
    ],
  ])('refuses an amendment %s', (_name, payload, type, message) => {
    const refusal = refusalOf(record(), 'amend', payload, WHEN);
    expect(refusal.type).toBe(type);
    expect(refusal.message).toContain(message);
  });

  it('refuses a number already used, or lower than the last', () => {
    const once = apply(record(), 'amend', amendment(2, []), WHEN);
    expect(refusalOf(once, 'amend', amendment(2, []), WHEN).message).toBe(
      'avenant 2 was already recorded on 2020-06-02T10:00:00.000Z',
    );
    expect(refusalOf(once, 'amend', amendment(1, []), WHEN).message).toBe(
      'avenant numbers increase: the last one recorded is avenant 2',
    );
  });
});

describe('outlook', () => {
  it('projects the exhaustion date from the pace of engagements, and warns before the committee', () => {
    // 100 000 € engaged in the 67 days since 26 March: 80 000 € more need about 54 days.
    const record = apply(
      inForce(START, PUBLISHED),
      'engage',
      engage(CPRI, '90000.00', 'BC-1'),
      at('2020-06-01T10:00:00Z'),
    );
    const lines = creditLines(record, '2020-06-01');
    expect(lines[1]).toMatchObject({
      uo: CPRI,
      aeLeft: '10000.00',
      consumption: '90.0',
      exhaustsOn: '2020-06-09',
    });
    expect(lines[0]!.exhaustsOn).toBeUndefined();
    // The window (25 April – 10 May) is already past on 1 June: as soon as possible.
    expect(creditWarnings(lines, { number: 1, date: '2020-09-28' }, '2020-06-01')).toEqual([
      '0181-CPRI-ELAB: credits projected to run out around 2020-06-09, before committee 1 on 2020-09-28; it should meet 30 to 45 days before they run out: as soon as possible',
    ]);
    expect(creditWarnings(lines, { number: 1, date: '2020-09-28' }, '2020-04-01')).toEqual([
      '0181-CPRI-ELAB: credits projected to run out around 2020-06-09, before committee 1 on 2020-09-28; it should meet 30 to 45 days before they run out: between 2020-04-25 and 2020-05-10',
    ]);
    expect(describeStatus(record, at('2020-06-01T10:00:00Z')).creditWarnings).toHaveLength(1);
  });

  it('says so in the committee’s convocation', () => {
    // 90 000 € engaged by the convocation of 31 August, 158 days after the effective date: at
    // that pace the 10 000 € left on 0181-CPRI-ELAB last until 18 September, before committee 1
    // (28 September); the convocation says so.
    const record = apply(
      inForce(START, PUBLISHED),
      'engage',
      engage(CPRI, '90000.00', 'BC-1'),
      at('2020-04-26T10:00:00Z'),
    );
    const [email] = plannedEmails(record, at('2020-08-31T07:00:00Z')).filter(
      (e) => e.kind === 'committee-convocation',
    );
    expect(new Date(email!.at).toISOString()).toBe('2020-08-31T07:00:00.000Z');
    expect(email!.data.committee?.exhaustion).toEqual([{ uo: CPRI, exhaustsOn: '2020-09-18' }]);
    expect(renderEmail(email!).text).toContain(
      'Attention : au rythme actuel des engagements, les crédits de l’UO 0181-CPRI-ELAB seraient épuisés vers le 18 septembre 2020',
    );
  });
});

describe('property: no sequence of commands breaks the ledger', () => {
  const UOS = [PEBC, CPRI];
  const amount = fc.integer({ min: 1, max: 15_000_000 }).map((cents) => (cents / 100).toFixed(2));
  const command = fc.oneof(
    fc.record({
      kind: fc.constant('engage' as const),
      uo: fc.constantFrom(...UOS),
      amount,
      ref: fc.integer({ min: 1, max: 30 }),
    }),
    fc.record({
      kind: fc.constant('pay' as const),
      uo: fc.constantFrom(...UOS),
      amount,
      ref: fc.integer({ min: 1, max: 30 }),
      engagement: fc.option(fc.integer({ min: 1, max: 30 })),
    }),
    fc.record({
      kind: fc.constant('amend' as const),
      uo: fc.constantFrom(...UOS),
      amount,
      negative: fc.boolean(),
    }),
  );

  it('engaged ≤ AE, paid ≤ CP, paid ≤ engaged, totals to the cent', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 40 }), (commands) => {
        let record = inForce(START, PUBLISHED);
        let now = at('2020-04-01T10:00:00Z');
        let avenant = 0;
        for (const c of commands) {
          now += 3_600_000;
          const payload =
            c.kind === 'engage'
              ? engage(c.uo, c.amount, `BC-${c.ref}`)
              : c.kind === 'pay'
                ? pay(c.uo, c.amount, `DP-${c.ref}`, c.engagement ? { engagement: `BC-${c.engagement}` } : {})
                : amendment(
                    ++avenant,
                    [
                      {
                        uo: c.uo,
                        ae: `${c.negative ? '-' : ''}${c.amount}`,
                        cp: `${c.negative ? '-' : ''}${c.amount}`,
                      },
                    ],
                    { signedOn: '2020-04-01' },
                  );
          const outcome = applyCommand(record, c.kind, payload, now);
          if (outcome.ok) record = outcome.record;
          else if (outcome.consequence) record = outcome.consequence.record;
          record = advance(record, now);
        }
        for (const uo of UOS) {
          const credits = uoCredits(record, uo)!;
          expect(credits.engaged.lte(credits.ae)).toBe(true);
          expect(credits.paid.lte(credits.cp)).toBe(true);
          expect(credits.paid.lte(credits.engaged)).toBe(true);
          const line = creditLines(record, '2020-06-01').find((l) => l.uo === uo)!;
          expect(credits.ae.minus(credits.engaged).toFixed(2)).toBe(line.aeLeft);
          expect(credits.cp.minus(credits.paid).toFixed(2)).toBe(line.cpLeft);
        }
        // Every engagement and payment is counted once, in its UO: the totals balance to the cent.
        const cents = (amounts: string[]) => amounts.reduce((sum, a) => sum + Math.round(Number(a) * 100), 0);
        const lines = creditLines(record, '2020-06-01');
        expect(cents(lines.map((l) => l.engaged))).toBe(cents(record.engagements.map((e) => e.ae)));
        expect(cents(lines.map((l) => l.paid))).toBe(cents(record.payments.map((p) => p.cp)));
        for (const engagement of record.engagements) {
          const paid = record.payments
            .filter((p) => p.engagement === engagement.ref)
            .reduce((sum, p) => sum + Math.round(Number(p.cp) * 100), 0);
          expect(paid).toBeLessThanOrEqual(Math.round(Number(engagement.ae) * 100));
        }
      }),
      { numRuns: 300 },
    );
  });
});
