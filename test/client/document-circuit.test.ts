import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { conventionStatus } from '../../client/temporal';
import { localDateOf } from '../../domain/dates';
import { startDevServer } from '../../temporal/servers';
import { workflowIdFor } from '../../workflows/messages';
import { camino, PEOPLE } from '../fixtures';
import { makePdf, signPdf } from '../helpers/pdf-signing';
import { freePort } from '../helpers/ports';
import {
  issueTestSigner,
  makeTestCa,
  makeTestFolder,
  removeTestFolder,
  type TestCa,
  type TestSigner,
} from '../helpers/signing-ca';
import { startHarness, type WorkflowHarness } from '../helpers/workflow-env';
import { startUdata } from '../helpers/udata';
import { runCliAsync } from './run-cli';

// The document circuit on the command line (issue 31), against a dev server: a version uploaded,
// then each party signing in turn with the PDF the previous one returned — verified by proof/,
// kept, its hashes in the sign command — one party by an admin's scan of the paper original; a
// foreign signature refused in French with nothing recorded; the signed document downloaded.

let env: TestWorkflowEnvironment;
let harness: WorkflowHarness;
let cliEnv: NodeJS.ProcessEnv;
let ca: TestCa;
let folder: string;
const dir = mkdtempSync(join(tmpdir(), 'convention-circuit-cli-'));
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const ID = 'camino-signe';

beforeAll(async () => {
  folder = makeTestFolder();
  ca = makeTestCa(folder, 'AC de test');
  writeFileSync(join(dir, 'ac.pem'), ca.certificatePem);
  const port = await freePort();
  env = await startDevServer({ port });
  harness = await startHarness(env, 'circuit-cli');
  cliEnv = {
    ...process.env,
    TEMPORAL_ADDRESS: `127.0.0.1:${port}`,
    TEMPORAL_TASK_QUEUE: 'circuit-cli',
    REGISTER_PATH: harness.registerPath,
    SIGNATURE_TRUST_ANCHORS: join(dir, 'ac.pem'),
  };
}, 120_000);
afterAll(async () => {
  await harness?.close();
  await env?.teardown();
  removeTestFolder(folder);
  rmSync(dir, { recursive: true, force: true });
});

const cli = (...args: string[]) => runCliAsync(args, cliEnv);
const status = () => conventionStatus(env.client.workflow.getHandle(workflowIdFor(ID)));

describe('convention upload-version, sign --signed-file and --scan, document --signed', () => {
  it('signs in turn with verified PDFs, refuses a foreign one, and keeps the signed document', async () => {
    const file = join(dir, 'convention.yaml');
    writeFileSync(file, stringify({ ...camino(), id: ID, signing: { evidence: 'required' } }));
    expect((await cli('start', file)).status).toBe(0);

    const version = await makePdf('Convention de délégation de gestion Camino, version à signer');
    writeFileSync(join(dir, 'v1.pdf'), version);
    const uploaded = await cli(
      'upload-version',
      ID,
      '--file',
      join(dir, 'v1.pdf'),
      '--as',
      PEOPLE.admin,
      '--note',
      'Version du modèle relue',
    );
    expect(uploaded.stderr).toBe('');
    expect((await status()).document.versions).toMatchObject([
      { number: 1, sha256: sha256(version), origin: 'upload' },
    ]);

    const signer = (commonName: string, key: TestSigner['key']) => issueTestSigner(ca, { commonName, key });
    let current: Buffer = version;
    const signAs = async (party: string, as: string, by: TestSigner) => {
      const signed = await signPdf(current, by);
      const path = join(dir, `${party}.pdf`);
      writeFileSync(path, signed);
      const run = await cli('sign', ID, '--party', party, '--as', as, '--signed-file', path);
      if (run.status === 0) current = signed;
      return run;
    };

    // Another person's certificate: refused in French, nothing recorded.
    const foreign = await signAs('SG', PEOPLE.sgRepresentative, signer('Jean Martin', 'rsa'));
    expect(foreign.status).toBe(1);
    expect(foreign.stderr).toContain('n’est pas le représentant de la partie SG');
    expect((await status()).signatures.filter((s) => s.signed)).toHaveLength(0);

    expect((await signAs('SG', PEOPLE.sgRepresentative, signer('Emilie Piette', 'rsa'))).stderr).toBe('');
    // DGALN signed on paper, today: an admin files the scan with its day.
    const today = localDateOf(Date.now(), 'Europe/Paris');
    writeFileSync(join(dir, 'scan.pdf'), await makePdf('Scan de l’original signé par la DGALN'));
    const scanned = await cli(
      'sign',
      ID,
      '--party',
      'DGALN',
      '--as',
      PEOPLE.admin,
      '--scan',
      join(dir, 'scan.pdf'),
      '--signed-on',
      today,
    );
    expect(scanned.stderr).toBe('');
    expect(
      (await signAs('DGPR', PEOPLE.dgprRepresentative, signer('Cédric Bourillet', 'ecdsa'))).stderr,
    ).toBe('');
    expect((await signAs('DINUM', PEOPLE.dinumRepresentative, signer('BOU HANNA Nadi', 'rsa'))).stderr).toBe(
      '',
    );

    const signedStatus = await status();
    expect(signedStatus.state).toBe('awaiting-publication');
    expect(signedStatus.document.signedDocumentSha256).toBe(sha256(current));
    expect(signedStatus.signatures.find((s) => s.party === 'DGALN')?.evidence).toEqual({
      kind: 'handwritten',
      scanSha256: sha256(readFileSync(join(dir, 'scan.pdf'))),
      signedOn: today,
    });
    expect(signedStatus.signatures.find((s) => s.party === 'DGPR')?.evidence).toMatchObject({
      kind: 'electronic',
      versionSha256: sha256(version),
      signer: { name: 'Cédric Bourillet' },
    });

    const out = join(dir, 'signee.pdf');
    const downloaded = await cli('document', ID, '--signed', '--out', out);
    expect(downloaded.stderr).toBe('');
    expect(sha256(readFileSync(out))).toBe(sha256(current));

    // Published with data.gouv.fr configured: the signed document uploaded to the dataset first
    // (a local server answering as udata's API documents it), its address the publication's.
    const udata = await startUdata('cle-api', ['conventions-dinum']);
    try {
      const publish = (apiKey: string) =>
        runCliAsync(['publish', ID, '--where', 'data.gouv.fr', '--as', PEOPLE.admin], {
          ...cliEnv,
          DATAGOUV_API_URL: udata.apiUrl,
          DATAGOUV_API_KEY: apiKey,
          DATAGOUV_DATASET: 'conventions-dinum',
        });
      const refused = await publish('une autre clé');
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('data.gouv.fr refuse le document signé (réponse 401)');
      expect((await status()).publication).toBeNull();

      expect((await publish('cle-api')).stderr).toBe('');
      const [resource] = udata.datasets.get('conventions-dinum')!.resources;
      expect(resource!.bytes.equals(current)).toBe(true);
      expect(resource!.title).toBe(`Convention de délégation de gestion — ${camino().title}`);
      expect((await status()).publication).toMatchObject({ where: 'data.gouv.fr', url: resource!.latest });
    } finally {
      await udata.close();
    }
  }, 240_000);
});
