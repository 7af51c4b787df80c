import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsole } from '../../client/web/server';
import type { CommandName } from '../../domain/commands';
import type { TConvention } from '../../domain/convention';
import { LINK_LIFETIME_MS, Signer, SignInLinks } from '../../client/web/sign-in';
import { conventionWorkflow } from '../../workflows/convention';
import { executeCommand } from '../../client/temporal';
import { workflowIdFor } from '../../workflows/messages';
import {
  conventionDataConverter,
  EncryptionCodec,
  parsePayloadKeys,
  type PayloadKey,
} from '../../worker/codec';
import { createMailer } from '../../worker/mailer';
import { startDevServer } from '../../worker/temporal-servers';
import { camino, PEOPLE, SIGNATORIES } from '../fixtures';
import { freePort } from '../helpers/ports';
import { eventually, startHarness, type WorkflowHarness } from '../helpers/workflow-env';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './browser';

// The web console in a real browser (Debian's Chromium driven by playwright-core), over Temporal's
// dev server (the console lists conventions by query), a worker and an SMTP listener: the seed
// convention in force with a committee every month, convened at once (its 45-day notice reaches back before the start),
// and the people of the convention signing in by the links they receive. Payloads are encrypted,
// as in production: the console decrypts them, and serves the codec endpoint the Temporal UI calls.

const SCREENSHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

let env: TestWorkflowEnvironment;
let harness: WorkflowHarness;
let app: FastifyInstance;
let browser: Browser;
let links: SignInLinks;
let consoleUrl: string;
let uiOrigin: string;
const keys = parsePayloadKeys(`console-test:${Buffer.alloc(32, 3).toString('base64')}`) as PayloadKey[];
/** The console's clock runs ahead by this much, to let links expire. */
let clockAhead = 0;
const dir = mkdtempSync(join(tmpdir(), 'convention-console-'));

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
  links = new SignInLinks(join(dir, 'console.sqlite'));
  app = await createConsole({
    client: env.client,
    register: harness.register,
    links,
    signer: new Signer('a test secret that is long enough to sign'),
    mailer: createMailer(harness.capture.url),
    mailFrom: 'Conventions <conventions@example.org>',
    consoleUrl,
    codec: { codec: new EncryptionCodec(keys), uiOrigin, admins: [PEOPLE.admin] },
    now: () => Date.now() + clockAhead,
  });
  await app.listen({ port, host: '127.0.0.1' });

  // The seed, signed and published, its first committee convened at once.
  const seed = camino();
  const convention = {
    ...seed,
    schedule: { ...seed.schedule, committeeEveryMonths: 1, committeeNoticeDays: [45, 7] },
  };
  const handle = await env.client.workflow.start(conventionWorkflow, {
    taskQueue: harness.taskQueue,
    workflowId: workflowIdFor(convention.id),
    args: [{ convention }],
  });
  const send = (name: CommandName, payload: Record<string, unknown>) => executeCommand(handle, name, payload);
  for (const [party, as] of SIGNATORIES) await send('sign', { as, party });
  await send('confirm-chorus', { as: PEOPLE.dgalnContact });
  await send('publish', { as: PEOPLE.dinumContact, where: 'data.gouv.fr' });
  await send('engage', { as: PEOPLE.dinumContact, uo: '0113-PEBC-ELAB', ae: '40000.00', ref: 'BC-1' });
  await eventually(() => harness.capture.emails.some((e) => e.kind === 'committee-convocation'), 30_000);

  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await harness?.close();
  await env?.teardown();
  links?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Asks for a sign-in link in `page` and returns the link that arrived by email. */
async function requestLink(page: Page, email: string): Promise<string> {
  const before = harness.capture.emails.length;
  await page.goto(`${consoleUrl}/connexion`);
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByRole('button', { name: 'Recevoir un lien de connexion' }).click();
  await page.getByText('Lien envoyé').waitFor();
  const sent = await eventually(() =>
    harness.capture.emails.slice(before).find((e) => e.kind === 'sign-in-link' && e.to.includes(email)),
  );
  return /(http:\/\/\S+\/connexion\/\S+)/.exec(sent.text)![1]!;
}

