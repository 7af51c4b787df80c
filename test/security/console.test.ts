import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsole, type ConsoleDeps } from '../../client/web/server';
import { nextPageOf } from '../../client/web/next-page';
import { START } from '../../client/web/pages/start';
import { Signer } from '../../client/web/signer';
import { loadSettings } from '../../config';
import { conventionSchema } from '../../domain/convention';
import { participantHasher } from '../../crypto/participants';
import { createMailer } from '../../mail/mailer';
import { SqliteRegister } from '../../store/register-sqlite';
import { LINKS_PER_ADDRESS, type SignInStore } from '../../store/sign-in';
import { SqliteSignInStore } from '../../store/sign-in-sqlite';
import { SqliteDraftStore } from '../../store/drafts-sqlite';
import { SqliteDocumentStore } from '../../store/documents-sqlite';
import { startDevServer } from '../../temporal/servers';
import { conventionWorkflow } from '../../workflows/convention';
import { conventionQuery, SEARCH_ATTRIBUTES, workflowIdFor } from '../../workflows/messages';
import { caminoYearRoundInput, PEOPLE } from '../fixtures';
import { freePort } from '../helpers/ports';
import { eventually, startHarness, type WorkflowHarness } from '../helpers/workflow-env';

// The findings of the console's security probe (issue 28), each as the request it made and its
// variants: where a sign-in leads, what the time of an answer tells, CSRF tokens a sibling site
// could plant, a person locked out by another's flood, keys that walk the prototype chain, a
// multipart body over its limits, who can reach the console, who can read its files.

const CONSOLE_URL = 'http://127.0.0.1:3999';
const SECRET = 'a security test secret, long enough to sign';
const signer = new Signer(SECRET);
const dir = mkdtempSync(join(tmpdir(), 'convention-security-'));
const STRANGER = 'inconnu@example.org';

let env: TestWorkflowEnvironment;
let harness: WorkflowHarness;
let signIn: SignInStore;
let app: FastifyInstance;

const deps = (): ConsoleDeps => ({
  client: env.client,
  register: harness.register,
  signIn,
  drafts: new SqliteDraftStore(':memory:'),
  documents: new SqliteDocumentStore(':memory:'),
  signer,
  mailer: createMailer(harness.capture.url),
  mailFrom: 'Conventions <conventions@example.org>',
  consoleUrl: CONSOLE_URL,
  taskQueue: harness.taskQueue,
  admins: [PEOPLE.admin],
  // Each timing sample comes from its own client address: the per-client limit is not under test.
  signInRequestsPerClient: 10_000,
  hashParticipant: participantHasher(),
});

beforeAll(async () => {
  env = await startDevServer({ port: await freePort(), uiPort: await freePort() });
  harness = await startHarness(env, 'security', { consoleUrl: CONSOLE_URL });
  signIn = new SqliteSignInStore(join(dir, 'console.sqlite'));
  app = await createConsole(deps());
  const convention = conventionSchema().parse(caminoYearRoundInput());
  const handle = await env.client.workflow.start(conventionWorkflow, {
    taskQueue: harness.taskQueue,
    workflowId: workflowIdFor(convention.id),
    args: [{ convention }],
  });
  await handle.query(conventionQuery);
  // Its people are named in its search attributes once its first task has run.
  await eventually(async () => {
    const { typedSearchAttributes } = await handle.describe();
    return (typedSearchAttributes.get(SEARCH_ATTRIBUTES.participants) ?? []).length > 0;
  });
}, 120_000);

