import type { TConfirmChorusCommand, TPublishCommand, TSignCommand } from './commands';
import { localDateOf } from './dates';
import { accept, moveTo, refuse, type CommandOutcome, type ConventionRecord } from './record';
import { contactRefusal, isAdmin, isRepresentativeOf, signatories } from './roles';

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

  return accept(record, 'sign', command, at, (accepted) => {
    const next = {
      ...accepted,
      signatures: [...accepted.signatures, { party: party.id, by: command.as, at }],
    };
    return unsignedParties(next).length > 0
      ? next
      : moveTo({ ...next, allSignedAt: at }, 'awaiting-publication', at);
  });
}

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
  if (record.state === 'signing')
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
  if (record.state === 'signing')
    return refuse('WrongState', 'before-signatures', {
      command: 'confirm-chorus',
      unsigned: unsignedIds(record),
    });

  return accept(record, 'confirm-chorus', command, at, (accepted) => ({
    ...accepted,
    chorus: { confirmedAt: at, by: command.as },
  }));
}
