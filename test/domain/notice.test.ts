import { describe, expect, it } from 'vitest';
import { advance, applyCommand } from '../../domain/lifecycle';
import { plannedEmails } from '../../domain/reminders';
import { describeStatus } from '../../domain/status';
import type { ConventionRecord } from '../../domain/record';
import { PEOPLE } from '../fixtures';
import { playClock } from '../helpers/projection';
import { apply, inForce, refusalOf } from '../helpers/records';

const START = Date.parse('2020-03-02T09:00:00Z');
const PUBLISHED = Date.parse('2020-03-26T09:00:00Z');
const at = (iso: string) => Date.parse(iso);
const notice = (party: string, as: string, reason = 'Réorientation des priorités') => ({ as, party, reason });
const record = () => inForce(START, PUBLISHED);

describe('giving notice', () => {
  it('from the délégant: effective three calendar months later, 30 November + 3 months = 28 February', () => {
    const given = apply(
      record(),
      'give-notice',
      notice('DGALN', PEOPLE.dgalnRepresentative),
      at('2020-11-30T10:00:00Z'),
    );
    expect(given.state).toBe('notice');
    expect(given.notices).toEqual([
      {
        party: 'DGALN',
        by: PEOPLE.dgalnRepresentative,
        reason: 'Réorientation des priorités',
        givenAt: '2020-11-30T10:00:00.000Z',
        effectiveOn: '2021-02-28',
      },
    ]);
    expect(advance(given, at('2021-02-27T22:59:59Z')).state).toBe('notice');
    const ended = advance(given, at('2021-02-27T23:00:00Z'));
    expect(ended.state).toBe('ended');
    expect(ended.end).toEqual({ at: '2021-02-27T23:00:00.000Z', reason: 'terminated' });
  });

  it('from DINUM, across the change to summer time: it ends at midnight in Paris', () => {
    const given = apply(
      record(),
      'give-notice',
      notice('DINUM', PEOPLE.dinumRepresentative),
      at('2021-01-15T10:00:00Z'),
    );
    expect(given.notices[0]!.effectiveOn).toBe('2021-04-15');
    expect(advance(given, at('2021-04-15T10:00:00Z')).end).toEqual({
      at: '2021-04-14T22:00:00.000Z',
      reason: 'terminated',
    });
  });

  it('sends the notice at once, a reminder 15 days before, and the end on the day; nothing else after', () => {
    const given = apply(
      record(),
      'give-notice',
      notice('DGALN', PEOPLE.dgalnRepresentative),
      at('2020-11-30T10:00:00Z'),
    );
    const sent = playClock(given, at('2020-11-30T10:00:00Z'), at('2021-04-30T10:00:00Z')).sent;
    const notices = sent.filter((e) => e.kind.startsWith('termination-'));
    expect(notices.map((e) => [e.kind, new Date(e.at).toISOString()])).toEqual([
      ['termination-notice', '2020-11-30T10:00:00.000Z'],
      // 13 February 2021 is a Saturday: Monday 15.
      ['termination-reminder', '2021-02-15T08:00:00.000Z'],
      ['termination-effective', '2021-02-27T23:00:00.000Z'],
    ]);
    expect(notices[0]!.to).toContain('onf.finances@example.org');
    expect(notices[0]!.cc).toEqual(['cbcm.premier-ministre@example.org', 'cbcm.delegant@example.org']);
    // After the end: the final report, nothing of the services that ended.
    const after = sent.filter((e) => e.at >= at('2021-02-27T23:00:00Z')).map((e) => e.kind);
    expect(new Set(after)).toEqual(
      new Set(['termination-effective', 'final-report-due', 'final-report-overdue']),
    );
    expect(after).not.toContain('convention-expired');
  });

  it.each<[string, () => ConventionRecord, Record<string, unknown>, string, string]>([
    [
      'by someone else than the party’s representative',
      record,
      notice('DGALN', PEOPLE.dgalnContact),
      'NotAllowed',
      'dgaln.budget@example.org may not give notice for DGALN: only its representative',
    ],
    [
      'by the co-funder',
      record,
      notice('ONF', PEOPLE.onfRepresentative),
      'UnknownParty',
      'unknown signatory "ONF"; the signatories are SG, DGALN, DGPR, DINUM',
    ],
    [
      'without a reason',
      record,
      { as: PEOPLE.admin, party: 'SG' },
      'InvalidCommand',
      'give-notice: reason: required',
    ],
    [
      'a second time',
      () => apply(record(), 'give-notice', notice('SG', PEOPLE.sgRepresentative), at('2020-06-01T10:00:00Z')),
      notice('DINUM', PEOPLE.dinumRepresentative),
      'AlreadyDone',
      'notice was already given by SG on 2020-06-01: the convention ends on 2020-09-01',
    ],
    [
      'before the convention is in force',
      () => ({ ...record(), publication: undefined, state: 'awaiting-publication' as const }),
      notice('SG', PEOPLE.sgRepresentative),
      'WrongState',
      'notice can be given once the convention is in force (published)',
    ],
  ])('is refused %s', (_name, makeRecord, payload, type, message) => {
    const refusal = refusalOf(makeRecord(), 'give-notice', payload, at('2020-07-01T10:00:00Z'));
    expect(refusal.type).toBe(type);
    expect(refusal.message).toContain(message);
  });
});