afterAll(async () => {
  await app?.close();
  await harness?.close();
  await env?.teardown();
  await signIn?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A session of `email` and a CSRF token of it, as its browser holds them. */
async function sessionOf(email: string) {
  const token = await signIn.openSession(email, Date.now());
  return { cookies: { session: signer.sign(token) }, csrf: signer.csrfToken(`session:${token}`) };
}

/** A browser not signed in: its signed visitor cookie and the token bound to it. */
function visitor(id = 'visiteur-1') {
  return { cookies: { visitor: signer.sign(id) }, csrf: signer.csrfToken(`visitor:${id}`) };
}

let clientAddress = 0;
/** A new client address each time, so that no rate limit meets the timing samples. */
const nextClient = () => `10.1.${Math.floor(++clientAddress / 250)}.${(clientAddress % 250) + 1}`;

/** The interquartile range of a sample, in milliseconds. */
function quartiles(samples: number[]): [number, number] {
  const sorted = [...samples].sort((a, b) => a - b);
  return [sorted[Math.floor(sorted.length / 4)]!, sorted[Math.floor((3 * sorted.length) / 4)]!];
}

/** Lets the work a request left behind run out. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

const elapsed = async (request: () => Promise<unknown>) => {
  const start = process.hrtime.bigint();
  await request();
  return Number(process.hrtime.bigint() - start) / 1e6;
};

describe('where a sign-in leads (an open redirect)', () => {
  const HOSTILE = [
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r/evil.example',
    '/\r\nSet-Cookie: planted=1',
    '//evil.example',
    '/\\evil.example',
    '/\\/evil.example',
    '\\/evil.example',
    'https://evil.example/',
    'evil.example',
    '/ /evil.example',
    '/\u00a0/evil.example',
    '/\u200b/evil.example',
    '/\u2028/evil.example',
    '/\u0000/evil.example',
    '/\u007f',
    '/conventions\u202e',
  ];

  it('keeps a path of this console, and nothing else', () => {
    expect(nextPageOf('/conventions/camino-2020?quoi=emails#registre', CONSOLE_URL)).toBe(
      '/conventions/camino-2020?quoi=emails#registre',
    );
    expect(nextPageOf('/conventions/../conventions', CONSOLE_URL)).toBe('/conventions');
    for (const value of [...HOSTILE, undefined, 42, ['/conventions']])
      expect(nextPageOf(value, CONSOLE_URL), JSON.stringify(value)).toBeUndefined();
  });

  it('signs in to "Mes actions" from a genuine link whatever `suite` it carries, never to another site, never a 500', async () => {
    for (const suite of HOSTILE) {
      const token = await signIn.create(PEOPLE.secretary, Date.now());
      const response = await app.inject({
        method: 'GET',
        url: `/connexion/${token}?suite=${encodeURIComponent(suite)}`,
      });
      expect([suite, response.statusCode, response.headers.location]).toEqual([suite, 303, '/']);
    }
    const token = await signIn.create(PEOPLE.secretary, Date.now());
    const kept = await app.inject({ method: 'GET', url: `/connexion/${token}?suite=%2Fconventions` });
    expect(kept.headers.location).toBe('/conventions');
  });

  it('carries no hostile `suite` into the sign-in form nor into the link it emails', async () => {
    for (const suite of ['/\t/evil.example', '//evil.example']) {
      const page = await app.inject({ method: 'GET', url: `/connexion?suite=${encodeURIComponent(suite)}` });
      expect(page.body).not.toContain('name="suite"');
    }
    const browser = visitor();
    const before = harness.capture.emails.length;
    await app.inject({
      method: 'POST',
      url: '/connexion',
      remoteAddress: nextClient(),
      cookies: browser.cookies,
      payload: { email: PEOPLE.secretary, suite: '/\t/evil.example', _csrf: browser.csrf },
    });
    const sent = await eventually(() =>
      harness.capture.emails.slice(before).find((e) => e.to.includes(PEOPLE.secretary)),
    );
    const link = new URL(/(http:\/\/\S+\/connexion\/\S+)/.exec(sent.text)![1]!);
    expect(link.searchParams.has('suite')).toBe(false);
  });
});

describe('what the time of an answer tells', () => {
  const SAMPLES = 40;

  it('answers a sign-in request in the same time for an address that holds a role and one that does not', async () => {
    const browser = visitor();
    const ask = (email: string) =>
      app.inject({
        method: 'POST',
        url: '/connexion',
        remoteAddress: nextClient(),
        cookies: browser.cookies,
        payload: { email, _csrf: browser.csrf },
      });
    // Warm both paths.
    await ask(PEOPLE.secretary);
    await ask(STRANGER);
    const holder: number[] = [];
    const stranger: number[] = [];
    for (let i = 0; i < SAMPLES; i += 1) {
      const before = harness.capture.emails.length;
      holder.push(await elapsed(() => ask(PEOPLE.secretary)));
      // The link goes after the answer: each sample is taken once the work the one before left
      // (a link sent, a role looked up) is done, so that it measures one answer only.
      await eventually(() => harness.capture.emails.length > before);
      await settle();
      stranger.push(await elapsed(() => ask(STRANGER)));
      await settle();
    }
    const [holderLow, holderHigh] = quartiles(holder);
    const [strangerLow, strangerHigh] = quartiles(stranger);
    // The middle halves of the two distributions overlap.
    expect(
      holderLow,
      `holder ${holderLow}–${holderHigh} ms, stranger ${strangerLow}–${strangerHigh} ms`,
    ).toBeLessThanOrEqual(strangerHigh);
    expect(strangerLow).toBeLessThanOrEqual(holderHigh);
  });

  it('refuses an existing convention and a missing one in the same time', async () => {
    const outsider = await sessionOf(STRANGER);
    const open = (id: string) =>
      app.inject({ method: 'GET', url: `/conventions/${id}`, cookies: outsider.cookies });
    expect((await open('camino-2020')).statusCode).toBe(403);
    expect((await open('nulle-part')).statusCode).toBe(403);
    const existing: number[] = [];
    const missing: number[] = [];
    for (let i = 0; i < SAMPLES; i += 1) {
      existing.push(await elapsed(() => open('camino-2020')));
      missing.push(await elapsed(() => open(`nulle-part-${i}`)));
    }
    const [existingLow, existingHigh] = quartiles(existing);
    const [missingLow, missingHigh] = quartiles(missing);
    expect(
      existingLow,
      `existing ${existingLow}–${existingHigh} ms, missing ${missingLow}–${missingHigh} ms`,
    ).toBeLessThanOrEqual(missingHigh);
    expect(missingLow).toBeLessThanOrEqual(existingHigh);
    // Those it names still see it.
    const secretary = await sessionOf(PEOPLE.secretary);
    const seen = await app.inject({
      method: 'GET',
      url: '/conventions/camino-2020',
      cookies: secretary.cookies,
    });
    expect(seen.statusCode).toBe(200);
  });
});

describe('CSRF tokens a sibling site could plant', () => {
  /** A form a signed-in person may post: their choice of reminders. */
  const post = (cookies: Record<string, string>, csrf: string) =>
    app.inject({
      method: 'POST',
      url: '/rappels',
      cookies,
      payload: { choix: 'weekly', _csrf: csrf },
    });

  it('refuses an unsigned visitor cookie and the token made from it', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/connexion',
      remoteAddress: nextClient(),
      cookies: { visitor: 'planted' },
      payload: { email: STRANGER, _csrf: signer.csrfToken('planted') },
    });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('ne vient pas de ce site');
  });

  it('binds a signed-in person’s token to their session: a planted visitor and its token submit nothing', async () => {
    const victim = await sessionOf(PEOPLE.secretary);
    // The attacker's own visit gives a genuine visitor cookie and its token; planted beside the
    // victim's session, they are worth nothing.
    const planted = visitor('visiteur-de-l-attaquant');
    const forged = await post({ ...victim.cookies, ...planted.cookies }, planted.csrf);
    expect(forged.statusCode).toBe(403);
    const genuine = await post({ ...victim.cookies, ...planted.cookies }, victim.csrf);
    expect([genuine.statusCode, genuine.headers.location]).toEqual([303, '/rappels?enregistre']);
  });

  it('gives a new visitor id at sign-in', async () => {
    const before = visitor('avant-la-connexion');
    const token = await signIn.create(PEOPLE.secretary, Date.now());
    const response = await app.inject({ method: 'GET', url: `/connexion/${token}`, cookies: before.cookies });
    const renewed = response.cookies.find((c) => c.name === 'visitor');
    expect(renewed?.value).toBeDefined();
    expect(renewed!.value).not.toBe(before.cookies.visitor);
    expect(signer.unsign(renewed!.value)).toBeDefined();
  });

  it('names its cookies __Host- under https, and reads no cookie of another name there', async () => {
    const overHttps = await createConsole({ ...deps(), consoleUrl: 'https://conventions.example.gouv.fr' });
    try {
      const page = await overHttps.inject({ method: 'GET', url: '/connexion' });
      const cookie = page.cookies.find((c) => c.name === '__Host-visitor');
      expect(cookie).toMatchObject({ path: '/', secure: true, httpOnly: true });
      expect(cookie!.domain).toBeUndefined();
      const token = await signIn.create(PEOPLE.secretary, Date.now());
      const signedIn = await overHttps.inject({ method: 'GET', url: `/connexion/${token}` });
      const session = signedIn.cookies.find((c) => c.name === '__Host-session');
      expect(session).toMatchObject({ path: '/', secure: true, httpOnly: true });
      // A `session` cookie planted by a sibling host opens nothing.
      const planted = await overHttps.inject({
        method: 'GET',
        url: '/conventions',
        cookies: { session: session!.value },
      });
      expect(planted.statusCode).toBe(303);
      const kept = await overHttps.inject({
        method: 'GET',
        url: '/conventions',
        cookies: { '__Host-session': session!.value },
      });
      expect(kept.statusCode).toBe(200);
    } finally {
      await overHttps.close();
    }
  });
});

