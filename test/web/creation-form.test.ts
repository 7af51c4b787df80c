import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsole } from '../../client/web/server';
import { Signer } from '../../client/web/signer';
import { participantHasher } from '../../crypto/participants';
import { draftFromReading, type JsonObject } from '../../domain/draft';
import { createMailer } from '../../mail/mailer';
import { SqliteDocumentStore } from '../../store/documents-sqlite';
import { SqliteDraftStore } from '../../store/drafts-sqlite';
import { SqliteSignInStore } from '../../store/sign-in-sqlite';
import { startDevServer } from '../../temporal/servers';
import { conventionQuery, workflowIdFor } from '../../workflows/messages';
import { camino, caminoInput, PEOPLE } from '../fixtures';
import { readHistoryFile, readOrRefuse } from '../../client/files';
import { pdfOf, pdfWithoutText } from '../helpers/documents';
import { freePort } from '../helpers/ports';
import { eventually, startHarness, type WorkflowHarness } from '../helpers/workflow-env';
import { auditPage, SCREENSHOTS, type Audit } from './audit';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './browser';

// The creation form (issue 30) in Chromium, as a console administrator meets it: the seed
// (fixtures/camino-2020.yaml) written from the form alone, step by step, left and resumed, its
// budget lines added and removed in a browser without JavaScript, a fault shown beside its field,
// then the preview and the start. The console's clock is set: the form's defaults depend on the day.

let env: TestWorkflowEnvironment;
let harness: WorkflowHarness;
let app: FastifyInstance;
let browser: Browser;
let signIn: SqliteSignInStore;
let drafts: SqliteDraftStore;
let consoleUrl: string;
const dir = mkdtempSync(join(tmpdir(), 'convention-creation-form-'));
const signer = new Signer('a test secret that is long enough to sign');
const audits: Audit[] = [];
/** The console's day: a March morning, then a December one. */
let clock = Date.parse('2027-03-10T09:00:00Z');
const seed = camino();
const HISTORY_PATH = fileURLToPath(new URL('../../fixtures/camino-2020.history.yaml', import.meta.url));

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const port = await freePort();
  consoleUrl = `http://127.0.0.1:${port}`;
  env = await startDevServer({ port: await freePort() });
  harness = await startHarness(env, 'creation-form', { consoleUrl });
  signIn = new SqliteSignInStore(join(dir, 'console.sqlite'));
  drafts = new SqliteDraftStore(join(dir, 'console.sqlite'));
  app = await createConsole({
    client: env.client,
    register: harness.register,
    signIn,
    drafts,
    documents: new SqliteDocumentStore(':memory:'),
    signer,
    mailer: createMailer(harness.capture.url),
    mailFrom: 'Conventions <conventions@example.org>',
    consoleUrl,
    taskQueue: harness.taskQueue,
    admins: [PEOPLE.admin],
    hashParticipant: participantHasher(undefined),
    now: () => clock,
  });
  await app.listen({ port, host: '127.0.0.1' });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await harness?.close();
  await env?.teardown();
  await signIn?.close();
  await drafts?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A browser signed in as the admin (a session opened on the server, its signed cookie given). */
async function admin(options: { javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'fr-FR', ...options });
  const token = await signIn.openSession(PEOPLE.admin, clock);
  await context.addCookies([{ name: 'session', value: signer.sign(token), url: consoleUrl }]);
  return context;
}

async function audit(page: Page, name: string): Promise<void> {
  audits.push(await auditPage(page, name));
}

const next = (page: Page) => page.getByRole('button', { name: 'Enregistrer et continuer' }).click();
const group = (page: Page, legend: string) => page.getByRole('group', { name: legend, exact: true });
const press = (page: Page, name: string) => page.getByRole('button', { name, exact: true }).click();

/** An input by its label, its hint (which starts with a capital) after it. */
const labelled = (scope: Locator | Page, label: string) =>
  scope.getByLabel(new RegExp(`^${label.replace(/[()]/g, '\\$&')}(?=$|\\s|\\p{Lu})`, 'u'));

