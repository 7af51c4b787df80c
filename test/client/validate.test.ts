import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { CAMINO_PATH, caminoInput } from '../fixtures';
import { runCli } from './run-cli';

const dir = mkdtempSync(join(tmpdir(), 'convention-validate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('convention validate FILE', () => {
  it('exits 0 on the seed convention and says what it read', () => {
    const run = runCli(['validate', CAMINO_PATH]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      'valid convention camino-2020 (5 parties, 3 budget lines, 320\u00a0000,00\u00a0€ of AE)',
    );
    expect(run.stderr).toBe('');
  });

  it('reads the same convention written as JSON', () => {
    const path = join(dir, 'camino.json');
    writeFileSync(path, JSON.stringify(caminoInput()));
    expect(runCli(['validate', path]).status).toBe(0);
  });

  it('exits 1 on a copy with three faults and names all three, without a stack trace', () => {
    const convention = caminoInput();
    convention.budget[1]!.ae = '12,5';
    convention.parties[3]!.contacts = ['dinum-at-example.org'];
    convention.schedule!.reminderHour = 25;
    const path = join(dir, 'three-faults.yaml');
    writeFileSync(path, stringify(convention));

    const run = runCli(['validate', path]);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([
      `${path}: 3 faults`,
      '  parties[3].contacts[0]: expected an email address, got "dinum-at-example.org"',
      '  budget[1].ae: expected a decimal string with at most 2 decimals, got "12,5"',
      '  schedule.reminderHour: expected an hour, a whole number from 0 to 23, got 25',
    ]);
  });

  it('exits 1 on a file that cannot be read or parsed', () => {
    expect(runCli(['validate', join(dir, 'missing.yaml')]).stderr).toContain('cannot read');
    const path = join(dir, 'broken.yaml');
    writeFileSync(path, 'id: [unclosed');
    const run = runCli(['validate', path]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('(file): not valid YAML');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    [['validate']],
    [['validate', 'a.yaml', 'b.yaml']],
    [['frobnicate']],
    [['validate', '--bogus', 'a.yaml']],
  ])('exits 2 on a usage error: %j', (args) => {
    const run = runCli(args);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/error: /);
  });
});

describe('oversized input', () => {
  // Nothing listens there: a refusal (exit 1) rather than "cannot reach Temporal" (exit 3) shows
  // that the input was turned away before any connection.
  const nowhere = { ...process.env, TEMPORAL_ADDRESS: '127.0.0.1:1' };

  it('refuses a convention of 10 000 parties before reaching Temporal', () => {
    const convention = caminoInput();
    convention.parties = Array.from({ length: 10_000 }, () => convention.parties[0]!);
    const path = join(dir, 'ten-thousand-parties.json');
    writeFileSync(path, JSON.stringify(convention));
    const run = runCli(['start', path], nowhere);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('parties: at most 30 parties');
  });

  it('refuses a 10 MB report before reaching Temporal', () => {
    const path = join(dir, 'huge-report.yaml');
    writeFileSync(path, stringify({ progress: 'x'.repeat(10_000_000), forecast: 'stable' }));
    const run = runCli(
      [
        'report',
        'submit',
        'camino-2020',
        '--period',
        '2020-05',
        '--file',
        path,
        '--as',
        'dinum.betagouv@example.org',
      ],
      nowhere,
    );
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      'The submit-report command was refused: progress: at most 20000 characters.',
    );
  });
});
