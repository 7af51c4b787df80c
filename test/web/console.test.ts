import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MockActivityEnvironment, type TestWorkflowEnvironment } from '@temporalio/testing';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { SqliteRegister } from '../../store/register-sqlite';
import { SqliteSignInStore } from '../../store/sign-in-sqlite';
import { SqliteDraftStore } from '../../store/drafts-sqlite';
import { SqliteDocumentStore } from '../../store/documents-sqlite';
import { participantHasher } from '../../crypto/participants';
import { createConsole, type ConsoleDeps } from '../../client/web/server';
import { Signer } from '../../client/web/signer';
import { LINK_LIFETIME_MS, LINKS_PER_ADDRESS, type SignInStore } from '../../store/sign-in';
import type { TConvention } from '../../domain/convention';
import { digestWorkflowIdFor, workflowIdFor } from '../../workflows/messages';
import { createActivities } from '../../activities';
import { nextDigest } from '../../domain/digest';
import { localDateOf } from '../../domain/dates';
import { frenchDateTime, frenchWeekday } from '../../domain/french/words';
import { awaitedActions } from '../../temporal/awaited';
import {
  conventionDataConverter,
  EncryptionCodec,
  parsePayloadKeys,
  type PayloadKey,
} from '../../crypto/codec';
import { createMailer } from '../../mail/mailer';
import { startDevServer } from '../../temporal/servers';
import { camino, caminoYearRoundInput, PEOPLE } from '../fixtures';
import { readHistoryFile, readOrRefuse } from '../../client/files';
import { startBroughtIn } from '../../client/start';
import { freePort } from '../helpers/ports';
import { expectStrictlyValidCalendars } from '../helpers/ics';
import { eventually, startHarness, type WorkflowHarness } from '../helpers/workflow-env';
import { auditPage, PHONE, SCREENSHOTS, type Audit } from './audit';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './browser';

// The web console in a real browser (Debian's Chromium driven by playwright-core), over Temporal's
// dev server, a worker and an SMTP listener, as its users meet it: an admin starts the seed from
// its file, each person follows the link of the email that asks them to act — sign, confirm
// Chorus, publish, ask for credits and make them available, decide a committee — and an admin
// records an avenant. Each page is audited with axe-core and read for identifiers of the domain.
// Payloads are encrypted, as in production; the console serves the codec endpoint of the UI.

let env: TestWorkflowEnvironment;
let harness: WorkflowHarness;
let app: FastifyInstance;
let browser: Browser;
let signIn: SignInStore;
let consoleUrl: string;
let uiOrigin: string;
const keys = parsePayloadKeys(`console-test:${Buffer.alloc(32, 3).toString('base64')}`) as PayloadKey[];
/** The console's clock runs ahead by this much, to let links expire. */
let clockAhead = 0;
const dir = mkdtempSync(join(tmpdir(), 'convention-console-'));
/** Every page audited: its name and what axe found serious or critical there. */
const audits: Audit[] = [];

const DGPR_CONTACT = 'dgpr.budget@example.org';
const HISTORY_PATH = fileURLToPath(new URL('../../fixtures/camino-2020.history.yaml', import.meta.url));
/** The day this file began: the seed is published on it or after. */
const FIRST_DAY = localDateOf(Date.now(), 'Europe/Paris');
/** How the seed is named in lists: by its title, not its id. */
const CAMINO_TITLE = 'Convention de délégation de gestion — Camino, cadastre minier numérique ouvert (2020)';

/** The seed as its file says, with a committee every month convened at once, DGPR's credits on request. */
function seedFile(change: (input: ReturnType<typeof caminoYearRoundInput>) => void = () => {}): string {
  const input = caminoYearRoundInput();
  input.schedule = { ...input.schedule, committeeEveryMonths: 1, committeeNoticeDays: [45, 7] };
  const line = input.budget.find((l) => l.uo === '0181-CPRI-ELAB') as Record<string, unknown>;
  line.echeancier = [{ date: '2027-06-01', ae: '40000.00', cp: '40000.00' }];
  change(input);
  return stringify(input);
}

/** What every console of this file is built on: this file's server, worker, register and SMTP listener. */
const consoleDeps = (): ConsoleDeps => ({
  client: env.client,
  register: harness.register,
  signIn,
  drafts: new SqliteDraftStore(':memory:'),
  documents: new SqliteDocumentStore(':memory:'),
  signer: new Signer('a test secret that is long enough to sign'),
  mailer: createMailer(harness.capture.url),
  mailFrom: 'Conventions <conventions@example.org>',
  consoleUrl,
  taskQueue: harness.taskQueue,
  admins: [],
  hashParticipant: participantHasher(keys),
});

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const port = await freePort();
  consoleUrl = `http://127.0.0.1:${port}`;
  const uiPort = await freePort();
  uiOrigin = `http://127.0.0.1:${uiPort}`;
  env = await startDevServer({
    port: await freePort(),
    uiPort,
    dataConverter: conventionDataConverter(keys),
  });
  harness = await startHarness(env, 'console', { consoleUrl, payloadKeys: keys });
  signIn = new SqliteSignInStore(join(dir, 'console.sqlite'));
  app = await createConsole({
    ...consoleDeps(),
    admins: [PEOPLE.admin],
    codec: { codec: new EncryptionCodec(keys), uiOrigin, admins: [PEOPLE.admin] },
    now: () => Date.now() + clockAhead,
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
  rmSync(dir, { recursive: true, force: true });
});

/** Screenshots the page, audits it with axe-core, and lists any identifier it shows as text. */
async function audit(page: Page, name: string): Promise<void> {
  audits.push(await auditPage(page, name));
}

/** The link a sign-in email carried, for the request made by `page`. */
async function requestLink(page: Page, email: string): Promise<string> {
  const before = harness.capture.emails.length;
  if (!page.url().includes('/connexion')) await page.goto(`${consoleUrl}/connexion`);
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByRole('button', { name: 'Recevoir un lien de connexion' }).click();
  await page.getByText('Lien envoyé').waitFor();
  const sent = await eventually(() =>
    harness.capture.emails.slice(before).find((e) => e.kind === 'sign-in-link' && e.to.includes(email)),
  );
  return /(http:\/\/\S+\/connexion\/\S+)/.exec(sent.text)![1]!;
}

