import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Connection } from '@temporalio/client';
import proto from '@temporalio/proto';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConventionHistory } from '../../client/history';
import type { ConventionListing } from '../../client/list';
import { localDateOf } from '../../domain/dates';
import type { ConventionStatus } from '../../domain/status';
import { PEOPLE, SIGNATORIES } from '../fixtures';
import { runCliAsync } from '../client/run-cli';
import { freePort } from '../helpers/ports';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../web/browser';

// End to end, as a newcomer does it: `npm start` in the background (its own Temporal dev server on
// a SQLite file, MailDev, the worker, the seed convention), the CLI from "another terminal", then
// Ctrl-C and a second `npm start` that finds everything where it was.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCREENSHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'convention-stack-'));
let env: NodeJS.ProcessEnv;
let ports: { temporal: number; ui: number; smtp: number; mailWeb: number; metrics: number; console: number };

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function npmStart(): Started {
  // Its own process group, as in a terminal, where Ctrl-C signals the whole group.
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, output: () => output, exited };
}

async function until<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 120_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await new Promise((wake) => setTimeout(wake, 250));
  }
}

async function ready(stack: Started): Promise<void> {
  await until('npm start ready', async () => {
    if (stack.child.exitCode !== null) throw new Error(`npm start exited:\n${stack.output()}`);
    return stack.output().includes('Ctrl-C stops everything') || undefined;
  });
}

/** Ctrl-C: SIGINT to npm's process group; npm ends with the signal once its script has stopped. */
async function stop(stack: Started): Promise<void> {
  if (stack.child.exitCode === null && stack.child.signalCode === null)
    process.kill(-stack.child.pid!, 'SIGINT');
  await stack.exited;
}

const portFree = (port: number) =>
  new Promise<boolean>((done) => {
    const server = createServer()
      .once('error', () => done(false))
      .listen(port, '0.0.0.0', () => server.close(() => done(true)));
  });

const cli = async (...args: string[]) => {
  const run = await runCliAsync(args, env);
  expect(run.stderr, `convention ${args.join(' ')}`).toBe('');
  expect(run.status).toBe(0);
  return run.stdout;
};

/** What MailDev caught for one convention (its idempotency keys start with the workflow id). */
const caughtEmails = async (conventionId = 'camino-2020') => {
  const all = (await (await fetch(`http://127.0.0.1:${ports.mailWeb}/api/email`)).json()) as {
    headers: Record<string, string>;
  }[];
  return all.filter((email) => email.headers['x-idempotency-key']?.startsWith(`convention-${conventionId}/`));
};

let first: Started;
let second: Started | undefined;

beforeAll(async () => {
  ports = {
    temporal: await freePort(),
    ui: await freePort(),
    smtp: await freePort(),
    mailWeb: await freePort(),
    metrics: await freePort(),
    console: await freePort(),
  };
  env = {
    ...process.env,
    TEMPORAL_ADDRESS: `localhost:${ports.temporal}`,
    TEMPORAL_UI_PORT: String(ports.ui),
    SMTP_URL: `smtp://localhost:${ports.smtp}`,
    MAIL_WEB_PORT: String(ports.mailWeb),
    METRICS_PORT: String(ports.metrics),
    CONSOLE_PORT: String(ports.console),
    DATA_DIR: dir,
    REGISTER_PATH: join(dir, 'register.sqlite'),
    // npm start makes the key there; the CLI reads it from there.
    PAYLOAD_KEYS_FILE: join(dir, 'payload-keys'),
  };
  first = npmStart();
  await ready(first);
}, 180_000);