describe('smaller findings', () => {
  it('does not let one client’s flood lock a person out from another', async () => {
    const browser = visitor();
    const ask = (remoteAddress: string) =>
      app.inject({
        method: 'POST',
        url: '/connexion',
        remoteAddress,
        cookies: browser.cookies,
        payload: { email: 'flood@example.org', _csrf: browser.csrf },
      });
    for (let i = 0; i < LINKS_PER_ADDRESS; i += 1) expect((await ask('203.0.113.66')).statusCode).toBe(200);
    expect((await ask('203.0.113.66')).statusCode).toBe(429);
    expect((await ask('198.51.100.8')).statusCode).toBe(200);
  });

  it('finds no text by a key of the prototype chain', async () => {
    const secretary = await sessionOf(PEOPLE.secretary);
    for (const key of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      for (const query of [`done=${key}`, `quoi=${key}`]) {
        const page = await app.inject({
          method: 'GET',
          url: `/conventions/camino-2020?${query}`,
          cookies: secretary.cookies,
        });
        expect(page.statusCode, query).toBe(200);
        expect(page.body, query).not.toMatch(/function \w*\(|\[native code\]|\[object Object\]/);
      }
    }
  });

  it('answers a multipart form of too many parts with the French page', async () => {
    const admin = await sessionOf(PEOPLE.admin);
    const boundary = '----parts';
    const parts = Array.from(
      { length: 1_100 },
      (_, i) => `--${boundary}\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\nx\r\n`,
    ).join('');
    const response = await app.inject({
      method: 'POST',
      url: START,
      cookies: admin.cookies,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `${parts}--${boundary}--\r\n`,
    });
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('Formulaire trop long');
  });

  it('listens on this machine only unless told otherwise', () => {
    expect(loadSettings({}).LISTEN_HOST).toBe('127.0.0.1');
    expect(loadSettings({ LISTEN_HOST: '0.0.0.0' }).LISTEN_HOST).toBe('0.0.0.0');
  });

  it('creates the register’s and the console’s files readable by their owner only', async () => {
    const files = mkdtempSync(join(tmpdir(), 'convention-modes-'));
    try {
      const register = new SqliteRegister(join(files, 'register.sqlite'));
      const store = new SqliteSignInStore(join(files, 'console.sqlite'));
      await store.openSession(PEOPLE.secretary, Date.now());
      for (const file of ['register.sqlite', 'register.sqlite-wal', 'console.sqlite', 'console.sqlite-wal'])
        expect([file, statSync(join(files, file)).mode & 0o777]).toEqual([file, 0o600]);
      await register.close();
      await store.close();
    } finally {
      rmSync(files, { recursive: true, force: true });
    }
  });
});
