import { beforeAll, describe, expect, it } from 'vitest';
import type { CapturedEmail } from '../../client/mail-capture';
import { simulate, type Simulation } from '../../client/simulate';
import { camino, PEOPLE, seedScenario } from '../fixtures';
import { expectStrictlyValidCalendars } from '../helpers/ics';
import { countKinds, expectSameEmailsAsDomain } from '../helpers/simulation';

// The seed convention over two years on the real time-skipping server (the fixture scenario):
// committees decided on time, late, never and by number; reports on time, late, missing, replaced.

describe('two years of the seed convention', () => {
  const scenario = seedScenario('two-years');
  const emails: CapturedEmail[] = [];
  let simulation: Simulation;
  beforeAll(async () => {
    simulation = await simulate(camino(), scenario, { emails });
  }, 240_000);

  it('accepts every command of the scenario', () => {
    const refused = simulation.timeline.filter((entry) => entry.type === 'command' && !entry.ok);
    expect(refused).toEqual([]);
    expect(simulation.final.state).toBe('in-force');
  });

  it('sent exactly the emails the domain computes', () => {
    expectSameEmailsAsDomain(camino(), scenario, simulation, emails);
  });

  it('convened four committees, reminded each, and sent the minutes of the three decided', () => {
    const counts = countKinds(emails);
    expect(counts['committee-convocation']).toBe(4);
    expect(counts['committee-reminder']).toBe(4);
    expect(counts['committee-minutes']).toBe(3);
    const convocation = emails.find((e) => e.kind === 'committee-convocation')!;
    expect(convocation.to).toContain(PEOPLE.secretary);
    // With a calendar invitation for the day of the committee, the same event for its reminder.
    const firstDate = simulation.final.committees[0]!.date.replaceAll('-', '');
    const [invitation] = convocation.attachments;
    expect(invitation).toMatchObject({
      filename: 'comite-investissement-1.ics',
      contentType: 'text/calendar',
    });
    expect(invitation!.content).toContain(`DTSTART;VALUE=DATE:${firstDate}`);
    expect(invitation!.content).toContain('UID:camino-2020.committee-1@conventions.beta.gouv.fr');
    const reminder = emails.find((e) => e.kind === 'committee-reminder')!;
    expect(reminder.attachments[0]!.content).toContain(
      'UID:camino-2020.committee-1@conventions.beta.gouv.fr',
    );
    expect(emails.find((e) => e.kind === 'committee-minutes')!.attachments).toEqual([]);
    // Convened, then given a time and a place: everyone is told, the invitation updated in place.
    const [rescheduled, ...others] = emails.filter((e) => e.kind === 'committee-rescheduled');
    expect(others).toEqual([]);
    expect(rescheduled!.to).toEqual(convocation.to);
    expect(rescheduled!.text).toContain('– heure : 14\u00a0h\u00a030 ;');
    expect(rescheduled!.text).toContain('Lieu : Hôtel de Roquelaure, 246 boulevard Saint-Germain, Paris');
    for (const updated of [rescheduled!, reminder]) {
      const content = updated.attachments[0]!.content.replace(/\r\n[ \t]/g, '');
      expect(content).toContain('UID:camino-2020.committee-1@conventions.beta.gouv.fr');
      expect(content).toContain('SEQUENCE:1');
      expect(content).toContain('LOCATION:Hôtel de Roquelaure\\, 246 boulevard Saint-Germain\\, Paris');
    }
    expect(reminder.text).toContain('à 14\u00a0h\u00a030.');
    // Every invitation sent, as it arrived, is read by the strict parser.
    expectStrictlyValidCalendars(
      emails.flatMap((e) => e.attachments.filter((a) => a.filename.endsWith('.ics')).map((a) => a.content)),
    );
    const decisions = simulation.final.committees.map((c) => [
      c.number,
      c.decided?.decision ?? null,
      c.overdue,
    ]);
    expect(decisions).toEqual([
      [1, 'continue', false],
      [2, 'continue-with-conditions', false],
      [3, null, true],
      [4, 'continue', false],
      // The fifth, six months later, is to come.
      [5, null, false],
    ]);
    expect(simulation.final.phase).toBe('consolidation');
    expect(simulation.final.waitingOn).toContain('committee-secretary');
  });

  it('chased the secretary for the late committee until it decided, and for the one never decided', () => {
    const overdue = emails.filter((e) => e.kind === 'committee-decision-overdue');
    const bySubject = (n: number) => overdue.filter((e) => e.subject.includes(`comité n° ${n} `)).length;
    expect(bySubject(1)).toBe(0);
    expect(bySubject(2)).toBeGreaterThanOrEqual(2);
    // Committee 3 met around day 560: reminded until day 760, weekly three times, then two weeks
    // later, then every four weeks (the reminder policy): 10, where weekly made 28.
    expect(bySubject(3)).toBeGreaterThanOrEqual(9);
    expect(bySubject(3)).toBeLessThanOrEqual(11);
    expect(overdue.every((e) => e.to.join() === PEOPLE.secretary)).toBe(true);
  });

  it('forwarded every report, the replaced one twice, and chased the late and the missing ones', () => {
    const counts = countKinds(emails);
    expect(counts['report-received']).toBe(24);
    const reports = simulation.final.reports;
    expect(reports.length).toBeGreaterThanOrEqual(24);
    const missing = reports.filter((r) => !r.receivedAt && r.daysLate);
    expect(missing).toHaveLength(1);
    expect(reports.filter((r) => r.versions === 2)).toHaveLength(1);
    const late = reports.filter((r) => r.receivedAt && r.daysLate);
    expect(late).toHaveLength(1);
    const overdueFor = (period: string) =>
      emails.filter((e) => e.kind === 'report-overdue' && e.subject.includes(period)).length;
    const monthName = (period: string) =>
      new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
        new Date(`${period}-01`),
      );
    expect(overdueFor(monthName(late[0]!.period))).toBeGreaterThanOrEqual(1);
    expect(overdueFor(monthName(missing[0]!.period))).toBeGreaterThanOrEqual(15);
  });

  it('chased the délégataire with a third of the reminders it used to, copying DINUM’s representative', () => {
    const overdue = emails.filter((e) => e.kind === 'report-overdue');
    // One weekly series per overdue report sent 75 of them over this scenario (SPEC §10).
    expect(overdue.length).toBeLessThanOrEqual(25);
    expect(overdue.every((e) => e.to.join() === PEOPLE.dinumContact)).toBe(true);
    const escalated = overdue.filter((e) => e.cc.includes(PEOPLE.dinumRepresentative));
    expect(escalated.length).toBeGreaterThanOrEqual(10);
    expect(escalated[0]!.subject).toContain('(avec copie au représentant)');
    expect(escalated[0]!.text).toMatch(
      /Après 3 rappels restés sans suite, l’action étant attendue depuis le .+, ce rappel est adressé en copie à Nadi Bou Hanna/,
    );
    // The first three of each series go to the délégataire alone.
    expect(overdue.filter((e) => !e.cc.length).length).toBeGreaterThanOrEqual(3);
  });

  it('shows four committees, their emails and the reports in the readable timeline', () => {
    const decisions = simulation.timeline.filter((e) => e.type === 'decision');
    expect(decisions.map((d) => d.type === 'decision' && d.committee)).toEqual([1, 2, 4]);
  });
});
