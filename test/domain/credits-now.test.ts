import { describe, expect, it } from 'vitest';
import { creditsWindow, creditsWindows, type CreditsWindow } from '../../domain/credits-now';
import { instantAt, localDateOf } from '../../domain/dates';
import { closedCreditsText, openCreditsText } from '../../domain/french/credits';
import type { ConventionRecord } from '../../domain/lifecycle';
import { describeStatus } from '../../domain/status';
import { PEOPLE } from '../fixtures';
import { apply, inForce, refusalOf } from '../helpers/records';

// What the engagement and payment forms offer and say (SPEC §11): the credits of today's budget
// year until its fin de gestion; in December, why not, when engagements reopen, on which year's
// credits — the ledger refuses and accepts on the same days.

const paris = (date: string, hour = 10) => instantAt(date, hour, 'Europe/Paris');
const PEBC = '0113-PEBC-ELAB';
const CPRI = '0181-CPRI-ELAB';
const NBSP = '\u00a0';

/** The seed in force from March 2026, its credits those of 2026 (AE 220 000 on PEBC, 100 000 on CPRI). */
const inForce2026 = () => inForce(paris('2026-03-02'), paris('2026-03-10'));

/** Avenant n° 1, signed on 4 December 2026: 150 000 € of 2027 on PEBC. */
const with2027 = (record: ConventionRecord) =>
  apply(
    record,
    'amend',
    {
      as: PEOPLE.admin,
      number: 1,
      summary: 'Crédits 2027',
      signedOn: '2026-12-04',
      budget: [{ uo: PEBC, year: 2027, ae: '150000.00', cp: '120000.00' }],
    },
    paris('2026-12-04'),
  );

const windowsAt = (record: ConventionRecord, command: 'engage' | 'pay', at: number) =>
  creditsWindows(describeStatus(record, at).credits, command, localDateOf(at, 'Europe/Paris'));

const engageAt = (record: ConventionRecord, at: number, ae = '1000.00') =>
  apply(record, 'engage', { as: PEOPLE.dinumContact, uo: PEBC, ae, ref: `BC-${at}` }, at);

describe('what can be engaged and paid today', () => {
  it('is the year’s AE left until its last day for engagements, which the ledger takes', () => {
    const record = engageAt(inForce2026(), paris('2026-06-01'), '20000.00');
    const at = paris('2026-12-01', 18);
    const [pebc] = windowsAt(record, 'engage', at);
    expect(pebc).toEqual({
      uo: PEBC,
      window: { open: true, year: 2026, until: '2026-12-01', left: '200000.00' },
    });
    expect(openCreditsText('engage', pebc!.window as Extract<CreditsWindow, { open: true }>)).toBe(
      `AE engageables : 200${NBSP}000,00${NBSP}€ (crédits de 2026, jusqu’au 1er décembre 2026)`,
    );
    expect(() => engageAt(record, at)).not.toThrow();
  });

  it('is nothing in December: the page says why, and that an avenant must add next year’s credits', () => {
    const record = inForce2026();
    const at = paris('2026-12-07');
    const windows = windowsAt(record, 'engage', at);
    expect(windows.map(({ window }) => window.open)).toEqual([false, false]);
    expect(windows[0]!.window).toEqual({ open: false, year: 2026, closedOn: '2026-12-01' });
    expect(
      refusalOf(record, 'engage', { as: PEOPLE.dinumContact, uo: PEBC, ae: '1.00', ref: 'BC-1' }, at).code,
    ).toBe('year-closed');
    expect(closedCreditsText('engage', windows)).toBe(
      'Les engagements sur les crédits de 2026 n’étaient possibles que jusqu’au 1er décembre 2026 (fin de gestion). ' +
        `Aucun crédit n’est prévu après 2026 sur ${PEBC} et ${CPRI} : un avenant doit ajouter ceux de 2027 ` +
        '(un administrateur de la convention l’enregistre) ; les engagements reprendront alors le 1er janvier 2027.',
    );
  });

  it('says in December when engagements reopen, on which year’s credits, once an avenant adds them', () => {
    const record = with2027(inForce2026());
    const windows = windowsAt(record, 'engage', paris('2026-12-07'));
    expect(windows[0]!.window).toEqual({
      open: false,
      year: 2026,
      closedOn: '2026-12-01',
      reopens: { on: '2027-01-01', year: 2027, amount: '150000.00' },
    });
    expect(closedCreditsText('engage', windows)).toBe(
      'Les engagements sur les crédits de 2026 n’étaient possibles que jusqu’au 1er décembre 2026 (fin de gestion). ' +
        `Ils reprennent le 1er janvier 2027, sur les crédits de 2027 : 150${NBSP}000,00${NBSP}€ d’AE sur ${PEBC}. ` +
        `Aucun crédit n’est prévu après 2026 sur ${CPRI} : un avenant doit ajouter ceux de 2027 ` +
        '(un administrateur de la convention l’enregistre) ; les engagements reprendront alors le 1er janvier 2027.',
    );
    // And on 4 January, the ledger takes them.
    const january = paris('2027-01-04');
    expect(windowsAt(record, 'engage', january)[0]!.window).toEqual({
      open: true,
      year: 2027,
      until: '2027-12-01',
      left: '150000.00',
    });
    expect(() => engageAt(record, january)).not.toThrow();
  });

  it('keeps payments open until their own last day, on the year’s CP, within what was engaged', () => {
    const record = with2027(engageAt(inForce2026(), paris('2026-06-01'), '20000.00'));
    expect(windowsAt(record, 'pay', paris('2026-12-15'))[0]!.window).toEqual({
      open: true,
      year: 2026,
      until: '2026-12-15',
      left: '20000.00',
    });
    const closed = windowsAt(record, 'pay', paris('2026-12-16'));
    expect(closedCreditsText('pay', closed)).toMatch(
      /^Les paiements sur les crédits de 2026 n’étaient possibles que jusqu’au 15 décembre 2026 \(fin de gestion\)\. Ils reprennent le 1er janvier 2027, sur les crédits de 2027 : 120\u00a0000,00\u00a0€ de CP sur 0113-PEBC-ELAB\./,
    );
  });

  it('counts, on a UO with an échéancier, only what was made available', () => {
    const convention = inForce2026().convention;
    const echeancier = [{ date: '2026-06-01', ae: '50000.00', cp: '50000.00' }];
    const budget = convention.budget.map((line) => (line.uo === CPRI ? { ...line, echeancier } : line));
    const record = inForce(paris('2026-03-02'), paris('2026-03-10'), { ...convention, budget });
    const line = describeStatus(record, paris('2026-04-01')).credits.find((l) => l.uo === CPRI)!;
    const engage = creditsWindow(line, 'engage', '2026-04-01');
    expect(engage).toMatchObject({ open: true, left: '0.00', available: true });
    expect(openCreditsText('engage', engage as Extract<CreditsWindow, { open: true }>)).toBe(
      `AE engageables : 0,00${NBSP}€ (crédits de 2026 mis à disposition par le délégant, jusqu’au 1er décembre 2026)`,
    );
  });

  it('says which UO has no credits this year, and when the next ones start', () => {
    const record = with2027(inForce2026());
    const windows = windowsAt(record, 'engage', paris('2026-12-07')).map(({ uo, window }) => ({
      uo,
      window: { ...window, closedOn: undefined },
    }));
    expect(closedCreditsText('engage', windows)).toContain(
      `La convention n’a pas de crédits de 2026 sur ${PEBC} et ${CPRI}.`,
    );
  });
});
