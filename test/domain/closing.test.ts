import { describe, expect, it } from 'vitest';
import { closingSummary, expiryInstant, unconsumedCredits } from '../../domain/closing';
import { advance } from '../../domain/lifecycle';
import { describeStatus } from '../../domain/status';
import { camino, PEOPLE } from '../fixtures';
import { playClock } from '../helpers/projection';
import { apply, inForce, refusalOf, report } from '../helpers/records';

const START = Date.parse('2020-03-02T09:00:00Z');
const PUBLISHED = Date.parse('2020-03-26T09:00:00Z');
const at = (iso: string) => Date.parse(iso);
const endingOn = (endsOn: string) => {
  const convention = camino();
  return inForce(START, PUBLISHED, { ...convention, schedule: { ...convention.schedule, endsOn } });
};

describe('expiry at endsOn', () => {
  it('ends the convention at midnight after its last day, in Paris', () => {
    const record = endingOn('2020-12-31');
    expect(new Date(expiryInstant(record)!).toISOString()).toBe('2020-12-31T23:00:00.000Z');
    expect(advance(record, at('2020-12-31T22:59:59Z')).state).toBe('in-force');
    const ended = advance(record, at('2020-12-31T23:00:00Z'));
    expect(ended.state).toBe('ended');
    expect(ended.end).toEqual({ at: '2020-12-31T23:00:00.000Z', reason: 'expired' });
  });

  it('then accepts only reports, and admins’ corrections', () => {
    const ended = advance(endingOn('2020-12-31'), at('2021-01-02T10:00:00Z'));
    expect(refusalOf(ended, 'confirm-chorus', { as: PEOPLE.admin }, at('2021-01-02T10:00:00Z')).message).toBe(
      'the convention ended on 2020-12-31T23:00:00.000Z (expired): only the final report and admins’ corrections are accepted now',
    );
    // December 2020 is covered by the final report; November is still a monthly one.
    expect(
      refusalOf(ended, 'submit-report', report('2020-12'), at('2021-01-02T10:00:00Z')).message,
    ).toContain(
      '2020-12 is covered by the final report (the convention ended in 2020-12): submit it with final: true',
    );
    expect(apply(ended, 'submit-report', report('2020-11'), at('2021-01-02T10:00:00Z')).reports).toHaveLength(
      1,
    );
  });

  it('announces the end, then asks for the final report and chases it', () => {
    const record = endingOn('2020-12-31');
    const sent = playClock(record, at('2020-12-20T10:00:00Z'), at('2021-01-26T12:00:00Z'))
      .sent.filter((e) => e.kind === 'convention-expired' || e.kind.startsWith('final-report'))
      .map((e) => [e.kind, new Date(e.at).toISOString()]);
    expect(sent).toEqual([
      ['convention-expired', '2020-12-31T23:00:00.000Z'],
      ['final-report-due', '2021-01-07T08:00:00.000Z'],
      ['final-report-overdue', '2021-01-11T08:00:00.000Z'],
      ['final-report-overdue', '2021-01-18T08:00:00.000Z'],
      ['final-report-overdue', '2021-01-25T08:00:00.000Z'],
    ]);
  });
});

describe('the final report', () => {
  it('closes the convention, reports unconsumed credits to the délégant, then closes for all', () => {
    const dinum = PEOPLE.dinumContact;
    let record = endingOn('2020-12-31');
    for (const [uo, ae, cp, n] of [
      ['0113-PEBC-ELAB', '215000.25', '200000.00', 1],
      ['0181-CPRI-ELAB', '100000.00', '100000.00', 2],
    ] as const) {
      record = apply(record, 'engage', { as: dinum, uo, ae, ref: `BC-${n}` }, at('2020-10-01T10:00:00Z'));
      record = apply(record, 'pay', { as: dinum, uo, cp, ref: `DP-${n}` }, at('2020-11-01T10:00:00Z'));
    }
    record = advance(record, at('2021-01-02T10:00:00Z'));
    record = apply(record, 'submit-report', report('2020-11'), at('2021-01-02T10:00:00Z'));
    record = apply(record, 'submit-report', report(undefined, { final: true }), at('2021-01-05T10:00:00Z'));
    expect(record.state).toBe('closed');
    // From the ledger: AE not engaged, CP not paid.
    expect(unconsumedCredits(record)).toEqual([
      {
        uo: '0113-PEBC-ELAB',
        ae: '220000.00',
        cp: '220000.00',
        engaged: '215000.25',
        paid: '200000.00',
        aeLeft: '4999.75',
        cpLeft: '20000.00',
      },
      {
        uo: '0181-CPRI-ELAB',
        ae: '100000.00',
        cp: '100000.00',
        engaged: '100000.00',
        paid: '100000.00',
        aeLeft: '0.00',
        cpLeft: '0.00',
      },
    ]);
    const sent = playClock(record, at('2021-01-05T10:00:00Z'), at('2021-02-28T10:00:00Z')).sent;
    const closing = ['convention-expired', 'report-received', 'unconsumed-credits', 'convention-closed'];
    expect(sent.map((e) => e.kind).filter((kind) => closing.includes(kind))).toEqual([
      'convention-expired',
      'report-received',
      // The final report, forwarded to the délégant like the monthly ones.
      'report-received',
      'unconsumed-credits',
      'convention-closed',
    ]);
    expect(sent.find((e) => e.kind === 'unconsumed-credits')!.to).toEqual([
      'sg.budget@example.org',
      'dgaln.budget@example.org',
      'dgpr.budget@example.org',
    ]);
    expect(describeStatus(record, at('2021-01-05T10:00:00Z'))).toMatchObject({
      state: 'closed',
      pending: [],
      waitingOn: [],
    });
    expect(closingSummary(record)).toMatchObject({
      id: 'camino-2020',
      effectiveDate: '2020-03-26',
      monthlyReports: 1,
      registerEntries: 12,
    });
  });

  it('sends no unconsumed-credits email when everything was engaged and paid', () => {
    let record = endingOn('2020-12-31');
    for (const [uo, amount, n] of [
      ['0113-PEBC-ELAB', '220000', 1],
      ['0181-CPRI-ELAB', '100000', 2],
    ] as const) {
      record = apply(
        record,
        'engage',
        { as: PEOPLE.dinumContact, uo, ae: amount, ref: `BC-${n}` },
        at('2020-10-01T10:00:00Z'),
      );
      record = apply(
        record,
        'pay',
        { as: PEOPLE.dinumContact, uo, cp: amount, ref: `DP-${n}` },
        at('2020-11-01T10:00:00Z'),
      );
    }
    record = advance(record, at('2021-01-02T10:00:00Z'));
    record = apply(record, 'submit-report', report(undefined, { final: true }), at('2021-01-05T10:00:00Z'));
    const kinds = playClock(record, at('2021-01-05T10:00:00Z'), at('2021-01-06T10:00:00Z')).sent.map(
      (e) => e.kind,
    );
    expect(kinds).not.toContain('unconsumed-credits');
    expect(kinds).toContain('convention-closed');
  });

  it('refuses anything once closed', () => {
    let record = advance(endingOn('2020-12-31'), at('2021-01-02T10:00:00Z'));
    record = apply(record, 'submit-report', report(undefined, { final: true }), at('2021-01-05T10:00:00Z'));
    expect(
      refusalOf(
        record,
        'submit-report',
        report(undefined, { final: true, replace: true }),
        at('2021-01-06T10:00:00Z'),
      ).message,
    ).toBe('the convention is closed since 2021-01-05T10:00:00.000Z');
  });
});
