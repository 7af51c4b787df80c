// Records real event histories of the seed convention at several stages of its life, and of a
// weekly digest, as replay fixtures (test/histories/*.json): `npm run record-histories`, or
// `npm run record-histories -- digest` for some of them only. Run it only when every recorded
// history has stopped mattering (see the README, "Changing workflow code"): the replay suite's
// job is to prove that the current code still replays the histories of conventions already running.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { WithStartWorkflowOperation } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import { readConventionFile, readScenarioFile } from '../client/files';
import { simulate } from '../client/simulate';
import type { TConvention } from '../domain/convention';
import { addCalendarDays, addCalendarMonths, firstDayOfNextMonth } from '../domain/dates';
import type { TScenario } from '../domain/scenario';
import { historyJSON } from '../temporal/history-json';
import { installQuietRuntime } from '../temporal/runtime';
import { actionsIn } from '../temporal/awaited';
import { startTimeSkippingServer } from '../temporal/servers';
import { participantHasher } from '../crypto/participants';
import { conventionWorkflow } from '../workflows/convention';
import { digestWorkflow } from '../workflows/digest';
import {
  digestChoiceUpdate,
  digestWorkflowIdFor,
  statusQuery,
  uncheckedCommandUpdate,
  workflowIdFor,
} from '../workflows/messages';
import { startMailCapture, type MailCapture } from '../client/mail-capture';
import { freePort } from '../test/helpers/ports';
import { eventually, startHarness } from '../test/helpers/workflow-env';

const root = new URL('..', import.meta.url);
const path = (relative: string) => fileURLToPath(new URL(relative, root));

function read<T>(result: { ok: true; value: T } | { ok: false; errors: string[] }): T {
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.value;
}

const convention = read(readConventionFile(path('fixtures/camino-2020.yaml')));
const scenario = (file: string) => read(readScenarioFile(path(`fixtures/${file}`)));
const upTo = (s: TScenario, until: number): TScenario => ({
  ...s,
  until,
  events: s.events.filter((e) => e.day <= until),
});

const signatures = scenario('camino-2020.two-years.scenario.yaml').events.filter((e) => e.day <= 12);

/** Ends four months after the first day of next month (the scenarios' start). */
function endingSoon(): TConvention {
  const start = firstDayOfNextMonth(Date.now(), 'Europe/Paris');
  return {
    ...convention,
    schedule: { ...convention.schedule, endsOn: addCalendarDays(addCalendarMonths(start, 4), -1) },
  };
}

function withoutIntrapreneur(): TConvention {
  const roles = { ...convention.roles };
  delete roles.intrapreneur;
  return { ...convention, roles };
}

/** DGPR's credits on 0181-CPRI-ELAB made available on request (an échéancier), no intrapreneur yet. */
const scenarioStart = firstDayOfNextMonth(Date.now(), 'Europe/Paris');
function creditsOnRequest(): TConvention {
  const seed = withoutIntrapreneur();
  const echeancier = [{ date: addCalendarDays(scenarioStart, 14), ae: '40000.00', cp: '40000.00' }];
  return {
    ...seed,
    budget: seed.budget.map((line) => (line.uo === '0181-CPRI-ELAB' ? { ...line, echeancier } : line)),
  };
}

/** The seed with DINUM's financial unit: its document validated, then signed in order with proof. */
function withFinancialUnit(): TConvention {
  return { ...convention, roles: { ...convention.roles, financialUnit: ['pole.financier@example.org'] } };
}

const VERSION_2 = 'b'.repeat(64);
const signedWithProof = (day: number, party: string, as: string, file: string) => ({
  day,
  command: 'sign' as const,
  as,
  party,
  evidence: {
    kind: 'electronic',
    signedFileSha256: file.repeat(64),
    versionSha256: VERSION_2,
    signer: { name: `Représentant ${party}`, email: as },
    signedAt: '2026-12-08T10:00:00Z',
    certificate: { subject: `CN=${party}`, issuer: 'CN=AC de test', serialNumber: '01' },
  },
});

const report = (month: number) => ({
  day: Math.round((30.44 * month + 4) * 10) / 10,
  command: 'submit-report' as const,
  as: 'dinum.betagouv@example.org',
  period: 'previous',
  spent: { '0113-PEBC-ELAB': '5000.00' },
  progress: 'Itérations livrées',
  forecast: 'Commandes stables',
});

