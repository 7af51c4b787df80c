import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CapturedEmail } from '../../client/mail-capture';
import { simulate, type Simulation } from '../../client/simulate';
import { createConsole } from '../../client/web/server';
import { Signer } from '../../client/web/signer';
import { participantHasher } from '../../crypto/participants';
import { localDateOf } from '../../domain/dates';
import { createMailer } from '../../mail/mailer';
import type { RegisterEntry } from '../../store/register';
import { SqliteSignInStore } from '../../store/sign-in-sqlite';
import { SqliteDraftStore } from '../../store/drafts-sqlite';
import { SqliteDocumentStore } from '../../store/documents-sqlite';
import { camino, PEOPLE, seedScenario } from '../fixtures';
import { countKinds, expectSameEmailsAsDomain } from '../helpers/simulation';
import { freePort } from '../helpers/ports';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../web/browser';

// A budget year's end (SPEC §11) on the time-skipping server, from September to March with the
// seed's indicative fin de gestion (1 December for engagements, 15 December for payments): the
// forecasts before each date, the délégant told of credits the pace says will not be consumed,
// the engagement and the payment after their dates refused naming them, the year's statement in
// the register, in an email and on the console's page; then the new year's lines by avenant.

const SCREENSHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const PEBC = '0113-PEBC-ELAB';
const NBSP = '\u00a0';

