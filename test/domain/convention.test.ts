import { describe, expect, it } from 'vitest';
import type { TConventionInput } from '../../domain/convention';
import { formatPath, parseConvention } from '../../domain/validation';
import { caminoInput } from '../fixtures';

const validate = (input: unknown) => parseConvention(JSON.stringify(input), 'json');

function mutated(change: (convention: TConventionInput & Record<string, unknown>) => void): TConventionInput {
  const convention = caminoInput() as TConventionInput & Record<string, unknown>;
  change(convention);
  return convention;
}

describe('the seed convention fixture', () => {
  it('validates and encodes the signed text', () => {
    const result = validate(caminoInput());
    if (!result.ok) throw new Error(result.errors.join('\n'));
    const convention = result.value;
    expect(convention.id).toBe('camino-2020');
    expect(convention.parties.map((party) => [party.id, party.role])).toEqual([
      ['SG', 'delegant'],
      ['DGALN', 'delegant'],
      ['DGPR', 'delegant'],
      ['DINUM', 'delegataire'],
      ['ONF', 'cofunder'],
    ]);
    expect(
      convention.budget.map((line) => [line.uo, line.funder, line.ae, line.cp, line.restoration]),
    ).toEqual([
      ['0113-PEBC-ELAB', 'DGALN', '140000.00', '140000.00', false],
      ['0113-PEBC-ELAB', 'ONF', '80000.00', '80000.00', true],
      ['0181-CPRI-ELAB', 'DGPR', '100000.00', '100000.00', false],
    ]);
    expect(convention.budget[2]!.imputation).toEqual({
      domaineFonctionnel: '0181-11',
      sousAction: '0181-11-03',
      centreFinancier: '0181-CPRI-ELAB',
      activites: ['018111AM0303'],
      centreCout: 'DININCUB75',
    });
    const emails = JSON.stringify(convention).match(/[\w.+-]+@[\w.-]+/g) ?? [];
    expect(emails.length).toBeGreaterThan(10);
    expect(emails.every((email) => email.endsWith('@example.org'))).toBe(true);
  });

  it('applies the schedule defaults of SPEC §3 when the file leaves them out', () => {
    const result = validate(mutated((c) => delete c.schedule));
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.value.schedule).toEqual({
      timezone: 'Europe/Paris',
      reminderHour: 9,
      reminderEveryDays: 7,
      escalateAfter: 3,
      reminderCeilingDays: 28,
      committeeEveryMonths: 6,
      committeeNoticeDays: [30, 7],
      reportDueDay: 10,
      reportReminderDaysBefore: 3,
      noticeMonths: 3,
      terminationReminderDaysBefore: 15,
      creditAlertThresholds: ['0.80', '0.95'],
      creditGraceDays: 30,
      workingDaysOnly: true,
      // SPEC §11: indicative fin de gestion days (the yearly circular sets the real ones).
      yearEnd: {
        lastEngagementDay: '12-01',
        lastPaymentDay: '12-15',
        noticeDays: [45, 15],
        lapseStep: '0.10',
      },
    });
  });
});