const STAGES: { name: string; convention: TConvention; scenario: TScenario }[] = [
  { name: 'signing', convention, scenario: upTo(scenario('camino-2020.scenario.yaml'), 5) },
  {
    name: 'in-force-with-reports',
    convention,
    scenario: upTo(scenario('camino-2020.two-years.scenario.yaml'), 200),
  },
  { name: 'suspended', convention, scenario: upTo(scenario('camino-2020.credits.scenario.yaml'), 250) },
  {
    name: 'under-notice',
    convention,
    scenario: {
      start: 'next-month',
      until: 60,
      events: [
        ...signatures,
        report(1),
        {
          day: 40.3,
          command: 'give-notice',
          as: 'dgaln.representant@example.org',
          party: 'DGALN',
          reason: 'Fin du financement',
        },
        // Refused (only DGALN's representative may withdraw it): the refusal stays in the history.
        { day: 41, command: 'withdraw-notice', as: 'dinum.betagouv@example.org', party: 'DGALN' },
      ],
    },
  },
  {
    name: 'closed',
    convention: endingSoon(),
    scenario: {
      start: 'next-month',
      until: 130,
      events: [
        ...signatures,
        ...[1, 2, 3].map(report),
        { ...report(4), period: undefined, final: true, day: 125 },
      ],
    },
  },
  {
    // After COMMITMENT_WARNINGS: no intrapreneur (warned weekly), designated, then DINUM ends its
    // accompaniment wholly, giving notice.
    name: 'accompaniment-ended',
    convention: withoutIntrapreneur(),
    scenario: {
      start: 'next-month',
      until: 45,
      events: [
        ...signatures,
        {
          day: 20.5,
          command: 'designate-intrapreneur',
          as: 'dgaln.budget@example.org',
          name: 'Camille Martin',
          email: 'camille.martin@example.org',
        },
        {
          day: 30.5,
          command: 'end-accompaniment',
          as: 'dinum.representant@example.org',
          scope: 'whole',
          commitment: 'other',
          reason: 'Les moyens promis ne sont pas réunis',
        },
      ],
    },
  },
  {
    // After PENDING_ACTIONS and RESETS_IN_REGISTER: WaitingOn names the délégant while credits are
    // asked for and no intrapreneur is designated; a report replaced (the first text forgotten).
    name: 'credits-requested',
    convention: creditsOnRequest(),
    scenario: {
      start: 'next-month',
      until: 50,
      events: [
        ...signatures,
        {
          day: 12.5,
          command: 'request-credits',
          as: 'dinum.betagouv@example.org',
          uo: '0181-CPRI-ELAB',
          ae: '40000.00',
          cp: '40000.00',
          wantedBy: addCalendarDays(scenarioStart, 20),
        },
        { ...report(1), day: 33.5 },
        { ...report(1), day: 34.5, progress: 'Itérations livrées, chiffres corrigés', replace: true },
        {
          day: 40.5,
          command: 'make-available',
          as: 'dgpr.budget@example.org',
          uo: '0181-CPRI-ELAB',
          ae: '40000.00',
          cp: '40000.00',
        },
        {
          day: 45.5,
          command: 'designate-intrapreneur',
          as: 'dgaln.budget@example.org',
          name: 'Camille Martin',
          email: 'camille.martin@example.org',
        },
      ],
    },
  },
  {
    // After PACED_REMINDERS: January's report never comes, February's comes late (mid-March), then
    // none: the overdue ones listed in one email, weekly three times, then DINUM's representative
    // in copy and the reminders spaced out; the late one starts them afresh.
    name: 'reports-overdue',
    convention,
    scenario: {
      start: 'next-month',
      until: 150,
      events: [...signatures, { ...report(2), day: 74.5 }],
    },
  },
  // Commands with a tab and a right-to-left override in a name, a control character in a report:
  // recorded before PLAIN_CHARACTERS, when they were taken (a running convention's history may
  // hold such commands, and must replay as it was decided), and with it, when they are refused.
  ...['control-characters', 'plain-characters'].map((name) => ({
    name,
    convention: withoutIntrapreneur(),
    scenario: {
      start: 'next-month' as const,
      until: 45,
      events: [
        ...signatures,
        {
          day: 20.5,
          command: 'designate-intrapreneur' as const,
          as: 'dgaln.budget@example.org',
          name: 'Camille\tMartin\u202e',
          email: 'camille.martin@example.org',
        },
        { ...report(1), progress: 'Itérations\u0007 livrées' },
      ],
    },
  })),
  {
    // After `schedule-committee` came: committee 1 convened, then given a time and a place
    // (everyone told, the invitation updated), then another time and a visio link, then decided.
    name: 'committee-moved',
    convention,
    scenario: {
      start: 'next-month',
      until: 215,
      events: [
        ...signatures,
        ...[1, 2, 3, 4, 5, 6].map(report),
        {
          day: 175,
          command: 'schedule-committee' as const,
          as: 'comite.camino@example.org',
          time: '14:30',
          place: 'Hôtel de Roquelaure, salle Ségur',
        },
        {
          day: 180,
          command: 'schedule-committee' as const,
          as: 'comite.camino@example.org',
          time: '10:00',
          visio: 'https://webinaire.numerique.gouv.fr/camino',
        },
        { day: 200, command: 'decide' as const, as: 'comite.camino@example.org', decision: 'continue' },
      ],
    },
  },
  {
    // After COMMITTEE_DAY (and publish's date): published the day before it is recorded; committee
    // 1 decided a month ahead (refused), then recorded as met early, on the day its secretary gives.
    name: 'committee-day',
    convention,
    scenario: {
      start: 'next-month',
      until: 200,
      events: [
        ...signatures.map((event) =>
          event.command === 'publish' ? { ...event, publishedOn: addCalendarDays(scenarioStart, 11) } : event,
        ),
        ...[1, 2, 3, 4, 5].map(report),
        { day: 165.5, command: 'decide' as const, as: 'comite.camino@example.org', decision: 'continue' },
        {
          day: 176.5,
          command: 'decide' as const,
          as: 'comite.camino@example.org',
          decision: 'continue',
          heldOn: addCalendarDays(scenarioStart, 175),
        },
      ],
    },
  },
  {
    // After NEXT_ACTION_DUE: NextActionDue upserted with the others, on the day each report is
    // due (the 10th, not its reminder's day); the third month's report not sent, late, stays there.
    name: 'next-action-due',
    convention,
    scenario: {
      start: 'next-month',
      until: 110,
      events: [...signatures, ...[1, 2].map(report)],
    },
  },
  {
    // After DOCUMENT_CIRCUIT: the seed with a financial unit. Version 1 drafted from the model,
    // approved by the financial unit, changes asked by SG; version 2 approved by all; DINUM's
    // signature out of turn refused; the directions sign with proof, DINUM last after a reminder.
    name: 'document-circuit',
    convention: withFinancialUnit(),
    scenario: {
      start: 'next-month',
      until: 14,
      events: [
        {
          day: 0.1,
          command: 'add-version',
          as: 'admin@example.org',
          sha256: 'a'.repeat(64),
          origin: 'model',
        },
        { day: 0.2, command: 'approve', as: 'pole.financier@example.org' },
        {
          day: 0.3,
          command: 'request-changes',
          as: 'sg.budget@example.org',
          comment: 'Article 2 : montants',
        },
        {
          day: 1,
          command: 'add-version',
          as: 'admin@example.org',
          sha256: VERSION_2,
          note: 'Montants corrigés',
        },
        { day: 1.1, command: 'approve', as: 'pole.financier@example.org' },
        { day: 1.2, command: 'approve', as: 'sg.budget@example.org' },
        { day: 1.3, command: 'approve', as: 'dgaln.budget@example.org' },
        { day: 2, command: 'approve', as: 'dgpr.budget@example.org' },
        signedWithProof(2.5, 'DINUM', 'dinum.representant@example.org', '4'),
        signedWithProof(3, 'SG', 'sg.representant@example.org', '1'),
        signedWithProof(3.1, 'DGALN', 'dgaln.representant@example.org', '2'),
        signedWithProof(3.2, 'DGPR', 'dgpr.representant@example.org', '3'),
        signedWithProof(12, 'DINUM', 'dinum.representant@example.org', '4'),
      ],
    },
  },
  {
    // After BUDGET_YEARS: a budget year's end from September to March — forecasts, the délégant
    // told of credits that will lapse, an engagement and a payment refused after their dates, the
    // year's statement, the new year's lines by avenant.
    name: 'year-end',
    convention,
    scenario: scenario('camino-2020.year-end.scenario.yaml'),
  },
];

