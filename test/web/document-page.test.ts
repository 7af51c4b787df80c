import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConvention } from '../../client/start';
import { conventionStatus } from '../../client/temporal';
import { createConsole } from '../../client/web/server';
import { Signer } from '../../client/web/signer';
import { participantHasher } from '../../crypto/participants';
import { draftDocument } from '../../document/draft';
import { createMailer } from '../../mail/mailer';
import { SqliteDocumentStore } from '../../store/documents-sqlite';
import { SqliteDraftStore } from '../../store/drafts-sqlite';
import { SqliteSignInStore } from '../../store/sign-in-sqlite';
import { startDevServer } from '../../temporal/servers';
import { workflowIdFor } from '../../workflows/messages';
import { camino, PEOPLE } from '../fixtures';
import { signPdf } from '../helpers/pdf-signing';
import { freePort } from '../helpers/ports';
import {
  issueTestSigner,
  makeTestCa,
  makeTestFolder,
  removeTestFolder,
  type TestCa,
} from '../helpers/signing-ca';
import { startHarness, type WorkflowHarness } from '../helpers/workflow-env';
import { auditPage, SCREENSHOTS, type Audit } from './audit';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './browser';

// A convention's « Document » page (issue 31, item 7) in Chromium, on the seed running on
// Temporal's dev server: its admin drafts the model's version and downloads it, its hash the one
// the page shows; a party's representative reads and downloads it but cannot draft; someone the
// convention does not name sees nothing. Each page audited with axe-core at 1280 and 375 px.

let env: TestWorkflowEnvironment;
let harness: WorkflowHarness;
let app: FastifyInstance;
let browser: Browser;
let signIn: SqliteSignInStore;
let documents: SqliteDocumentStore;
let consoleUrl: string;
const dir = mkdtempSync(join(tmpdir(), 'convention-document-page-'));
const signer = new Signer('a test secret that is long enough to sign');
const audits: Audit[] = [];
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const STRANGER = 'personne@example.org';
const caFolder = makeTestFolder();
let ca: TestCa;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  ca = makeTestCa(caFolder, 'AC de test');
  const port = await freePort();
  consoleUrl = `http://127.0.0.1:${port}`;
  env = await startDevServer({ port: await freePort() });
  harness = await startHarness(env, 'document-page', { consoleUrl });
  signIn = new SqliteSignInStore(join(dir, 'console.sqlite'));
  documents = new SqliteDocumentStore(join(dir, 'register.sqlite'));
  app = await createConsole({
    client: env.client,
    register: harness.register,
    signIn,
    drafts: new SqliteDraftStore(':memory:'),
    documents,
    trustAnchorsPem: ca.certificatePem,
    signer,
    mailer: createMailer(harness.capture.url),
    mailFrom: 'Conventions <conventions@example.org>',
    consoleUrl,
    taskQueue: harness.taskQueue,
    admins: [],
    hashParticipant: participantHasher(undefined),
  });
  await app.listen({ port, host: '127.0.0.1' });
  await startConvention(
    { client: env.client, taskQueue: harness.taskQueue, register: harness.register },
    { convention: camino() },
  );
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await harness?.close();
  await env?.teardown();
  await signIn?.close();
  await documents?.close();
  rmSync(dir, { recursive: true, force: true });
  removeTestFolder(caFolder);
});

/** A browser signed in as `email` (a session opened on the server, its signed cookie given). */
async function as(email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'fr-FR', acceptDownloads: true });
  const token = await signIn.openSession(email, Date.now());
  await context.addCookies([{ name: 'session', value: signer.sign(token), url: consoleUrl }]);
  return { context, page: await context.newPage() };
}

const DOCUMENT = () => `${consoleUrl}/conventions/camino-2020/document`;