/** A new browser for `email`, signed in by its link. */
async function person(email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  await page.goto(await requestLink(page, email));
  return { context, page };
}

/** The console's link in the last email of `kind` sent to `email`. */
async function linkIn(email: string, kind: string): Promise<string> {
  const sent = await eventually(() =>
    harness.capture.emails.findLast((e) => e.kind === kind && [...e.to, ...e.cc].includes(email)),
  );
  return /En ligne, pour agir ou consulter la convention : (\S+)/.exec(sent.text)![1]!;
}

/** Opens the console's link of the last email of `kind` sent to `email`, signing in on the way if need be. */
async function follow(page: Page, email: string, kind: string): Promise<string> {
  const link = await linkIn(email, kind);
  await page.goto(link);
  if (new URL(page.url()).pathname === '/connexion') await page.goto(await requestLink(page, email));
  return link;
}

const save = (page: Page) => page.getByRole('button', { name: 'Enregistrer' }).click();
const recorded = (page: Page) => page.getByRole('heading', { name: 'Enregistré' }).waitFor();

/** Opens a form of the seed, fills its fields by their labels (a select by its value), audits it and saves it. */
async function submit(page: Page, form: string, fields: Record<string, string>): Promise<void> {
  await page.goto(`${consoleUrl}/conventions/camino-2020/${form}`);
  for (const [label, value] of Object.entries(fields)) {
    const field = page.getByLabel(label);
    if ((await field.evaluate((element) => element.tagName)) === 'SELECT') await field.selectOption(value);
    else await field.fill(value);
  }
  await audit(page, `form-${form.replace(/\?.*/, '')}`);
  await save(page);
  await recorded(page);
}

