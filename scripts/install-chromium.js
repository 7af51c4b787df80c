#!/usr/bin/env node
// The browser tests drive Debian's Chromium with playwright-core (no browser download, which our
// machines cannot do). Runs as npm's postinstall: installs the `chromium` package with apt when it
// is missing and we are root; otherwise says how. Not fatal: only the browser tests need it.
import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

if (executable(path)) {
  console.log(`chromium: found at ${path}`);
} else if (process.getuid?.() === 0 && executable('/usr/bin/apt-get')) {
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const run = (args) => execFileSync('apt-get', args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
    run(['update', '-qq']);
    run(['install', '-y', '-qq', 'chromium']);
    console.log('chromium: installed Debian’s chromium package');
  } catch (error) {
    console.warn(`chromium: apt-get install chromium failed: ${error.message}`);
  }
} else {
  console.warn(
    `chromium: not found at ${path}. The browser tests need it: apt-get install chromium (as root), or set CHROMIUM_PATH.`,
  );
}
