import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bringIn, historySchema } from '../../domain/bring-in';
import { parseDocument } from '../../domain/validation';
import { awaitedApprovers, signingGroups } from '../../domain/circuit';
import { conventionSchema, type TConvention, type TConventionInput } from '../../domain/convention';
import { renderEmail } from '../../domain/emails';
import { frenchRefusal } from '../../domain/french/refusals';
import { actionText } from '../../domain/french/actions';
import { proofText } from '../../domain/french/circuit';
import { applyCommand, startRecord, type ConventionRecord } from '../../domain/lifecycle';
import { pendingActions } from '../../domain/pending';
import { plannedEmails } from '../../domain/reminders';
import { describeStatus } from '../../domain/status';
import type { CommandName } from '../../domain/commands';
import { camino, caminoInput, PEOPLE } from '../fixtures';
import { apply } from '../helpers/records';

// The document's circuit (issue 31), rule by rule: the convention file's financial unit and
// signing order, versions, the validation round, signatures in order with their proof.

const HISTORY_PATH = new URL('../../fixtures/camino-2020.history.yaml', import.meta.url);
const START = Date.parse('2020-03-02T09:00:00Z');
const HOUR = 3_600_000;
const FINANCIAL_UNIT = ['pole.financier@example.org', 'pcpaf@example.org'];
const V1 = '1'.repeat(64);
const V2 = '2'.repeat(64);
const signedFile = (n: number) => n.toString(16).repeat(64).slice(0, 64);

function withCircuit(signing?: TConventionInput['signing']): TConvention {
  const input = caminoInput();
  input.roles.financialUnit = FINANCIAL_UNIT;
  if (signing) input.signing = signing;
  return conventionSchema().parse(input);
}

const refusalOf = (record: ConventionRecord, name: CommandName, payload: unknown, at = START + HOUR) => {
  const outcome = applyCommand(record, name, payload, at);
  if (outcome.ok) throw new Error(`${name} accepted`);
  return { code: outcome.refusal.code, french: frenchRefusal(outcome.refusal) };
};

const electronic = (party: string, email: string, file: number, version = V2) => ({
  kind: 'electronic',
  signedFileSha256: signedFile(file),
  versionSha256: version,
  signer: { name: `Représentant ${party}`, email },
  signedAt: '2020-03-05T10:00:00Z',
  certificate: { subject: `CN=Représentant ${party}`, issuer: 'CN=AC de test', serialNumber: '0A:1B' },
});

/** The seed with a financial unit: version 1, changes asked by SG, version 2 approved by all. */
function validated(convention = withCircuit()): ConventionRecord {
  let record = startRecord(convention, START);
  record = apply(record, 'add-version', { as: PEOPLE.admin, sha256: V1, origin: 'model' }, START + HOUR);
  record = apply(record, 'approve', { as: FINANCIAL_UNIT[0] }, START + 2 * HOUR);
  record = apply(
    record,
    'request-changes',
    { as: 'sg.budget@example.org', comment: 'Article 2 : montants' },
    START + 3 * HOUR,
  );
  record = apply(
    record,
    'add-version',
    { as: PEOPLE.admin, sha256: V2, note: 'Montants corrigés' },
    START + 4 * HOUR,
  );
  record = apply(record, 'approve', { as: FINANCIAL_UNIT[1] }, START + 5 * HOUR);
  for (const [i, contact] of [
    'sg.budget@example.org',
    'dgaln.budget@example.org',
    'dgpr.budget@example.org',
  ].entries())
    record = apply(record, 'approve', { as: contact }, START + (6 + i) * HOUR);
  return record;
}

