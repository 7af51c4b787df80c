import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conventionStatus, executeCommand, refusalOf } from '../../client/temporal';
import type { CommandName, TEvidence } from '../../domain/commands';
import { approvalText, proofText, versionText } from '../../domain/french/circuit';
import { conventionSchema } from '../../domain/convention';
import { frenchRefusal } from '../../domain/french/refusals';
import { conventionWorkflow } from '../../workflows/convention';
import { workflowIdFor } from '../../workflows/messages';
import { DOCUMENT_CIRCUIT } from '../../workflows/patches';
import { startTimeSkippingServer } from '../../temporal/servers';
import { caminoInput, PEOPLE } from '../fixtures';
import { eventually, startHarness, type WorkflowHarness } from '../helpers/workflow-env';

// The document's circuit on the time-skipping server (issue 31): the seed with a financial unit is
// validated — changes asked for, a new version voiding the approvals, every approval — then signed
// by the three directions and DINUM last, each with its proof; what comes out of turn or without
// proof is refused in French, and nothing of it is recorded.

const ID = 'circuit-2026';
const FINANCIAL_UNIT = 'pole.financier@example.org';
const V1 = 'a'.repeat(64);
const V2 = 'b'.repeat(64);
const DELEGANTS = [
  ['SG', PEOPLE.sgRepresentative, 'sg.budget@example.org'],
  ['DGALN', PEOPLE.dgalnRepresentative, 'dgaln.budget@example.org'],
  ['DGPR', PEOPLE.dgprRepresentative, 'dgpr.budget@example.org'],
] as const;

let env: TestWorkflowEnvironment;
let harness: WorkflowHarness;
beforeAll(async () => {
  env = await startTimeSkippingServer();
  harness = await startHarness(env, 'document-circuit');
}, 60_000);

afterAll(async () => {
  await harness?.close();
  await env?.teardown();
});

const handle = () => env.client.workflow.getHandle(workflowIdFor(ID));
const send = (name: CommandName, payload: Record<string, unknown>) => executeCommand(handle(), name, payload);
/** The refusal in French, as the console shows it. */
const refusedInFrench = async (name: CommandName, payload: Record<string, unknown>) => {
  const error = await send(name, payload).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  return frenchRefusal(refusalOf(error as WorkflowUpdateFailedError)!);
};
const emailsOf = (kind: string) => harness.capture.emails.filter((email) => email.kind === kind);

const proof = (party: string, email: string, file: string, version = V2) => ({
  kind: 'electronic',
  signedFileSha256: file.repeat(64),
  versionSha256: version,
  signer: { name: `Représentant ${party}`, email },
  signedAt: new Date().toISOString(),
  certificate: { subject: `CN=${party}`, issuer: 'CN=AC de test', serialNumber: '01' },
});

