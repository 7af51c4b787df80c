#!/usr/bin/env node
// Debian packages the tests use, installed with apt when missing and we are root (our machines
// cannot download a browser or a database any other way); otherwise says how. Runs as npm's
// postinstall. Not fatal: only the tests that use a package need it.
//   chromium    the browser tests drive it with playwright-core (no browser download);
//   postgresql  the register's tests on PostgreSQL and `npm run test:cluster` start their own server;
//   poppler-utils, tesseract-ocr, tesseract-ocr-fra  the model's PDF is rendered to images
//               (pdftoppm) and read back in French by OCR (test/document/draft.test.ts).
//   openssl     the signature proof's tests make their certification authority with its CLI.
import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';
import { postgresBinDir } from './postgres-binaries.js';

function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const postgres = postgresBinDir();
const wanted = [
  { name: 'chromium', found: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', setting: 'CHROMIUM_PATH' },
  {
    name: 'postgresql',
    found: postgres && join(postgres, 'initdb'),
    setting: 'PG_BIN (the folder of initdb)',
  },
  { name: 'poppler-utils', found: '/usr/bin/pdftoppm' },
  { name: 'tesseract-ocr', found: '/usr/bin/tesseract' },
  { name: 'tesseract-ocr-fra', found: '/usr/share/tesseract-ocr/5/tessdata/fra.traineddata', readable: true },
  { name: 'openssl', found: '/usr/bin/openssl', setting: 'PATH (the folder of an openssl)' },
];

function readable(file) {
  try {
    accessSync(file, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

const missing = wanted.filter(
  ({ found, readable: data }) => !found || !(data ? readable(found) : executable(found)),
);
for (const { name, found } of wanted.filter((one) => !missing.includes(one)))
  console.log(`${name}: found at ${found}`);

if (missing.length && process.getuid?.() === 0 && executable('/usr/bin/apt-get')) {
  const names = missing.map(({ name }) => name);
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const run = (args) => execFileSync('apt-get', args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
    run(['update', '-qq']);
    run(['install', '-y', '-qq', ...names]);
    console.log(`installed Debian’s ${names.join(' and ')} package${names.length > 1 ? 's' : ''}`);
  } catch (error) {
    console.warn(`apt-get install ${names.join(' ')} failed: ${error.message}`);
  }
} else
  for (const { name, setting } of missing)
    console.warn(
      `${name}: not found. Some tests need it: apt-get install ${name} (as root)${setting ? `, or set ${setting}` : ''}.`,
    );
