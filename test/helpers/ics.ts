import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

// Every calendar object the project writes is read by a strict parser: ical4j, parsing not relaxed,
// then its RFC 5545 / 5546 validation (tools/ics-check, resolved by `npm install`).

const CHECKER = fileURLToPath(new URL('../../tools/ics-check/IcsCheck.java', import.meta.url));
const CLASSPATH = fileURLToPath(new URL('../../.tools/ics-check/classpath.txt', import.meta.url));

/** One property of an event as the strict parser read it: its value unescaped, its parameters. */
export interface ReadProperty {
  name: string;
  value: string;
  parameters: Record<string, string>;
}

/** Each calendar's line of the checker's output, split at its tabs: the verdict, then what was asked. */
function check(calendars: readonly string[], options: readonly string[]): string[][] {
  if (!existsSync(CLASSPATH))
    throw new Error(`${CLASSPATH} is missing: npm install resolves ical4j with Maven (Java 11 or later)`);
  const dir = mkdtempSync(join(tmpdir(), 'ics-check-'));
  try {
    const files = calendars.map((content, i) => {
      const file = join(dir, `${i}.ics`);
      writeFileSync(file, content);
      return file;
    });
    let output: string;
    try {
      output = execFileSync(
        'java',
        ['-cp', readFileSync(CLASSPATH, 'utf8').trim(), CHECKER, ...options, ...files],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
      );
    } catch (error) {
      // Exit 1: some calendar is wrong; its verdicts are on stdout all the same.
      output = (error as { stdout?: string }).stdout ?? '';
      if (!output) throw error;
    }
    const lines = new Map(
      output
        .trim()
        .split('\n')
        .map((line) => {
          const [file, ...rest] = line.split('\t');
          return [file!, rest];
        }),
    );
    return files.map((file) => lines.get(file) ?? ['not read']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What the strict parser says of each calendar: "ok", or what is wrong. */
export function strictCalendarVerdicts(calendars: readonly string[]): string[] {
  return check(calendars, []).map(([verdict]) => verdict!);
}

/** Each calendar as the strict parser reads it: its verdict, and each event's properties in order. */
export function strictlyReadEvents(
  calendars: readonly string[],
): { verdict: string; events: ReadProperty[][] }[] {
  return check(calendars, ['--events']).map(([verdict, events]) => ({
    verdict: verdict!,
    events: events ? ((JSON.parse(events) as ReadProperty[][] | null) ?? []) : [],
  }));
}

export function expectStrictlyValidCalendars(calendars: readonly string[]): void {
  expect(calendars.length).toBeGreaterThan(0);
  expect(strictCalendarVerdicts(calendars)).toEqual(calendars.map(() => 'ok'));
}
