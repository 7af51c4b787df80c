import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bringIn, historySchema, type THistory } from '../../domain/bring-in';
import { applyCommand, startRecord, type ConventionRecord } from '../../domain/lifecycle';
import { plannedEmails } from '../../domain/reminders';
import { obligationsOf } from '../../domain/feed';
import { describeStatus } from '../../domain/status';
import { parseDocument } from '../../domain/validation';
import { camino, PEOPLE } from '../fixtures';
import { playClock } from '../helpers/projection';

// The seed brought in as published on 2020-03-26, with part of its 2020 lines spent
// (fixtures/camino-2020.history.yaml), read on a fixed day: it must stand as a convention that had
// run in the tool since then, without a single email for the past but the report owed.

const HISTORY_PATH = new URL('../../fixtures/camino-2020.history.yaml', import.meta.url);

function seedHistory(): THistory {
  const read = parseDocument(readFileSync(HISTORY_PATH, 'utf8'), 'yaml', historySchema());
  if (!read.ok) throw new Error(read.errors.join('\n'));
  return read.value;
}

/** Tuesday 20 October 2020, 12:00 in Paris: the September report, due on the 10th, is late. */
const NOW = Date.parse('2020-10-20T10:00:00Z');
const ADMIN = PEOPLE.admin;

function broughtIn(history: THistory = seedHistory(), now = NOW) {
  const outcome = bringIn(camino(), history, ADMIN, now);
  if (!outcome.ok) throw new Error(outcome.refusal);
  return outcome;
}

/** The refusal of a history, in French. */
function refusalOf(change: (history: THistory) => THistory): string {
  const outcome = bringIn(camino(), change(seedHistory()), ADMIN, NOW);
  if (outcome.ok) throw new Error('brought in');
  return outcome.refusal;
}

