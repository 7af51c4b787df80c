import type { TAddVersionCommand, TApproveCommand, TRequestChangesCommand } from './commands';
import type { EvidenceRule, TConvention, TParty } from './convention';
import {
  accept,
  asksValidation,
  moveTo,
  refuse,
  type CommandOutcome,
  type ConventionRecord,
  type DocumentVersion,
} from './record';
import { actsFor, delegataire, isAdmin, partiesWithRole, sameEmail, signatories } from './roles';

// The convention's document through its circuit (issue 31): its versions, their validation by
// DINUM's financial unit then the délégant parties, and the order in which the parties sign it.
// Only a record started with the circuit (`documentCircuit`) follows it; an older one signs as it did.

/** The approver that stands for DINUM's financial unit (party ids are upper-case: no clash). */
export const FINANCIAL_UNIT = 'financial-unit';

export const currentVersion = (record: ConventionRecord): DocumentVersion | undefined =>
  record.versions?.at(-1);

/**
 * Who approves a version, step after step: the financial unit, then every délégant party (each
 * through its contacts). The délégant parties validate when asked, or by default when a financial
 * unit is named.
 */
export function validationSteps(convention: TConvention): string[][] {
  const { financialUnit } = convention.roles;
  const partners = convention.signing?.partnerValidation ?? financialUnit !== undefined;
  return [
    ...(financialUnit ? [[FINANCIAL_UNIT]] : []),
    ...(partners ? [partiesWithRole(convention, 'delegant').map((party) => party.id)] : []),
  ];
}

/** The changes asked for on the current version, if any: the round then waits for a new version. */
export function openChangeRequest(record: ConventionRecord) {
  const version = currentVersion(record);
  return version && record.changeRequests?.find((request) => request.version === version.number);
}

const approvalsOf = (record: ConventionRecord, version: number) =>
  (record.approvals ?? []).filter((approval) => approval.version === version);

/** The step of the round whose turn it is: its approvers yet to approve the current version. */
export function awaitedApprovers(record: ConventionRecord): string[] {
  const version = currentVersion(record);
  if (record.state !== 'validation' || !version || openChangeRequest(record)) return [];
  const approved = approvalsOf(record, version.number).map((approval) => approval.approver);
  for (const step of validationSteps(record.convention)) {
    const awaited = step.filter((approver) => !approved.includes(approver));
    if (awaited.length) return awaited;
  }
  return [];
}

/** Since when the current step waits: the version's addition, or the last approval of an earlier step. */
export function approvalSince(record: ConventionRecord, approver: string): string {
  const version = currentVersion(record)!;
  const steps = validationSteps(record.convention);
  const earlier = steps
    .slice(
      0,
      steps.findIndex((step) => step.includes(approver)),
    )
    .flat();
  return approvalsOf(record, version.number)
    .filter((approval) => earlier.includes(approval.approver))
    .reduce((since, approval) => (approval.at > since ? approval.at : since), version.at);
}

/** Whether the record follows the circuit's signing rules: started with it, and given a document or a circuit. */
const followsCircuit = (record: ConventionRecord) =>
  record.documentCircuit === true &&
  Boolean(record.versions?.length || record.convention.signing || record.convention.roles.financialUnit);

/**
 * The groups of parties that sign one after the other: `signing.order`, or by default the délégant
 * parties then the délégataire last (« la DINUM signe en dernier »). A convention without a circuit
 * is signed by every signatory in any order, as before.
 */
export function signingGroups(record: ConventionRecord): TParty[][] {
  const { convention } = record;
  const byId = (id: string) => convention.parties.find((party) => party.id === id)!;
  if (!followsCircuit(record)) return [signatories(convention)];
  if (convention.signing?.order) return convention.signing.order.map((group) => group.map(byId));
  return [partiesWithRole(convention, 'delegant'), [delegataire(convention)]];
}

const hasSigned = (record: ConventionRecord, party: TParty) =>
  record.signatures.some((signature) => signature.party === party.id);

/** The parties whose turn it is to sign: the unsigned ones of the first group not all signed. */
export function signingTurn(record: ConventionRecord): TParty[] {
  for (const group of signingGroups(record)) {
    const unsigned = group.filter((party) => !hasSigned(record, party));
    if (unsigned.length) return unsigned;
  }
  return [];
}

/**
 * Since when the group whose turn it is has been asked to sign: the last signature of the groups
 * before it, or the start of the signatures (a signature within the group moves nothing).
 */
export function turnSince(record: ConventionRecord): string {
  const signingSince =
    record.stateChanges.findLast((change) => change.to === 'signing')?.at ?? record.startedAt;
  const groups = signingGroups(record);
  const turn = groups.findIndex((group) => group.some((party) => !hasSigned(record, party)));
  const before = groups
    .slice(0, turn)
    .flat()
    .map((party) => party.id);
  return record.signatures
    .filter((signature) => before.includes(signature.party))
    .reduce((since, signature) => (signature.at > since ? signature.at : since), signingSince);
}

/** Whether a signature must carry its proof: `signing.evidence`, or required once there is a document. */
export function evidenceRule(record: ConventionRecord): EvidenceRule {
  if (!followsCircuit(record)) return 'optional';
  return record.convention.signing?.evidence ?? (record.versions?.length ? 'required' : 'optional');
}

/**
 * The approver an actor approves for: the one named (`party`), or the only one the actor acts for
 * among those awaited now (among all, when none is awaited) — or the refusal that says why not.
 */