describe('the « Document » page of a convention', () => {
  it('lets its admin draft the model’s version, once, and download it: its bytes are the hash shown', async () => {
    const { context, page } = await as(PEOPLE.admin);
    await page.goto(`${consoleUrl}/conventions/camino-2020`);
    await page.getByRole('link', { name: 'Document de la convention' }).click();
    await page.getByRole('heading', { level: 1, name: 'Document de la convention — camino-2020' }).waitFor();
    await page.getByText('Aucune version du document n’est encore conservée').waitFor();
    await auditPage(page, 'document-empty').then((audit) => audits.push(audit));

    await page.getByRole('button', { name: 'Produire la version du modèle' }).click();
    await page
      .getByRole('heading', {
        name: 'La version 1 du document est ajoutée : son empreinte est inscrite au registre.',
      })
      .waitFor();
    const expected = sha256(await draftDocument(camino()));
    const row = page.getByRole('row').filter({ hasText: expected });
    expect(await row.count()).toBe(1);
    expect(await row.getByRole('cell').first().innerText()).toBe('1');
    const text = await row.innerText();
    expect(text).toContain(PEOPLE.admin);
    expect(text).toContain('Version produite depuis le modèle de la DINUM');
    await auditPage(page, 'document-admin').then((audit) => audits.push(audit));

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.getByRole('link', { name: /^Télécharger la version 1 \(PDF, \d+(,\d)?\s?ko\)$/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('camino-2020-version-1.pdf');
    expect(sha256(readFileSync((await download.path())!))).toBe(expected);
    const response = await context.request.get(`${DOCUMENT()}/${expected}`);
    expect(response.headers()['content-type']).toBe('application/pdf');
    expect(response.headers()['content-disposition']).toBe(
      'attachment; filename="camino-2020-version-1.pdf"',
    );

    // The same data again: the same bytes, kept once, and no second version of the same file.
    await page.getByRole('button', { name: 'Produire la version du modèle' }).click();
    await page.getByRole('heading', { name: 'La version n’est pas ajoutée' }).waitFor();
    await page.getByText('Ce fichier est déjà la version n° 1.').waitFor();
    expect((await documents.list('camino-2020')).map((file) => file.sha256)).toEqual([expected]);
    await context.close();
  });

  it('shows a party’s representative the versions to download, without the button, and refuses its POST', async () => {
    const { context, page } = await as(PEOPLE.sgRepresentative);
    await page.goto(DOCUMENT());
    await page.getByRole('link', { name: /^Télécharger la version 1/ }).waitFor();
    expect(await page.getByRole('button', { name: 'Produire la version du modèle' }).count()).toBe(0);
    await auditPage(page, 'document-party').then((audit) => audits.push(audit));
    const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
    const refused = await context.request.post(`${DOCUMENT()}/modele`, { form: { _csrf: csrf } });
    expect(refused.status()).toBe(403);
    expect(await refused.text()).toContain('Seuls les administrateurs de la convention peuvent produire');
    await context.close();
  });

  it('lets a representative download the version, sign it with their tool, drop it and read the verification', async () => {
    const { context, page } = await as(PEOPLE.dgprRepresentative);
    await page.goto(DOCUMENT());
    await page.getByText(/^C’est au tour de : .+ \(SG\), .+ \(DGALN\), .+ \(DGPR\)\.$/).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /^Télécharger la version 1/ }).click(),
    ]);
    const version = readFileSync((await download.path())!);

    // Unsigned: refused in French, nothing recorded.
    const unsigned = join(dir, 'non-signe.pdf');
    writeFileSync(unsigned, version);
    await page.getByLabel('Le fichier signé (PDF)').setInputFiles(unsigned);
    await page.getByRole('button', { name: 'Déposer le fichier signé' }).click();
    await page.getByRole('heading', { name: 'La signature n’est pas enregistrée' }).waitFor();
    await page.getByText('Ce PDF ne porte aucune signature électronique').waitFor();
    await auditPage(page, 'document-refused').then((audit) => audits.push(audit));

    // Signed by the representative's certificate, as their signing tool would.
    const signed = await signPdf(
      version,
      issueTestSigner(ca, { commonName: 'Cédric Bourillet', key: 'ecdsa' }),
    );
    const signedPath = join(dir, 'signe-dgpr.pdf');
    writeFileSync(signedPath, signed);
    await page.getByLabel('Le fichier signé (PDF)').setInputFiles(signedPath);
    await page.getByRole('button', { name: 'Déposer le fichier signé' }).click();
    await page
      .getByRole('heading', { name: /^La signature de .+ \(DGPR\) est vérifiée et enregistrée$/ })
      .waitFor();
    await page
      .getByText(/^Signataire : Cédric Bourillet\. Signé le .+ Certificat émis par : .*AC de test/)
      .waitFor();
    await page.getByText(/^C’est au tour de : .+ \(SG\), .+ \(DGALN\)\.$/).waitFor();
    await auditPage(page, 'document-signed').then((audit) => audits.push(audit));

    const status = await conventionStatus(env.client.workflow.getHandle(workflowIdFor('camino-2020')));
    const evidence = status.signatures.find((one) => one.party === 'DGPR')?.evidence;
    expect(evidence).toMatchObject({ kind: 'electronic', signedFileSha256: sha256(signed) });
    // The file kept is the one signed, downloadable by the hash the register holds.
    const kept = await context.request.get(`${DOCUMENT()}/${sha256(signed)}`);
    expect(sha256(await kept.body())).toBe(sha256(signed));
    const entry = (await harness.register.decisions('camino-2020')).find((one) => one.kind === 'sign');
    expect(JSON.stringify(entry)).toContain(sha256(signed));
    await context.close();
  });

  it('tells someone the convention does not name nothing, the page nor a file; an unknown hash is not found', async () => {
    const [kept] = await documents.list('camino-2020');
    const { context } = await as(STRANGER);
    expect((await context.request.get(DOCUMENT())).status()).toBe(403);
    expect((await context.request.get(`${DOCUMENT()}/${kept!.sha256}`)).status()).toBe(403);
    await context.close();
    const admin = await as(PEOPLE.admin);
    expect((await admin.context.request.get(`${DOCUMENT()}/${'0'.repeat(64)}`)).status()).toBe(404);
    expect((await admin.context.request.get(`${DOCUMENT()}/..%2F..%2Fetc`)).status()).toBe(404);
    await admin.context.close();
  });

  it('passes axe-core, shows no identifier of the domain and fits a phone', () => {
    expect(audits.map((audit) => audit.page)).toEqual([
      'document-empty',
      'document-admin',
      'document-party',
      'document-refused',
      'document-signed',
    ]);
    expect(audits.filter((a) => a.violations.length || a.identifiers.length || a.overflow)).toEqual([]);
  });
});