describe('the web console, as its users meet it', () => {
  it('lets an admin start the seed from its file: faults in French, a preview, then the start', async () => {
    const { context, page } = await person(PEOPLE.admin);
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.title()).toBe('Mes actions — Conventions beta.gouv.fr');
    await audit(page, 'actions-admin-empty');
    await page.getByRole('link', { name: 'Démarrer une convention' }).click();
    await audit(page, 'start');

    // A file with faults: each listed by its place, in French, and the text kept.
    const faulty = seedFile((input) => {
      input.title = '';
      (input.parties[2] as { representative: { email: string } }).representative.email = 'pas-une-adresse';
    });
    await page.getByLabel('Ou son texte').fill(faulty);
    await page.getByRole('button', { name: 'Vérifier' }).click();
    const faults = await page.getByRole('alert').innerText();
    expect(faults).toContain('2 points à corriger dans le fichier');
    expect(faults).toContain('Intitulé : ne doit pas être vide.');
    expect(faults).toContain(
      'Partie n° 3 › Représentant › Adresse électronique : valeur attendue : une adresse électronique',
    );
    expect(await page.getByLabel('Ou son texte').inputValue()).toContain('pas-une-adresse');
    await audit(page, 'start-faults');

    // The file itself, uploaded: the preview says what it binds and what it sends first.
    await page.getByLabel('Ou son texte').fill('');
    await page.getByLabel('Fichier de la convention').setInputFiles({
      name: 'camino-2020.yaml',
      mimeType: 'application/yaml',
      buffer: Buffer.from(seedFile()),
    });
    await page.getByRole('button', { name: 'Vérifier' }).click();
    await page.getByText('Le fichier est valable').waitFor();
    const preview = await page.locator('main').innerText();
    expect(preview).toContain('Direction générale de la prévention des risques');
    expect(preview).toMatch(/0181-CPRI-ELAB\s+P181\s+DGPR\s+100\s000,00\s€/);
    expect(preview).toContain('Comité d’investissement tous les mois');
    expect(preview).toContain('demande de signature à sg.representant@example.org');
    await audit(page, 'start-preview');
    await page.getByRole('button', { name: 'Démarrer la convention' }).click();
    await page.getByText('La convention est démarrée').waitFor();
    expect(new URL(page.url()).pathname).toBe('/conventions/camino-2020');
    await eventually(() => harness.capture.emails.filter((e) => e.kind === 'signature-request').length === 4);

    // The same id again: refused, the id named.
    await page.goto(`${consoleUrl}/conventions/nouvelle`);
    await page.getByLabel('Ou son texte').fill(seedFile());
    await page.getByRole('button', { name: 'Vérifier' }).click();
    await page.getByText('Identifiant déjà utilisé').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain(
      'L’identifiant camino-2020 a déjà servi à une convention : choisissez-en un autre.',
    );
    await context.close();
  });

  it('lets a person take a weekly digest from "Mes rappels", follow its links, and go back to each reminder', async () => {
    const email = PEOPLE.dgprRepresentative;
    const hash = participantHasher(keys)(email);
    const { context, page } = await person(email);
    await page
      .getByRole('link', { name: 'Mes rappels : un par un, ou un récapitulatif par semaine' })
      .click();
    expect(await page.getByLabel('Chaque rappel, dès qu’il est dû').isChecked()).toBe(true);
    await audit(page, 'reminders');
    await page.locator('label', { hasText: 'Un récapitulatif par semaine' }).click();
    await page.getByRole('button', { name: 'Enregistrer mon choix' }).click();
    await page.getByRole('heading', { name: 'Votre choix est enregistré' }).waitFor();
    const next = nextDigest(Date.now());
    expect(await page.locator('main').innerText()).toContain(
      `Prochain récapitulatif : ${frenchWeekday(localDateOf(next.at, 'Europe/Paris'))} ${frenchDateTime(new Date(next.at).toISOString())}.`,
    );
    expect(await page.getByLabel('Un récapitulatif par semaine').isChecked()).toBe(true);
    await audit(page, 'reminders-weekly');
    // Kept by the person's digest workflow, where the worker's reminders read it.
    expect(await harness.register.digestReaders([email])).toEqual([email]);
    const digest = env.client.workflow.getHandle(digestWorkflowIdFor(hash));
    expect((await digest.describe()).status.name).toBe('RUNNING');

    // Monday's digest, as the worker's activity writes it with what it finds through visibility.
    const waiting = await awaitedActions(env.client, { email, hash }, Date.now());
    expect(waiting.map(({ action }) => action.command)).toEqual(['sign']);
    const { sendDigest } = createActivities({
      mailer: createMailer(harness.capture.url),
      mailFrom: 'Conventions <conventions@example.org>',
      register: harness.register,
      consoleUrl,
      hashParticipant: participantHasher(keys),
      awaitedActions: (client, to, at) => awaitedActions(client, { email: to, hash }, at),
    });
    const activity = new MockActivityEnvironment(
      { currentAttemptScheduledTimestampMs: next.at, startToCloseTimeoutMs: 60_000 },
      { client: env.client },
    );
    expect(await activity.run(sendDigest, { email, week: next.week, monday: next.monday })).toEqual({
      outcome: 'sent',
      actions: waiting.length,
    });
    const sent = harness.capture.emails.findLast((e) => e.kind === 'weekly-digest')!;
    expect(sent.to).toEqual([email]);
    expect(sent.subject).toMatch(/^Vos actions en attente : 1 action, semaine du /);
    const [, link] = /– Signer la convention pour DGPR : (http:\/\/\S+)/.exec(sent.text)!;
    expect(link).toBe(`${consoleUrl}/conventions/camino-2020/sign?party=DGPR`);
    await page.goto(link!);
    await page.getByRole('button', { name: 'Signer' }).waitFor();

    await page.goto(`${consoleUrl}/rappels`);
    await page.locator('label', { hasText: 'Chaque rappel, dès qu’il est dû' }).click();
    await page.getByRole('button', { name: 'Enregistrer mon choix' }).click();
    await page.getByText('Vous recevrez chaque rappel dès qu’il est dû.').waitFor();
    expect(await harness.register.digestReaders([email])).toEqual([]);
    await context.close();
  });

  it('takes each signatory from the email that asks them to the form, and "Mes actions" empties', async () => {
    // SG's representative signs in first: "Mes actions" says what waits on them.
    const sg = await person(PEOPLE.sgRepresentative);
    const action = sg.page.getByRole('link', { name: 'Signer la convention pour SG' });
    await action.waitFor();
    await audit(sg.page, 'actions-signatory');
    // Their conventions, found by the hash of their address; filtered by a party awaited there.
    await sg.page.getByRole('link', { name: 'Toutes mes conventions' }).click();
    await sg.page.getByRole('link', { name: CAMINO_TITLE }).first().waitFor();
    const [title, startup] = (await sg.page.locator('tbody tr').first().innerText()).split('\t');
    expect([title, startup]).toEqual([CAMINO_TITLE, 'Camino']);
    expect(await sg.page.locator('main').innerText()).not.toContain('camino-2020');
    await audit(sg.page, 'list');
    await sg.page.getByLabel('En attente de').selectOption('DGPR');
    await sg.page.getByRole('button', { name: 'Filtrer' }).click();
    await sg.page.getByRole('link', { name: CAMINO_TITLE }).first().waitFor();
    await sg.page.getByLabel('État').selectOption('in-force');
    await sg.page.getByRole('button', { name: 'Filtrer' }).click();
    await sg.page.getByText('Aucune convention ne correspond.').waitFor();
    await sg.page.goto(consoleUrl);
    await action.click();
    expect(await sg.page.getByLabel('Partie signataire').inputValue()).toBe('SG');
    // What is signed, the party in words: its parties, its amounts per UO, how long it runs.
    const signing = await sg.page.locator('main').innerText();
    expect(signing).toContain(
      'au nom de : Secrétariat général des ministères de la Transition écologique et solidaire et de la Cohésion des territoires (SG).',
    );
    expect(signing).toMatch(
      /Direction générale de la prévention des risques \(DGPR\)\s+délégant\s+Cédric Bourillet/,
    );
    expect(signing).toMatch(/0181-CPRI-ELAB\s+P181\s+DGPR\s+100\s000,00\s€\s+100\s000,00\s€/);
    expect(signing).toContain('Durée : la convention prend effet le jour de sa publication');
    await audit(sg.page, 'form-sign');
    await sg.page.getByRole('button', { name: 'Signer', exact: true }).click();
    await recorded(sg.page);
    // Signed: no longer offered; a second signature from an old link is refused, and the
    // timeline says why in French.
    expect(await sg.page.locator('main').innerText()).not.toContain('Signature de la convention');
    await sg.page.goto(`${consoleUrl}/conventions/camino-2020/sign?party=SG`);
    await sg.page.getByRole('button', { name: 'Signer', exact: true }).click();
    expect(await sg.page.getByRole('alert').innerText()).toMatch(/SG a déjà signé, le \d/);
    await sg.page.goto(`${consoleUrl}/conventions/camino-2020?quoi=commandes`);
    const refusedRow = sg.page.locator('#chronologie ~ .fr-table tbody tr', { hasText: 'refusée' });
    expect(await refusedRow.innerText()).toMatch(/Signature[\s\S]+SG a déjà signé, le \d/);
    await sg.page.goto(consoleUrl);
    await sg.page.getByText('Rien ne vous attend').waitFor();
    await sg.context.close();

    // The others from their email's link: signed in on the way, the form opens with their party.
    for (const [party, email] of [
      ['DGALN', PEOPLE.dgalnRepresentative],
      ['DGPR', PEOPLE.dgprRepresentative],
      ['DINUM', PEOPLE.dinumRepresentative],
    ] as const) {
      const context = await browser.newContext({ locale: 'fr-FR' });
      const page = await context.newPage();
      const link = await follow(page, email, 'signature-request');
      expect(link).toBe(`${consoleUrl}/conventions/camino-2020/sign?party=${party}`);
      expect(page.url()).toBe(link);
      expect(await page.getByLabel('Partie signataire').inputValue()).toBe(party);
      await page.getByRole('button', { name: 'Signer', exact: true }).click();
      await recorded(page);
      await context.close();
    }
    await eventually(() => harness.capture.emails.some((e) => e.kind === 'publication-request'));
  });

  it('confirms Chorus, and publishes after a refusal shown in French beside its field', async () => {
    const dgaln = await browser.newContext({ locale: 'fr-FR' });
    const chorus = await dgaln.newPage();
    expect(await follow(chorus, PEOPLE.dgalnContact, 'chorus-habilitation-request')).toBe(
      `${consoleUrl}/conventions/camino-2020/confirm-chorus`,
    );
    await audit(chorus, 'form-confirm-chorus');
    await save(chorus);
    await recorded(chorus);
    await dgaln.close();

    const dinum = await browser.newContext({ locale: 'fr-FR' });
    const page = await dinum.newPage();
    await follow(page, PEOPLE.dinumContact, 'publication-request');
    await save(page);
    expect(await page.getByRole('alert').innerText()).toContain('Lieu de publication : à renseigner.');
    expect(await page.locator('#where-error').innerText()).toBe('À renseigner.');
    await audit(page, 'form-publish-refused');
    await page.getByLabel('Lieu de publication').fill('data.gouv.fr');
    await save(page);
    await recorded(page);
    expect(await page.locator('main').innerText()).toContain('en vigueur');

    // An engagement, what can be engaged today shown beside the field; an amount typed the French way.
    await page.goto(`${consoleUrl}/conventions/camino-2020/engage`);
    expect(await page.getByLabel('UO').innerText()).toMatch(
      /0113-PEBC-ELAB — AE engageables : 220\s000,00\s€ \(crédits de \d{4}, jusqu’au 31 décembre \d{4}\)/,
    );
    await page.getByLabel('UO').selectOption('0113-PEBC-ELAB');
    await page.getByLabel('Montant engagé (AE)').fill('40.000');
    await page.getByLabel('Référence').fill('BC-1');
    await save(page);
    expect(await page.locator('#ae-error').innerText()).toContain('par exemple 12 500,00 ou 12 500 €');
    await audit(page, 'form-engage-refused');
    await page.getByLabel('Montant engagé (AE)').fill('40 000,00');
    await audit(page, 'form-engage');
    await save(page);
    await recorded(page);
    await dinum.close();
  });

  it('answers a credits request from the email that asks for it, the amounts already filled in', async () => {
    const dinum = await person(PEOPLE.dinumContact);
    await submit(dinum.page, 'request-credits', {
      UO: '0181-CPRI-ELAB',
      'AE demandées': '40 000 €',
      'CP demandés': '30000,00',
      'Souhaités pour le': '2027-06-15',
    });
    await dinum.context.close();

    const dgpr = await browser.newContext({ locale: 'fr-FR' });
    const page = await dgpr.newPage();
    expect(await follow(page, DGPR_CONTACT, 'credits-request')).toBe(
      `${consoleUrl}/conventions/camino-2020/make-available?uo=0181-CPRI-ELAB`,
    );
    expect(await page.getByLabel('AE mises à disposition').inputValue()).toBe('40 000,00');
    expect(await page.getByLabel('CP mis à disposition').inputValue()).toBe('30 000,00');
    await audit(page, 'form-make-available');
    await save(page);
    await recorded(page);
    await eventually(() => harness.capture.emails.some((e) => e.kind === 'credits-made-available'));
    // Nothing waits on DGPR's contact any more.
    await page.goto(consoleUrl);
    await page.getByText('Rien ne vous attend').waitFor();
    await dgpr.close();
  });

  it('records an avenant, refused first with the values kept', async () => {
    const { context, page } = await person(PEOPLE.admin);
    // Each line says its budget year (SPEC §11): the seed's are the year it took effect.
    const line = `0113-PEBC-ELAB (DGALN, ${localDateOf(Date.now(), 'Europe/Paris').slice(0, 4)})`;
    await page.goto(`${consoleUrl}/conventions/camino-2020/amend`);
    expect(await page.getByLabel('Numéro de l’avenant').inputValue()).toBe('1');
    await page.getByLabel('Objet de l’avenant').fill('Relèvement de la dotation de la DGALN');
    await page.getByLabel('Date de signature').fill('2099-01-01');
    await page.getByLabel(`${line} : variation des AE`).fill('30 000,00');
    await page.getByLabel(`${line} : variation des CP`).fill('30 000');
    await save(page);
    expect(await page.getByRole('alert').innerText()).toContain(
      'Date de signature : le 1er janvier 2099 est à venir.',
    );
    expect(await page.getByLabel(`${line} : variation des AE`).inputValue()).toBe('30 000,00');
    await audit(page, 'form-amend-refused');
    await page.getByLabel('Date de signature').fill(new Date().toISOString().slice(0, 10));
    await save(page);
    await recorded(page);
    const amendment = await eventually(() =>
      harness.capture.emails.find((e) => e.kind === 'amendment-recorded'),
    );
    expect(amendment.text).toContain('Relèvement de la dotation de la DGALN');
    await context.close();
  });

  it('lets the secretary decide from the convocation, as met that day: the faults beside their fields, then the minutes', async () => {
    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    expect(await follow(page, PEOPLE.secretary, 'committee-convocation')).toBe(
      `${consoleUrl}/conventions/camino-2020/decide?committee=1`,
    );
    expect(await page.getByLabel('Comité', { exact: true }).inputValue()).toBe('1');
    // Convened: the secretary gives it a time and a place first; everyone is told, with the invitation updated.
    await submit(page, 'schedule-committee', {
      Heure: '14:30',
      Lieu: 'Hôtel de Roquelaure, salle Ségur',
    });
    const moved = await eventually(() =>
      harness.capture.emails.find((e) => e.kind === 'committee-rescheduled'),
    );
    expect(moved.subject).toContain('changement d’heure et de lieu');
    expect(moved.text).toContain('Lieu : Hôtel de Roquelaure, salle Ségur');
    expect(moved.attachments[0]!.content).toContain('SEQUENCE:1');
    expectStrictlyValidCalendars([moved.attachments[0]!.content]);
    await page.goto(`${consoleUrl}/conventions/camino-2020/decide?committee=1`);
    await page.getByLabel('Décision', { exact: true }).selectOption('continue-with-conditions');
    await page.getByLabel('Relevé de décisions').fill('Le comité salue les progrès de l’équipe.');
    await save(page);
    expect(await page.getByRole('alert').innerText()).toContain(
      'Conditions : une poursuite sous conditions en énonce au moins une.',
    );
    expect(await page.locator('#conditions-error').innerText()).toBe(
      'Une poursuite sous conditions en énonce au moins une.',
    );
    expect(await page.getByLabel('Relevé de décisions').inputValue()).toBe(
      'Le comité salue les progrès de l’équipe.',
    );
    await audit(page, 'form-decide-refused');
    await page.getByLabel('Conditions').fill('Recruter un développeur\nPublier les statistiques');
    await save(page);
    // Its day has not come: refused in French, unless the secretary says it met earlier, and when.
    expect(await page.getByRole('alert').innerText()).toContain(
      'sa décision ne peut être enregistrée qu’à partir de ce jour',
    );
    expect(harness.capture.emails.some((e) => e.kind === 'committee-minutes')).toBe(false);
    const today = localDateOf(Date.now(), 'Europe/Paris');
    await page.getByLabel('Date de la réunion').fill(today);
    await save(page);
    await recorded(page);
    const minutes = await eventually(() =>
      harness.capture.emails.find((e) => e.kind === 'committee-minutes'),
    );
    expect(minutes.text).toContain('Recruter un développeur');
    expect(minutes.text).toContain('réuni le');

    // The convention's page: French throughout, the timeline filtered to emails, newest first.
    await page.goto(`${consoleUrl}/conventions/camino-2020`);
    expect(await page.locator('body').innerText()).toMatch(/Comité n° 1 du .+ à 14\s?h\s?30/);
    await audit(page, 'convention');
    await page.getByRole('link', { name: 'Courriels', exact: true }).click();
    const rows = await page.locator('#chronologie ~ .fr-table tbody tr').allInnerTexts();
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.every((row) => row.includes('Courriel'))).toBe(true);
    expect(rows[0]).toContain('relevé de décision du comité');
    await audit(page, 'convention-emails');

    await page.goto(`${consoleUrl}/conventions/camino-2020/registre`);
    await page.getByText('Chaîne intacte').waitFor();
    const register = await page.locator('tbody').innerText();
    for (const decision of [
      'Signature',
      'Publication',
      'Avenant',
      'Mise à disposition de crédits',
      'Décision du comité d’investissement',
    ])
      expect(register).toContain(decision);
    await audit(page, 'register');
    await context.close();
  });

  it('gives a person a calendar feed of their conventions, replaced or revoked from "Mon agenda"', async () => {
    const { context, page } = await person(PEOPLE.dgalnContact);
    await page.getByRole('link', { name: 'Mon agenda : mes échéances dans mon calendrier' }).click();
    await page.getByRole('button', { name: 'Créer mon adresse d’abonnement' }).click();
    const address = (await page.locator('#feed-address').innerText()).trim();
    expect(address).toMatch(new RegExp(`^${consoleUrl}/agenda/[\\w-]{43}\\.ics$`));
    await audit(page, 'agenda');
    // Read by a calendar: no session, the address is the key.
    const feed = await fetch(address);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const content = await feed.text();
    const lines = content.replace(/\r\n[ \t]/g, '').split('\r\n');
    // Committee 1, set by its secretary earlier in this run: the invitation's UID, its SEQUENCE.
    expect(lines).toContain('UID:camino-2020.committee-1@conventions.beta.gouv.fr');
    expect(lines).toContain('SEQUENCE:1');
    expect(lines).toContain('LOCATION:Hôtel de Roquelaure\\, salle Ségur');
    // Each event names its convention; the feed names its reader and the product, and its zone.
    expect(
      lines.some((line) =>
        /^SUMMARY:Compte rendu .+ attendu — Camino\\, cadastre minier numérique ouvert \(2020\)$/.test(line),
      ),
    ).toBe(true);
    expect(lines).toContain(`X-WR-CALNAME:Conventions beta.gouv.fr — échéances de ${PEOPLE.dgalnContact}`);
    expect(lines).toContain('X-WR-TIMEZONE:Europe/Paris');
    // Nothing before the convention took effect (published in this run): no fin de gestion already past.
    const days = lines.flatMap((line) => /^DTSTART;VALUE=DATE:(\d{8})$/.exec(line)?.[1] ?? []);
    expect(days.length).toBeGreaterThan(0);
    expect(days.filter((day) => day < FIRST_DAY.replaceAll('-', ''))).toEqual([]);
    expect(content).not.toContain('ATTENDEE');
    expectStrictlyValidCalendars([content]);

    await page.goto(`${consoleUrl}/agenda`);
    await page.getByRole('button', { name: 'Remplacer l’adresse (l’ancienne cesse de fonctionner)' }).click();
    const replaced = (await page.locator('#feed-address').innerText()).trim();
    expect((await fetch(address)).status).toBe(404);
    expect((await fetch(replaced)).status).toBe(200);
    await page.goto(`${consoleUrl}/agenda`);
    await page.getByRole('button', { name: 'Supprimer l’adresse' }).click();
    await page.getByRole('button', { name: 'Créer mon adresse d’abonnement' }).waitFor();
    const revoked = await fetch(replaced);
    expect(revoked.status).toBe(404);
    expect(await revoked.text()).toContain('Cet agenda n’existe pas');
    await context.close();
  });

  it('takes the other forms: a report, a payment, an intrapreneur, a notice given then withdrawn from its email, a partial end of accompaniment', async () => {
    const dinum = await person(PEOPLE.dinumContact);
    const month = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' }).slice(0, 7);
    await dinum.page.goto(`${consoleUrl}/conventions/camino-2020/report?period=${month}`);
    expect(await dinum.page.getByLabel('Mois concerné').inputValue()).toBe(month);
    await dinum.page.getByLabel('Dépensé sur 0113-PEBC-ELAB').fill('12 500,5');
    await dinum.page.getByLabel('Avancement').fill('Itérations livrées');
    await dinum.page.getByLabel('Prévisions de commande et de consommation').fill('Commandes stables');
    await audit(dinum.page, 'form-report');
    await save(dinum.page);
    await recorded(dinum.page);
    await eventually(() => harness.capture.emails.some((e) => e.kind === 'report-received'));

    await dinum.page.goto(`${consoleUrl}/conventions/camino-2020/pay`);
    expect(await dinum.page.getByLabel('UO').innerText()).toMatch(
      /0113-PEBC-ELAB — CP payables : 40\s000,00\s€ \(crédits de \d{4}, à hauteur des engagements non payés/,
    );
    await submit(dinum.page, 'pay', {
      UO: '0113-PEBC-ELAB',
      'Montant payé (CP)': '10 000 €',
      'Référence du paiement': 'DP-1',
      'Engagement payé (facultatif)': 'BC-1',
    });
    // The délégataire's forecast for the year's end (SPEC §11), shown beside the projection.
    await submit(dinum.page, 'year-end-forecast', {
      UO: '0113-PEBC-ELAB',
      'AE que le délégataire prévoit d’engager d’ici la fin de gestion': '60 000',
      'CP que le délégataire prévoit de payer d’ici la fin de gestion': '30000.00',
      'Commentaire (facultatif)': 'Deux bons de commande en fin d’année',
    });
    await dinum.page.goto(`${consoleUrl}/conventions/camino-2020`);
    expect(await dinum.page.locator('#exercices').innerText()).toMatch(
      /60\s000,00\s€ d’AE, 30\s000,00\s€ de CP/,
    );
    await audit(dinum.page, 'convention-years');
    await dinum.context.close();

    const dgaln = await person(PEOPLE.dgalnContact);
    await submit(dgaln.page, 'designate-intrapreneur', {
      'Prénom et nom': 'Camille Martin',
      'Adresse électronique': 'camille.martin@example.org',
    });
    await dgaln.context.close();

    // DGALN's representative gives notice, then withdraws it by the link of the email its contact got.
    const representative = await person(PEOPLE.dgalnRepresentative);
    await submit(representative.page, 'notice', { 'Motif (pour un préavis)': 'Fin du financement' });
    const withdraw = await linkIn(PEOPLE.dgalnContact, 'termination-notice');
    expect(withdraw).toBe(`${consoleUrl}/conventions/camino-2020/notice?party=DGALN&action=withdraw`);
    await representative.page.goto(withdraw);
    expect(await representative.page.getByLabel('Retirer le préavis donné').isChecked()).toBe(true);
    await save(representative.page);
    await recorded(representative.page);
    await eventually(() => harness.capture.emails.some((e) => e.kind === 'termination-withdrawn'));
    await representative.context.close();

    const dinumHead = await person(PEOPLE.dinumRepresentative);
    await submit(dinumHead.page, 'end-accompaniment', {
      'Engagement non tenu': 'other',
      Motif: 'Les moyens promis ne sont pas réunis',
    });
    await eventually(() => harness.capture.emails.some((e) => e.kind === 'accompaniment-ended'));
    await dinumHead.context.close();
  });

  it('refuses a form beyond a role, in French, and ends a session on the server when one signs out', async () => {
    // ONF co-funds: it sees the convention, but may not record a committee's decision.
    const onf = await person(PEOPLE.onfRepresentative);
    const response = await onf.page.goto(`${consoleUrl}/conventions/camino-2020/decide`);
    expect(response!.status()).toBe(403);
    expect(await onf.page.getByRole('alert').innerText()).toContain('ne peut pas utiliser ce formulaire');
    await audit(onf.page, 'forbidden');

    const [session] = (await onf.context.cookies()).filter((c) => c.name === 'session');
    await onf.page.getByRole('button', { name: 'Se déconnecter' }).click();
    await onf.page.waitForURL(`${consoleUrl}/connexion`);
    // The cookie kept, or copied elsewhere, no longer opens anything.
    const replay = await fetch(`${consoleUrl}/conventions`, {
      headers: { cookie: `session=${session!.value}` },
      redirect: 'manual',
    });
    expect(replay.status).toBe(303);
    expect(replay.headers.get('location')).toBe('/connexion?suite=%2Fconventions');
    await onf.context.close();
  });

  it('keeps the header on a phone: the menu button opens the modal with the four entries, by the keyboard too', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', viewport: PHONE });
    const page = await context.newPage();
    await page.goto(await requestLink(page, PEOPLE.dinumContact));
    await page.goto(`${consoleUrl}/conventions/camino-2020`);
    const menu = page.getByRole('button', { name: 'Menu' });
    const modal = page.locator('#menu');
    expect(await page.locator('.fr-header__tools-links').isVisible()).toBe(false);
    // By the keyboard: the skip link, then the menu button, its focus drawn.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.id')).toBe('menu-button');
    expect(await page.evaluate('getComputedStyle(document.activeElement).outlineStyle')).not.toBe('none');
    await page.screenshot({ path: `${SCREENSHOTS}header-375-focus.png` });
    await page.keyboard.press('Enter');
    await page.waitForFunction("document.querySelector('#menu').classList.contains('fr-modal--opened')");
    expect(await menu.getAttribute('data-fr-opened')).toBe('true');
    // The modal takes the focus (its close button).
    expect(await page.evaluate('document.activeElement.title')).toBe('Fermer');
    const entries = await modal.locator('.fr-header__menu-links li').allInnerTexts();
    expect(entries.map((entry) => entry.trim())).toEqual([
      'Mes actions',
      'Mes conventions',
      PEOPLE.dinumContact,
      'Se déconnecter',
    ]);
    for (const name of ['Mes actions', 'Mes conventions'])
      expect(await modal.getByRole('link', { name }).isVisible()).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}header-375-menu.png` });
    // Escape closes it and gives the focus back to its button.
    await page.keyboard.press('Escape');
    await page.waitForFunction("!document.querySelector('#menu').classList.contains('fr-modal--opened')");
    expect(await page.evaluate('document.activeElement.id')).toBe('menu-button');
    // Its links lead where the header's do; signing out from it ends the session.
    await menu.click();
    await modal.getByRole('link', { name: 'Mes conventions' }).click();
    await page.waitForURL(`${consoleUrl}/conventions`);
    await menu.click();
    await modal.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL(`${consoleUrl}/connexion`);
    await context.close();
  });

  it('refuses an expired link and a link used twice', async () => {
    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    const used = await requestLink(page, PEOPLE.secretary);
    await page.goto(used);
    expect(page.url()).toBe(`${consoleUrl}/`);
    const refusedPage = await browser.newPage({ locale: 'fr-FR' });
    const again = await refusedPage.goto(used);
    expect(again!.status()).toBe(410);
    expect(await again!.text()).toContain('a déjà servi');
    await audit(refusedPage, 'link-refused');
    await refusedPage.goto(`${consoleUrl}/connexion`);
    await audit(refusedPage, 'sign-in');
    await refusedPage.goto(`${consoleUrl}/nulle-part`);
    await audit(refusedPage, 'not-found');

    const expiring = await requestLink(page, PEOPLE.secretary);
    clockAhead = LINK_LIFETIME_MS + 1_000;
    try {
      const expired = await (await browser.newPage({ locale: 'fr-FR' })).goto(expiring);
      expect(expired!.status()).toBe(410);
      expect(await expired!.text()).toContain('a expiré');
    } finally {
      clockAhead = 0;
    }
    await context.close();
  });

  it('limits sign-in requests per address, with a French page that says when to try again', async () => {
    const page = await browser.newPage({ locale: 'fr-FR' });
    const ask = async () => {
      await page.goto(`${consoleUrl}/connexion`);
      await page.getByLabel('Adresse électronique').fill('quelquun@example.org');
      return (
        await Promise.all([
          page.waitForResponse((r) => r.request().method() === 'POST'),
          page.getByRole('button', { name: 'Recevoir un lien de connexion' }).click(),
        ])
      )[0];
    };
    for (let i = 0; i < LINKS_PER_ADDRESS; i += 1) expect((await ask()).status()).toBe(200);
    expect((await ask()).status()).toBe(429);
    expect(await page.getByRole('alert').innerText()).toContain('Réessayez dans 15 minutes');
    await audit(page, 'too-many');
    await page.close();
  });

  it('limits sign-in requests per client address too', async () => {
    const limited = await createConsole({ ...consoleDeps(), signInRequestsPerClient: 2 });
    const signer = new Signer('a test secret that is long enough to sign');
    const ask = (remoteAddress: string, email: string) =>
      limited.inject({
        method: 'POST',
        url: '/connexion',
        remoteAddress,
        cookies: { visitor: signer.sign('v') },
        payload: { email, _csrf: signer.csrfToken('visitor:v') },
      });
    expect((await ask('10.0.0.1', 'a@example.org')).statusCode).toBe(200);
    expect((await ask('10.0.0.1', 'b@example.org')).statusCode).toBe(200);
    const refused = await ask('10.0.0.1', 'c@example.org');
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toContain('Réessayez dans 15 minutes');
    expect((await ask('10.0.0.2', 'c@example.org')).statusCode).toBe(200);
    await limited.close();
  });

  it('sets its security headers on every page', async () => {
    for (const path of ['/connexion', '/stats', '/conventions/camino-2020']) {
      const response = await fetch(`${consoleUrl}${path}`, { redirect: 'manual' });
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      // Served over http here: no HSTS.
      expect(response.headers.get('strict-transport-security')).toBeNull();
    }
    // Behind https, the console asks browsers to keep to it.
    const overHttps = await createConsole({
      ...consoleDeps(),
      consoleUrl: 'https://conventions.example.gouv.fr',
    });
    const page = await overHttps.inject({ method: 'GET', url: '/connexion' });
    expect(page.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    await overHttps.close();
  });

  it('decodes payloads for the Temporal UI, for the admins named and from the UI only', async () => {
    const { history } = await env.client.workflowService.getWorkflowExecutionHistory({
      namespace: 'default',
      execution: { workflowId: workflowIdFor('camino-2020') },
    });
    const [input] = history!.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads!;
    const body = JSON.stringify({
      payloads: [
        {
          metadata: Object.fromEntries(
            Object.entries(input!.metadata!).map(([key, value]) => [
              key,
              Buffer.from(value).toString('base64'),
            ]),
          ),
          data: Buffer.from(input!.data!).toString('base64'),
        },
      ],
    });
    expect(Buffer.from(input!.data!).includes(PEOPLE.secretary)).toBe(false);

    /** What the UI's page gets from the codec endpoint, called as the UI calls it (credentials included). */
    const decodeFrom = async (page: Page) =>
      page.evaluate(
        async ({ url, body }) => {
          try {
            const response = await fetch(url, {
              method: 'POST',
              credentials: 'include',
              headers: { 'content-type': 'application/json', 'x-namespace': 'default' },
              body,
            });
            return { status: response.status, json: await response.json() };
          } catch (error) {
            return { blocked: String(error) };
          }
        },
        { url: `${consoleUrl}/codec/decode`, body },
      );

    const admin = await person(PEOPLE.admin);
    await admin.page.goto(`${uiOrigin}/namespaces/default/workflows`);
    const decoded = await decodeFrom(admin.page);
    expect(decoded).toMatchObject({ status: 200 });
    const [clear] = (decoded as { json: { payloads: { data: string }[] } }).json.payloads;
    const workflowInput = JSON.parse(Buffer.from(clear!.data, 'base64').toString()) as {
      convention: TConvention;
    };
    expect(workflowInput.convention.roles.committeeSecretary.email).toBe(PEOPLE.secretary);

    // Signed in, but not among the admins named.
    const secretary = await person(PEOPLE.secretary);
    await secretary.page.goto(`${uiOrigin}/namespaces/default/workflows`);
    expect(await decodeFrom(secretary.page)).toMatchObject({ status: 403 });

    // The admin's browser on another origin: the preflight fails, nothing is sent.
    await admin.page.goto(`http://localhost:${new URL(uiOrigin).port}/namespaces/default/workflows`);
    expect(await decodeFrom(admin.page)).toMatchObject({
      blocked: expect.stringContaining('Failed to fetch'),
    });
    await admin.context.close();
    await secretary.context.close();
  });

  it('publishes /stats without sign-in: a chart per indicator, and the figures computed by hand', async () => {
    const page = await browser.newPage({ locale: 'fr-FR' });
    const response = await page.goto(`${consoleUrl}/stats`);
    expect(response!.status()).toBe(200);
    expect(await page.title()).toBe('Statistiques publiques — Conventions beta.gouv.fr');
    // Chart.js, served by the console itself, has drawn the seven charts.
    await page.waitForFunction('Object.keys(Chart.instances).length === 7');
    // 40 000 € engaged of the 350 000 € delegated once the avenant added 30 000 €.
    expect(await page.locator('[data-value="engagedOfAllocated"]').textContent()).toBe('11,4 %');
    // When and from what, in words: a date as one writes it, no term of the trade.
    const intro = await page.locator('main p').first().innerText();
    expect(intro).toMatch(
      /^1 convention suivie, chiffres calculés le \d{1,2}(er)? \p{L}+ \d{4} à \d{1,2}\u00a0h/u,
    );
    expect(intro).toContain('à partir du registre des décisions');
    expect(intro).not.toContain('workflow');
    // Its JSON linked by words, not by its path; counts on axes of whole numbers.
    expect(intro).not.toContain('/stats.json');
    expect(
      await page.getByRole('link', { name: 'Télécharger ces chiffres au format JSON' }).getAttribute('href'),
    ).toBe('/stats.json');
    const axes = (await page.evaluate(
      'Object.values(Chart.instances).map((chart) => ({ unit: chart.canvas.dataset.unit, ticks: chart.scales.y.ticks.map((tick) => tick.value) }))',
    )) as { unit: string; ticks: number[] }[];
    expect(axes.filter((axis) => axis.unit !== '%')).toHaveLength(3);
    for (const axis of axes.filter((a) => a.unit !== '%'))
      expect(axis.ticks.every(Number.isInteger)).toBe(true);
    await audit(page, 'stats');
    await page.close();
    const report = (await (await fetch(`${consoleUrl}/stats.json`)).json()) as { conventions: number };
    expect(report.conventions).toBe(1);
    expect(JSON.stringify(report)).not.toContain('@');
  });

  it('asks a convention that kept no statistics in the register for them, once per console', async () => {
    // A register from before the workflows kept their statistics: the console asks the workflow.
    const older = new SqliteRegister(join(dir, 'register-before-stats.sqlite'));
    const other = await createConsole({ ...consoleDeps(), register: older });
    const report = (await other.inject('/stats.json')).json<{ conventions: number }>();
    expect(report.conventions).toBe(1);
    expect(await older.keptStats()).toEqual(await harness.register.keptStats());
    expect((await older.keptStats())[0]!.facts.stateChanges.at(-1)!.to).toBe('in-force');
    await other.close();
    await older.close();
  });

  it('refuses a form body over 1 MB with a page that says so, and a form posted without its CSRF token', async () => {
    const large = await fetch(`${consoleUrl}/conventions/camino-2020/report`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `progress=${'x'.repeat(2_000_000)}`,
    });
    expect(large.status).toBe(413);
    expect(await large.text()).toContain('Le formulaire dépasse 1 Mo');
    const forged = await fetch(`${consoleUrl}/connexion`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=comite.camino%40example.org',
    });
    expect(forged.status).toBe(403);
  });

  it('shows a convention brought in with its past: each fact of it marked on the register and the timeline', async () => {
    const history = readOrRefuse('history', readHistoryFile(HISTORY_PATH));
    const deps = { client: env.client, taskQueue: harness.taskQueue, register: harness.register };
    await startBroughtIn(deps, { ...camino(), id: 'camino-reprise' }, history, PEOPLE.admin);
    const { context, page } = await person(PEOPLE.admin);
    const register = await eventually(async () => {
      await page.goto(`${consoleUrl}/conventions/camino-reprise/registre`);
      const rows = await page.locator('tbody tr').allInnerTexts();
      return rows.length >= 17 && rows;
    }, 20_000);
    await page.getByText('Chaîne intacte').waitFor();
    expect(register[0]).toContain('24 mars 2020');
    expect(register[0]).toContain('SG, signée par Brice Huet');
    // The badge's capitals are the DSFR's (CSS); its text is « Reprise de l’historique ».
    expect(register[0]).toMatch(/Reprise de l’historique/i);
    expect(register[0]).toContain(`Reprise par ${PEOPLE.admin}, d’après «\u00a0${history.document}\u00a0»`);
    expect(register.every((row) => /Reprise de l’historique/i.test(row))).toBe(true);
    const registerAudit = await auditPage(page, 'register-brought-in');
    audits.push(registerAudit);

    await page.goto(`${consoleUrl}/conventions/camino-reprise?quoi=commandes&page=1`);
    const timeline = await page.locator('#chronologie ~ .fr-table tbody tr').allInnerTexts();
    expect(timeline.some((row) => row.includes('Publication') && row.includes('26 mars 2020'))).toBe(true);
    expect(timeline.filter((row) => /Reprise de l’historique/i.test(row)).length).toBeGreaterThan(10);
    const timelineAudit = await auditPage(page, 'timeline-brought-in');
    audits.push(timelineAudit);
    for (const found of [registerAudit, timelineAudit])
      expect([found.violations, found.identifiers, found.overflow]).toEqual([[], [], undefined]);
    await context.close();
  });

  it('passed axe on every page, with no identifier of the domain shown as text, and fits a phone', () => {
    writeFileSync(`${SCREENSHOTS}../audits.json`, JSON.stringify(audits, null, 2));
    expect(audits.length).toBeGreaterThanOrEqual(15);
    expect(audits.filter((a) => a.violations.length || a.identifiers.length || a.overflow)).toEqual([]);
  });
});
