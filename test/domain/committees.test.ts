import { describe, expect, it } from 'vitest';
import { committeeDate, committeeSlots } from '../../domain/committees';
import { renderEmail } from '../../domain/emails';
import { frenchRefusal } from '../../domain/french/refusals';
import { applyCommand } from '../../domain/lifecycle';
import { plannedEmails } from '../../domain/reminders';
import { camino, PEOPLE } from '../fixtures';
import { playClock } from '../helpers/projection';
import { apply, inForce, refusalOf } from '../helpers/records';

// The seed was published on Thursday 26 March 2020 (10:00 in Paris).
const START = Date.parse('2020-03-02T09:00:00Z');
const PUBLISHED = Date.parse('2020-03-26T09:00:00Z');
const at = (iso: string) => Date.parse(iso);
const decision = (extra: Record<string, unknown> = {}) => ({
  as: PEOPLE.secretary,
  decision: 'continue',
  ...extra,
});

describe('committee dates', () => {
  it('are every six calendar months after the effective date, on a working day', () => {
    const record = inForce(START, PUBLISHED);
    // 26 September 2020 is a Saturday: Monday 28. 26 March 2021 is a Friday.
    expect([1, 2, 3, 4].map((n) => committeeDate(record, n))).toEqual([
      '2020-09-28',
      '2021-03-26',
      '2021-09-27',
      '2022-03-28',
    ]);
  });

  it('do not exist before publication', () => {
    expect(committeeDate(inForce(START, PUBLISHED), 1)).toBeDefined();
    expect(committeeSlots({ ...inForce(START, PUBLISHED), publication: undefined }, '2021-01-01')).toEqual(
      [],
    );
  });
});

describe('the committee emails', () => {
  it('convene 30 days before, remind 7 days before, then chase the secretary from the day after', () => {
    const record = inForce(START, PUBLISHED);
    const sent = playClock(record, PUBLISHED, at('2020-10-14T12:00:00Z')).sent.filter((e) =>
      e.kind.startsWith('committee-'),
    );
    expect(sent.map((e) => [e.kind, new Date(e.at).toISOString()])).toEqual([
      // 29 August 2020 is a Saturday: Monday 31 August.
      ['committee-convocation', '2020-08-31T07:00:00.000Z'],
      ['committee-reminder', '2020-09-21T07:00:00.000Z'],
      ['committee-decision-overdue', '2020-09-29T07:00:00.000Z'],
      ['committee-decision-overdue', '2020-10-06T07:00:00.000Z'],
      ['committee-decision-overdue', '2020-10-13T07:00:00.000Z'],
    ]);
    expect(sent[0]!.to).toEqual([
      'sg.budget@example.org',
      'dgaln.budget@example.org',
      'dgpr.budget@example.org',
      'dinum.betagouv@example.org',
      'onf.finances@example.org',
      PEOPLE.secretary,
    ]);
    expect(sent[2]!.to).toEqual([PEOPLE.secretary]);
  });

  it('stop chasing once decided, and send the minutes to every party with the secretary in copy', () => {
    const decided = apply(
      inForce(START, PUBLISHED),
      'decide',
      decision({ notes: 'RAS' }),
      at('2020-09-28T14:00:00Z'),
    );
    const sent = playClock(decided, at('2020-09-28T14:00:00Z'), at('2020-10-31T12:00:00Z')).sent.filter((e) =>
      e.kind.startsWith('committee-'),
    );
    expect(sent.map((e) => e.kind)).toEqual(['committee-minutes']);
    expect(sent[0]!.cc).toEqual([PEOPLE.secretary]);
  });
});

