import { describe, expect, it } from 'vitest';
import { instantAt } from '../../domain/dates';
import {
  byUrgency,
  heldForDigest,
  isoWeekOf,
  mondayOf,
  nextDigest,
  withoutDigestReaders,
  type AwaitedAction,
} from '../../domain/digest';
import { renderDigest } from '../../domain/emails';
import type { PendingAction } from '../../domain/pending';

const paris = (date: string, hour: number) => instantAt(date, hour, 'Europe/Paris');

describe('the week of a digest', () => {
  it.each([
    ['2027-01-04', '2027-01-04'],
    ['2027-01-10', '2027-01-04'],
    ['2027-01-06', '2027-01-04'],
    ['2027-01-01', '2026-12-28'],
  ])('the Monday of %s is %s', (day, monday) => expect(mondayOf(day)).toBe(monday));

  it.each([
    ['2027-01-04', '2027-W01'],
    ['2027-01-03', '2026-W53'],
    ['2026-12-31', '2026-W53'],
    ['2021-01-03', '2020-W53'],
    ['2020-12-28', '2020-W53'],
    ['2019-12-30', '2020-W01'],
    ['2027-06-16', '2027-W24'],
  ])('%s is in week %s (ISO 8601)', (day, week) => expect(isoWeekOf(day)).toBe(week));
});

describe('when a digest goes', () => {
  it('on Monday at 9:00 in Paris, winter and summer alike', () => {
    expect(nextDigest(paris('2027-01-06', 15))).toEqual({
      at: Date.parse('2027-01-11T08:00:00Z'),
      week: '2027-W02',
      monday: '2027-01-11',
    });
    expect(nextDigest(paris('2027-06-13', 20)).at).toBe(Date.parse('2027-06-14T07:00:00Z'));
  });

  it('on the Tuesday when Monday is a public holiday (Easter Monday, Whit Monday)', () => {
    expect(nextDigest(paris('2027-03-27', 12))).toMatchObject({
      at: paris('2027-03-30', 9),
      week: '2027-W13',
    });
    expect(nextDigest(paris('2027-05-16', 12)).at).toBe(paris('2027-05-18', 9));
  });

  it('strictly after the instant: at 9:00 on Monday, the next week', () => {
    expect(nextDigest(paris('2027-01-11', 9)).at).toBe(paris('2027-01-18', 9));
    expect(nextDigest(paris('2027-01-11', 9) - 1).at).toBe(paris('2027-01-11', 9));
    // Easter Monday: this week's digest is still to come on the Tuesday.
    expect(nextDigest(paris('2027-03-29', 10)).at).toBe(paris('2027-03-30', 9));
  });
});

describe('what a digest reader no longer gets at once', () => {
  it('the reminders of a series, which are numbered; never a first request or a convocation', () => {
    const data = { conventionId: 'camino-2020', title: 'Camino', startup: 'Camino' };
    expect(heldForDigest({ ...data, reminderNumber: 2 })).toBe(true);
    expect(heldForDigest(data)).toBe(false);
  });

  it('takes readers off the addressees, whatever the case of their address; those in copy stay', () => {
    expect(
      withoutDigestReaders(
        {
          to: ['DGPR.Representant@example.org', 'dgpr.budget@example.org'],
          cc: ['dinum.representant@example.org'],
        },
        ['dgpr.representant@example.org'],
      ),
    ).toEqual({
      to: ['dgpr.budget@example.org'],
      cc: ['dinum.representant@example.org'],
      held: ['DGPR.Representant@example.org'],
    });
  });

  it('addresses those in copy when every addressee reads a digest, and no one when no one is left', () => {
    expect(
      withoutDigestReaders({ to: ['a@example.org'], cc: ['rep@example.org'] }, ['a@example.org']),
    ).toEqual({
      to: ['rep@example.org'],
      cc: [],
      held: ['a@example.org'],
    });
    expect(withoutDigestReaders({ to: ['a@example.org'], cc: [] }, ['a@example.org'])).toEqual({
      to: [],
      cc: [],
      held: ['a@example.org'],
    });
  });
});

const action = (overrides: Partial<PendingAction>): PendingAction => ({
  command: 'sign',
  about: { party: 'DGPR' },
  description: 'signature of DGPR',
  waitingOn: [],
  since: '2027-01-04T10:00:00.000Z',
  ...overrides,
});

const ACTIONS: AwaitedAction[] = [
  { conventionId: 'camino-2020', title: 'Convention Camino 2020', startup: 'Camino', action: action({}) },
  {
    conventionId: 'rnb-2026',
    title: 'Convention RNB <b>',
    startup: 'RNB <b>',
    action: action({
      command: 'submit-report',
      about: { period: '2026-11' },
      since: '2026-12-01',
      deadline: '2026-12-10',
    }),
  },
  {
    conventionId: 'camino-2020',
    title: 'Convention Camino 2020',
    startup: 'Camino',
    action: action({
      command: 'confirm-chorus',
      about: {},
      since: '2026-12-20T10:00:00.000Z',
      deadline: '2027-02-01',
    }),
  },
].sort(byUrgency);

describe('the digest, in French', () => {
  const digest = renderDigest(
    { monday: '2027-01-11', today: '2027-01-11', actions: ACTIONS },
    'https://conventions.example.org',
  );

  it('counts the actions and names the week in its subject', () => {
    expect(digest.subject).toBe('Vos actions en attente : 3 actions, semaine du 11 janvier 2027');
  });

  it('lists them by convention, the most urgent first, each with its form and its deadline', () => {
    expect(digest.text).toContain(
      [
        'Convention RNB <b> :',
        '– Déposer le compte rendu de novembre 2026 : https://conventions.example.org/conventions/rnb-2026/report?period=2026-11 (en retard depuis le 10 décembre 2026)',
        'Convention Camino 2020 :',
        '– Confirmer les habilitations Chorus : https://conventions.example.org/conventions/camino-2020/confirm-chorus (à faire au plus tard le 1er février 2027)',
        '– Signer la convention pour DGPR : https://conventions.example.org/conventions/camino-2020/sign?party=DGPR (attendu depuis le 4 janvier 2027)',
      ].join('\n\n'),
    );
    expect(digest.html).toContain(
      '<a href="https://conventions.example.org/conventions/camino-2020/sign?party=DGPR">Signer la convention pour DGPR</a>',
    );
    // A startup's name comes from a person: escaped in HTML.
    expect(digest.html).toContain('Convention RNB &lt;b&gt; :');
  });

  it('says what still comes at once, and where to go back to each reminder', () => {
    expect(digest.text).toContain('les premières demandes, les convocations et les urgences');
    expect(digest.text).toContain('console, « Mes rappels » : https://conventions.example.org/rappels');
    // No identifier of the domain, outside the links' addresses.
    expect(digest.text.replace(/https:\S+/g, '')).not.toMatch(/submit-report|confirm-chorus|weekly-digest/);
  });

  it('reads the same without a console, without links', () => {
    const plain = renderDigest({ monday: '2027-01-11', today: '2027-01-11', actions: ACTIONS });
    expect(plain.text).toContain('– Signer la convention pour DGPR (attendu depuis le 4 janvier 2027)');
    expect(plain.text).not.toContain('http');
  });
});
