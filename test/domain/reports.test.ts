import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { markSent, plannedEmails } from '../../domain/reminders';
import { reportDueOn, reportPeriods, reportStatuses } from '../../domain/reports';
import { PEOPLE } from '../fixtures';
import { playClock } from '../helpers/projection';
import { apply, inForce, refusalOf, report } from '../helpers/records';

const START = Date.parse('2020-03-02T09:00:00Z');
const PUBLISHED = Date.parse('2020-03-26T09:00:00Z');
const at = (iso: string) => Date.parse(iso);

describe('monthly report periods', () => {
  it('run from the effective month, each due on the 10th of the next month', () => {
    const record = inForce(START, PUBLISHED);
    expect(reportPeriods(record, '2020-06-15')).toEqual(['2020-03', '2020-04', '2020-05', '2020-06']);
    expect(reportDueOn(record, '2020-03')).toBe('2020-04-10');
    expect(reportDueOn(record, '2020-12')).toBe('2021-01-10');
  });
});

describe('the report emails', () => {
  it('remind 3 days before the due date, then chase from the day after, weekly', () => {
    const record = inForce(START, PUBLISHED);
    const sent = playClock(record, PUBLISHED, at('2020-04-30T12:00:00Z')).sent.filter((e) =>
      e.kind.startsWith('report-'),
    );
    expect(sent.map((e) => [e.kind, new Date(e.at).toISOString(), e.reminder])).toEqual([
      // Due Friday 10 April 2020; 7 April is a Tuesday. Easter Monday is 13 April: the first
      // chase, due on the 11th (a Saturday), goes out on Tuesday 14.
      ['report-due', '2020-04-07T07:00:00.000Z', undefined],
      ['report-overdue', '2020-04-14T07:00:00.000Z', 1],
      ['report-overdue', '2020-04-20T07:00:00.000Z', 2],
      ['report-overdue', '2020-04-27T07:00:00.000Z', 3],
    ]);
    expect(sent[0]!.to).toEqual(['dinum.betagouv@example.org']);
  });

  it('forward a received report to the délégant, and stop chasing that month', () => {
    const record = apply(
      inForce(START, PUBLISHED),
      'submit-report',
      report('2020-03'),
      at('2020-04-06T10:00:00Z'),
    );
    const sent = playClock(record, at('2020-04-06T10:00:00Z'), at('2020-04-30T12:00:00Z')).sent.filter((e) =>
      e.kind.startsWith('report-'),
    );
    expect(sent.map((e) => e.kind)).toEqual(['report-received']);
    expect(sent[0]!.to).toEqual([
      'sg.budget@example.org',
      'dgaln.budget@example.org',
      'dgpr.budget@example.org',
    ]);
  });
});

describe('a report in the record', () => {
  it('keeps its text until the délégant has it, then only its digest', () => {
    const first = apply(
      inForce(START, PUBLISHED),
      'submit-report',
      report('2020-03'),
      at('2020-04-05T10:00:00Z'),
    );
    const replaced = apply(
      first,
      'submit-report',
      report('2020-03', { replace: true, progress: 'Corrigé' }),
      at('2020-04-05T11:00:00Z'),
    );
    // Neither forwarded yet: both texts are there, and both emails planned.
    expect(replaced.reports.map((r) => r.progress)).toEqual(['Itérations livrées', 'Corrigé']);
    const planned = plannedEmails(replaced, at('2020-04-05T11:00:00Z')).filter(
      (e) => e.kind === 'report-received',
    );
    expect(planned.map((e) => e.series)).toEqual(['report-received:2020-03:1', 'report-received:2020-03:2']);

    const forwarded = markSent(replaced, planned[0]!);
    const [older, latest] = forwarded.reports;
    expect(older).toEqual({
      period: '2020-03',
      version: 1,
      by: PEOPLE.dinumContact,
      receivedAt: '2020-04-05T10:00:00.000Z',
      digest: createHash('sha256')
        .update(
          JSON.stringify({
            spent: { '0113-PEBC-ELAB': '10000.00' },
            progress: 'Itérations livrées',
            forecast: 'Commandes stables',
          }),
        )
        .digest('hex'),
    });
    expect(latest?.progress).toBe('Corrigé');
    // The one still to forward is still planned, in full.
    const still = plannedEmails(forwarded, at('2020-04-05T11:00:00Z')).filter(
      (e) => e.kind === 'report-received',
    );
    expect(still.map((e) => e.kind === 'report-received' && e.data.report.progress)).toEqual(['Corrigé']);
    // Lateness and versions read the same.
    expect(reportStatuses(forwarded, '2020-04-20')).toEqual(reportStatuses(replaced, '2020-04-20'));
  });
});