function approverFor(
  record: ConventionRecord,
  actor: string,
  named: string | undefined,
): { approver: string } | { refused: CommandOutcome } {
  const { convention } = record;
  const approvers = validationSteps(convention).flat();
  const mayActFor = (approver: string) =>
    isAdmin(convention, actor) ||
    (approver === FINANCIAL_UNIT
      ? (convention.roles.financialUnit ?? []).some((address) => sameEmail(address, actor))
      : actsFor(
          convention.parties.find((party) => party.id === approver)!,
          actor,
        ));
  if (named !== undefined) {
    if (!approvers.includes(named))
      return { refused: refuse('UnknownParty', 'unknown-approver', { party: named, approvers }) };
    if (!mayActFor(named))
      return { refused: refuse('NotAllowed', 'not-approver', { actor, approvers: [named] }) };
    return { approver: named };
  }
  const choices = approvers.filter(mayActFor);
  const awaitedChoices = choices.filter((approver) => awaitedApprovers(record).includes(approver));
  const candidates = awaitedChoices.length ? awaitedChoices : choices;
  if (candidates.length === 1) return { approver: candidates[0]! };
  if (!candidates.length) return { refused: refuse('NotAllowed', 'not-approver', { actor, approvers }) };
  return { refused: refuse('InvalidCommand', 'approver-ambiguous', { actor, choices: candidates }) };
}

/** What `approve` and `request-changes` check alike: the state, the version, the approver and its turn. */
function checkRound(
  record: ConventionRecord,
  command: TApproveCommand | TRequestChangesCommand,
  name: 'approve' | 'request-changes',
): { approver: string; version: DocumentVersion } | { refused: CommandOutcome } {
  if (record.state !== 'validation')
    return { refused: refuse('WrongState', 'not-in-validation', { command: name, state: record.state }) };
  const version = currentVersion(record);
  if (!version) return { refused: refuse('WrongState', 'no-version', { command: name }) };
  if (command.version !== undefined && command.version !== version.number)
    return {
      refused: refuse('WrongState', 'not-current-version', {
        version: command.version,
        current: version.number,
      }),
    };
  const asked = openChangeRequest(record);
  if (asked)
    return {
      refused: refuse('WrongState', 'changes-requested', {
        version: asked.version,
        by: asked.by,
        at: asked.at,
      }),
    };
  const found = approverFor(record, command.as, command.party);
  if ('refused' in found) return found;
  const { approver } = found;
  const approval = approvalsOf(record, version.number).find((a) => a.approver === approver);
  if (approval)
    return {
      refused: refuse('AlreadyDone', 'already-approved', {
        approver,
        version: version.number,
        by: approval.by,
        at: approval.at,
      }),
    };
  const awaited = awaitedApprovers(record);
  if (!awaited.includes(approver))
    return { refused: refuse('WrongState', 'validation-turn', { approver, waitingFor: awaited }) };
  return { approver, version };
}

/** An approval of the current version; the last one of the round opens the signatures. */
export function approve(record: ConventionRecord, command: TApproveCommand, at: string): CommandOutcome {
  const checked = checkRound(record, command, 'approve');
  if ('refused' in checked) return checked.refused;
  const approval = { version: checked.version.number, approver: checked.approver, by: command.as, at };
  const entry = { ...command, party: checked.approver, version: checked.version.number };
  return accept(record, 'approve', entry, at, (accepted) => {
    const next = { ...accepted, approvals: [...(accepted.approvals ?? []), approval] };
    return awaitedApprovers(next).length ? next : moveTo(next, 'signing', at);
  });
}

/** Changes asked for on the current version: the round waits for a new one. */
export function requestChanges(
  record: ConventionRecord,
  command: TRequestChangesCommand,
  at: string,
): CommandOutcome {
  const checked = checkRound(record, command, 'request-changes');
  if ('refused' in checked) return checked.refused;
  const request = {
    version: checked.version.number,
    approver: checked.approver,
    by: command.as,
    at,
    comment: command.comment,
  };
  const entry = { ...command, party: checked.approver, version: checked.version.number };
  return accept(record, 'request-changes', entry, at, (accepted) => ({
    ...accepted,
    changeRequests: [...(accepted.changeRequests ?? []), request],
  }));
}

/**
 * A new version of the document, by an admin, before any signature: it becomes the current one,
 * the approvals of earlier versions no longer count, and the round starts again (back from
 * `signing` to `validation` when the convention asks for one).
 */
export function addVersion(
  record: ConventionRecord,
  command: TAddVersionCommand,
  at: string,
): CommandOutcome {
  const { convention } = record;
  if (!isAdmin(convention, command.as))
    return refuse('NotAllowed', 'not-admin', { actor: command.as, act: 'add-version' });
  if (record.allSignedAt || !['validation', 'signing'].includes(record.state))
    return refuse('WrongState', 'document-signed', {});
  if (record.signatures.length)
    return refuse('WrongState', 'signatures-started', { signed: record.signatures.map((s) => s.party) });
  const current = currentVersion(record);
  if (current?.sha256 === command.sha256)
    return refuse('AlreadyDone', 'same-version', { number: current.number });
  const version: DocumentVersion = {
    number: (current?.number ?? 0) + 1,
    sha256: command.sha256,
    origin: command.origin,
    addedBy: command.as,
    ...(command.note ? { note: command.note } : {}),
    at,
  };
  return accept(record, 'add-version', { ...command, number: version.number }, at, (accepted) => {
    const next = { ...accepted, versions: [...(accepted.versions ?? []), version] };
    return record.documentCircuit && asksValidation(convention) && next.state === 'signing'
      ? moveTo(next, 'validation', at)
      : next;
  });
}
