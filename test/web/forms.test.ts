import { describe, expect, it } from 'vitest';
import { instantAt } from '../../domain/dates';
import type { ConventionRecord } from '../../domain/lifecycle';
import { describeStatus } from '../../domain/status';
import { FORMS, type FormContext } from '../../client/web/forms';
import { flatten, readAmounts } from '../../client/web/forms/spec';
import { formPage } from '../../client/web/pages/form';
import { PEOPLE } from '../fixtures';
import { apply, inForce } from '../helpers/records';

// The console's forms without a browser or Temporal: amounts read as the French type them, and a
// form that cannot succeed today replaced by why not and until when. Fixed dates: they hold
// whatever the day the tests run.

const paris = (date: string, hour = 10) => instantAt(date, hour, 'Europe/Paris');
const PEBC = '0113-PEBC-ELAB';
const NBSP = '\u00a0';

const contextAt = (record: ConventionRecord, now: number): FormContext => ({
  convention: record.convention,
  status: describeStatus(record, now),
  parties: [],
  now,
});

const page = (form: keyof typeof FORMS, context: FormContext) =>
  formPage({ email: PEOPLE.dinumContact, csrf: 'x' }, { form, context, values: {} }).toString();

/** The seed in force from March 2026, its credits those of 2026. */
const inForce2026 = () => inForce(paris('2026-03-02'), paris('2026-03-10'));

describe('amounts in the forms', () => {
  it.each([
    ['engage', { uo: PEBC, ae: '12 500,00', ref: 'BC-1' }, { ae: '12500.00' }],
    ['pay', { uo: PEBC, cp: '12 500 €', ref: 'DP-1' }, { cp: '12500.00' }],
    ['report', { period: '2026-05', [`spent.${PEBC}`]: '12 500,5' }, { spent: { [PEBC]: '12500.50' } }],
    ['make-available', { uo: '0181-CPRI-ELAB', ae: '12500,00', cp: '0' }, { ae: '12500.00', cp: '0.00' }],
  ] as const)(
    'sends the %s form’s amounts typed the French way as the command takes them',
    (form, typed, sent) => {
      const context = contextAt(inForce2026(), paris('2026-06-01'));
      const read = readAmounts(FORMS[form].fields(context), typed);
      expect(read.faults).toEqual([]);
      expect(FORMS[form].command(read.values, context).payload).toMatchObject(sent);
    },
  );

  it('reads an avenant’s variations with their sign, and refuses a sign elsewhere', () => {
    const context = { ...contextAt(inForce2026(), paris('2026-06-01')), parties: [] };
    const read = readAmounts(FORMS.amend.fields(context), { 'line.0.ae': '-5 000,00', 'new.ae': '-1' });
    expect(read.values['line.0.ae']).toBe('-5000.00');
    expect(read.faults.map((fault) => fault.path)).toEqual(['new.ae']);
  });

  it('says beside the field what is not an amount, with a French example, and keeps what was typed', () => {
    const context = contextAt(inForce2026(), paris('2026-06-01'));
    const values = { uo: PEBC, ae: '12.500', ref: 'BC-1' };
    const { faults } = readAmounts(FORMS.engage.fields(context), values);
    const html = formPage(
      { email: PEOPLE.dinumContact, csrf: 'x' },
      { form: 'engage', context, values, refused: { text: 'refusé', faults } },
    ).toString();
    expect(html).toContain(
      '« 12.500 » n’est pas un montant en euros ; écrivez-le par exemple 12 500,00 ou 12 500 €, avec au plus deux décimales.',
    );
    expect(html).toContain('value="12.500"');
  });

  it('gives every amount a hint in French notation', () => {
    const context = contextAt(inForce2026(), paris('2026-06-01'));
    const hints = (Object.keys(FORMS) as (keyof typeof FORMS)[]).flatMap((form) =>
      flatten(FORMS[form].fields(context)).flatMap((field) =>
        field.kind === 'money' && field.hint?.startsWith('En euros') ? [field.hint] : [],
      ),
    );
    expect(hints.length).toBeGreaterThan(5);
    for (const hint of hints) expect(hint).not.toMatch(/\d\.\d/);
  });
});

describe('the engagement form in December', () => {
  it('offers in June what the year has left, and until when', () => {
    const html = page('engage', contextAt(inForce2026(), paris('2026-06-01')));
    expect(html).toContain(
      `${PEBC} — AE engageables : 220${NBSP}000,00${NBSP}€ (crédits de 2026, jusqu’au 1er décembre 2026)`,
    );
    expect(html).toContain('action="/conventions/camino-2020/engage"');
  });

  it('is not offered after the fin de gestion: the page says why, when engagements reopen and on which credits', () => {
    const record = apply(
      inForce2026(),
      'amend',
      {
        as: PEOPLE.admin,
        number: 1,
        summary: 'Crédits 2027',
        signedOn: '2026-12-04',
        budget: [{ uo: PEBC, year: 2027, ae: '150000.00', cp: '150000.00' }],
      },
      paris('2026-12-04'),
    );
    const html = page('engage', contextAt(record, paris('2026-12-07')));
    expect(html).not.toContain('action="/conventions/camino-2020/engage"');
    expect(html).toContain('Aucun engagement possible aujourd’hui');
    expect(html).toContain('n’étaient possibles que jusqu’au 1er décembre 2026 (fin de gestion)');
    expect(html).toContain(
      `Ils reprennent le 1er janvier 2027, sur les crédits de 2027 : 150${NBSP}000,00${NBSP}€ d’AE sur ${PEBC}.`,
    );
    expect(html).not.toContain('370');
    // Payments stay open until 15 December, on 2026's CP.
    expect(page('pay', contextAt(record, paris('2026-12-07')))).toContain(
      'action="/conventions/camino-2020/pay"',
    );
  });
});
