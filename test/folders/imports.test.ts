import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Which folder may import which (README, "Folders"): the rules below the worker and the console
// never import them; the worker never imports the console, the CLI or the `npm start` program.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** What each folder may import from the project, besides itself. */
const MAY_IMPORT: Record<string, string[]> = {
  domain: [],
  workflows: ['domain', 'activities'],
  config: ['crypto', 'domain'],
  crypto: ['domain'],
  mail: [],
  temporal: ['config', 'domain', 'workflows'],
  store: ['domain'],
  activities: ['domain', 'crypto', 'store'],
  worker: ['activities', 'config', 'crypto', 'domain', 'mail', 'store', 'temporal', 'workflows'],
};

function sourcesOf(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(ts|cjs)$/.test(file))
    .map((file) => join(ROOT, folder, file));
}

/** The project folders a file imports from (type imports included: they are arrows too). */
function foldersImportedBy(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const specifiers = [...source.matchAll(/(?:from|import\(|require\()\s*'(\.{1,2}\/[^']+)'/g)].map(
    ([, s]) => s!,
  );
  return specifiers.map((specifier) => relative(ROOT, resolve(dirname(file), specifier)).split('/')[0]!);
}

describe('the arrows between folders', () => {
  for (const [folder, allowed] of Object.entries(MAY_IMPORT))
    it(`${folder}/ imports only from ${allowed.length ? allowed.join(', ') : 'itself'}`, () => {
      const stray = sourcesOf(folder).flatMap((file) =>
        foldersImportedBy(file)
          .filter((imported) => imported !== folder && !allowed.includes(imported))
          .map((imported) => `${relative(ROOT, file)} → ${imported}/`),
      );
      expect(stray).toEqual([]);
    });
});