describe('the seed brought in as published on 26 March 2020', () => {
  it('is in force since its publication day, Chorus confirmed, signed by every signatory', () => {
    const status = describeStatus(broughtIn().record, NOW);
    expect(status.state).toBe('in-force');
    expect(status.publication).toMatchObject({ effectiveDate: '2020-03-26', where: 'data.gouv.fr' });
    expect(status.chorus.confirmed).toBe(true);
    expect(status.signatures.every((s) => s.signed)).toBe(true);
    expect(status.stateChanges.map((c) => c.to)).toEqual(['signing', 'awaiting-publication', 'in-force']);
  });

  it('has its first committee decided and the second, 26 March 2021, next', () => {
    const status = describeStatus(broughtIn().record, NOW);
    expect(status.committees[0]).toMatchObject({ number: 1, date: '2020-09-28', overdue: false });
    expect(status.committees[0]!.decided).toMatchObject({ decision: 'continue', heldOn: '2020-09-28' });
    expect(status.nextCommittee).toEqual({ number: 2, date: '2021-03-26' });
  });

  it('owes the September report, late since 10 October, and October’s by 10 November', () => {
    const status = describeStatus(broughtIn().record, NOW);
    const owed = status.reports.filter((r) => !r.receivedAt);
    expect(owed).toEqual([
      { period: '2020-09', dueOn: '2020-10-10', daysLate: 10, versions: 0 },
      { period: '2020-10', dueOn: '2020-11-10', versions: 0 },
    ]);
    expect(status.reports.filter((r) => r.receivedAt).map((r) => r.period)).toEqual([
      '2020-03',
      '2020-04',
      '2020-05',
      '2020-06',
      '2020-07',
      '2020-08',
    ]);
  });

  it('spends the 2020 lines as the engagements and payments say', () => {
    const { credits } = describeStatus(broughtIn().record, NOW);
    const year = (uo: string) => credits.find((c) => c.uo === uo)!.years.find((y) => y.year === 2020);
    expect(year('0113-PEBC-ELAB')).toMatchObject({ ae: '220000.00', engaged: '90000.00', paid: '45000.00' });
    expect(year('0181-CPRI-ELAB')).toMatchObject({ ae: '100000.00', engaged: '60000.00', paid: '30000.00' });
  });

  it('sends nothing for the past but the late report, once, then goes on as the plan says', () => {
    const { record } = broughtIn();
    expect(record.emailsSent).toBe(0);
    const due = plannedEmails(record, NOW).filter((email) => email.at <= NOW);
    expect(due.map((email) => email.kind)).toEqual(['report-overdue']);
    expect(due[0]!.data).toMatchObject({ report: { period: '2020-09' } });
    // What comes next, played as the workflow plays it: the owed report at once, then the calendar.
    const { sent } = playClock(record, NOW, Date.parse('2020-11-30T00:00:00Z'));
    expect(sent.map((email) => [email.kind, new Date(email.at).toISOString().slice(0, 10)])).toEqual([
      // Owed from the day it is brought in: the first reminder, then one a week, as for any late report.
      ['report-overdue', '2020-10-20'],
      ['report-overdue', '2020-10-27'],
      // 45 days before the last day for payments (15 December; the one for engagements, 1 December, was before now).
      ['year-end-forecast', '2020-11-02'],
      ['report-overdue', '2020-11-03'],
      ['report-due', '2020-11-09'],
      ['year-end-forecast', '2020-11-16'],
      ['report-overdue', '2020-11-17'],
    ]);
    // Not the n-th reminder of a series nobody sent: the first, nobody copied yet.
    expect(sent[0]).toMatchObject({ kind: 'report-overdue', reminder: 1, cc: [] });
  });

  it('writes each fact to the register as brought in, on its day, by the admin, from the document', () => {
    const { entries } = broughtIn();
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
    expect(entries.map((e) => [e.kind, e.payload.broughtIn.on])).toEqual([
      ['sign', '2020-03-24'],
      ['sign', '2020-03-24'],
      ['sign', '2020-03-24'],
      ['sign', '2020-03-26'],
      ['publish', '2020-03-26'],
      ['confirm-chorus', '2020-04-06'],
      ['submit-report', '2020-04-08'],
      ['engage', '2020-04-15'],
      ['engage', '2020-05-04'],
      ['submit-report', '2020-05-07'],
      ['submit-report', '2020-06-09'],
      ['pay', '2020-07-01'],
      ['submit-report', '2020-07-08'],
      ['submit-report', '2020-08-10'],
      ['submit-report', '2020-09-09'],
      ['pay', '2020-09-15'],
      ['decide', '2020-09-28'],
    ]);
    for (const entry of entries) {
      expect(entry.actor).toBe(ADMIN);
      expect(entry.payload.broughtIn).toMatchObject({ by: ADMIN, document: seedHistory().document });
    }
    expect(entries[0]!.payload).toMatchObject({ party: 'SG', signatory: 'Brice Huet' });
  });

  it('stands as the same convention run in the tool since then: pending actions, committees, reports, credits', () => {
    const { record } = broughtIn();
    // The same facts, each a command on its day, the clock played between them as the workflow plays it.
    let tool: ConventionRecord = startRecord(camino(), Date.parse(record.startedAt));
    let clock = Date.parse(record.startedAt);
    for (const entry of broughtIn().entries) {
      const at = Date.parse(entry.at);
      tool = playClock(tool, clock, at).record;
      const { broughtIn: _, signatory: __, ...fields } = entry.payload;
      const outcome = applyCommand(tool, entry.kind as 'sign', { ...fields, as: ADMIN }, at);
      if (!outcome.ok) throw new Error(outcome.refusal.message);
      tool = outcome.record;
      clock = at;
    }
    tool = playClock(tool, clock, NOW).record;
    const asRead = (r: ConventionRecord) => {
      const status = describeStatus(r, NOW);
      const { pending, nextCommittee, committees, reports, credits, nextDeadline, state, yearStatements } =
        status;
      const feed = obligationsOf(status, r.convention, NOW);
      return {
        pending,
        nextCommittee,
        committees,
        reports,
        credits,
        nextDeadline,
        state,
        yearStatements,
        feed,
      };
    };
    const read = asRead(record);
    expect(read).toEqual(asRead(tool));
    // The calendar feed: the next committee and the reports due, none before the effective date.
    expect(read.feed.map((event) => event.summary)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Comité/),
        expect.stringMatching(/^Compte rendu d’octobre 2020/),
      ]),
    );
  });

  it('states a budget year ended before the day it is brought in, as the tool would have', () => {
    const now = Date.parse('2021-02-15T10:00:00Z');
    const { record, entries } = broughtIn(seedHistory(), now);
    expect(record.yearStatements.map((s) => s.year)).toEqual([2020]);
    const statement = entries.at(-1)!;
    expect(statement).toMatchObject({ kind: 'year-end-statement', payload: { year: 2020 } });
    expect(statement.payload.broughtIn.on).toBe('2021-01-04');
    // Reports of September to January, owed in one email listing them; nothing else of the past.
    const due = plannedEmails(record, now).filter((email) => email.at <= now);
    expect(due.map((email) => email.kind)).toEqual(['report-overdue']);
    const listed = due[0]!.kind === 'report-overdue' ? due[0]!.data.overdue : undefined;
    expect(listed?.map((r) => r.period)).toEqual(['2020-09', '2020-10', '2020-11', '2020-12', '2021-01']);
  });
});