describe('withdrawing notice', () => {
  const given = () =>
    apply(record(), 'give-notice', notice('DGPR', PEOPLE.dgprRepresentative), at('2020-06-01T10:00:00Z'));

  it('by the same party before the effective date: the convention goes on', () => {
    const withdrawn = apply(
      given(),
      'withdraw-notice',
      { as: PEOPLE.dgprRepresentative, party: 'DGPR' },
      at('2020-07-01T10:00:00Z'),
    );
    expect(withdrawn.state).toBe('in-force');
    expect(withdrawn.notices[0]!.withdrawn).toEqual({
      at: '2020-07-01T10:00:00.000Z',
      by: PEOPLE.dgprRepresentative,
    });
    expect(advance(withdrawn, at('2020-12-01T10:00:00Z')).state).toBe('in-force');
    const kinds = playClock(withdrawn, at('2020-07-01T10:00:00Z'), at('2020-07-01T10:00:01Z')).sent.map(
      (e) => e.kind,
    );
    expect(kinds).toContain('termination-withdrawn');
    // Notice may be given again.
    expect(
      apply(withdrawn, 'give-notice', notice('SG', PEOPLE.sgRepresentative), at('2020-08-01T10:00:00Z'))
        .state,
    ).toBe('notice');
  });

  it('is refused from another party, and once it has taken effect', () => {
    expect(
      refusalOf(
        given(),
        'withdraw-notice',
        { as: PEOPLE.sgRepresentative, party: 'SG' },
        at('2020-07-01T10:00:00Z'),
      ).message,
    ).toBe('the notice was given by DGPR: only DGPR may withdraw it');
    expect(
      refusalOf(
        given(),
        'withdraw-notice',
        { as: PEOPLE.dinumContact, party: 'DGPR' },
        at('2020-07-01T10:00:00Z'),
      ).message,
    ).toBe(
      'dinum.betagouv@example.org may not withdraw the notice for DGPR: only its representative or an admin may',
    );
    expect(
      refusalOf(
        given(),
        'withdraw-notice',
        { as: PEOPLE.dgprRepresentative, party: 'DGPR' },
        at('2020-09-02T10:00:00Z'),
      ).message,
    ).toContain('the convention ended on 2020-08-31T22:00:00.000Z (terminated)');
  });
});

