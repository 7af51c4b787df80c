import { beforeAll, describe, expect, it } from 'vitest';
import type { CapturedEmail } from '../../client/mail-capture';
import { simulate, type Simulation } from '../../client/simulate';
import type { TScenario, TScenarioEvent } from '../../domain/scenario';
import { camino, PEOPLE, SIGNATORIES } from '../fixtures';

// What a run carries into the next stays small: 60 monthly reports of the largest size allowed
// (20 000 characters of progress and 20 000 of forecast), most of them replacing the one before,
// would weigh 2.4 MB in full — past Temporal's 2 MB limit on a payload, and the convention could
// never continue as new. The record keeps a report's text only until the délégant has it.

const MAX_TEXT = 20_000;
const REPORTS = 60;

function scenario(): TScenario {
  const events: TScenarioEvent[] = [
    ...SIGNATORIES.map(([party, as], i) => ({ day: 0.1 + i * 0.01, command: 'sign' as const, as, party })),
    { day: 0.2, command: 'confirm-chorus', as: PEOPLE.dgalnContact },
    { day: 0.3, command: 'publish', as: PEOPLE.dinumContact, where: 'data.gouv.fr' },
  ];
  for (let i = 0; i < REPORTS; i += 1)
    events.push({
      // In the second month: last month's report and this month's, each replaced again and again.
      day: 40 + i * 0.01,
      command: 'submit-report',
      as: PEOPLE.dinumContact,
      period: i % 2 ? 'current' : 'previous',
      spent: { '0113-PEBC-ELAB': '1000.00' },
      progress: `${i} `.padEnd(MAX_TEXT, 'a'),
      forecast: `${i} `.padEnd(MAX_TEXT, 'b'),
      replace: i >= 2,
    });
  return { start: 'next-month', until: 42, events };
}

describe('the record carried across continue-as-new', () => {
  const emails: CapturedEmail[] = [];
  let simulation: Simulation;
  beforeAll(async () => {
    // About 140 emails and commands: the run continues as new after most of the reports.
    simulation = await simulate(camino(), scenario(), { emails, continueAsNewAfter: 125 });
  }, 180_000);

  it('accepted every report and forwarded each to the délégant, in full', () => {
    expect(simulation.timeline.filter((e) => e.type === 'command' && !e.ok)).toEqual([]);
    const received = emails.filter((email) => email.kind === 'report-received');
    expect(received).toHaveLength(REPORTS);
    expect(received.at(-1)!.text).toContain(`59 ${'a'.repeat(100)}`);
    expect(simulation.final.reports.map((report) => report.versions)).toEqual([REPORTS / 2, REPORTS / 2]);
  });

  it('stays under 256 KB, the size Temporal warns at', () => {
    expect(simulation.runs).toBe(2);
    expect(simulation.carriedBytes[0]).toBeLessThan(256 * 1024);
  });
});