describe('a bad convention is refused with the path and the rule', () => {
  it.each<[string, (c: TConventionInput & Record<string, unknown>) => void, string]>([
    [
      'a comma decimal',
      (c) => (c.budget[1]!.ae = '12,5'),
      'budget[1].ae: expected a decimal string with at most 2 decimals, got "12,5"',
    ],
    [
      'three decimals',
      (c) => (c.budget[0]!.cp = '1.005'),
      'budget[0].cp: expected a decimal string with at most 2 decimals, got "1.005"',
    ],
    [
      'an amount as a float',
      (c) => ((c.budget[0] as Record<string, unknown>).ae = 140000.5),
      'budget[0].ae: expected a decimal string in quotes, got 140000.5',
    ],
    [
      'a negative amount',
      (c) => (c.budget[2]!.ae = '-5.00'),
      'budget[2].ae: expected a decimal string with at most 2 decimals, got "-5.00"',
    ],
    [
      'an id that is not a slug',
      (c) => (c.id = 'Camino 2020'),
      'id: expected a lower-case slug such as "camino-2020"',
    ],
    ['a missing title', (c) => delete (c as Record<string, unknown>).title, 'title: required'],
    [
      'signedAt given as input',
      (c) => ((c as Record<string, unknown>).signedAt = '2020-03-26'),
      'signedAt: signedAt is recorded by the workflow when it happens; remove it from the file',
    ],
    ['an unknown field', (c) => (c.budgett = []), 'budgett: unknown field'],
    [
      'a bad email',
      (c) => (c.parties[3]!.contacts[0] = 'dinum.example.org'),
      'parties[3].contacts[0]: expected an email address, got "dinum.example.org"',
    ],
    [
      'an unknown role',
      (c) => ((c.parties[4] as Record<string, unknown>).role = 'sponsor'),
      'parties[4].role: expected one of delegant, delegataire, cofunder',
    ],
    ['a duplicate party id', (c) => (c.parties[1]!.id = 'SG'), 'parties[1].id: duplicate party id SG'],
    [
      'no délégataire',
      (c) => (c.parties[3]!.role = 'delegant'),
      'parties: expected exactly one party with role delegataire, found 0',
    ],
    [
      'a funder that is not a party',
      (c) => (c.budget[2]!.funder = 'DGEC'),
      'budget[2].funder: unknown party "DGEC"; expected one of SG, DGALN, DGPR, DINUM, ONF',
    ],
    [
      'the délégataire as funder',
      (c) => (c.budget[2]!.funder = 'DINUM'),
      'budget[2].funder: the délégataire spends the credits, it does not fund them',
    ],
    [
      'a délégant line "à rétablir"',
      (c) => (c.budget[0]!.restoration = true),
      'budget[0].restoration: only a co-funder\'s line is "à rétablir"; DGALN is a delegant',
    ],
    [
      'a programme that does not match the UO',
      (c) => (c.budget[2]!.program = 'P113'),
      'budget[2].program: UO 0181-CPRI-ELAB belongs to programme P181, not P113',
    ],
    [
      'a malformed UO',
      (c) => (c.budget[0]!.uo = '113-PEBC'),
      'budget[0].uo: expected a UO such as "0113-PEBC-ELAB"',
    ],
    [
      'two imputations for one UO',
      (c) => (c.budget[1]!.imputation = { ...c.budget[0]!.imputation, centreCout: 'OTHER75' }),
      'budget[1].imputation: differs from the imputation given earlier for UO 0113-PEBC-ELAB; a UO has one imputation',
    ],
    [
      'a centre financier other than the UO',
      (c) => (c.budget[2]!.imputation = { ...c.budget[2]!.imputation, centreFinancier: '0181-XXXX-ELAB' }),
      'budget[2].imputation.centreFinancier: must be the UO itself (0181-CPRI-ELAB)',
    ],
    [
      'a duplicate budget line',
      (c) => c.budget.push({ ...c.budget[0]! }),
      'budget[3]: duplicate line for UO 0113-PEBC-ELAB and funder DGALN',
    ],
    [
      'a reminder hour of 25',
      (c) => (c.schedule!.reminderHour = 25),
      'schedule.reminderHour: expected an hour, a whole number from 0 to 23, got 25',
    ],
    [
      'a report due on the 31st',
      (c) => (c.schedule!.reportDueDay = 31),
      'schedule.reportDueDay: expected a day of the month that every month has, a whole number from 1 to 28, got 31',
    ],
    [
      'notice days in the wrong order',
      (c) => (c.schedule!.committeeNoticeDays = [7, 30]),
      'schedule.committeeNoticeDays: expected days before the committee in decreasing order, without repeats, e.g. [30, 7]',
    ],
    [
      'a threshold of 1.5',
      (c) => (c.schedule!.creditAlertThresholds = ['1.5']),
      'schedule.creditAlertThresholds[0]: expected a share strictly between 0 and 1 written as a decimal string like "0.80", got "1.5"',
    ],
    [
      'an unknown time zone',
      (c) => (c.schedule!.timezone = 'Europe/Lutece'),
      'schedule.timezone: expected an IANA time zone such as "Europe/Paris", got "Europe/Lutece"',
    ],
    [
      'an impossible end date',
      (c) => (c.schedule!.endsOn = '2021-02-30'),
      'schedule.endsOn: expected a calendar date YYYY-MM-DD, got "2021-02-30"',
    ],
  ])('%s', (_name, change, expected) => {
    const result = validate(mutated(change));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toContain(expected);
  });

  it('lists every fault of a file, not just the first', () => {
    const result = validate(
      mutated((c) => {
        c.budget[1]!.ae = '12,5';
        c.parties[0]!.representative.email = 'nobody';
        c.schedule!.noticeMonths = 0;
      }),
    );
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors).toEqual([
        'parties[0].representative.email: expected an email address, got "nobody"',
        'budget[1].ae: expected a decimal string with at most 2 decimals, got "12,5"',
        'schedule.noticeMonths: expected a number of months, a whole number from 1 to 24, got 0',
      ]);
  });

  it('reports text that is not YAML or JSON as such', () => {
    const result = parseConvention('{ "id": ', 'json');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatch(/^\(file\): not valid JSON: /);
  });
});

describe('formatPath', () => {
  it.each([
    [['budget', 1, 'ae'], 'budget[1].ae'],
    [['parties', 0, 'contacts', 2], 'parties[0].contacts[2]'],
    [[], '(root)'],
  ])('%j → %s', (path, expected) => {
    expect(formatPath(path)).toBe(expected);
  });
});
