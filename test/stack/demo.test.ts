import { describe, expect, it } from 'vitest';
import { instantAt } from '../../domain/dates';
import { demoOf } from '../../stack/stack';
import { camino, PEOPLE } from '../fixtures';
import { apply, inForce } from '../helpers/records';

// `npm start`'s demo convention, put in force the day it starts: its délégataire can engage that
// day, in December too (after the seed's fin de gestion, its year runs to 31 December).

const paris = (date: string, hour = 10) => instantAt(date, hour, 'Europe/Paris');

const engageOnItsFirstDay = (today: string) => {
  const record = inForce(paris(today, 9), paris(today, 9), demoOf(camino(), today));
  const engage = { as: PEOPLE.dinumContact, uo: '0113-PEBC-ELAB', ae: '10000.00', ref: 'BC-1' };
  return apply(record, 'engage', engage, paris(today, 11));
};

describe('the demo convention', () => {
  it.each(['2026-03-02', '2026-12-01', '2026-12-07', '2026-12-31'])(
    'takes an engagement on the day it starts, %s',
    (today) => {
      expect(engageOnItsFirstDay(today).engagements).toHaveLength(1);
    },
  );

  it('keeps the seed’s fin de gestion when started before it', () => {
    expect(demoOf(camino(), '2026-11-30').schedule.yearEnd).toEqual(camino().schedule.yearEnd);
    expect(demoOf(camino(), '2026-12-02').schedule.yearEnd).toMatchObject({
      lastEngagementDay: '12-31',
      lastPaymentDay: '12-31',
    });
  });
});
