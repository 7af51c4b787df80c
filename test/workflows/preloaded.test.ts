import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTimeSkippingServer } from '../../temporal/servers';
import { quietBundlerLogger } from '../../temporal/runtime';
import { PRELOADED_MODULES } from '../../worker/worker';
import { readAndTamper } from '../sandbox/preloaded-state';

// The worker evaluates the domain once and shares it between every workflow it caches
// (worker/worker.ts). What makes that safe, checked here: the shared modules keep no state a
// workflow could change, and what they export survives the SDK's deep freeze.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The project's modules a file imports as values (`import type` is erased from the bundle). */
function localValueImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const imports = source.matchAll(/^import (?!type )[^;]*?from '(\.{1,2}\/[^']+)';/gms);
  return [...imports].map(([, specifier]) => resolve(dirname(file), specifier!.replace(/(\.ts)?$/, '.ts')));
}

/** Every project module the preloaded ones bring with them: they are shared too. */
function preloadedClosure(): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    localValueImports(file).forEach(visit);
  };
  PRELOADED_MODULES.forEach(visit);
  return [...seen].sort();
}

/** What the SDK's deep freeze reaches from a module's exports: objects, walked; functions, frozen themselves only. */
function frozenReach(exports: object): unknown[] {
  const reached: unknown[] = [];
  const seen = new Set<unknown>();
  const walk = (value: unknown) => {
    if (!value || (typeof value !== 'object' && typeof value !== 'function') || seen.has(value)) return;
    seen.add(value);
    reached.push(value);
    if (typeof value === 'object')
      Reflect.ownKeys(value).forEach((key) => walk((value as Record<PropertyKey, unknown>)[key]));
  };
  walk(exports);
  return reached;
}

/** Objects that stop working, or could carry state, once frozen. */
function unfreezable(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if ('_zod' in value) return 'a zod schema (zod rewrites it at its first parse)';
  if (value instanceof RegExp) return 'a RegExp (its lastIndex changes as it matches)';
  if (value instanceof Map || value instanceof Set || value instanceof WeakMap)
    return `a ${value.constructor.name} (freezing does not stop it changing)`;
  if (value instanceof Date) return 'a Date (freezing does not stop it changing)';
  return undefined;
}

describe('the modules the worker shares between workflows', () => {
  const closure = preloadedClosure();

  it('are what the workflows import from the domain, and with them everything those import', () => {
    const workflowImports = readdirSync(resolve(ROOT, 'workflows'))
      .flatMap((name) => localValueImports(resolve(ROOT, 'workflows', name)))
      .filter((file) => file.startsWith(resolve(ROOT, 'domain')));
    expect([...new Set(workflowImports)].sort()).toEqual([...PRELOADED_MODULES].sort());
    expect(closure.map((file) => file.slice(ROOT.length))).toContain('domain/fields.ts');
  });

  it('export nothing that a freeze breaks or that could change', async () => {
    const faults: string[] = [];
    for (const file of closure) {
      const exports = (await import(file)) as object;
      for (const value of frozenReach({ ...exports })) {
        const fault = unfreezable(value);
        if (fault) faults.push(`${file.slice(ROOT.length)} exports ${fault}`);
      }
    }
    expect(faults).toEqual([]);
  });

  it('keep no variable at the top level: nothing a workflow could leave there for the next one', () => {
    const variables = closure.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => /^(export )?(let|var) /.test(line))
        .map((line) => `${file.slice(ROOT.length)}: ${line}`),
    );
    expect(variables).toEqual([]);
  });
});

describe('two workflows on one worker', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await startTimeSkippingServer();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('share the preloaded domain, frozen, and neither can leave a mark in it for the other', async () => {
    const workflowBundle = await bundleWorkflowCode({
      workflowsPath: fileURLToPath(new URL('../sandbox/preloaded-state.ts', import.meta.url)),
      preloadModules: PRELOADED_MODULES,
      logger: quietBundlerLogger,
    });
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: 'preloaded',
      workflowBundle,
      // Both stay cached, side by side in one V8 context.
      maxCachedWorkflows: 10,
    });
    const [first, second] = await worker.runUntil(async () => {
      const run = (mark: string) =>
        env.client.workflow.execute(readAndTamper, {
          taskQueue: 'preloaded',
          workflowId: `preloaded-${mark}`,
          args: [mark],
        });
      return [await run('first'), await run('second')];
    });

    for (const state of [first, second]) {
      expect(state.frozen).toBe(true);
      expect(state.tamperingRefused).toBe('TypeError');
      // zod works on the shared schemas: a command parses in each workflow.
      expect(state.parsedDecision).toBe('continue');
    }
    expect(second.commandsSeen).toEqual(first.commandsSeen);
    expect(second.commandsSeen).not.toContain('first');
    expect(first.commandsSeen).toContain('decide');
  });
});
