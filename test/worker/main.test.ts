import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const WORKER_MAIN = fileURLToPath(new URL('../../worker/main.ts', import.meta.url));

describe('the worker process', () => {
  it('refuses to start on a bad setting, naming each variable, without a stack trace', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', WORKER_MAIN], {
      encoding: 'utf8',
      env: { ...process.env, SMTP_URL: 'http://mail.example.org', TEMPORAL_TLS: 'maybe' },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('invalid configuration:');
    expect(run.stderr).toContain('TEMPORAL_TLS: ');
    expect(run.stderr).toContain('SMTP_URL: expected smtp://host:port or smtps://user:password@host:port');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