// Elsewhere than test/histories (HISTORIES_DIR) to add one history without re-recording the others.
const outDir = process.env.HISTORIES_DIR ?? path('test/histories');

/**
 * A weekly digest: DGPR's representative, who has not signed, takes it for three weeks (a digest
 * each Monday), then goes back to each reminder; his digest workflow ends at the next Monday.
 */
async function digestHistory(): Promise<temporal.api.history.v1.IHistory> {
  const env = await startTimeSkippingServer();
  const harness = await startHarness(env, 'record-digest', {
    consoleUrl: 'https://conventions.example.org',
    awaitedActions: (client, email, at) => actionsIn(client, [workflowIdFor(convention.id)], email, at),
  });
  try {
    const email = 'dgpr.representant@example.org';
    await env.client.workflow.start(conventionWorkflow, {
      taskQueue: harness.taskQueue,
      workflowId: workflowIdFor(convention.id),
      args: [{ convention }],
    });
    const digest = (weekly: boolean) =>
      env.client.workflow.executeUpdateWithStart(digestChoiceUpdate, {
        args: [{ weekly }],
        startWorkflowOperation: new WithStartWorkflowOperation(digestWorkflow, {
          workflowId: digestWorkflowIdFor(participantHasher()(email)),
          taskQueue: harness.taskQueue,
          args: [{ email }],
          workflowIdConflictPolicy: 'USE_EXISTING',
        }),
      });
    await digest(true);
    await env.sleep(22 * 86_400_000);
    await digest(false);
    const handle = env.client.workflow.getHandle(digestWorkflowIdFor(participantHasher()(email)));
    await handle.result();
    return await handle.fetchHistory();
  } finally {
    await harness.close();
    await env.teardown();
  }
}