describe('submitting a report', () => {
  const record = () => inForce(START, PUBLISHED);

  it('keeps each version and counts lateness from the first', () => {
    let r = apply(record(), 'submit-report', report('2020-03'), at('2020-04-20T10:00:00Z'));
    r = apply(
      r,
      'submit-report',
      report('2020-03', { replace: true, spent: { '0113-PEBC-ELAB': '12000.50' } }),
      at('2020-04-21T10:00:00Z'),
    );
    r = apply(
      r,
      'submit-report',
      report('2020-04', { spent: { '0181-CPRI-ELAB': '3000' } }),
      at('2020-05-04T10:00:00Z'),
    );
    expect(r.reports.map((x) => [x.period, x.version])).toEqual([
      ['2020-03', 1],
      ['2020-03', 2],
      ['2020-04', 1],
    ]);
    expect(reportStatuses(r, '2020-06-20')).toEqual([
      {
        period: '2020-03',
        dueOn: '2020-04-10',
        receivedAt: '2020-04-20T10:00:00.000Z',
        daysLate: 10,
        versions: 2,
      },
      { period: '2020-04', dueOn: '2020-05-10', receivedAt: '2020-05-04T10:00:00.000Z', versions: 1 },
      { period: '2020-05', dueOn: '2020-06-10', daysLate: 10, versions: 0 },
      { period: '2020-06', dueOn: '2020-07-10', versions: 0 },
    ]);
    expect(r.reports[1]!.spent).toEqual({ '0113-PEBC-ELAB': '12000.50' });
  });

  it.each<[string, string | undefined, Record<string, unknown>, string, string, string]>([
    [
      'a future period',
      '2020-05',
      {},
      '2020-04-20T10:00:00Z',
      'WrongState',
      '2020-05 is a future period (this month is 2020-04)',
    ],
    [
      'a period before the effective month',
      '2020-02',
      {},
      '2020-04-20T10:00:00Z',
      'WrongState',
      '2020-02 is before the convention took effect (2020-03-26); the first period is 2020-03',
    ],
    [
      'an unknown UO',
      '2020-03',
      { spent: { '0999-XXXX-ELAB': '1.00' } },
      '2020-04-20T10:00:00Z',
      'UnknownUo',
      "unknown UO 0999-XXXX-ELAB in spent; the convention's UOs are 0113-PEBC-ELAB, 0181-CPRI-ELAB",
    ],
    [
      'the délégant reporting',
      '2020-03',
      { as: PEOPLE.dgalnContact },
      '2020-04-20T10:00:00Z',
      'NotAllowed',
      'only a contact of the délégataire (DINUM) or an admin may',
    ],
    [
      'a float amount',
      '2020-03',
      { spent: { '0113-PEBC-ELAB': 12.5 } },
      '2020-04-20T10:00:00Z',
      'InvalidCommand',
      'submit-report: spent.0113-PEBC-ELAB: expected a decimal string in quotes, got 12.5',
    ],
    [
      'a malformed period',
      '2020-3',
      {},
      '2020-04-20T10:00:00Z',
      'InvalidCommand',
      'submit-report: period: expected a month YYYY-MM, got "2020-3"',
    ],
    [
      'no period',
      undefined,
      {},
      '2020-04-20T10:00:00Z',
      'InvalidCommand',
      'submit-report: period: required (or final: true for the final report)',
    ],
    [
      'a final report before the end',
      undefined,
      { final: true },
      '2020-04-20T10:00:00Z',
      'WrongState',
      'the final report comes once the convention has ended; it is in-force',
    ],
  ])('refuses %s', (_name, period, extra, when, type, message) => {
    const refusal = refusalOf(record(), 'submit-report', report(period, extra), at(when));
    expect(refusal.type).toBe(type);
    expect(refusal.message).toContain(message);
  });

  it('refuses a month already received, unless replaced', () => {
    const r = apply(record(), 'submit-report', report('2020-03'), at('2020-04-06T10:00:00Z'));
    expect(refusalOf(r, 'submit-report', report('2020-03'), at('2020-04-07T10:00:00Z'))).toEqual({
      type: 'AlreadyDone',
      code: 'report-received',
      figures: { period: '2020-03', at: '2020-04-06T10:00:00.000Z' },
      message:
        'the report for 2020-03 was already received on 2020-04-06T10:00:00.000Z (send it with replace: true to replace it)',
    });
  });

  it('refuses reports before the convention is in force', () => {
    const r = { ...record(), publication: undefined };
    expect(refusalOf(r, 'submit-report', report('2020-03'), at('2020-04-06T10:00:00Z')).message).toBe(
      'reports start once the convention is in force (published)',
    );
  });
});
