import { describe, expect, it } from 'vitest';
import { simulate, type Simulation } from '../../client/simulate';
import type { CapturedEmail } from '../../client/mail-capture';
import { localDateOf, isWorkingDay } from '../../domain/dates';
import type { TScenario } from '../../domain/scenario';
import { camino, PEOPLE } from '../fixtures';
import { expectSameEmailsAsDomain } from '../helpers/simulation';

// Sixty simulated days of the seed convention on the real time-skipping server, with DGPR signing
// late: every email that reached the SMTP listener is compared with what the domain computes.

const scenario: TScenario = {
  start: 'now',
  until: 60,
  events: [
    { day: 1, command: 'sign', as: PEOPLE.sgRepresentative, party: 'SG' },
    { day: 2, command: 'sign', as: PEOPLE.dgalnRepresentative, party: 'DGALN' },
    { day: 2.5, command: 'sign', as: PEOPLE.dinumContact, party: 'DGPR' },
    { day: 3, command: 'sign', as: PEOPLE.dinumRepresentative, party: 'DINUM' },
    { day: 4, command: 'publish', as: PEOPLE.dinumContact, where: 'data.gouv.fr' },
    // Days chosen so that the counts below hold whatever the hour and weekday the simulation
    // starts at (a reminder moves at most three days, off a weekend joined to a holiday).
    { day: 19.5, command: 'sign', as: PEOPLE.dgprRepresentative, party: 'DGPR' },
    { day: 24, command: 'confirm-chorus', as: PEOPLE.dgalnContact },
    { day: 38.5, command: 'publish', as: PEOPLE.dinumContact, where: 'data.gouv.fr' },
  ],
};

describe('sixty days of the seed convention, one party signing late', () => {
  let simulation: Simulation;
  const emails: CapturedEmail[] = [];

  it('runs on the time-skipping server and ends in force', async () => {
    simulation = await simulate(camino(), scenario, { emails });
    expect(simulation.final.state).toBe('in-force');
    const commands = simulation.timeline.filter((entry) => entry.type === 'command');
    expect(commands.map((c) => c.ok)).toEqual([true, true, false, true, false, true, true, true]);
  }, 120_000);

  it('sent exactly the emails the domain computes: kinds, recipients and instants', () => {
    expectSameEmailsAsDomain(camino(), scenario, simulation, emails);
  });

  it('counted per kind, with reminders only for the late party, at 9:00 on working days', () => {
    const count = (kind: string) => emails.filter((e) => e.kind === kind).length;
    expect({
      'signature-request': count('signature-request'),
      'signature-reminder': count('signature-reminder'),
      'chorus-habilitation-request': count('chorus-habilitation-request'),
      'publication-request': count('publication-request'),
      'convention-in-force': count('convention-in-force'),
    }).toEqual({
      'signature-request': 4,
      // DGPR signs on day 19.5: the reminders of days 7 and 14 (moved to working days) went out.
      'signature-reminder': 2,
      'chorus-habilitation-request': 1,
      'publication-request': 1,
      'convention-in-force': 1,
    });
    for (const reminder of emails.filter((e) => e.kind.endsWith('-reminder'))) {
      const parisHour = new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/Paris',
        hour: '2-digit',
        hourCycle: 'h23',
      });
      expect(parisHour.format(reminder.date)).toBe('09');
      expect(isWorkingDay(localDateOf(reminder.date, 'Europe/Paris'))).toBe(true);
    }
    expect(
      emails
        .filter((e) => e.kind === 'signature-reminder')
        .every((e) => e.to[0] === PEOPLE.dgprRepresentative),
    ).toBe(true);
    // All signed on day 19.5; Chorus confirmed on day 24, before its first weekly reminder;
    // publication on day 38.5, after two.
    expect(count('chorus-habilitation-reminder')).toBe(0);
    expect(count('publication-reminder')).toBe(2);
    expect(new Set(emails.map((e) => e.idempotencyKey)).size).toBe(emails.length);
  });

  it('puts refusals in the timeline with their reason', () => {
    const refused = simulation.timeline.filter((entry) => entry.type === 'command' && !entry.ok);
    expect(refused).toMatchObject([
      {
        day: 2.5,
        command: 'sign',
        as: PEOPLE.dinumContact,
        error: expect.stringContaining('may not sign for DGPR'),
      },
      { day: 4, command: 'publish', error: expect.stringContaining('waiting for the signature of DGPR') },
    ]);
  });
});