function expectInForce(state: string): void {
  if (state !== 'in-force') throw new Error(`withdrawn-emails: ${state}, not in force`);
}

/**
 * After WITHDRAWN_EMAILS: `npm start`'s demo, SMTP down at first. SG's signature request waits for
 * its next attempt while the admin signs for every party, confirms Chorus and publishes: each
 * request whose action is done meanwhile is withdrawn (its activity cancelled), then the
 * convention in force is told once SMTP is back.
 */
async function withdrawnHistory(): Promise<temporal.api.history.v1.IHistory> {
  const env = await startTimeSkippingServer();
  const smtpPort = await freePort();
  const harness = await startHarness(env, 'record-withdrawn', { smtpPort });
  await harness.capture.close();
  let back: MailCapture | undefined;
  try {
    const handle = await env.client.workflow.start(conventionWorkflow, {
      taskQueue: harness.taskQueue,
      workflowId: workflowIdFor(convention.id),
      args: [{ convention }],
    });
    await eventually(async () =>
      (await handle.describe()).raw.pendingActivities?.some((activity) => activity.lastFailure),
    );
    const as = convention.roles.admins[0]!;
    const send = (name: 'sign' | 'confirm-chorus' | 'publish', payload: Record<string, unknown>) =>
      handle.executeUpdate(uncheckedCommandUpdate(name), { args: [{ ...payload, as }] });
    for (const party of ['SG', 'DGALN', 'DGPR', 'DINUM']) await send('sign', { party });
    await send('confirm-chorus', {});
    await send('publish', { where: 'démonstration (npm start)' });
    back = await startMailCapture({ port: smtpPort });
    await env.sleep('1 minute');
    await eventually(() => back!.emails.some((email) => email.kind === 'convention-in-force'), 30_000);
    // Nothing left in flight: the history ends with the workflow asleep.
    await eventually(async () => !(await handle.describe()).raw.pendingActivities?.length, 30_000);
    expectInForce((await handle.query(statusQuery)).state);
    const history = await handle.fetchHistory();
    await handle.terminate('recorded');
    return history;
  } finally {
    await back?.close();
    await harness.close();
    await env.teardown();
  }
}

/** Names given on the command line (`npm run record-histories -- digest`): only those are recorded. */
const only = process.argv.slice(2);
const wanted = (name: string) => only.length === 0 || only.includes(name);

installQuietRuntime();
mkdirSync(outDir, { recursive: true });
for (const stage of STAGES.filter(({ name }) => wanted(name))) {
  const { history, final } = await simulate(stage.convention, stage.scenario, { keepHistory: true });
  const file = `${outDir}/${stage.name}.json`;
  writeFileSync(file, historyJSON(history!));
  console.log(`${stage.name}: ${history?.events?.length} events, state ${final.state} → ${file}`);
}
if (wanted('withdrawn-emails')) {
  const withdrawn = await withdrawnHistory();
  const file = `${outDir}/withdrawn-emails.json`;
  writeFileSync(file, historyJSON(withdrawn));
  console.log(`withdrawn-emails: ${withdrawn.events?.length} events → ${file}`);
}
if (wanted('digest')) {
  const digest = await digestHistory();
  const file = `${outDir}/digest.weekly.json`;
  writeFileSync(file, historyJSON(digest));
  console.log(`digest: ${digest.events?.length} events → ${file}`);
}
