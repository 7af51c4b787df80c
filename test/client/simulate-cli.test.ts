import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { Simulation } from '../../client/simulate';
import { CAMINO_PATH } from '../fixtures';
import { runCliAsync } from './run-cli';

// `convention simulate … --json` (SPEC §7) on the seed's first year: the shape of its output, and
// what a year holds.

const TWO_YEARS = fileURLToPath(
  new URL('../../fixtures/camino-2020.two-years.scenario.yaml', import.meta.url),
);
const dir = mkdtempSync(join(tmpdir(), 'convention-simulate-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('convention simulate --json over the first year of the seed', () => {
  it('prints { timeline, final } as SPEC §7 describes', async () => {
    const scenario = parse(readFileSync(TWO_YEARS, 'utf8')) as { until: number; events: { day: number }[] };
    const firstYear = { ...scenario, until: 365, events: scenario.events.filter((e) => e.day <= 365) };
    const path = join(dir, 'first-year.yaml');
    writeFileSync(path, stringify(firstYear));

    const run = await runCliAsync(['simulate', CAMINO_PATH, '--scenario', path, '--json'], process.env);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const { timeline, final } = JSON.parse(run.stdout) as Simulation;

    for (const entry of timeline) {
      expect(typeof entry.day).toBe('number');
      expect(entry.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      if (entry.type === 'email')
        expect(entry).toEqual(
          expect.objectContaining({
            kind: expect.any(String),
            to: expect.any(Array),
            subject: expect.any(String),
          }),
        );
      if (entry.type === 'command')
        expect(entry).toEqual(
          expect.objectContaining({
            command: expect.any(String),
            as: expect.any(String),
            ok: expect.any(Boolean),
          }),
        );
      if (entry.type === 'state') expect(entry).toEqual(expect.objectContaining({ to: expect.any(String) }));
    }
    expect(timeline.map((e) => e.day)).toEqual([...timeline.map((e) => e.day)].sort((a, b) => a - b));
    expect(final.state).toBe('in-force');
    expect(final.committees[0]).toMatchObject({ number: 1, decided: { decision: 'continue' } });

    const kinds = timeline.flatMap((e) => (e.type === 'email' ? [e.kind] : []));
    expect(kinds.filter((k) => k === 'committee-convocation')).toHaveLength(2);
    expect(kinds.filter((k) => k === 'committee-minutes')).toHaveLength(1);
    // Reports of the first eleven months, one of them replaced, one never sent.
    expect(kinds.filter((k) => k === 'report-received').length).toBeGreaterThanOrEqual(10);
    expect(timeline.filter((e) => e.type === 'state').map((e) => e.type === 'state' && e.to)).toEqual([
      'signing',
      'awaiting-publication',
      'in-force',
    ]);
  }, 120_000);
});