describe('the web console', () => {
  it('lets the committee secretary sign in by link and record a decision, refused first then accepted', async () => {
    const page = await browser.newPage();
    await page.goto(consoleUrl);
    expect(page.url()).toBe(`${consoleUrl}/connexion`);
    expect(await page.title()).toBe('Connexion — Conventions beta.gouv.fr');
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await page.screenshot({ path: `${SCREENSHOTS}sign-in.png`, fullPage: true });

    await page.goto(await requestLink(page, PEOPLE.secretary));
    await page.getByRole('link', { name: 'camino-2020' }).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}list.png`, fullPage: true });

    // A filter that cannot match is refused, naming the field and the rule.
    const refusedFilter = await page.goto(`${consoleUrl}/?waitingOn=${encodeURIComponent("DGALN' OR 'x")}`);
    expect(refusedFilter!.status()).toBe(400);
    expect(await page.getByRole('alert').textContent()).toContain(
      "En attente de « DGALN' OR 'x » : expected a party id such as DGALN",
    );
    await page.goto(consoleUrl);

    await page.getByRole('link', { name: 'camino-2020' }).click();
    await page.getByRole('heading', { name: 'Budget par UO' }).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}convention.png`, fullPage: true });
    // Amounts French style, with no-break spaces.
    expect(await page.locator('svg[role="img"] title').first().textContent()).toMatch(
      /40\s000,00\s€ engagés/,
    );

    await page.getByRole('link', { name: 'Enregistrer la décision du comité' }).click();
    await page.getByLabel('Décision', { exact: true }).selectOption('continue-with-conditions');
    await page.getByLabel('Relevé de décisions').fill('Le comité salue les progrès de l’équipe.');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    // Refused inline, with the rule, and nothing typed is lost.
    await expect(page.getByRole('alert').textContent()).resolves.toContain(
      'a decision continue-with-conditions lists at least one condition',
    );
    expect(await page.getByLabel('Relevé de décisions').inputValue()).toBe(
      'Le comité salue les progrès de l’équipe.',
    );
    expect(await page.getByLabel('Décision', { exact: true }).inputValue()).toBe('continue-with-conditions');
    await page.screenshot({ path: `${SCREENSHOTS}decision-refused.png`, fullPage: true });

    await page.getByLabel('Conditions').fill('Recruter un développeur\nPublier les statistiques');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('La décision du comité est enregistrée').waitFor();
    const decided = page.locator('tr', { hasText: 'decide' });
    expect(await decided.first().textContent()).toContain(PEOPLE.secretary);
    expect(await decided.first().textContent()).toContain('acceptée');
    await page.screenshot({ path: `${SCREENSHOTS}decision-recorded.png`, fullPage: true });

    const minutes = await eventually(() =>
      harness.capture.emails.find((e) => e.kind === 'committee-minutes'),
    );
    expect(minutes.text).toContain('Recruter un développeur');

    await page.getByRole('link', { name: 'Registre des décisions' }).click();
    await page.getByText('Chaîne intacte').waitFor();
    expect(await page.locator('tbody tr').last().textContent()).toContain('decide');
    await page.screenshot({ path: `${SCREENSHOTS}register.png`, fullPage: true });
    await page.close();
  });

  it('links each reminder email to its form', () => {
    const convocation = harness.capture.emails.find((e) => e.kind === 'committee-convocation')!;
    expect(convocation.text).toContain(`${consoleUrl}/conventions/camino-2020/decide`);
    const request = harness.capture.emails.find((e) => e.kind === 'signature-request')!;
    expect(request.html).toContain(`href="${consoleUrl}/conventions/camino-2020/sign"`);
  });

  it('refuses a person without a role, and a form beyond a role', async () => {
    const page = await browser.newPage();
    const before = harness.capture.emails.length;
    await page.goto(`${consoleUrl}/connexion`);
    await page.getByLabel('Adresse électronique').fill('inconnu@example.org');
    await page.getByRole('button', { name: 'Recevoir un lien de connexion' }).click();
    await page.getByText('Lien envoyé').waitFor();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(harness.capture.emails.slice(before).filter((e) => e.to.includes('inconnu@example.org'))).toEqual(
      [],
    );

    // ONF co-funds: it sees the convention, but may not record a committee's decision.
    await page.goto(await requestLink(page, PEOPLE.onfRepresentative));
    const response = await page.goto(`${consoleUrl}/conventions/camino-2020/decide`);
    expect(response!.status()).toBe(403);
    expect(await page.getByRole('alert').textContent()).toContain('ne peut pas utiliser ce formulaire');
    await page.close();
  });

  it('refuses an expired link and a link used twice', async () => {
    const page = await browser.newPage();
    const used = await requestLink(page, PEOPLE.secretary);
    await page.goto(used);
    expect(page.url()).toBe(`${consoleUrl}/`);
    const again = await (await browser.newPage()).goto(used);
    expect(again!.status()).toBe(410);
    expect(await again!.text()).toContain('a déjà servi');

    const expiring = await requestLink(page, PEOPLE.secretary);
    clockAhead = LINK_LIFETIME_MS + 1_000;
    try {
      const expired = await (await browser.newPage()).goto(expiring);
      expect(expired!.status()).toBe(410);
      expect(await expired!.text()).toContain('a expiré');
    } finally {
      clockAhead = 0;
    }
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

    const admin = await browser.newPage();
    await admin.goto(await requestLink(admin, PEOPLE.admin));
    await admin.goto(`${uiOrigin}/namespaces/default/workflows`);
    const decoded = await decodeFrom(admin);
    expect(decoded).toMatchObject({ status: 200 });
    const [clear] = (decoded as { json: { payloads: { data: string }[] } }).json.payloads;
    const workflowInput = JSON.parse(Buffer.from(clear!.data, 'base64').toString()) as {
      convention: TConvention;
    };
    expect(workflowInput.convention.roles.committeeSecretary.email).toBe(PEOPLE.secretary);

    // Signed in, but not among the admins named.
    const secretary = await browser.newPage();
    await secretary.goto(await requestLink(secretary, PEOPLE.secretary));
    await secretary.goto(`${uiOrigin}/namespaces/default/workflows`);
    expect(await decodeFrom(secretary)).toMatchObject({ status: 403 });

    // The admin's browser on another origin: the preflight fails, nothing is sent.
    await admin.goto(`http://localhost:${new URL(uiOrigin).port}/namespaces/default/workflows`);
    expect(await decodeFrom(admin)).toMatchObject({ blocked: expect.stringContaining('Failed to fetch') });
    await admin.close();
    await secretary.close();
  });

  it('publishes /stats without sign-in: a chart per indicator, and the figures computed by hand', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${consoleUrl}/stats`);
    expect(response!.status()).toBe(200);
    expect(await page.title()).toBe('Statistiques publiques — Conventions beta.gouv.fr');
    // Chart.js, served by the console itself, has drawn the seven charts.
    await page.waitForFunction('Object.keys(Chart.instances).length === 7');
    expect(await page.locator('[data-value="engagedOfAllocated"]').textContent()).toBe('12,5 %');
    await page.screenshot({ path: `${SCREENSHOTS}stats.png`, fullPage: true });
    await page.close();

    // One convention, signed and published at once, 40 000 € engaged of the 320 000 € it delegates;
    // no reminder sent yet, no report due, its first committee still ahead.
    const report = (await (await fetch(`${consoleUrl}/stats.json`)).json()) as {
      current: object;
      conventions: number;
    };
    expect(report.conventions).toBe(1);
    expect(report.current).toEqual({
      month: new Date().toISOString().slice(0, 7),
      conventionsByState: { 'in-force': 1 },
      remindersActedOnWithin7Days: null,
      medianDaysToSignatures: 0,
      medianDaysToPublication: 0,
      reportsOnTime: null,
      committeesDecidedOnTime: null,
      engagedOfAllocated: 12.5,
    });
    expect(JSON.stringify(report)).not.toContain('@');
  });

  it('refuses a form body over 1 MB with a page that says so', async () => {
    const response = await fetch(`${consoleUrl}/conventions/camino-2020/report`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `progress=${'x'.repeat(2_000_000)}`,
    });
    expect(response.status).toBe(413);
    expect(await response.text()).toContain('Le formulaire dépasse 1 Mo');
  });

  it('refuses a form posted without its CSRF token', async () => {
    const response = await fetch(`${consoleUrl}/connexion`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=comite.camino%40example.org',
    });
    expect(response.status).toBe(403);
  });
});