afterAll(async () => {
  for (const stack of [first, second]) if (stack) await stop(stack);
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('npm start', () => {
  it('prints where everything is, and starts the seed convention', async () => {
    const output = first.output();
    expect(output).toContain(`Temporal UI    http://localhost:${ports.ui}/namespaces/default/workflows`);
    expect(output).toContain(`Mail catcher   http://localhost:${ports.mailWeb}/`);
    expect(output).toContain(`Metrics        http://localhost:${ports.metrics}/metrics`);
    expect(output).toContain(`Web console    http://localhost:${ports.console}/`);
    expect(output).toContain('Seed convention camino-2020: started now');
    expect(output).toContain('Demo convention camino-2020-demo: in-force, its first committee convened');
    const signIn = await (await fetch(`http://127.0.0.1:${ports.console}/connexion`)).text();
    expect(signIn).toContain('<title>Connexion — Conventions beta.gouv.fr</title>');
    expect((await fetch(`http://127.0.0.1:${ports.console}/dsfr/dsfr.min.css`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${ports.ui}/`)).status).toBe(200);
    const page = await fetch(`http://127.0.0.1:${ports.mailWeb}/`, { headers: { accept: 'text/html' } });
    expect(await page.text()).toContain('MailDev');
    expect(
      await until('signature requests caught', async () =>
        (await caughtEmails()).length === 4 ? true : undefined,
      ),
    );
  });

  it('is driven by the CLI through signing and publication: status, list, history, register', async () => {
    for (const [party, as] of SIGNATORIES) await cli('sign', 'camino-2020', '--party', party, '--as', as);
    await cli('confirm-chorus', 'camino-2020', '--as', PEOPLE.dgalnContact);
    expect(
      await cli('publish', 'camino-2020', '--where', 'data.gouv.fr', '--as', PEOPLE.dinumContact),
    ).toContain('camino-2020 is now in-force');
    const refused = await runCliAsync(
      ['publish', 'camino-2020', '--where', 'x', '--as', PEOPLE.dinumContact],
      env,
    );
    expect(refused.status).toBe(1);

    const status = JSON.parse(await cli('status', 'camino-2020', '--json')) as ConventionStatus;
    expect(status.state).toBe('in-force');
    expect(status.publication?.where).toBe('data.gouv.fr');

    const listed = await until('list shows in-force', async () => {
      const conventions = JSON.parse(await cli('list', '--json')) as ConventionListing[];
      return conventions.every((c) => c.state === 'in-force') ? conventions : undefined;
    });
    expect(listed.map((c) => [c.id, c.startup, c.state])).toEqual([
      ['camino-2020', 'Camino', 'in-force'],
      ['camino-2020-demo', 'Camino', 'in-force'],
    ]);

    // The convention-in-force email follows the publication.
    const emails = await until('seven emails caught', async () => {
      const caught = await caughtEmails();
      return caught.length === 7 ? caught : undefined;
    });
    const history = JSON.parse(await cli('history', 'camino-2020', '--json')) as ConventionHistory;
    const commands = history.entries.filter((e) => e.type === 'command');
    expect(commands.map((c) => [c.command, c.ok])).toEqual([
      ...SIGNATORIES.map(() => ['sign', true]),
      ['confirm-chorus', true],
      ['publish', true],
      ['publish', false],
    ]);
    const sent = history.entries.filter((e) => e.type === 'email');
    expect(sent).toHaveLength(emails.length);
    expect(history.entries.filter((e) => e.type === 'state').map((e) => e.to)).toEqual([
      'signing',
      'awaiting-publication',
      'in-force',
    ]);
    expect((await cli('register', 'camino-2020', '--verify')).trim()).toBe(
      'register of camino-2020: chain intact, 6 entries',
    );

    // The public statistics of the running stack: both conventions in force, nothing engaged yet.
    const stats = (await (await fetch(`http://127.0.0.1:${ports.console}/stats.json`)).json()) as {
      conventions: number;
      current: { conventionsByState: object; engagedOfAllocated: number };
    };
    expect(stats.conventions).toBe(2);
    expect(stats.current.conventionsByState).toEqual({ 'in-force': 2 });
    expect(stats.current.engagedOfAllocated).toBe(0);
  });

  it('keeps names and addresses out of Temporal, and points its UI at the codec endpoint', async () => {
    const connection = await Connection.connect({ address: `127.0.0.1:${ports.temporal}` });
    try {
      const { history } = await connection.workflowService.getWorkflowExecutionHistory({
        namespace: 'default',
        execution: { workflowId: 'convention-camino-2020' },
      });
      const stored = Buffer.from(proto.temporal.api.history.v1.History.encode(history!).finish());
      expect(Object.values(PEOPLE).filter((address) => stored.includes(address))).toEqual([]);
      expect(stored.includes('binary/encrypted')).toBe(true);
    } finally {
      await connection.close();
    }
    const settings = await (await fetch(`http://127.0.0.1:${ports.ui}/api/v1/settings`)).text();
    expect(settings).toContain(`http://localhost:${ports.console}/codec`);
  });

  it("shows the admin clear payloads in the Temporal UI, by the README's steps, in Chromium", async () => {
    const consoleUrl = `http://localhost:${ports.console}`;
    mkdirSync(SCREENSHOTS, { recursive: true });
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      // Signed in to the console as the seed's admin, by the link the sign-in email carries.
      await page.goto(`${consoleUrl}/connexion`);
      await page.getByLabel('Adresse électronique').fill(PEOPLE.admin);
      await page.getByRole('button', { name: 'Recevoir un lien de connexion' }).click();
      await page.getByText('Lien envoyé').waitFor();
      const link = await until('sign-in link caught', async () => {
        const all = (await (await fetch(`http://127.0.0.1:${ports.mailWeb}/api/email`)).json()) as {
          to: { address: string }[];
          text: string;
        }[];
        const sent = all.findLast(
          (e) => e.to.some((to) => to.address === PEOPLE.admin) && /\/connexion\//.test(e.text),
        );
        return sent && /(http:\/\/\S+\/connexion\/\S+)/.exec(sent.text)?.[1];
      });
      await page.goto(link);
      expect(new URL(page.url()).pathname).not.toBe('/connexion');

      // The UI as npm start configures it: the endpoint is known, but called without the cookie.
      const workflowPage = `http://localhost:${ports.ui}/namespaces/default/workflows/convention-camino-2020`;
      await page.goto(workflowPage);
      const codecIcon = page.getByRole('button', { name: 'Codec Server could not connect' });
      await codecIcon.waitFor();
      expect(await page.locator('body').innerText()).not.toContain('"startup"');
      await page.screenshot({ path: `${SCREENSHOTS}temporal-ui-before.png` });

      // The README's steps.
      await codecIcon.click();
      await page.getByText('Use my browser setting and ignore Cluster-level setting.').click();
      await page.getByLabel('Codec Server browser endpoint').fill(`${consoleUrl}/codec`);
      await page.getByText('Include cross-origin credentials').click();
      await page.screenshot({ path: `${SCREENSHOTS}temporal-ui-codec-settings.png` });
      await page.getByRole('button', { name: 'Apply' }).click();

      await page.goto(workflowPage);
      await page.getByText('"name": "Camino"').first().waitFor({ timeout: 30_000 });
      await page.getByRole('button', { name: 'Codec Server succesfully converted content' }).waitFor();
      await page.screenshot({ path: `${SCREENSHOTS}temporal-ui-decoded.png` });
    } finally {
      await browser.close();
    }
  }, 90_000);

  it('keeps its data for its user only, and listens on this machine only', async () => {
    const files = [
      'register.sqlite',
      'console.sqlite',
      ...readdirSync(join(dir, 'mails')).map((f) => `mails/${f}`),
    ];
    expect(files.length).toBeGreaterThan(2);
    expect(files.filter((file) => (statSync(join(dir, file)).mode & 0o077) !== 0)).toEqual([]);
    const outward = Object.values(networkInterfaces())
      .flat()
      .find((address) => address && !address.internal && address.family === 'IPv4')?.address;
    for (const port of outward ? [ports.console, ports.metrics] : []) {
      const reached = await new Promise<boolean>((resolve) => {
        const socket = connect({ host: outward, port })
          .once('connect', () => (socket.destroy(), resolve(true)))
          .once('error', () => resolve(false));
      });
      expect([port, reached]).toEqual([port, false]);
    }
  });

  it("lets the committee secretary record the demo convention's first decision at once, as met today", async () => {
    // Its day is a month ahead: recorded only as a meeting held early, with its day.
    const today = localDateOf(Date.now(), 'Europe/Paris');
    expect(
      await cli(
        'decide',
        'camino-2020-demo',
        '--decision',
        'continue',
        '--held-on',
        today,
        '--as',
        PEOPLE.secretary,
      ),
    ).toContain('decide accepted');
    await until('minutes caught', async () => {
      const caught = await caughtEmails('camino-2020-demo');
      return caught.some((e) => e.headers['x-convention-kind'] === 'committee-minutes') || undefined;
    });
    // Signed and its Chorus confirmed by its admin at once, brought in as such: nobody was asked to
    // sign, confirm or publish a convention already in force (issue 29).
    const kinds = (await caughtEmails('camino-2020-demo')).map((e) => e.headers['x-convention-kind']);
    expect(kinds).toEqual(
      expect.arrayContaining(['convention-in-force', 'committee-convocation', 'committee-minutes']),
    );
    expect(kinds.filter((kind) => /^(signature|chorus|publication)-/.test(String(kind)))).toEqual([]);
  });

  it('stops cleanly on Ctrl-C, and a second npm start resumes with everything intact', async () => {
    await stop(first);
    expect(first.output()).toContain('Stopped. Everything is kept for the next npm start.');
    for (const port of Object.values(ports)) expect(await portFree(port), `port ${port}`).toBe(true);

    second = npmStart();
    await ready(second);
    expect(second.output()).toContain('Seed convention camino-2020: already there (in-force), resumed.');
    expect(second.output()).toContain('Demo convention camino-2020-demo: in-force');
    const status = JSON.parse(await cli('status', 'camino-2020', '--json')) as ConventionStatus;
    expect(status.state).toBe('in-force');
    expect(status.emailsSent).toBe(7);
    expect(await caughtEmails()).toHaveLength(7);

    const third = npmStart();
    expect(await third.exited).toBe(1);
    expect(third.output()).toContain(
      `port ${ports.temporal} is already taken (TEMPORAL_ADDRESS): is another npm start running?`,
    );
    await stop(second);
    expect(second.output()).toContain('Stopped. Everything is kept for the next npm start.');
  }, 180_000);
});
