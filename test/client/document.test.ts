import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftDocument } from '../../document/draft';
import { SqliteDocumentStore } from '../../store/documents-sqlite';
import { camino, CAMINO_PATH } from '../fixtures';
import { pdfOf } from '../helpers/documents';
import { runCli } from './run-cli';

// `convention document` (issue 31, item 7): a kept file written to disk, by version or signed,
// from the register's SQLite file; `--model`, the model's PDF of a convention file, no server.

const dir = mkdtempSync(join(tmpdir(), 'convention-document-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const REGISTER_PATH = join(dir, 'register.sqlite');
const env: NodeJS.ProcessEnv = { ...process.env, REGISTER_PATH };
delete env.DATABASE_URL;

let model: Uint8Array;
let second: Uint8Array;
let signed: Uint8Array;
beforeAll(async () => {
  model = await draftDocument(camino());
  second = await pdfOf('Convention de délégation de gestion, version 2');
  signed = await pdfOf('Convention de délégation de gestion, signée');
  const store = new SqliteDocumentStore(REGISTER_PATH);
  const added = {
    conventionId: 'camino-2020',
    addedBy: 'admin@example.org',
    addedAt: '2027-03-10T09:00:00.000Z',
  };
  await store.add({ ...added, kind: 'version', content: model });
  await store.add({ ...added, kind: 'version', content: second });
  await store.add({ ...added, kind: 'signed', content: signed });
  await store.close();
});

describe('convention document', () => {
  it('--model writes the model’s PDF of a convention file, the bytes draftDocument gives', () => {
    const out = join(dir, 'model.pdf');
    const run = runCli(['document', '--model', CAMINO_PATH, '--out', out], env);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /^wrote the model's PDF of camino-2020 to .*model\.pdf \(\d{2},\d{3} bytes\)\n$/,
    );
    expect(sha256(readFileSync(out))).toBe(sha256(model));
  });

  it.each([
    [['--version', '1'], 'version 1', () => model],
    [[], 'version 2', () => second],
    [['--signed'], 'signed document', () => signed],
  ])('%j writes the %s kept, its hash printed', (options, what, expected) => {
    const out = join(dir, `${what.replace(' ', '-')}.pdf`);
    const run = runCli(['document', 'camino-2020', ...options, '--out', out], env);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`wrote camino-2020 ${what} (sha256 ${sha256(expected())}, `);
    expect(sha256(readFileSync(out))).toBe(sha256(expected()));
  });

  it('refuses a version that is not kept, both options at once, and a convention without files', () => {
    const out = join(dir, 'none.pdf');
    expect(runCli(['document', 'camino-2020', '--version', '3', '--out', out], env)).toMatchObject({
      status: 1,
      stderr: 'camino-2020 has no version 3 (2 kept).\n',
    });
    expect(
      runCli(['document', 'camino-2020', '--version', '1', '--signed', '--out', out], env),
    ).toMatchObject({
      status: 1,
      stderr: 'Give --version N or --signed, not both.\n',
    });
    expect(runCli(['document', 'autre-2027', '--signed', '--out', out], env)).toMatchObject({
      status: 1,
      stderr: 'autre-2027 has no signed document kept.\n',
    });
    expect(runCli(['document', 'camino-2020', '--version', 'deux', '--out', out], env).status).toBe(1);
    expect(runCli(['document', 'camino-2020'], env).status).toBe(2);
  });
});