describe('the convention file', () => {
  it('takes a financial unit and a signing order of signatory groups', () => {
    const convention = withCircuit({ order: [['DGALN', 'DGPR'], ['SG'], ['DINUM']], evidence: 'optional' });
    expect(convention.roles.financialUnit).toEqual(FINANCIAL_UNIT);
    expect(convention.signing).toEqual({
      order: [['DGALN', 'DGPR'], ['SG'], ['DINUM']],
      evidence: 'optional',
    });
  });

  it.each([
    [[['SG', 'DGALN', 'DGPR'], ['ONF'], ['DINUM']], 'signing.order.1.0', '"ONF" does not sign'],
    [[['SG', 'DGALN', 'DGPR', 'SG'], ['DINUM']], 'signing.order.0.3', 'SG is listed twice'],
    [[['SG', 'DGALN'], ['DINUM']], 'signing.order', 'DGPR missing'],
    [[['sg']], 'signing.order.0.0', 'upper-case party id'],
  ])('refuses the order %j', (order, path, message) => {
    const input = caminoInput();
    input.signing = { order };
    const issues = conventionSchema().safeParse(input).error!.issues;
    expect(
      issues.map((issue) => [issue.path.join('.'), issue.message]).find(([p]) => p === path)?.[1],
    ).toContain(message);
  });
});

describe('a convention without a circuit (the seed)', () => {
  it('starts at signing and is signed by click in any order, as before', () => {
    let record = startRecord(camino(), START);
    expect(record.state).toBe('signing');
    expect(signingGroups(record).map((group) => group.map((p) => p.id))).toEqual([
      ['SG', 'DGALN', 'DGPR', 'DINUM'],
    ]);
    record = apply(record, 'sign', { as: PEOPLE.dinumRepresentative, party: 'DINUM' }, START + HOUR);
    const rows = pendingActions(record, START + HOUR);
    expect(rows.map((a) => [a.about.party, a.since])).toEqual(
      ['SG', 'DGALN', 'DGPR'].map((party) => [party, record.startedAt]),
    );
  });

  it('replays a history from before the patch at signing, its financial unit ignored', () => {
    const record = startRecord(withCircuit(), START, { documentCircuit: false });
    expect([record.state, record.documentCircuit]).toEqual(['signing', undefined]);
    expect(
      apply(record, 'sign', { as: PEOPLE.dinumRepresentative, party: 'DINUM' }, START + HOUR).signatures,
    ).toHaveLength(1);
  });
});

describe('a convention brought in with its past', () => {
  it('keeps the signatures given outside the tool, in their order, even with a financial unit', () => {
    const read = parseDocument(readFileSync(HISTORY_PATH, 'utf8'), 'yaml', historySchema());
    if (!read.ok) throw new Error(read.errors.join('\n'));
    const outcome = bringIn(withCircuit(), read.value, PEOPLE.admin, Date.parse('2020-10-20T10:00:00Z'));
    if (!outcome.ok) throw new Error(outcome.refusal);
    expect([outcome.record.state, outcome.record.signatures.length]).toEqual(['in-force', 4]);
  });
});