describe('the seed with a financial unit', () => {
  it('starts in validation, awaiting its first version', async () => {
    const input = caminoInput();
    input.id = ID;
    input.roles.financialUnit = [FINANCIAL_UNIT];
    await env.client.workflow.start(conventionWorkflow, {
      taskQueue: harness.taskQueue,
      workflowId: workflowIdFor(ID),
      args: [{ convention: conventionSchema().parse(input) }],
    });
    const status = await conventionStatus(handle());
    expect([status.state, status.pending.map((action) => action.command)]).toEqual([
      'validation',
      ['add-version'],
    ]);
    expect(await refusedInFrench('sign', { as: PEOPLE.sgRepresentative, party: 'SG' })).toBe(
      'Le document est en validation : une nouvelle version est attendue avant toute signature.',
    );
  }, 30_000);

  it('goes round again when changes are asked for: a new version voids the approvals', async () => {
    await send('add-version', { as: PEOPLE.admin, sha256: V1, origin: 'model' });
    const [request] = await eventually(
      () => emailsOf('validation-request').length === 1 && emailsOf('validation-request'),
    );
    expect(request!.to).toEqual([FINANCIAL_UNIT]);
    await send('approve', { as: FINANCIAL_UNIT, version: 1 });
    const comment = 'Article 2 : la ligne DGPR <b>doit</b> être de 40 000 €';
    await send('request-changes', { as: 'sg.budget@example.org', comment });
    const [asked] = await eventually(
      () => emailsOf('new-version-request').length === 1 && emailsOf('new-version-request'),
    );
    expect([asked!.to, asked!.text.includes(comment)]).toEqual([[PEOPLE.admin], true]);
    expect(asked!.html).toContain('&lt;b&gt;doit&lt;/b&gt;');

    await send('add-version', { as: PEOPLE.admin, sha256: V2, note: 'Montant DGPR corrigé' });
    await eventually(() => emailsOf('version-added').length === 1);
    const status = await conventionStatus(handle());
    expect([status.state, status.document.versions.length, status.document.awaitingApproval]).toEqual([
      'validation',
      2,
      ['financial-unit'],
    ]);
  }, 30_000);

  it('opens the signatures once the financial unit, then every délégant party, approved', async () => {
    expect(await refusedInFrench('approve', { as: 'dgaln.budget@example.org' })).toBe(
      'DGALN valide après l’unité financière de la DINUM, qui doit valider d’abord.',
    );
    await send('approve', { as: FINANCIAL_UNIT });
    for (const [, , contact] of DELEGANTS) await send('approve', { as: contact, version: 2 });
    expect((await conventionStatus(handle())).state).toBe('signing');
    // The délégant parties are asked to sign; DINUM, who signs last, not yet.
    const asked = await eventually(
      () => emailsOf('signature-request').length === 3 && emailsOf('signature-request'),
    );
    expect(asked.map((email) => email.to[0])).toEqual(DELEGANTS.map(([, representative]) => representative));
  }, 30_000);

  it('refuses a signature out of turn, without proof, or over another version, and records none', async () => {
    expect(
      await refusedInFrench('sign', {
        as: PEOPLE.dinumRepresentative,
        party: 'DINUM',
        evidence: proof('DINUM', PEOPLE.dinumRepresentative, '4'),
      }),
    ).toBe('DINUM signe après SG, DGALN et DGPR, qui doivent signer d’abord.');
    expect(await refusedInFrench('sign', { as: PEOPLE.sgRepresentative, party: 'SG' })).toMatch(
      /^La signature de SG doit être accompagnée de sa preuve/,
    );
    expect(
      await refusedInFrench('sign', {
        as: PEOPLE.sgRepresentative,
        party: 'SG',
        evidence: proof('SG', PEOPLE.sgRepresentative, '1', V1),
      }),
    ).toBe('Ce document n’est pas la version validée.');
    expect((await conventionStatus(handle())).signatures.filter((s) => s.signed)).toEqual([]);
  }, 30_000);

  it('is signed in order, DINUM last, the last signed file kept as the reference', async () => {
    for (const [i, [party, representative]] of DELEGANTS.entries())
      await send('sign', {
        as: representative,
        party,
        evidence: proof(party, representative, String(i + 1)),
      });
    const dinumAsked = await eventually(() =>
      emailsOf('signature-request').find((email) => email.to[0] === PEOPLE.dinumRepresentative),
    );
    expect(dinumAsked.subject).toContain('(DINUM)');
    const result = await send('sign', {
      as: PEOPLE.dinumRepresentative,
      party: 'DINUM',
      evidence: proof('DINUM', PEOPLE.dinumRepresentative, '4'),
    });
    expect(result.state).toBe('awaiting-publication');
    const status = await conventionStatus(handle());
    expect(status.document.signedDocumentSha256).toBe('4'.repeat(64));
    expect(status.signatures.map((s) => s.evidence?.kind)).toEqual([
      'electronic',
      'electronic',
      'electronic',
      'electronic',
    ]);

    // The register holds every step, in words; nothing of what was refused.
    const entries = await harness.register.decisions(ID);
    expect(entries.map((entry) => entry.kind)).toEqual([
      'add-version',
      'approve',
      'request-changes',
      'add-version',
      'approve',
      'approve',
      'approve',
      'approve',
      'sign',
      'sign',
      'sign',
      'sign',
    ]);
    expect(approvalText(entries[2]!.payload)).toBe(
      'version n° 1, pour SG : « Article 2 : la ligne DGPR <b>doit</b> être de 40 000 € »',
    );
    expect(versionText(entries[3]!.payload)).toBe('version n° 2, déposée : Montant DGPR corrigé');
    expect(proofText(entries[11]!.payload.evidence as TEvidence, entries[11]!.actor)).toBe(
      `signature électronique de Représentant DINUM (${PEOPLE.dinumRepresentative}), certificat n° 01 émis par CN=AC de test`,
    );

    const { events } = await handle().fetchHistory();
    const markers = (events ?? []).flatMap((e) =>
      Object.values(e.markerRecordedEventAttributes?.details ?? {}).flatMap((details) =>
        (details.payloads ?? []).map((payload) => Buffer.from(payload.data ?? []).toString()),
      ),
    );
    expect(markers).toContain(JSON.stringify({ id: DOCUMENT_CIRCUIT, deprecated: false }));
  }, 30_000);
});