describe('a history the rules refuse', () => {
  it('names a payment before the engagement it pays', () => {
    const refusal = refusalOf((h) => ({ ...h, payments: [{ ...h.payments[0]!, on: '2020-04-10' }] }));
    expect(refusal).toMatch(
      /^Impossible de reprendre le paiement DP-2020-001 du 10 avril 2020 : UO 0113-PEBC-ELAB : .* de CP demandés, seuls .* engagés/,
    );
  });

  it('names a payment before the publication', () => {
    const refusal = refusalOf((h) => ({ ...h, payments: [{ ...h.payments[0]!, on: '2020-03-20' }] }));
    expect(refusal).toMatch(/^Impossible de reprendre le paiement DP-2020-001 du 20 mars 2020 : /);
  });

  it('names an engagement before Chorus was confirmed', () => {
    const refusal = refusalOf((h) => ({ ...h, engagements: [{ ...h.engagements[0]!, on: '2020-03-10' }] }));
    expect(refusal).toMatch(
      /^Impossible de reprendre l’engagement EJ-2020-001 du 10 mars 2020 : Aucun engagement avant la confirmation des habilitations Chorus/,
    );
  });

  it('names a publication before a signatory signed', () => {
    const refusal = refusalOf((h) => ({ ...h, signatures: h.signatures.slice(0, 3) }));
    expect(refusal).toMatch(
      /^Impossible de reprendre la publication du 26 mars 2020 : .*manque celle de DINUM/,
    );
  });

  it('names a fact dated after the day it is brought in', () => {
    const refusal = refusalOf((h) => ({
      ...h,
      reports: [...h.reports, { period: '2020-09', on: '2020-10-21' }],
    }));
    expect(refusal).toMatch(
      /^Impossible de reprendre le compte rendu de septembre 2020 reçu le 21 octobre 2020 : sa date est après aujourd’hui/,
    );
  });

  it('names an engagement beyond the credits without saying the délégant is told (nothing is sent for the past)', () => {
    const refusal = refusalOf((h) => ({ ...h, engagements: [{ ...h.engagements[0]!, ae: '500000.00' }] }));
    expect(refusal).toBe(
      'Impossible de reprendre l’engagement EJ-2020-001 du 15 avril 2020 : UO 0113-PEBC-ELAB : 500\u00a0000,00\u00a0€ d’AE de 2020 engagés, il n’en restait que 220\u00a0000,00\u00a0€. Vérifiez son montant, ou reprenez d’abord l’avenant qui a augmenté ces crédits.',
    );
    expect(refusal).not.toContain('informé');
  });

  it('names a field the command refuses, in French', () => {
    const refusal = refusalOf((h) => ({ ...h, engagements: [{ ...h.engagements[0]!, ae: 'beaucoup' }] }));
    expect(refusal).toMatch(
      /^Impossible de reprendre l’engagement EJ-2020-001 du 15 avril 2020 : AE : valeur attendue/,
    );
  });

  it('is brought in by an admin of the convention only', () => {
    const outcome = bringIn(camino(), seedHistory(), PEOPLE.dinumContact, NOW);
    expect(outcome).toEqual({ ok: false, refusal: expect.stringMatching(/n’est pas administrateur/) });
  });
});