describe('the validation round', () => {
  it('waits for a first version, added by an admin only; nothing is signed meanwhile', () => {
    const record = startRecord(withCircuit(), START);
    expect(record.state).toBe('validation');
    const [first] = pendingActions(record, START);
    expect([first!.command, actionText(first!)]).toEqual([
      'add-version',
      'Déposer la première version du document',
    ]);
    expect(refusalOf(record, 'approve', { as: FINANCIAL_UNIT[0] }).code).toBe('no-version');
    expect(refusalOf(record, 'add-version', { as: PEOPLE.dinumContact, sha256: V1 })).toEqual({
      code: 'not-admin',
      french: `${PEOPLE.dinumContact} ne peut pas ajouter une version du document : seul un administrateur le peut.`,
    });
    expect(refusalOf(record, 'sign', { as: PEOPLE.sgRepresentative, party: 'SG' }).french).toBe(
      'Le document est en validation : une nouvelle version est attendue avant toute signature.',
    );
  });

  it('asks the financial unit first, then every délégant party’s contacts, by email', () => {
    let record = startRecord(withCircuit(), START);
    record = apply(record, 'add-version', { as: PEOPLE.admin, sha256: V1, origin: 'model' }, START + HOUR);
    expect(record.versions).toEqual([
      {
        number: 1,
        sha256: V1,
        origin: 'model',
        addedBy: PEOPLE.admin,
        at: new Date(START + HOUR).toISOString(),
      },
    ]);
    expect(awaitedApprovers(record)).toEqual(['financial-unit']);
    const [request] = plannedEmails(record, START + HOUR);
    expect([request!.kind, request!.to, request!.at]).toEqual([
      'validation-request',
      FINANCIAL_UNIT,
      START + HOUR,
    ]);
    expect(renderEmail(request!).text).toContain('La version n° 1 de la convention');
    expect(refusalOf(record, 'approve', { as: 'dgaln.budget@example.org' }, START + 2 * HOUR)).toEqual({
      code: 'validation-turn',
      french: 'DGALN valide après l’unité financière de la DINUM, qui doit valider d’abord.',
    });
    expect(refusalOf(record, 'approve', { as: PEOPLE.dinumContact }).code).toBe('not-approver');
    record = apply(record, 'approve', { as: FINANCIAL_UNIT[1], version: 1 }, START + 2 * HOUR);
    expect(refusalOf(record, 'approve', { as: FINANCIAL_UNIT[0] }).code).toBe('already-approved');
    const rows = pendingActions(record, START + 2 * HOUR);
    expect(rows.map((row) => [row.command, row.about.approver, row.since])).toEqual(
      ['SG', 'DGALN', 'DGPR'].map((party) => ['approve', party, new Date(START + 2 * HOUR).toISOString()]),
    );
    expect(rows[1]!.waitingOn[0]!.people).toEqual([{ email: 'dgaln.budget@example.org' }]);
    const requests = plannedEmails(record, START + 2 * HOUR).filter((e) => e.kind === 'validation-request');
    expect(requests.map((e) => e.to)).toEqual([
      ['sg.budget@example.org'],
      ['dgaln.budget@example.org'],
      ['dgpr.budget@example.org'],
    ]);
    // An admin approves for whom they name; without a name, three are awaited: which one?
    expect(refusalOf(record, 'approve', { as: PEOPLE.admin }).code).toBe('approver-ambiguous');
    expect(refusalOf(record, 'approve', { as: PEOPLE.admin, party: 'ONF' }).code).toBe('unknown-approver');
  });

  it('holds the round on changes asked for, until a new version voids the approvals', () => {
    let record = startRecord(withCircuit(), START);
    record = apply(record, 'add-version', { as: PEOPLE.admin, sha256: V1, origin: 'model' }, START + HOUR);
    record = apply(record, 'approve', { as: FINANCIAL_UNIT[0] }, START + 2 * HOUR);
    const hostile = 'Article 2 : <script>alert("x")</script> & montants';
    record = apply(
      record,
      'request-changes',
      { as: 'sg.budget@example.org', comment: hostile },
      START + 3 * HOUR,
    );
    const [row] = pendingActions(record, START + 3 * HOUR);
    expect([row!.command, row!.about.version, row!.waitingOn[0]!.people]).toEqual([
      'add-version',
      1,
      [{ email: PEOPLE.admin }],
    ]);
    const asked = plannedEmails(record, START + 3 * HOUR).find((e) => e.kind === 'new-version-request')!;
    expect(asked.to).toEqual([PEOPLE.admin]);
    const rendered = renderEmail(asked);
    expect(rendered.text).toContain(hostile);
    expect(rendered.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; montants');
    expect(refusalOf(record, 'approve', { as: 'dgaln.budget@example.org' }).code).toBe('changes-requested');
    expect(
      refusalOf(record, 'request-changes', { as: 'dgaln.budget@example.org', comment: 'a\u0007b' }).code,
    ).toBe('invalid');
    expect(refusalOf(record, 'add-version', { as: PEOPLE.admin, sha256: V1 }).code).toBe('same-version');

    record = apply(
      record,
      'add-version',
      { as: PEOPLE.admin, sha256: V2, note: 'Montants corrigés' },
      START + 4 * HOUR,
    );
    expect(awaitedApprovers(record)).toEqual(['financial-unit']);
    expect(refusalOf(record, 'approve', { as: FINANCIAL_UNIT[0], version: 1 }).french).toBe(
      'La version n° 1 n’est plus la version en cours : la version n° 2 a été ajoutée depuis.',
    );
    const told = plannedEmails(record, START + 4 * HOUR).find((e) => e.kind === 'version-added')!;
    expect(told.to).toEqual([
      ...FINANCIAL_UNIT,
      'sg.budget@example.org',
      'dgaln.budget@example.org',
      'dgpr.budget@example.org',
      PEOPLE.dinumContact,
    ]);
    expect(renderEmail(told).text).toContain('Les validations des versions précédentes ne valent plus');
  });

  it('reminds the approvers weekly, then copies their representative as every action', () => {
    let record = startRecord(withCircuit(), START);
    record = apply(record, 'add-version', { as: PEOPLE.admin, sha256: V1 }, START + HOUR);
    record = apply(record, 'approve', { as: FINANCIAL_UNIT[0] }, START + 2 * HOUR);
    const reminderOf = (now: number) =>
      plannedEmails(record, now).find((e) => e.series === 'validation-reminder:SG:1')!;
    const first = reminderOf(START + 3 * HOUR);
    expect([first.occurrence, new Date(first.at).toISOString(), first.cc]).toEqual([
      1,
      '2020-03-09T08:00:00.000Z',
      [],
    ]);
    // Days 7, 14, 21, then 35: the fourth, past escalateAfter, copies SG's representative.
    const fourth = reminderOf(START + 36 * 24 * HOUR);
    expect([fourth.occurrence, fourth.to, fourth.cc]).toEqual([
      4,
      ['sg.budget@example.org'],
      [PEOPLE.sgRepresentative],
    ]);
    expect(renderEmail(fourth).subject).toContain('Rappel n° 4 (avec copie au représentant)');
  });

  it('opens the signatures once every approver has approved the current version', () => {
    const record = validated();
    expect(record.state).toBe('signing');
    expect(record.approvals!.filter((a) => a.version === 2).map((a) => a.approver)).toEqual([
      'financial-unit',
      'SG',
      'DGALN',
      'DGPR',
    ]);
  });
});

describe('signatures in order, with their proof', () => {
  it('asks the délégant parties first, DINUM last, and refuses a signature out of turn', () => {
    const record = validated();
    expect(pendingActions(record, START + 9 * HOUR).map((a) => a.about.party)).toEqual([
      'SG',
      'DGALN',
      'DGPR',
    ]);
    expect(refusalOf(record, 'sign', { as: PEOPLE.dinumRepresentative, party: 'DINUM' })).toEqual({
      code: 'signing-turn',
      french: 'DINUM signe après SG, DGALN et DGPR, qui doivent signer d’abord.',
    });
  });

  it('follows signing.order when the file gives it', () => {
    const record = validated(withCircuit({ order: [['DGPR'], ['SG', 'DGALN', 'DINUM']] }));
    expect(pendingActions(record, START + 9 * HOUR).map((a) => a.about.party)).toEqual(['DGPR']);
    expect(refusalOf(record, 'sign', { as: PEOPLE.sgRepresentative, party: 'SG' }).code).toBe('signing-turn');
  });

  it('refuses a signature without proof, over another version, or by another signer', () => {
    const record = validated();
    const sign = (evidence?: unknown) =>
      refusalOf(record, 'sign', { as: PEOPLE.sgRepresentative, party: 'SG', evidence });
    expect(sign().code).toBe('evidence-required');
    expect(sign(electronic('SG', PEOPLE.sgRepresentative, 1, V1)).french).toBe(
      'Ce document n’est pas la version validée.',
    );
    expect(sign(electronic('SG', PEOPLE.dgprRepresentative, 1)).french).toBe(
      `Le signataire, Représentant SG (${PEOPLE.dgprRepresentative}), n’est pas le représentant de SG, Emilie Piette (${PEOPLE.sgRepresentative}).`,
    );
    expect(sign({ kind: 'handwritten', scanSha256: signedFile(9), signedOn: '2020-03-02' }).code).toBe(
      'scan-not-admin',
    );
    expect(sign({ ...electronic('SG', PEOPLE.sgRepresentative, 1), signedFileSha256: 'nope' }).code).toBe(
      'invalid',
    );
  });

  it('takes a scan of the paper original from an admin, never dated in the future', () => {
    const record = validated();
    const scan = (signedOn: string) => ({ kind: 'handwritten', scanSha256: signedFile(9), signedOn });
    expect(
      refusalOf(record, 'sign', { as: PEOPLE.admin, party: 'SG', evidence: scan('2020-03-03') }).code,
    ).toBe('scan-in-future');
    const signed = apply(
      record,
      'sign',
      { as: PEOPLE.admin, party: 'SG', evidence: scan('2020-03-01') },
      START + 9 * HOUR,
    );
    expect(signed.signatures[0]!.evidence).toEqual(scan('2020-03-01'));
    expect(proofText(signed.signatures[0]!.evidence, PEOPLE.admin)).toBe(
      `signature manuscrite du 1er mars 2020, copie numérisée déposée par ${PEOPLE.admin}`,
    );
  });

  it('keeps the last signed file as the reference document; no new version once signing has begun', () => {
    let record = validated();
    const parties = [
      ['SG', PEOPLE.sgRepresentative],
      ['DGALN', PEOPLE.dgalnRepresentative],
      ['DGPR', PEOPLE.dgprRepresentative],
    ] as const;
    parties.forEach(([party, as], i) => {
      record = apply(
        record,
        'sign',
        { as, party, evidence: electronic(party, as, i + 1) },
        START + (10 + i) * HOUR,
      );
    });
    expect(refusalOf(record, 'add-version', { as: PEOPLE.admin, sha256: V1 }).code).toBe(
      'signatures-started',
    );
    const { document, signatures } = describeStatus(record, START + 13 * HOUR);
    expect(document).toMatchObject({
      versions: [{ number: 1 }, { number: 2, note: 'Montants corrigés' }],
      awaitingApproval: [],
      signingOrder: [['SG', 'DGALN', 'DGPR'], ['DINUM']],
      signingTurn: ['DINUM'],
      evidence: 'required',
      signedDocumentSha256: null,
    });
    expect(document.approvals.map((a) => a.approver)).toEqual(['financial-unit', 'SG', 'DGALN', 'DGPR']);
    expect(signatures[0]!.evidence).toEqual(electronic('SG', PEOPLE.sgRepresentative, 1));
    const [dinum] = pendingActions(record, START + 13 * HOUR);
    expect([dinum!.about.party, dinum!.since]).toEqual(['DINUM', new Date(START + 12 * HOUR).toISOString()]);
    const request = plannedEmails(record, START + 13 * HOUR).find((e) => e.kind === 'signature-request')!;
    expect([request.to[0], request.at]).toEqual([PEOPLE.dinumRepresentative, START + 12 * HOUR]);
    record = apply(
      record,
      'sign',
      {
        as: PEOPLE.dinumRepresentative,
        party: 'DINUM',
        evidence: electronic('DINUM', PEOPLE.dinumRepresentative, 4),
      },
      START + 13 * HOUR,
    );
    expect([record.state, record.signedDocumentSha256]).toEqual(['awaiting-publication', signedFile(4)]);
    expect(refusalOf(record, 'add-version', { as: PEOPLE.admin, sha256: V1 }, START + 14 * HOUR).code).toBe(
      'document-signed',
    );
  });

  it('signs by click when the file says evidence: optional', () => {
    const record = validated(withCircuit({ evidence: 'optional' }));
    const signed = apply(record, 'sign', { as: PEOPLE.sgRepresentative, party: 'SG' }, START + 10 * HOUR);
    expect(signed.signatures.map((s) => [s.party, s.evidence])).toEqual([['SG', undefined]]);
  });
});