describe('recording a decision', () => {
  const inForceRecord = () => inForce(START, PUBLISHED);

  it('records the decision of the committee due, its phase and the register entry', () => {
    const outcome = apply(
      inForceRecord(),
      'decide',
      decision({ decision: 'pivot', phase: 'construction', notes: 'Pivot vers les usagers' }),
      at('2020-09-28T14:00:00Z'),
    );
    expect(outcome.committees).toEqual([
      {
        number: 1,
        scheduledOn: '2020-09-28',
        decision: 'pivot',
        phase: 'construction',
        notes: 'Pivot vers les usagers',
        conditions: [],
        by: PEOPLE.secretary,
        at: '2020-09-28T14:00:00.000Z',
      },
    ]);
    expect(outcome.phases.map((p) => [p.phase, p.committee])).toEqual([
      ['acceleration', undefined],
      ['construction', 1],
    ]);
  });

  it('waits for the committee’s day, unless the secretary says on which day it met earlier', () => {
    // A month ahead: refused, in French for the console, and no minutes planned.
    const early = refusalOf(inForceRecord(), 'decide', decision(), at('2020-08-29T10:00:00Z'));
    expect(early).toMatchObject({ type: 'WrongState', code: 'decide-before-committee' });
    expect(frenchRefusal(early)).toBe(
      'Le comité n° 1 se réunit le 28 septembre 2020 : sa décision ne peut être enregistrée qu’à partir de ce jour (nous sommes le 29 août 2020). S’il s’est réuni plus tôt, indiquez la date de sa réunion.',
    );
    // On its day (in Paris): taken.
    expect(
      apply(inForceRecord(), 'decide', decision(), at('2020-09-27T22:30:00Z')).committees[0]!.number,
    ).toBe(1);
    // An early meeting, recorded as such with its day; its minutes say it.
    const met = apply(
      inForceRecord(),
      'decide',
      decision({ heldOn: '2020-09-14' }),
      at('2020-09-15T10:00:00Z'),
    );
    expect(met.committees[0]).toMatchObject({ number: 1, scheduledOn: '2020-09-28', heldOn: '2020-09-14' });
    const minutes = plannedEmails(met, at('2020-09-15T10:00:00Z')).find(
      (e) => e.kind === 'committee-minutes',
    )!;
    expect(renderEmail(minutes).text).toContain(
      'Le comité d’investissement n° 1, réuni le 14 septembre 2020 (il était prévu le 28 septembre 2020), a décidé : poursuite.',
    );
    // Not a day yet to come, nor before the convention took effect.
    for (const heldOn of ['2020-09-16', '2020-03-25'])
      expect(
        refusalOf(inForceRecord(), 'decide', decision({ heldOn }), at('2020-09-15T10:00:00Z')),
      ).toMatchObject({ type: 'WrongState', code: 'committee-held-on' });
    // Before its convocation, none awaits.
    expect(refusalOf(inForceRecord(), 'decide', decision(), at('2020-08-27T10:00:00Z')).message).toContain(
      'no committee awaits a decision: the next one (committee 1) meets on 2020-09-28',
    );
  });

  it('takes an early decision as before COMMITTEE_DAY where a running history has it', () => {
    const outcome = applyCommand(inForceRecord(), 'decide', decision(), at('2020-08-29T10:00:00Z'), {
      committeeDay: false,
    });
    expect(outcome.ok).toBe(true);
  });

  it('records the earliest committee awaiting a decision, or the one named', () => {
    const late = at('2021-04-02T10:00:00Z');
    expect(apply(inForceRecord(), 'decide', decision(), late).committees.map((c) => c.number)).toEqual([1]);
    expect(
      apply(inForceRecord(), 'decide', decision({ committee: 2 }), late).committees.map((c) => c.number),
    ).toEqual([2]);
  });

  it('gives notice on behalf of the délégant when the committee stops the startup', () => {
    const stopped = apply(
      inForceRecord(),
      'decide',
      decision({ decision: 'stop' }),
      at('2020-09-28T14:00:00Z'),
    );
    expect(stopped.state).toBe('notice');
    expect(stopped.notices).toEqual([
      {
        party: 'delegant',
        by: PEOPLE.secretary,
        reason: 'committee 1 decided to stop',
        givenAt: '2020-09-28T14:00:00.000Z',
        // Three calendar months later.
        effectiveOn: '2020-12-28',
        committee: 1,
      },
    ]);
    expect(stopped.phases.at(-1)).toMatchObject({ phase: 'abandon', committee: 1 });
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    [
      'the délégataire deciding',
      { as: PEOPLE.dinumContact, decision: 'continue' },
      'NotAllowed',
      'only the committee secretary',
    ],
    [
      'an unknown decision',
      { as: PEOPLE.secretary, decision: 'maybe' },
      'InvalidCommand',
      'decide: decision: expected one of continue, continue-with-conditions, pivot, stop',
    ],
    [
      'conditions missing',
      { as: PEOPLE.secretary, decision: 'continue-with-conditions' },
      'InvalidCommand',
      'decide: conditions: a decision continue-with-conditions lists at least one condition',
    ],
    [
      'an unknown phase',
      { as: PEOPLE.secretary, decision: 'continue', phase: 'growth' },
      'InvalidCommand',
      'decide: phase: expected one of investigation',
    ],
    [
      'a committee not convened yet',
      { as: PEOPLE.secretary, decision: 'continue', committee: 3 },
      'WrongState',
      'committee 3 (2021-09-27) cannot be recorded before its convocation',
    ],
  ])('refuses %s', (_name, payload, type, message) => {
    const refusal = refusalOf(inForceRecord(), 'decide', payload, at('2020-09-28T14:00:00Z'));
    expect(refusal.type).toBe(type);
    expect(refusal.message).toContain(message);
  });

  it('refuses a second decision for the same committee', () => {
    const decided = apply(inForceRecord(), 'decide', decision(), at('2020-09-28T14:00:00Z'));
    expect(
      refusalOf(decided, 'decide', decision({ committee: 1 }), at('2020-09-29T14:00:00Z')),
    ).toMatchObject({
      type: 'AlreadyDone',
      message: 'committee 1 (2020-09-28) already decided continue on 2020-09-28T14:00:00.000Z',
    });
  });

  it('refuses any decision before the convention is in force', () => {
    const { refusal } = {
      refusal: refusalOf(
        { ...inForceRecord(), publication: undefined },
        'decide',
        decision(),
        at('2020-09-28T14:00:00Z'),
      ),
    };
    expect(refusal.message).toBe('there is no committee before the convention is in force (published)');
  });

  it('plans no convocation for a committee already past', () => {
    const record = inForce(START, PUBLISHED);
    const kinds = plannedEmails(record, at('2020-10-20T12:00:00Z')).map((e) => e.series);
    expect(kinds).toContain('committee-decision-overdue:1');
    expect(kinds).not.toContain('committee-convocation:1');
    expect(kinds).toContain('committee-convocation:2');
  });
});

describe('the seed', () => {
  it('starts in acceleration (art. 1: "une phase d’accélération et de consolidation")', () => {
    expect(camino().startup.phase).toBe('acceleration');
  });
});