describe('a budget year’s end, from September to March', () => {
  const plan = seedScenario('year-end');
  const emails: CapturedEmail[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'convention-year-end-'));
  let simulation: Simulation;
  let register: RegisterEntry[] = [];
  const pages = { convention: '', register: '' };
  /** The budget year that ends: the year the scenario starts in. */
  let year = '';

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    simulation = await simulate(camino(), plan, {
      emails,
      // While the simulation is up: its register, and the console's pages as the admin sees them.
      inspect: async ({ client, register: store, now }) => {
        register = await store.entries('camino-2020');
        const signIn = new SqliteSignInStore(join(dir, 'console.sqlite'));
        const signer = new Signer('a year-end test secret, long enough to sign');
        const app = await createConsole({
          client,
          register: store,
          signIn,
          drafts: new SqliteDraftStore(':memory:'),
          documents: new SqliteDocumentStore(':memory:'),
          signer,
          mailer: createMailer('smtp://127.0.0.1:1'),
          mailFrom: 'Conventions <conventions@example.org>',
          consoleUrl: 'http://127.0.0.1',
          taskQueue: 'simulation',
          admins: [],
          hashParticipant: participantHasher(),
          now: () => now,
        });
        const port = await freePort();
        await app.listen({ port, host: '127.0.0.1' });
        const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
        try {
          const session = signer.sign(await signIn.openSession(PEOPLE.admin, now));
          const context = await browser.newContext({ locale: 'fr-FR' });
          await context.addCookies([{ name: 'session', value: session, url: `http://127.0.0.1:${port}` }]);
          const page = await context.newPage();
          await page.goto(`http://127.0.0.1:${port}/conventions/camino-2020`);
          pages.convention = await page.locator('main').innerText();
          await page.screenshot({ path: `${SCREENSHOTS}year-end-convention.png`, fullPage: true });
          await page.locator('#exercices').screenshot({ path: `${SCREENSHOTS}year-end-years.png` });
          await page.goto(`http://127.0.0.1:${port}/conventions/camino-2020/registre`);
          pages.register = await page.locator('main').innerText();
          await page.screenshot({ path: `${SCREENSHOTS}year-end-register.png`, fullPage: true });
        } finally {
          await browser.close();
          await app.close();
          await signIn.close();
        }
      },
    });
    year = simulation.final.publication!.effectiveDate.slice(0, 4);
  }, 240_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const day = (email: CapturedEmail) => localDateOf(email.date, 'Europe/Paris');

  it('sent exactly the emails the domain computes, across the year’s end', () => {
    expectSameEmailsAsDomain(camino(), plan, simulation, emails);
  });

  it('sent its forecasts before each date, 45 and 15 days ahead, to the délégataire and the délégant', () => {
    const forecasts = emails.filter((e) => e.kind === 'year-end-forecast');
    expect(forecasts.map((e) => [e.subject.replace(/\d{4}/g, 'YYYY'), day(e) < `${year}-12-01`])).toEqual([
      ['[Camino · camino-YYYY] Fin de gestion YYYY : engagements jusqu’au 1er décembre YYYY', true],
      ['[Camino · camino-YYYY] Fin de gestion YYYY : paiements jusqu’au 15 décembre YYYY', true],
      ['[Camino · camino-YYYY] Fin de gestion YYYY : engagements jusqu’au 1er décembre YYYY', true],
      ['[Camino · camino-YYYY] Fin de gestion YYYY : paiements jusqu’au 15 décembre YYYY', true],
    ]);
    for (const forecast of forecasts)
      expect(forecast.to).toEqual([
        PEOPLE.dinumContact,
        'sg.budget@example.org',
        PEOPLE.dgalnContact,
        'dgpr.budget@example.org',
      ]);
    // Per UO, the pace projected to the date, and the délégataire's own forecast beside it.
    expect(forecasts[0]!.text).toContain(
      `UO ${PEBC}, AE : 220${NBSP}000,00${NBSP}€, dont 30${NBSP}000,00${NBSP}€ engagés (reste 190${NBSP}000,00${NBSP}€). Au rythme constaté,`,
    );
    expect(forecasts[0]!.text).toContain(
      `Prévision du délégataire (16 octobre ${year}) : 90${NBSP}000,00${NBSP}€.`,
    );
    expect(forecasts[0]!.text).toContain('le délégant fait connaître ses prévisions en temps utile');
  });

  it('told the délégant at once that credits would not be consumed, CBCM in copy, and again as it grew', () => {
    const told = emails.filter((e) => e.kind === 'credits-unconsumed-forecast' && day(e) <= `${year}-12-31`);
    const pebc = told.filter((e) => e.subject.includes(PEBC));
    expect(pebc.length).toBeGreaterThanOrEqual(2);
    expect(pebc[0]!.to).toEqual([PEOPLE.dgalnContact]);
    expect(pebc[0]!.cc).toEqual(['cbcm.premier-ministre@example.org', 'cbcm.delegant@example.org']);
    // The first day the pace says something (30 days after the effective date), at the first check.
    expect(day(pebc[0]!) < `${year}-10-31`).toBe(true);
    expect(pebc[0]!.text).toContain('le délégataire vous informe dans les meilleurs délais');
    expect(pebc[1]!.text).toContain('Cette prévision s’aggrave depuis le précédent avis');
    expect(told.some((e) => e.subject.includes('0181-CPRI-ELAB'))).toBe(true);
  });

  it('refused the engagement, then the payment, after their dates, naming them', () => {
    const refused = simulation.timeline.flatMap((e) => (e.type === 'command' && !e.ok ? [e.error] : []));
    expect(refused).toEqual([
      `engagements on the ${year} credits were taken until ${year}-12-01 (fin de gestion)`,
      `payments on the ${year} credits were taken until ${year}-12-15 (fin de gestion)`,
      `${PEBC} has no credits for ${Number(year) + 1} (its lines are of ${year}): an avenant adds the year's lines`,
    ]);
  });

  it('closed the year: its statement in the register, to the délégant with the CBCM in copy', () => {
    const statement = register.find((entry) => entry.kind === 'year-end-statement')!;
    expect(statement).toMatchObject({ actor: 'temporal', payload: { year: Number(year) } });
    expect(statement.payload.lines).toEqual([
      {
        uo: PEBC,
        ae: '220000.00',
        engaged: '70000.00',
        aeLeft: '150000.00',
        cp: '220000.00',
        paid: '45000.00',
        cpLapsed: '175000.00',
      },
      {
        uo: '0181-CPRI-ELAB',
        ae: '100000.00',
        engaged: '10000.00',
        aeLeft: '90000.00',
        cp: '100000.00',
        paid: '0.00',
        cpLapsed: '100000.00',
      },
    ]);
    const [sent] = emails.filter((e) => e.kind === 'year-end-statement');
    expect(day(sent!).slice(0, 7)).toBe(`${Number(year) + 1}-01`);
    expect(sent!.to).toEqual(['sg.budget@example.org', PEOPLE.dgalnContact, 'dgpr.budget@example.org']);
    expect(sent!.cc).toContain('cbcm.delegant@example.org');
    expect(sent!.text).toContain(
      `UO ${PEBC} : 70${NBSP}000,00${NBSP}€ engagés sur 220${NBSP}000,00${NBSP}€ d’AE, 150${NBSP}000,00${NBSP}€ restant à reporter par avenant`,
    );
    expect(simulation.final.yearStatements).toHaveLength(1);
    expect(countKinds(emails)['year-end-statement']).toBe(1);
  });

  it('shows the years and the statement on the console’s pages, in French', () => {
    expect(pages.convention).toContain('Crédits par exercice');
    expect(pages.convention).toContain('Bilans de fin d’exercice');
    expect(pages.convention).toContain(
      `engagements jusqu’au 1er décembre ${year}, paiements jusqu’au 15 décembre ${year}`,
    );
    expect(pages.convention).toContain(`90${NBSP}000,00${NBSP}€ d’AE, 60${NBSP}000,00${NBSP}€ de CP`);
    expect(pages.register).toContain('Bilan de fin d’exercice');
    expect(pages.register).toContain(`exercice ${year} : ${PEBC}, AE à reporter 150${NBSP}000,00${NBSP}€`);
    expect(pages.register).toContain('l’outil de suivi');
    expect(pages.register).not.toMatch(/year-end|temporal\b|workflow/);
  });

  it('took the new year’s lines by avenant, and engagements on them', () => {
    expect(simulation.final.credits[0]!.years.map((y) => [y.year, y.ae, y.engaged])).toEqual([
      [Number(year), '220000.00', '70000.00'],
      [Number(year) + 1, '100000.00', '20000.00'],
    ]);
  });
});
