import { awaitedApprovers, currentVersion, evidenceRule, signingTurn } from './circuit';
import type { TConfirmChorusCommand, TEvidence, TPublishCommand, TSignCommand } from './commands';
import type { TParty } from './convention';
import { localDateOf } from './dates';
import { accept, moveTo, refuse, type CommandOutcome, type ConventionRecord } from './record';
import { contactRefusal, isAdmin, isRepresentativeOf, sameEmail, signatories } from './roles';

// Signatures, Chorus habilitations and publication (SPEC §4.1–§4.3).

export function unsignedParties(record: ConventionRecord) {
  return signatories(record.convention).filter(
    (party) => !record.signatures.some((s) => s.party === party.id),
  );
}

export function sign(record: ConventionRecord, command: TSignCommand, at: string): CommandOutcome {
  const { convention } = record;
  const party = convention.parties.find((p) => p.id === command.party);
  const signatoryIds = signatories(convention).map((p) => p.id);
  if (!party)
    return refuse('UnknownParty', 'unknown-party', {
      command: 'sign',
      party: command.party,
      signatories: signatoryIds,
    });
  if (party.role === 'cofunder')
    return refuse('NotAllowed', 'cofunder', { party: party.id, signatories: signatoryIds });
  const signed = record.signatures.find((s) => s.party === party.id);
  if (signed)
    return refuse('AlreadyDone', 'already-signed', { party: party.id, at: signed.at, by: signed.by });
  if (!isRepresentativeOf(party, command.as) && !isAdmin(convention, command.as))
    return refuse('NotAllowed', 'not-representative', {
      actor: command.as,
      command: 'sign',
      party: party.id,
      representative: { name: party.representative.name, email: party.representative.email },
    });
  const refused = circuitRefusal(record, party, command, at);
  if (refused) return refused;

  const { evidence } = command;
  return accept(record, 'sign', command, at, (accepted) => {
    const next = {
      ...accepted,
      signatures: [
        ...accepted.signatures,
        { party: party.id, by: command.as, at, ...(evidence ? { evidence } : {}) },
      ],
    };
    if (unsignedParties(next).length > 0) return next;
    const signedFile = evidence && fileOf(evidence);
    return moveTo(
      { ...next, allSignedAt: at, ...(signedFile ? { signedDocumentSha256: signedFile } : {}) },
      'awaiting-publication',
      at,
    );
  });
}

/** The file a proof holds: the signed PDF, or the scan of the paper original. */
const fileOf = (evidence: TEvidence) =>
  evidence.kind === 'electronic' ? evidence.signedFileSha256 : evidence.scanSha256;

/**
 * What the document's circuit refuses of a signature (issue 31): before the document is validated,
 * out of turn, without its proof when one is required, or with a proof that does not fit — another
 * version than the validated one, another signer than the representative, a scan not by an admin.
 */
function circuitRefusal(
  record: ConventionRecord,
  party: TParty,
  { as, evidence }: TSignCommand,
  at: string,
): CommandOutcome | undefined {
  const { convention } = record;
  if (record.state === 'validation')
    return refuse('WrongState', 'in-validation', { waitingFor: awaitedApprovers(record) });
  const turn = signingTurn(record);
  if (!turn.some((p) => p.id === party.id))
    return refuse('WrongState', 'signing-turn', { party: party.id, waitingFor: turn.map((p) => p.id) });
  if (!evidence)
    return evidenceRule(record) === 'required'
      ? refuse('InvalidCommand', 'evidence-required', { party: party.id })
      : undefined;
  if (evidence.kind === 'handwritten') {
    if (!isAdmin(convention, as)) return refuse('NotAllowed', 'scan-not-admin', { actor: as });
    const today = localDateOf(Date.parse(at), convention.schedule.timezone);
    if (evidence.signedOn > today)
      return refuse('WrongState', 'scan-in-future', { signedOn: evidence.signedOn, today });
    return undefined;
  }
  const version = currentVersion(record);
  if (!version) return refuse('WrongState', 'no-version', { command: 'sign' });
  if (evidence.versionSha256 !== version.sha256)
    return refuse('WrongState', 'not-validated-version', { version: version.number });
  if (!sameEmail(evidence.signer.email, party.representative.email))
    return refuse('NotAllowed', 'signer-not-representative', {
      party: party.id,
      signer: evidence.signer,
      representative: { name: party.representative.name, email: party.representative.email },
    });
  return undefined;
}

const beforeSignatures = (record: ConventionRecord) =>
  record.state === 'signing' || record.state === 'validation';

const unsignedIds = (record: ConventionRecord) => unsignedParties(record).map((p) => p.id);

export function publish(record: ConventionRecord, command: TPublishCommand, at: string): CommandOutcome {
  const { convention } = record;
  const notAllowed = contactRefusal(convention, 'delegataire', command.as, 'publish');
  if (notAllowed) return notAllowed;
  if (record.publication)
    return refuse('AlreadyDone', 'already-published', {
      on: record.publication.effectiveDate,
      where: record.publication.where,
    });
  if (beforeSignatures(record))
    return refuse('WrongState', 'before-signatures', { command: 'publish', unsigned: unsignedIds(record) });

  // Published on the day it says (yesterday's publication takes effect yesterday), never before
  // every signature nor after today.
  const today = localDateOf(Date.parse(at), convention.schedule.timezone);
  const signedOn = localDateOf(Date.parse(record.allSignedAt!), convention.schedule.timezone);
  const effectiveDate = command.publishedOn ?? today;
  if (effectiveDate > today || effectiveDate < signedOn)
    return refuse('WrongState', 'publication-date', { publishedOn: effectiveDate, signedOn, today });
  const publication = {
    publishedAt: at,
    effectiveDate,
    by: command.as,
    where: command.where,
    ...(command.url ? { url: command.url } : {}),
  };
  return accept(record, 'publish', command, at, (accepted) =>
    moveTo({ ...accepted, publication }, 'in-force', at),
  );
}

export function confirmChorus(
  record: ConventionRecord,
  command: TConfirmChorusCommand,
  at: string,
): CommandOutcome {
  const { convention } = record;
  const notAllowed = contactRefusal(convention, 'delegant', command.as, 'confirm-chorus');
  if (notAllowed) return notAllowed;
  if (record.chorus)
    return refuse('AlreadyDone', 'already-confirmed', {
      at: record.chorus.confirmedAt,
      by: record.chorus.by,
    });
  if (beforeSignatures(record))
    return refuse('WrongState', 'before-signatures', {
      command: 'confirm-chorus',
      unsigned: unsignedIds(record),
    });

  return accept(record, 'confirm-chorus', command, at, (accepted) => ({
    ...accepted,
    chorus: { confirmedAt: at, by: command.as },
  }));
}
