import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { executeCommand } from '../../client/temporal';
import { localDateOf } from '../../domain/dates';
import type { ConventionStatus } from '../../domain/status';
import { workflowIdFor } from '../../workflows/messages';
import { startDevServer } from '../../temporal/servers';
import type { ConventionListing } from '../../client/list';
import { caminoInput, caminoYearRoundInput, PEOPLE, SIGNATORIES } from '../fixtures';
import { freePort } from '../helpers/ports';
import { eventually, startHarness, type WorkflowHarness } from '../helpers/workflow-env';
import { runCliAsync } from './run-cli';

// The `convention` command against a real dev server, with a worker in this process.

let env: TestWorkflowEnvironment;
let harness: WorkflowHarness;
let cliEnv: NodeJS.ProcessEnv;

beforeAll(async () => {
  const port = await freePort();
  env = await startDevServer({ port });
  harness = await startHarness(env, 'cli-test');
  cliEnv = {
    ...process.env,
    TEMPORAL_ADDRESS: `127.0.0.1:${port}`,
    TEMPORAL_TASK_QUEUE: 'cli-test',
    REGISTER_PATH: harness.registerPath,
  };
});
const dir = mkdtempSync(join(tmpdir(), 'convention-cli-'));
afterAll(async () => {
  await harness?.close();
  await env?.teardown();
  rmSync(dir, { recursive: true, force: true });
});

const cli = (...args: string[]) => runCliAsync(args, cliEnv);
const today = () => localDateOf(Date.now(), 'Europe/Paris');
/** The seed, with engagements until 31 December: this file runs on the real clock. */
const SEED = join(dir, 'camino-2020.yaml');
writeFileSync(SEED, stringify(caminoYearRoundInput()));