/** Fills inputs by their labels; a select by its value, a box by true or false. */
async function fill(scope: Locator | Page, fields: Record<string, string | boolean>): Promise<void> {
  for (const [label, value] of Object.entries(fields)) {
    const input = labelled(scope, label);
    // The DSFR draws the box over the input: a person clicks its label.
    if (typeof value === 'boolean') await input.setChecked(value, { force: true });
    else if ((await input.evaluate((element) => element.tagName)) === 'SELECT')
      await input.selectOption(value);
    else await input.fill(value);
  }
}

/** A party of the seed, as a person types it. */
async function fillParty(page: Page, place: number, index: number): Promise<void> {
  const party = seed.parties[index]!;
  await fill(group(page, `Partie n° ${place}`), {
    Sigle: party.id,
    'Nom de la partie': party.name,
    'Rôle dans la convention': party.role,
    'Nom du représentant': party.representative.name,
    'Qualité du représentant': party.representative.title,
    'Adresse électronique du représentant': party.representative.email,
    'Adresse électronique du contact': party.contacts[0]!,
  });
}

/** A line of the seed, its amounts typed the French way, its year left to the effective date. */
async function fillLine(page: Page, place: number, index: number, amount: string, withImputation = true) {
  const line = seed.budget[index]!;
  const { imputation } = line;
  await fill(group(page, `Ligne budgétaire n° ${place}`), {
    UO: line.uo,
    Programme: line.program,
    Financeur: line.funder,
    'Autorisations d’engagement (AE)': amount,
    'Crédits de paiement (CP)': amount,
    'Année budgétaire': '',
    'À rétablir': line.restoration,
    ...(withImputation
      ? {
          'Domaine fonctionnel': imputation.domaineFonctionnel,
          'Sous-action': imputation.sousAction,
          'Centre financier': imputation.centreFinancier,
          Activités: imputation.activites.join('\n'),
          'Centre de coût': imputation.centreCout,
        }
      : {}),
  });
}

