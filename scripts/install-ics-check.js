#!/usr/bin/env node
// The strict iCalendar parser the tests read every calendar object with (tools/ics-check: ical4j,
// run by Java): resolves its jars with Maven into Maven's local repository and writes their class
// path to .tools/ics-check/classpath.txt. Runs as npm's postinstall; nothing to do once resolved.
// Not fatal: only the calendar tests need it, and they say how to get it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const classpathFile = join(root, '.tools/ics-check/classpath.txt');

const resolved = () =>
  existsSync(classpathFile) && readFileSync(classpathFile, 'utf8').trim().split(':').every(existsSync);

if (resolved()) console.log(`ics-check: found its class path in ${classpathFile}`);
else {
  mkdirSync(dirname(classpathFile), { recursive: true });
  try {
    execFileSync(
      'mvn',
      [
        '-q',
        '-B',
        '-f',
        join(root, 'tools/ics-check/pom.xml'),
        'dependency:build-classpath',
        `-Dmdep.outputFile=${classpathFile}`,
      ],
      // Maven's output only when it fails (it writes terminal codes even in batch mode).
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    console.log(`ics-check: ical4j resolved, class path in ${classpathFile}`);
  } catch (error) {
    console.warn(
      `ics-check: Maven could not resolve ical4j (${error.message}); the calendar tests need it.\n${error.stdout ?? ''}${error.stderr ?? ''}`,
    );
  }
}