describe('convention start, sign, publish, confirm-chorus, status, register', () => {
  it('starts the seed convention once', async () => {
    const started = await cli('start', SEED);
    expect(started.stderr).toBe('');
    expect(started.status).toBe(0);
    expect(started.stdout).toContain('started camino-2020 (workflow convention-camino-2020)');

    const again = await cli('start', SEED);
    expect(again.status).toBe(1);
    expect(again.stderr.trim()).toBe(
      'L’identifiant camino-2020 a déjà servi à une convention : choisissez-en un autre.',
    );
  });

  it('exits 1 with the reason when a command is refused', async () => {
    const run = await cli('sign', 'camino-2020', '--party', 'DGPR', '--as', PEOPLE.dinumContact);
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      'dinum.betagouv@example.org may not sign for DGPR: only its representative (Cédric Bourillet, dgpr.representant@example.org) or an admin may.',
    );
  });

  it('refuses to request credits on a UO without an échéancier, saying why', async () => {
    const run = await cli(
      'request-credits',
      'camino-2020',
      '--uo',
      '0181-CPRI-ELAB',
      '--ae',
      '1000.00',
      '--cp',
      '1000.00',
      '--wanted-by',
      '2020-05-01',
      '--as',
      PEOPLE.dinumContact,
    );
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      '0181-CPRI-ELAB has no échéancier: its whole allocation is available once Chorus is confirmed (request-credits is for a UO with one).',
    );
  });

  it('takes the convention to in force', async () => {
    for (const [party, as] of SIGNATORIES) {
      const run = await cli('sign', 'camino-2020', '--party', party, '--as', as);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
    }
    const waiting = await cli('status', 'camino-2020');
    expect(waiting.stdout).toContain('camino-2020 — Camino: awaiting-publication');
    expect(waiting.stdout).toContain('publication by the délégataire');
    expect(waiting.stdout).toContain('DINUM (dinum.betagouv@example.org)');

    expect((await cli('confirm-chorus', 'camino-2020', '--as', PEOPLE.dgalnContact)).status).toBe(0);
    const published = await cli(
      'publish',
      'camino-2020',
      '--where',
      'data.gouv.fr',
      '--as',
      PEOPLE.dinumContact,
    );
    expect(published.stdout).toContain('publish accepted (register entry 6); camino-2020 is now in-force');

    const status = JSON.parse((await cli('status', 'camino-2020', '--json')).stdout) as ConventionStatus;
    expect(status.state).toBe('in-force');
    expect(status.chorus.by).toBe(PEOPLE.dgalnContact);
    expect(status.publication?.where).toBe('data.gouv.fr');
  });

  it('lists the conventions by state and by whom they wait on, from their search attributes', async () => {
    const other = join(dir, 'other.yaml');
    writeFileSync(other, stringify({ ...caminoInput(), id: 'other-2021' }));
    expect((await cli('start', other)).status).toBe(0);
    // Visibility follows the workflow's upserts a moment later.
    const listed = async (...filters: string[]) => {
      for (let attempt = 0; ; attempt += 1) {
        const conventions = JSON.parse(
          (await cli('list', ...filters, '--json')).stdout,
        ) as ConventionListing[];
        if (conventions.every((c) => c.state) && conventions.length === 2) return conventions;
        if (attempt === 20) return conventions;
      }
    };
    const all = await listed();
    expect(all.map((c) => [c.id, c.startup, c.state, c.status, c.waitingOn])).toEqual([
      ['camino-2020', 'Camino', 'in-force', 'running', []],
      ['other-2021', 'Camino', 'signing', 'running', ['SG', 'DGALN', 'DGPR', 'DINUM']],
    ]);
    // Signatures have no due day: no next deadline, though the next reminder is known (`--json`).
    expect(all.every((c) => c.keepsNextActionDue)).toBe(true);
    expect(all[1]!.nextActionDue).toBeNull();
    expect(Date.parse(all[1]!.nextDeadline!)).toBeGreaterThan(Date.now());

    const waiting = await cli('list', '--waiting-on', 'DGPR');
    expect(waiting.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^id +startup +state +next deadline +waiting on$/),
      expect.stringMatching(/^other-2021 +Camino +signing +— +SG, DGALN, DGPR, DINUM$/),
    ]);
    expect((await cli('list', '--state', 'in-force')).stdout).toMatch(/^camino-2020 +Camino +in-force +/m);
    expect((await cli('list', '--state', 'closed')).stdout.trim()).toBe('no convention matches');
    const bad = await cli('list', '--state', "in-force' OR 'x'='x");
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(
      "--state in-force' OR 'x'='x: expected one of validation, signing, awaiting-publication",
    );
  });

  it('finds a convention waiting on DGPR to answer a credit request', async () => {
    const input = caminoInput();
    const line = input.budget.find((l) => l.uo === '0181-CPRI-ELAB') as Record<string, unknown>;
    line.echeancier = [{ date: '2020-04-01', ae: '40000.00', cp: '40000.00' }];
    const file = join(dir, 'credits.yaml');
    writeFileSync(file, stringify({ ...input, id: 'credits-2021' }));
    expect((await cli('start', file)).status).toBe(0);
    const handle = env.client.workflow.getHandle(workflowIdFor('credits-2021'));
    for (const [party, as] of SIGNATORIES) await executeCommand(handle, 'sign', { as, party });
    await executeCommand(handle, 'confirm-chorus', { as: PEOPLE.dgalnContact });
    await executeCommand(handle, 'publish', { as: PEOPLE.dinumContact, where: 'data.gouv.fr' });
    const asked = await cli(
      'request-credits',
      'credits-2021',
      ...['--uo', '0181-CPRI-ELAB', '--ae', '40000.00', '--cp', '40000.00', '--wanted-by', '2030-01-15'],
      ...['--as', PEOPLE.dinumContact],
    );
    expect(asked.stderr).toBe('');
    const status = JSON.parse((await cli('status', 'credits-2021', '--json')).stdout) as ConventionStatus;
    expect(status.pending.map((action) => [action.command, action.about.uo])).toContainEqual([
      'make-available',
      '0181-CPRI-ELAB',
    ]);
    expect(status.waitingOn).toEqual(['DGPR']);
    // Visibility follows the workflow's upsert a moment later.
    let listed = '';
    for (let attempt = 0; attempt < 20 && !/^credits-2021 /m.test(listed); attempt += 1)
      listed = (await cli('list', '--waiting-on', 'DGPR')).stdout;
    // Its next deadline is the day the credit request's answer is due, as `status` says it.
    expect(status.nextDeadline?.deadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(listed).toMatch(
      new RegExp(`^credits-2021 +Camino +in-force +${status.nextDeadline!.deadline} +DGPR$`, 'm'),
    );
    expect(listed).not.toMatch(/^camino-2020 /m);
  });

  it('reads the register back, as a table, as CSV, and verifies its chain', async () => {
    const table = (await cli('register', 'camino-2020')).stdout.trimEnd().split('\n');
    // A heading naming the time zone, then one readable line per entry: no JSON.
    expect(table).toHaveLength(7);
    expect(table[0]).toMatch(/^ seq {2}Europe\/Paris {6}what {12}by +details$/);
    expect(table[6]).toMatch(
      /^ {3}6 {2}\d{4}-\d\d-\d\d \d\d:\d\d {2}publish +dinum\.betagouv@example\.org +where: data\.gouv\.fr$/,
    );
    expect(table.join('\n')).not.toMatch(/[{}"]/);
    const csv = (await cli('register', 'camino-2020', '--csv')).stdout.trim().split('\n');
    expect(csv[0]).toBe('seq,at,kind,actor,payload,recorded_at,prev_hash,hash,superseded_by');
    expect(csv[6]).toMatch(
      /^6,[^,]+,publish,dinum\.betagouv@example\.org,"\{""where"":""data\.gouv\.fr""\}",/,
    );
    // The reader's time zone: --timezone, else TZ.
    const published = Date.parse(csv[6]!.split(',')[1]!);
    const inZone = (timeZone: string) =>
      new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(
        published,
      );
    const tokyo = await runCliAsync(['register', 'camino-2020'], { ...cliEnv, TZ: 'Asia/Tokyo' });
    expect(tokyo.stdout.split('\n')[0]).toContain('Asia/Tokyo');
    expect(tokyo.stdout.split('\n')[6]).toContain(`  ${inZone('Asia/Tokyo')}  publish`);
    const cayenne = await runCliAsync(['register', 'camino-2020', '--timezone', 'America/Cayenne'], {
      ...cliEnv,
      TZ: 'Asia/Tokyo',
    });
    expect(cayenne.stdout.split('\n')[6]).toContain(`  ${inZone('America/Cayenne')}  publish`);
    const verified = await cli('register', 'camino-2020', '--verify');
    expect(verified.status).toBe(0);
    expect(verified.stdout.trim()).toBe('register of camino-2020: chain intact, 6 entries');
  });

  it('submits a monthly report, lists the reports, and refuses a committee decision too early', async () => {
    const period = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' }).slice(0, 7);
    const submit = (...extra: string[]) =>
      cli(
        'report',
        'submit',
        'camino-2020',
        '--period',
        period,
        '--spent',
        '0113-PEBC-ELAB=1500.50',
        '--progress',
        'Avancement',
        '--forecast',
        'Prévisions',
        '--as',
        PEOPLE.dinumContact,
        ...extra,
      );
    const first = await submit();
    expect(first.stderr).toBe('');
    expect(first.stdout).toContain('submit-report accepted (register entry 7)');
    expect((await submit()).stderr).toContain(`The report for ${period} was already received on `);
    expect((await submit('--replace')).status).toBe(0);

    const reports = await cli('reports', 'camino-2020');
    expect(reports.stdout).toMatch(
      new RegExp(`^${period}  due \\d{4}-\\d\\d-10  received .*\\(2 versions\\)`, 'm'),
    );
    const json = JSON.parse((await cli('reports', 'camino-2020', '--json')).stdout) as {
      reports: { period: string; versions: number }[];
    };
    expect(json.reports).toEqual([expect.objectContaining({ period, versions: 2 })]);

    const decide = await cli('decide', 'camino-2020', '--decision', 'continue', '--as', PEOPLE.secretary);
    expect(decide.status).toBe(1);
    expect(decide.stderr).toContain('No committee awaits a decision: the next one (committee 1) meets on');

    const badSpent = await cli(
      'report',
      'submit',
      'camino-2020',
      '--period',
      period,
      '--spent',
      '1500',
      '--progress',
      'x',
      '--forecast',
      'y',
      '--as',
      PEOPLE.dinumContact,
    );
    expect(badSpent.status).toBe(1);
    expect(badSpent.stderr.trim()).toBe('--spent 1500: expected UO=AMOUNT, e.g. 0113-PEBC-ELAB=12500.00');
  });

  it('engages, pays, amends and shows the credits per UO', async () => {
    const engaged = await cli(
      'engage',
      'camino-2020',
      '--uo',
      '0181-CPRI-ELAB',
      '--ae',
      '90000',
      '--ref',
      'BC-1',
      '--label',
      'Coaching',
      '--as',
      PEOPLE.dinumContact,
    );
    expect(engaged.stderr).toBe('');
    expect(
      (
        await cli(
          'pay',
          'camino-2020',
          '--uo',
          '0181-CPRI-ELAB',
          '--cp',
          '12500.50',
          '--ref',
          'DP-1',
          '--engagement',
          'BC-1',
          '--as',
          PEOPLE.dinumContact,
        )
      ).status,
    ).toBe(0);
    const tooMuch = await cli(
      'engage',
      'camino-2020',
      '--uo',
      '0181-CPRI-ELAB',
      '--ae',
      '12000',
      '--ref',
      'BC-2',
      '--as',
      PEOPLE.dinumContact,
    );
    expect(tooMuch.status).toBe(1);
    // The credits of this year (SPEC §11), the seed's lines being those of the year it took effect.
    expect(tooMuch.stderr.trim()).toBe(
      `0181-CPRI-ELAB: 12\u00a0000,00\u00a0€ of AE of ${today().slice(0, 4)} requested, 10\u00a0000,00\u00a0€ left.`,
    );

    const credits = await cli('credits', 'camino-2020');
    expect(credits.stdout).toMatch(
      /^0181-CPRI-ELAB\s+100\u00a0000,00\u00a0€\s+all\s+90\u00a0000,00\u00a0€\s+10\u00a0000,00\u00a0€\s+100\u00a0000,00\u00a0€\s+12\u00a0500,50\u00a0€\s+87\u00a0499,50\u00a0€\s+90,0 %/m,
    );
    expect(credits.stdout).toContain('Grace period for 0181-CPRI-ELAB until');

    const avenant = join(dir, 'avenant-1.yaml');
    writeFileSync(
      avenant,
      stringify({
        number: 1,
        summary: 'Complément DGPR',
        signedOn: today(),
        budget: [{ uo: '0181-CPRI-ELAB', ae: '20000.00', cp: '20000.00' }],
      }),
    );
    const notAdmin = await cli('amend', 'camino-2020', '--file', avenant, '--as', PEOPLE.dgalnContact);
    expect(notAdmin.stderr.trim()).toBe(
      'dgaln.budget@example.org may not record an amendment: only an admin may.',
    );
    expect((await cli('amend', 'camino-2020', '--file', avenant, '--as', PEOPLE.admin)).status).toBe(0);
    const after = JSON.parse((await cli('credits', 'camino-2020', '--json')).stdout) as {
      credits: { uo: string; ae: string; aeLeft: string }[];
      gracePeriods: unknown[];
    };
    expect(after.credits[1]).toMatchObject({ uo: '0181-CPRI-ELAB', ae: '120000.00', aeLeft: '30000.00' });
    expect(after.gracePeriods).toEqual([]);
  });

  it('gives notice, refuses a second one with the date of the first, and withdraws it', async () => {
    const given = await cli(
      'give-notice',
      'camino-2020',
      '--party',
      'DGALN',
      '--reason',
      'Fin du financement',
      '--as',
      PEOPLE.dgalnRepresentative,
    );
    expect(given.stderr).toBe('');
    expect(given.stdout).toContain('give-notice accepted');
    expect(given.stdout).toContain('camino-2020 is now notice');
    const status = await cli('status', 'camino-2020');
    expect(status.stdout).toMatch(
      /Under notice from DGALN \(given \d{4}-\d\d-\d\d: Fin du financement\); ends on \d{4}-\d\d-\d\d/,
    );
    const second = await cli(
      'give-notice',
      'camino-2020',
      '--party',
      'DINUM',
      '--reason',
      'x',
      '--as',
      PEOPLE.dinumRepresentative,
    );
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(
      /Notice was already given by DGALN on \d{4}-\d\d-\d\d: the convention ends on/,
    );
    const withdrawn = await cli(
      'withdraw-notice',
      'camino-2020',
      '--party',
      'DGALN',
      '--as',
      PEOPLE.dgalnRepresentative,
    );
    expect(withdrawn.stdout).toContain('camino-2020 is now in-force');
  });

  it("prints the history as readable lines, in the reader's time zone, refusals as sentences", async () => {
    const run = await runCliAsync(['history', 'camino-2020', '--timezone', 'UTC'], cliEnv);
    expect(run.stderr).toBe('');
    const lines = run.stdout.trim().split('\n');
    expect(lines[1]).toMatch(/^UTC +run {2}what$/);
    expect(run.stdout).not.toMatch(/[{}"]/);
    expect(run.stdout).toContain(
      'command  sign by dinum.betagouv@example.org [party: DGPR]: refused (NotAllowed): dinum.betagouv@example.org may not sign for DGPR: only its representative (Cédric Bourillet, dgpr.representant@example.org) or an admin may.',
    );
    // Each line's instant in UTC: the history's own, in the JSON.
    const json = JSON.parse((await cli('history', 'camino-2020', '--json')).stdout) as {
      entries: { at: string }[];
    };
    // Entries only ever follow: the two reads agree on what they both have.
    const both = Math.min(lines.length - 2, json.entries.length);
    expect(both).toBeGreaterThan(10);
    expect(lines.slice(2, 2 + both).map((line) => line.slice(0, 16))).toEqual(
      json.entries.slice(0, both).map((entry) => `${entry.at.slice(0, 10)} ${entry.at.slice(11, 16)}`),
    );
  });

  it('says when there is no such convention', async () => {
    const run = await cli('status', 'nope-2020');
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe('No convention nope-2020 is running.');
  });

  it('exits 3, saying where it tried, when Temporal cannot be reached', async () => {
    const run = await runCliAsync(['status', 'camino-2020'], { ...cliEnv, TEMPORAL_ADDRESS: '127.0.0.1:1' });
    expect(run.status).toBe(3);
    expect(run.stderr).toContain('Cannot reach Temporal at 127.0.0.1:1 (namespace default)');
  });

  it('exits 2 when a mandatory option is missing', async () => {
    const run = await cli('sign', 'camino-2020', '--party', 'SG');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("required option '--as <email>' not specified");
  });
});

describe('convention start --history: a convention brought in with its past', () => {
  const PAST = join(dir, 'camino-past.yaml');
  writeFileSync(PAST, stringify({ ...caminoInput(), id: 'camino-past' }));
  const HISTORY = fileURLToPath(new URL('../../fixtures/camino-2020.history.yaml', import.meta.url));

  it('refuses a fact the rules refuse, in French, naming it, and starts nothing', async () => {
    const early = join(dir, 'early-payment.history.yaml');
    const history = parse(readFileSync(HISTORY, 'utf8')) as { payments: { on: string }[] };
    history.payments[0]!.on = '2020-03-20';
    writeFileSync(early, stringify(history));
    const run = await cli('start', PAST, '--history', early, '--as', PEOPLE.admin);
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toMatch(/^Impossible de reprendre le paiement DP-2020-001 du 20 mars 2020 : /);
    expect((await cli('start', PAST, '--history', HISTORY)).stderr).toContain('--history needs --as EMAIL');
    expect((await cli('status', 'camino-past')).status).toBe(1);
  });

  it('starts it in force since 2020, its past in the register and the history marked brought in', async () => {
    const started = await cli('start', PAST, '--history', HISTORY, '--as', PEOPLE.admin);
    expect(started.stderr).toBe('');
    expect(started.stdout).toContain('started camino-past (workflow convention-camino-past) with its past: ');
    expect(started.stdout).toContain('in-force now');

    const status = await cli('status', 'camino-past');
    expect(status.stdout).toContain('Publication: 2020-03-26 (data.gouv.fr), in force from that day');
    expect(status.stdout).toMatch(
      /Brought in with its past on .* by admin@example\.org, from « Convention signée/,
    );

    const register = await eventually(async () => {
      const run = await cli('register', 'camino-past');
      return run.stdout.split('\n').length > 17 && run.stdout;
    }, 20_000);
    const lines = register.split('\n');
    expect(lines[1]).toContain('sign');
    expect(lines[1]).toContain(
      'party: SG; signatory: Brice Huet  (brought in: happened on 2020-03-24, by admin@example.org from « Convention signée du 26 mars 2020 (PDF), relevés Chorus et relevés de décisions de 2020 »)',
    );
    expect(lines.find((line) => line.includes(' publish '))).toContain('brought in: happened on 2020-03-26');
    expect((await cli('register', 'camino-past', '--verify')).status).toBe(0);

    const history = await cli('history', 'camino-past');
    expect(history.stdout).toContain('with its past brought in:');
    expect(history.stdout).toMatch(
      /past {5}decide \[decision: continue; .*\(brought in: happened on 2020-09-28/,
    );
  });
});