describe('the creation form, as an admin meets it', () => {
  it('writes the seed step by step, left and resumed, lines added and removed without JavaScript, then starts it', async () => {
    const context = await admin();
    const page = await context.newPage();
    await page.goto(`${consoleUrl}/conventions/nouvelle`);
    expect(await page.locator('main').innerText()).not.toMatch(/fixtures|\.yaml/);
    await audit(page, 'create-start');
    await press(page, 'Commencer une nouvelle convention');

    // 1. The startup.
    await page.getByRole('heading', { name: 'La startup d’État' }).waitFor();
    await fill(page, {
      'Intitulé de la convention': seed.title,
      Identifiant: seed.id,
      'Nom de la startup d’État': seed.startup.name,
      Incubateur: seed.startup.incubator,
      'Phase financée': seed.startup.phase,
    });
    await audit(page, 'create-1-startup');
    await next(page);

    // 2. The parties: three more than the délégant and the délégataire proposed.
    await page.getByRole('heading', { name: 'Les parties' }).waitFor();
    for (let added = 0; added < 3; added += 1) await press(page, 'Ajouter une partie');
    expect(await page.getByRole('group', { name: /^Partie n° \d$/ }).count()).toBe(5);
    for (const [place, index] of [1, 2, 3, 4, 5].entries()) await fillParty(page, index, place);
    // A fault: beside its field, in French, and listed above with a link to it.
    await group(page, 'Partie n° 3')
      .getByLabel('Adresse électronique du représentant')
      .fill('pas-une-adresse');
    await next(page);
    await page.getByText('1 point à corriger dans cette étape').waitFor();
    const error = page.locator('[id="parties.2.representative.email-error"]');
    expect(await error.innerText()).toBe(
      'valeur attendue : une adresse électronique, par exemple nom@domaine.fr.',
    );
    expect(await page.getByRole('alert').innerText()).toContain(
      'Partie n° 3 › Représentant › Adresse électronique : valeur attendue : une adresse électronique',
    );
    expect(await page.getByRole('alert').getByRole('link').getAttribute('href')).toBe(
      '#parties.2.representative.email',
    );
    await audit(page, 'create-2-parties-fault');
    await group(page, 'Partie n° 3')
      .getByLabel('Adresse électronique du représentant')
      .fill(seed.parties[2]!.representative.email);
    await audit(page, 'create-2-parties');
    await next(page);

    // 3. The people.
    await page.getByRole('heading', { name: 'Les personnes' }).waitFor();
    expect(await page.getByLabel('Administrateurs de la convention').inputValue()).toBe(PEOPLE.admin);
    await fill(page, {
      'Secrétariat du comité d’investissement': seed.roles.committeeSecretary.name,
      'Adresse électronique du secrétariat': seed.roles.committeeSecretary.email,
      'Nom de l’intrapreneur': seed.roles.intrapreneur!.name,
      'Adresse électronique de l’intrapreneur': seed.roles.intrapreneur!.email,
      'Adresses du CBCM': seed.roles.cbcm.join('\n'),
    });
    await audit(page, 'create-3-roles');
    await next(page);

    // 4. The budget: the first line, half typed; then the admin leaves.
    await page.getByRole('heading', { name: 'Le budget' }).waitFor();
    expect(await page.getByLabel('Année budgétaire').inputValue()).toBe('2027');
    await fillLine(page, 1, 0, '140 000,00');
    await labelled(page, 'Centre de coût').fill('');
    await press(page, 'Enregistrer et reprendre plus tard');
    await page.getByRole('heading', { name: 'Mes brouillons' }).waitFor();
    await audit(page, 'create-drafts');

    // Resumed in a browser without JavaScript: at the step left unfinished, lines added and removed.
    const noScript = await admin({ javaScriptEnabled: false });
    const bare = await noScript.newPage();
    await bare.goto(`${consoleUrl}/conventions/nouvelle`);
    await bare.getByRole('link', { name: seed.title }).click();
    await bare.getByRole('heading', { name: 'Le budget' }).waitFor();
    expect(await bare.getByLabel('Autorisations d’engagement (AE)').inputValue()).toBe('140 000,00');
    const lines = () => bare.getByRole('group', { name: /^Ligne budgétaire n° \d$/ }).count();
    await press(bare, 'Ajouter une ligne budgétaire');
    await press(bare, 'Ajouter une ligne budgétaire');
    expect(await lines()).toBe(3);
    await press(bare, 'Retirer la ligne n° 3');
    expect(await lines()).toBe(2);
    await bare.screenshot({ path: `${SCREENSHOTS}create-4-budget-without-javascript.png`, fullPage: true });
    await noScript.close();

    // Back where JavaScript runs: the lines as left, the last two typed (ONF's imputation is its UO's).
    await page.goto(`${consoleUrl}/conventions/nouvelle`);
    await page.getByRole('link', { name: seed.title }).click();
    await page.getByRole('heading', { name: 'Le budget' }).waitFor();
    await labelled(group(page, 'Ligne budgétaire n° 1'), 'Centre de coût').fill('DININCUB75');
    await fillLine(page, 2, 1, '80 000 €', false);
    await press(page, 'Ajouter une ligne budgétaire');
    await fillLine(page, 3, 2, '100000');
    await audit(page, 'create-4-budget');
    await next(page);

    // 5. The schedule: the model's defaults, explained.
    await page.getByRole('heading', { name: 'Le calendrier' }).waitFor();
    expect(await page.getByLabel('Jours entre deux rappels').inputValue()).toBe('7');
    expect(await page.locator('main').innerText()).toContain(
      'Le compte rendu d’un mois est dû ce jour du mois suivant ; le 10 par défaut',
    );
    await audit(page, 'create-5-schedule');
    await next(page);

    // 6. Where it stands: not signed yet, as proposed; it starts at its signatures.
    await page.getByRole('heading', { name: 'Où en est cette convention ?' }).waitFor();
    expect(await page.getByLabel('Pas encore signée').isChecked()).toBe(true);
    await audit(page, 'create-6-situation');
    await page.getByRole('button', { name: 'Enregistrer et voir l’aperçu' }).click();

    // The preview of a file, then the start: the convention started is the seed's.
    await page.getByText('La convention est complète').waitFor();
    const preview = await page.locator('main').innerText();
    expect(preview).toMatch(/0113-PEBC-ELAB\s+P113\s+ONF \(à rétablir\)\s+80\s000,00\s€/);
    expect(preview).not.toContain('hors délai');
    await audit(page, 'create-7-preview');
    await press(page, 'Démarrer la convention');
    await page.getByText('La convention est démarrée').waitFor();
    expect(new URL(page.url()).pathname).toBe('/conventions/camino-2020');
    const started = await env.client.workflow.getHandle(workflowIdFor(seed.id)).query(conventionQuery);
    expect(started).toEqual(seed);
    expect(await drafts.list(PEOPLE.admin)).toEqual([]);
    await context.close();
  }, 180_000);

  it('shows beside each field what a reading of the document found, and what to confirm', async () => {
    const reading = {
      convention: { ...caminoInput(), id: 'camino-lu' } as Record<string, unknown>,
      missing: ['parties.0.representative.email'],
      sources: {
        'parties.1.representative.name': 'Représentée par Stéphanie Dupuy-Lyon, directrice générale',
      },
      unsure: { 'parties.1.name': 'le document porte « Ourée » ; vérifiez le nom' },
    };
    const id = await drafts.create(
      PEOPLE.admin,
      draftFromReading(reading, PEOPLE.admin, '2027-03-10'),
      clock,
    );
    const context = await admin();
    const page = await context.newPage();
    await page.goto(`${consoleUrl}/conventions/nouvelle/brouillons/${id}/parties`);
    const party = group(page, 'Partie n° 2');
    expect(await party.innerText()).toContain(
      'Lu dans le document : « Représentée par Stéphanie Dupuy-Lyon, directrice générale »',
    );
    expect(await party.locator('.fr-message--warning').innerText()).toBe(
      'À vérifier : le document porte « Ourée » ; vérifiez le nom',
    );
    await audit(page, 'create-read-from-document');
    await context.close();
  });

  it('reads the seed’s document dropped on the start page into a draft, each value with its line', async () => {
    const text = readFileSync(
      fileURLToPath(new URL('../../fixtures/camino-2020.convention.txt', import.meta.url)),
      'utf8',
    );
    const context = await admin();
    const page = await context.newPage();
    const drop = async (name: string, mimeType: string, buffer: Buffer) => {
      await page.goto(`${consoleUrl}/conventions/nouvelle`);
      await page.setInputFiles('#document', { name, mimeType, buffer });
      await page.getByRole('button', { name: 'Lire le document' }).click();
    };

    // A scan without its text, then a text that is no convention: refused, saying why.
    await drop('scan.pdf', 'application/pdf', Buffer.from(await pdfWithoutText()));
    expect(await page.locator('.fr-alert--error').innerText()).toContain('Document scanné sans texte');
    await drop('notes.txt', 'text/plain', Buffer.from('Compte rendu de réunion\nRien à signaler.'));
    expect(await page.locator('.fr-alert--error').innerText()).toContain(
      'n’est pas une convention de délégation de gestion',
    );

    // The signed convention as a PDF: a draft filled with what it says.
    await drop('convention-camino.pdf', 'application/pdf', Buffer.from(await pdfOf(text)));
    expect(page.url()).toMatch(/\/conventions\/nouvelle\/brouillons\/[^/]+\/[a-z-]+$/);
    await page.goto(page.url().replace(/\/[a-z-]+$/, '/parties'));
    const party = group(page, 'Partie n° 2');
    expect(await party.getByLabel('Nom du représentant').inputValue()).toBe(
      camino().parties[1]!.representative.name,
    );
    expect(await party.innerText()).toMatch(/Lu dans le document : « .*Dupuy-Lyon/);
    // Addresses are never in the document: asked for, not invented.
    expect(await party.getByLabel('Adresse électronique du représentant').inputValue()).toBe('');
    await audit(page, 'create-read-document-parties');
    await page.goto(page.url().replace(/\/parties$/, '/budget'));
    const amounts = await page
      .getByLabel('Autorisations d’engagement (AE)')
      .evaluateAll((inputs) => inputs.map((input) => (input as unknown as { value: string }).value));
    expect(amounts.length).toBe(camino().budget.length);
    await audit(page, 'create-read-document-budget');
    await context.close();
  }, 180_000);

  it('starts the seed from its text dropped on the page, nothing typed but what the document does not say', async () => {
    const text = readFileSync(
      fileURLToPath(new URL('../../fixtures/camino-2020.convention.txt', import.meta.url)),
      'utf8',
    );
    const context = await admin();
    const page = await context.newPage();
    await page.goto(`${consoleUrl}/conventions/nouvelle`);
    await page.setInputFiles('#document', {
      name: 'convention-camino-2020.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(text),
    });
    await page.getByRole('button', { name: 'Lire le document' }).click();
    await page.getByRole('heading', { name: 'Nouvelle convention' }).waitFor();

    // 1. Filled from the text; only the identifier changes, the seed's being taken by the first test.
    await page.getByRole('link', { name: 'La startup d’État' }).click();
    expect(await page.getByLabel('Nom de la startup d’État').inputValue()).toBe(seed.startup.name);
    expect(await page.getByLabel('Intitulé de la convention').inputValue()).toBe(
      'Convention de délégation de gestion — Camino (2020)',
    );
    await labelled(page, 'Identifiant').fill('camino-lu');
    await audit(page, 'read-1-startup');
    await next(page);

    // 2. The parties as the text names them; their addresses asked for beside each input.
    await page.getByRole('heading', { name: 'Les parties' }).waitFor();
    await next(page);
    await page.getByText(/\d+ points à corriger dans cette étape/).waitFor();
    for (const place of [0, 1, 2, 3, 4]) {
      expect(await page.locator(`[id="parties.${place}.representative.email-error"]`).innerText()).toBe(
        'à renseigner.',
      );
      expect(await page.locator(`[id="parties.${place}.contacts.0-error"]`).innerText()).toBe(
        'à renseigner.',
      );
    }
    await audit(page, 'read-2-parties-asked');
    for (const [i, party] of seed.parties.entries()) {
      const scope = group(page, `Partie n° ${i + 1}`);
      expect(await scope.getByLabel('Sigle').inputValue()).toBe(party.id);
      await fill(scope, {
        'Adresse électronique du représentant': party.representative.email,
        'Adresse électronique du contact': party.contacts[0]!,
      });
      // ONF's representative is not named in the convention: asked for too.
      if (party.role === 'cofunder')
        await fill(scope, {
          'Nom du représentant': party.representative.name,
          'Qualité du représentant': party.representative.title,
        });
      else expect(await scope.getByLabel('Nom du représentant').inputValue()).toBe(party.representative.name);
    }
    await next(page);

    // 3. The committee's secretariat, which the text does not name.
    await page.getByRole('heading', { name: 'Les personnes' }).waitFor();
    await fill(page, {
      'Secrétariat du comité d’investissement': seed.roles.committeeSecretary.name,
      'Adresse électronique du secrétariat': seed.roles.committeeSecretary.email,
    });
    await audit(page, 'read-3-roles');
    await next(page);

    // 4. The budget read, its amounts as a person reads them; 5. the schedule's defaults; 6. not signed yet.
    await page.getByRole('heading', { name: 'Le budget' }).waitFor();
    expect(
      await page
        .getByLabel('Autorisations d’engagement (AE)')
        .evaluateAll((inputs) => inputs.map((input) => (input as unknown as { value: string }).value)),
    ).toEqual(['140 000,00', '80 000,00', '100 000,00']);
    await audit(page, 'read-4-budget');
    await next(page);
    await page.getByRole('heading', { name: 'Le calendrier' }).waitFor();
    await next(page);
    await page.getByRole('heading', { name: 'Où en est cette convention ?' }).waitFor();
    await page.getByRole('button', { name: 'Enregistrer et voir l’aperçu' }).click();
    await page.getByText('La convention est complète').waitFor();
    expect(await page.locator('main').innerText()).toContain('Crédits 2020 hors délai');
    await audit(page, 'read-5-preview');
    await press(page, 'Démarrer la convention');
    await page.getByText('La convention est démarrée').waitFor();

    // The lines, funders, « à rétablir », imputations and representatives are the seed's (the
    // parties' names as the convention writes them in full).
    const started = await env.client.workflow.getHandle(workflowIdFor('camino-lu')).query(conventionQuery);
    // The text says « au titre du financement … 2020 »: lines of 2020, which the preview warned of.
    expect(started.budget.map(({ year, ...line }) => [year, line])).toEqual(
      seed.budget.map((line) => [2020, line]),
    );
    const people = (parties: typeof seed.parties) =>
      parties.map(({ id, role, representative, contacts }) => ({ id, role, representative, contacts }));
    expect(people(started.parties)).toEqual(people(seed.parties));
    await context.close();
  }, 180_000);

  it('in December, proposes next year’s credits, and the preview warns that this year’s cannot be engaged', async () => {
    clock = Date.parse('2026-12-07T10:00:00Z');
    const context = await admin();
    const page = await context.newPage();
    await page.goto(`${consoleUrl}/conventions/nouvelle`);
    await press(page, 'Commencer une nouvelle convention');
    await page.getByRole('link', { name: 'Le budget' }).click();
    expect(await page.getByLabel('Année budgétaire').inputValue()).toBe('2027');
    expect(await page.locator('main').innerText()).toContain(
      'La fin de gestion 2026 est passée : Chorus ne prend plus d’engagement de cette année depuis le 1er décembre 2026.',
    );
    await audit(page, 'create-budget-december');

    const late = { ...caminoInput(), id: 'camino-decembre' } as Record<string, unknown>;
    const id = await drafts.create(
      PEOPLE.admin,
      draftFromReading({ convention: late }, PEOPLE.admin, '2026-12-07'),
      clock,
    );
    await page.goto(`${consoleUrl}/conventions/nouvelle/brouillons/${id}/apercu`);
    expect(await page.locator('main').innerText()).toContain(
      'Les crédits 2026 de DGALN, ONF, DGPR ne pourront pas être engagés : le dernier jour des engagements de 2026 était le 1er décembre 2026.',
    );
    await audit(page, 'create-preview-december');
    await context.close();
  });

  it('brings in the seed as published on 2020-03-26, its 2020 lines spent in part: in force, with its past marked', async () => {
    // Today as the worker sees it: the facts of 2020 are applied as of now, as the start will.
    clock = Date.now();
    const past = readOrRefuse('history', readHistoryFile(HISTORY_PATH));
    const id = await drafts.create(
      PEOPLE.admin,
      draftFromReading(
        { convention: { ...caminoInput(), id: 'camino-reprise' } },
        PEOPLE.admin,
        '2027-03-10',
      ),
      clock,
    );
    const context = await admin();
    const page = await context.newPage();
    await page.goto(`${consoleUrl}/conventions/nouvelle/brouillons/${id}/situation`);
    await labelled(page, 'Déjà signée, publiée ou plus avancée').setChecked(true, { force: true });
    await page.getByRole('button', { name: 'Enregistrer et voir l’aperçu' }).click();

    // Its facts asked for on the same step: a signature of each signatory, by its representative.
    await labelled(page, 'Document d’où viennent ces faits').waitFor();
    expect(await page.getByRole('group', { name: /^Signature n° \d$/ }).count()).toBe(4);
    expect(await labelled(group(page, 'Signature n° 1'), 'Signataire').inputValue()).toBe('Emilie Piette');
    await fill(page, {
      'Document d’où viennent ces faits': past.document,
      'Date de confirmation des habilitations Chorus': past.chorus!.on,
      'Date de publication': past.publication!.on,
      'Lieu de publication': past.publication!.where,
      'Adresse de la publication': past.publication!.url!,
    });
    for (const [i, signature] of past.signatures.entries())
      await fill(group(page, `Signature n° ${i + 1}`), {
        'Partie signataire': signature.party,
        'Date de signature': signature.on,
        Signataire: signature.signatory,
      });

    // The button that adds an engagement is reached from the keyboard alone.
    await labelled(page, 'Document d’où viennent ces faits').focus();
    for (let tabs = 0; tabs < 80; tabs += 1) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate('document.activeElement.textContent.trim()')) === 'Ajouter un engagement')
        break;
    }
    await page.keyboard.press('Enter');
    await group(page, 'Engagement n° 1').waitFor();
    await press(page, 'Ajouter un engagement');
    for (const [i, engagement] of past.engagements.entries())
      await fill(group(page, `Engagement n° ${i + 1}`), {
        'Date de l’engagement': engagement.on,
        UO: String(engagement.uo),
        'Montant engagé (AE)': String(engagement.ae),
        Référence: String(engagement.ref),
        ...(engagement.label ? { Libellé: String(engagement.label) } : {}),
      });
    for (const [i, payment] of past.payments.entries()) {
      await press(page, 'Ajouter un paiement');
      await fill(group(page, `Paiement n° ${i + 1}`), {
        'Date du paiement': payment.on,
        UO: String(payment.uo),
        'Montant payé (CP)': String(payment.cp).replace('.', ','),
        'Référence du paiement': String(payment.ref),
        'Engagement payé': String(payment.engagement),
      });
    }
    await press(page, 'Ajouter un comité tenu');
    const committee = past.committees[0]!;
    // The day of the committee forgotten: the fault beside its field, in French.
    await fill(group(page, 'Comité tenu n° 1'), {
      Décision: String(committee.decision),
      'Relevé de décisions': String(committee.notes),
    });
    for (const [i, report] of past.reports.entries()) {
      await press(page, 'Ajouter un compte rendu');
      await fill(group(page, `Compte rendu n° ${i + 1}`), {
        'Date de réception': report.on,
        'Mois concerné': String(report.period),
      });
    }
    await page.getByRole('button', { name: 'Enregistrer et voir l’aperçu' }).click();
    await page.getByText('1 point à corriger dans cette étape').waitFor();
    expect(await page.locator('[id="history.committees.0.on-error"]').innerText()).toBe('à renseigner.');
    expect(await page.getByRole('alert').innerText()).toContain(
      'Où en est la convention › Comité tenu n° 1 › Date : à renseigner.',
    );
    await audit(page, 'create-6-situation-brought-in');
    await labelled(group(page, 'Comité tenu n° 1'), 'Date de la réunion').fill(committee.on);
    await page.getByRole('button', { name: 'Enregistrer et voir l’aperçu' }).click();

    // The preview: each fact, and the state they give today; no warning of 2020's closed year.
    await page.getByText('Reprise avec son historique').waitFor();
    const preview = await page.locator('main').innerText();
    expect(preview).toContain(
      `17 faits repris d’après «\u00a0${past.document}\u00a0» ; la convention démarre dans l’outil à l’état « en vigueur ».`,
    );
    expect(preview).toContain('La publication du 26 mars 2020');
    expect(preview).toContain('L’engagement EJ-2020-001 du 15 avril 2020');
    expect(preview).not.toContain('hors délai');
    await audit(page, 'create-7-preview-brought-in');
    await press(page, 'Reprendre la convention avec son historique');

    // The convention's page: in force since 2020, its next committee, the reports owed, the budget year.
    await page.getByText('La convention est reprise avec son historique').waitFor();
    expect(new URL(page.url()).pathname).toBe('/conventions/camino-reprise');
    const convention = await page.locator('main').innerText();
    // Its badge's capitals are the DSFR's (CSS).
    expect(convention).toMatch(/^EN VIGUEUR$/m);
    // The committee decided in 2020 kept the phase (« Inchangée »), the next one is to come.
    expect(convention).toContain('Phase : accélération.');
    expect(convention).toContain('Comité n° 1 du 28 septembre 2020 : poursuite');
    expect(convention).toMatch(/Comité n° \d+ du \d+ \S+ \d{4} : à venir/);
    // The reports owed from the first not received (September 2020), not those received.
    expect(convention).toContain(
      'Déposer le compte rendu de septembre 2020 (DINUM) — en retard depuis le 10 octobre 2020',
    );
    expect(convention).not.toContain('Déposer le compte rendu d’août 2020');
    // The 2020 budget year, spent in part and closed at its fin de gestion.
    expect(convention).toMatch(
      /2020\s+0113-PEBC-ELAB\s+90\u00a0000,00\u00a0€ \/ 220\u00a0000,00\u00a0€\s+45\u00a0000,00\u00a0€ \/ 220\u00a0000,00\u00a0€\s+engagements jusqu’au 1er décembre 2020, paiements jusqu’au 15 décembre 2020\s+exercice clos/,
    );
    await audit(page, 'create-8-brought-in');
    // Its draft has served (the other tests' drafts stay).
    expect((await drafts.list(PEOPLE.admin)).map((draft) => draft.id)).not.toContain(id);

    // The register and the timeline mark each fact of the past.
    const register = await eventually(async () => {
      await page.goto(`${consoleUrl}/conventions/camino-reprise/registre`);
      const rows = await page.locator('tbody tr').allInnerTexts();
      return rows.length >= 17 && rows;
    }, 20_000);
    expect(register[0]).toMatch(/Reprise de l’historique/i);
    expect(register[0]).toContain(`Reprise par ${PEOPLE.admin}, d’après «\u00a0${past.document}\u00a0»`);
    await page.goto(`${consoleUrl}/conventions/camino-reprise?quoi=commandes&page=1`);
    const timeline = await page.locator('#chronologie ~ .fr-table tbody tr').allInnerTexts();
    expect(timeline.some((row) => row.includes('Publication') && /Reprise de l’historique/i.test(row))).toBe(
      true,
    );
    await context.close();
  }, 240_000);

  it('previews a past the rules refuse with the fact and the rule, and no start: an engagement beyond the credits', async () => {
    const past = readOrRefuse('history', readHistoryFile(HISTORY_PATH));
    const draft = draftFromReading(
      { convention: { ...caminoInput(), id: 'camino-refusee' } },
      PEOPLE.admin,
      '2027-03-10',
    );
    const history = { ...past, engagements: [{ ...past.engagements[0]!, ae: '500000.00' }], payments: [] };
    const id = await drafts.create(
      PEOPLE.admin,
      { ...draft, history: { running: true, ...(history as unknown as JsonObject) } },
      clock,
    );
    const context = await admin();
    const page = await context.newPage();
    await page.goto(`${consoleUrl}/conventions/nouvelle/brouillons/${id}/apercu`);
    const refusal = await page.locator('.fr-alert--error').innerText();
    expect(refusal).toContain('L’historique ne peut pas être repris');
    expect(refusal).toContain(
      'Impossible de reprendre l’engagement EJ-2020-001 du 15 avril 2020 : UO 0113-PEBC-ELAB : 500\u00a0000,00\u00a0€ d’AE de 2020 engagés, il n’en restait que 220\u00a0000,00\u00a0€.',
    );
    // Nothing is sent for a fact of the past: the live refusal's sentence is not said here.
    expect(refusal).not.toContain('informé');
    expect(
      await page.getByRole('button', { name: 'Reprendre la convention avec son historique' }).count(),
    ).toBe(0);
    await audit(page, 'create-preview-refused');
    await page.getByRole('link', { name: 'Corriger l’historique' }).click();
    await page.getByRole('heading', { name: 'Où en est cette convention ?' }).waitFor();
    await context.close();
  });

  it('passed axe on every new page, with no identifier of the domain shown as text, and fits a phone', () => {
    writeFileSync(`${SCREENSHOTS}../creation-form-audits.json`, JSON.stringify(audits, null, 2));
    expect(audits.length).toBeGreaterThanOrEqual(24);
    expect(audits.filter((a) => a.violations.length || a.identifiers.length || a.overflow)).toEqual([]);
  });
});
