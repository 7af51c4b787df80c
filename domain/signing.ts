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
    return refuse(
      'UnknownParty',
      `unknown party "${command.party}"; the signatories are ${signatoryIds.join(', ')}`,
    );
  if (party.role === 'cofunder')
    return refuse(
      'NotAllowed',
      `${party.id} is a co-funder and does not sign this convention; the signatories are ${signatoryIds.join(', ')}`,
    );
  const signed = record.signatures.find((s) => s.party === party.id);
  if (signed) return refuse('AlreadyDone', `${party.id} already signed on ${signed.at} (by ${signed.by})`);
  if (!isRepresentativeOf(party, command.as) && !isAdmin(convention, command.as))
    return refuse(
      'NotAllowed',
      `${command.as} may not sign for ${party.id}: only its representative (${party.representative.name}, ${party.representative.email}) or an admin may`,
    );

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

function waitingForSignatures(record: ConventionRecord): string {
  return `waiting for the signature of ${unsignedParties(record)
    .map((p) => p.id)
    .join(', ')}`;
}

export function publish(record: ConventionRecord, command: TPublishCommand, at: string): CommandOutcome {
  const { convention } = record;
  const notAllowed = contactRefusal(convention, 'delegataire', command.as, 'publish');
  if (notAllowed) return refuse('NotAllowed', notAllowed);
  if (record.publication)
    return refuse(
      'AlreadyDone',
      `the convention was already published on ${record.publication.effectiveDate} (${record.publication.where})`,
    );
  if (record.state === 'signing')
    return refuse(
      'WrongState',
      `cannot publish before every signatory has signed: ${waitingForSignatures(record)}`,
    );

  const effectiveDate = localDateOf(Date.parse(at), convention.schedule.timezone);
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
  const notAllowed = contactRefusal(convention, 'delegant', command.as, 'confirm the Chorus habilitations');
  if (notAllowed) return refuse('NotAllowed', notAllowed);
  if (record.chorus)
    return refuse(
      'AlreadyDone',
      `the Chorus habilitations were already confirmed on ${record.chorus.confirmedAt} (by ${record.chorus.by})`,
    );
  if (record.state === 'signing')
    return refuse(
      'WrongState',
      `Chorus habilitations are requested once every signatory has signed: ${waitingForSignatures(record)}`,
    );

  return accept(record, 'confirm-chorus', command, at, (accepted) => ({
    ...accepted,
    chorus: { confirmedAt: at, by: command.as },
  }));
}