describe('notice and the rest of the life', () => {
  it('given while suspended: execution stays suspended, an avenant resumes it under notice', () => {
    const engaged = apply(
      record(),
      'engage',
      { as: PEOPLE.dinumContact, uo: '0181-CPRI-ELAB', ae: '99000', ref: 'BC-1' },
      at('2020-05-01T10:00:00Z'),
    );
    const short = applyCommand(
      engaged,
      'engage',
      { as: PEOPLE.dinumContact, uo: '0181-CPRI-ELAB', ae: '5000', ref: 'BC-2' },
      at('2020-05-02T10:00:00Z'),
    );
    if (short.ok || !short.consequence) throw new Error('expected an insufficiency');
    const suspended = advance(short.consequence.record, at('2020-06-10T10:00:00Z'));
    expect(suspended.state).toBe('suspended');

    const given = apply(
      suspended,
      'give-notice',
      notice('DINUM', PEOPLE.dinumRepresentative),
      at('2020-06-10T10:00:00Z'),
    );
    expect(given.state).toBe('notice');
    expect(
      refusalOf(
        given,
        'engage',
        { as: PEOPLE.dinumContact, uo: '0113-PEBC-ELAB', ae: '10', ref: 'BC-3' },
        at('2020-06-11T10:00:00Z'),
      ).message,
    ).toContain('execution is suspended since');
    const avenant = {
      as: PEOPLE.admin,
      number: 1,
      summary: 'Complément',
      signedOn: '2020-06-12',
      budget: [{ uo: '0181-CPRI-ELAB', ae: '10000' }],
    };
    const resumed = apply(given, 'amend', avenant, at('2020-06-12T10:00:00Z'));
    expect(resumed.state).toBe('notice');
    expect(resumed.suspensions[0]!.resumed).toEqual({ at: '2020-06-12T10:00:00.000Z', amendment: 1 });
    expect(
      apply(
        resumed,
        'engage',
        { as: PEOPLE.dinumContact, uo: '0181-CPRI-ELAB', ae: '5000', ref: 'BC-2' },
        at('2020-06-13T10:00:00Z'),
      ).engagements,
    ).toHaveLength(2);
    expect(
      apply(
        resumed,
        'withdraw-notice',
        { as: PEOPLE.dinumRepresentative, party: 'DINUM' },
        at('2020-06-14T10:00:00Z'),
      ).state,
    ).toBe('in-force');
    // Withdrawn while still suspended, it goes back to suspended.
    expect(
      apply(
        given,
        'withdraw-notice',
        { as: PEOPLE.dinumRepresentative, party: 'DINUM' },
        at('2020-06-14T10:00:00Z'),
      ).state,
    ).toBe('suspended');
  });

  it('races a committee: the committee held before the end is convened and may decide; none after', () => {
    // Committee 1 meets on 28 September 2020; notice on 15 July ends the convention on 15 October.
    const given = apply(
      record(),
      'give-notice',
      notice('SG', PEOPLE.sgRepresentative),
      at('2020-07-15T10:00:00Z'),
    );
    const kinds = playClock(given, at('2020-07-15T10:00:00Z'), at('2021-06-01T10:00:00Z')).sent.map(
      (e) => e.kind,
    );
    expect(kinds.filter((k) => k === 'committee-convocation')).toHaveLength(1);
    const decided = apply(
      given,
      'decide',
      { as: PEOPLE.secretary, decision: 'stop' },
      at('2020-09-28T14:00:00Z'),
    );
    // Already under notice: the stop gives no second notice.
    expect(decided.notices).toHaveLength(1);
    const status = describeStatus(advance(decided, at('2020-10-20T10:00:00Z')), at('2020-10-20T10:00:00Z'));
    expect(status.state).toBe('ended');
    expect(status.committees.map((c) => c.number)).toEqual([1]);
    expect(status.nextCommittee).toBeNull();
    expect(status.endedServices.map((s) => s.service)).toContain('investment committees');
    // What is still to come once it ended: the final report only.
    const ended = advance(decided, at('2020-10-20T10:00:00Z'));
    const upcoming = plannedEmails(ended, at('2020-10-20T10:00:00Z')).filter(
      (e) => e.at >= Date.parse(ended.end!.at),
    );
    expect(upcoming.map((e) => e.kind)).toEqual([
      'termination-effective',
      'final-report-due',
      'final-report-overdue',
    ]);
  });
});
