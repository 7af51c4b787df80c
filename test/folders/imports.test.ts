import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Which folder may import which (README, "Folders"): the rules below the worker and the console
// never import them; the worker never imports the console, the CLI or the `npm start` program.
// And no module imports itself through others: a circle of imports has no module to read first.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** What each folder may import from the project, besides itself. */
const MAY_IMPORT: Record<string, string[]> = {
  domain: [],
  workflows: ['domain', 'activities'],
  config: ['crypto', 'domain'],
  crypto: ['domain'],
  mail: [],
  publication: [],
  temporal: ['config', 'domain', 'workflows'],
  store: ['domain'],
  document: ['domain'],
  proof: ['domain'],
  activities: ['domain', 'crypto', 'mail', 'store'],
  worker: ['activities', 'config', 'crypto', 'domain', 'mail', 'store', 'temporal', 'workflows'],
};

function sourcesOf(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(ts|cjs)$/.test(file))
    .map((file) => join(ROOT, folder, file));
}

/** The project's modules a file imports (type imports included: they are arrows too), as written. */
function relativeImportsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/(?:from|import\(|require\()\s*'(\.{1,2}\/[^']+)'/g)].map(([, s]) => s!);
}

/** The project folders a file imports from. */
function foldersImportedBy(file: string): string[] {
  return relativeImportsOf(file).map(
    (specifier) => relative(ROOT, resolve(dirname(file), specifier)).split('/')[0]!,
  );
}

/** The file an import names: written with its extension, without it, or as a folder's index. */
function fileOf(from: string, specifier: string): string | undefined {
  const path = resolve(dirname(from), specifier);
  return [path, `${path}.ts`, join(path, 'index.ts')].find(
    (candidate) => /\.(ts|js|cjs)$/.test(candidate) && existsSync(candidate),
  );
}

/** Each circle of imports among these files, as the files it goes through (depth-first). */
function importCycles(files: string[]): string[][] {
  const state = new Map<string, 'visiting' | 'done'>();
  const cycles: string[][] = [];
  const visit = (file: string, path: string[]) => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'visiting') {
      cycles.push([...path.slice(path.indexOf(file)), file]);
      return;
    }
    state.set(file, 'visiting');
    for (const specifier of relativeImportsOf(file)) {
      const imported = fileOf(file, specifier);
      if (imported) visit(imported, [...path, file]);
    }
    state.set(file, 'done');
  };
  for (const file of files) visit(file, []);
  return cycles;
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

describe('the arrows between modules', () => {
  it('never go round in a circle', () => {
    const folders = readdirSync(ROOT, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules')
      .map((entry) => entry.name);
    const cycles = importCycles(folders.flatMap(sourcesOf)).map((cycle) =>
      cycle.map((file) => relative(ROOT, file)).join(' → '),
    );
    expect(cycles).toEqual([]);
  });
});
