import { expect } from 'vitest';
import type { CapturedEmail } from '../../client/mail-capture';
import { scenarioPayload, type Simulation } from '../../client/simulate';
import type { TConvention } from '../../domain/convention';
import type { TScenario } from '../../domain/scenario';
import { project, type TimedCommand } from './projection';

/**
 * Checks that the emails a simulation delivered are exactly those the domain computes for the same
 * commands at the same instants: kinds, recipients, order, and instants (to the Date header's second,
 * plus the few seconds the server's clock runs on for real while a task runs).
 */
export function expectSameEmailsAsDomain(
  convention: TConvention,
  scenario: TScenario,
  simulation: Simulation,
  emails: readonly CapturedEmail[],
) {
  const events = [...scenario.events].sort((a, b) => a.day - b.day);
  const commands: TimedCommand[] = simulation.timeline
    .filter((entry) => entry.type === 'command')
    .map((entry, i) => {
      const at = Date.parse(entry.at);
      return { at, name: events[i]!.command, payload: scenarioPayload(events[i]!, at, convention) };
    });
  const start = Date.parse(simulation.final.startedAt);
  const until = start + scenario.until * 86_400_000;
  const expected = project(convention, start, commands, until).sent;

  // Emails due at the same instant go out together and may arrive in any order: each expected
  // email is matched with one that arrived, of the same kind and recipients, within 5 seconds.
  const unmatched = [...emails];
  const missing = expected.filter((want) => {
    const i = unmatched.findIndex(
      (got) =>
        got.kind === want.kind &&
        got.to.join() === want.to.join() &&
        got.cc.join() === want.cc.join() &&
        Math.abs(got.date - want.at) < 5_000,
    );
    if (i === -1) return true;
    unmatched.splice(i, 1);
    return false;
  });
  expect({ missing, unexpected: unmatched }).toEqual({ missing: [], unexpected: [] });
  expect(new Set(emails.map((e) => e.idempotencyKey)).size).toBe(emails.length);
  return expected;
}

export const countKinds = (emails: readonly { kind: string }[]) =>
  emails.reduce<Record<string, number>>(
    (counts, { kind }) => ({ ...counts, [kind]: (counts[kind] ?? 0) + 1 }),
    {},
  );
