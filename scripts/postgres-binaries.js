// Where PostgreSQL's server programs (initdb, postgres) are: PG_BIN, or the newest of Debian's
// /usr/lib/postgresql/N/bin. Shared by `npm install` (which installs the package when none is
// found) and the tests that start a server of their own.
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** @returns {string | undefined} the folder holding an executable initdb */
export function postgresBinDir() {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  return versions
    .map((version) => join(root, version, 'bin'))
    .find((bin) => {
      try {
        accessSync(join(bin, 'initdb'), constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
}
