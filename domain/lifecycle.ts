import {
  COMMAND_SCHEMAS,
  type CommandName,
  type CommandPayload,
  type Refusal,
  type TConfirmChorusCommand,
  type TPublishCommand,
  type TSignCommand,
} from './commands';
import type { TConvention } from './convention';
import { localDateOf, type LocalDate } from './dates';
import { requiredWhenMissing } from './fields';
import { actsFor, isAdmin, isRepresentativeOf, partiesWithRole, signatories } from './roles';
import { describeIssues } from './validation';

// The life of one convention (SPEC §4.1–§4.3) as plain data and pure transitions. The workflow
// keeps a `ConventionRecord`, asks `decide` what a command does to it, and stores the result.
// Plain JSON only (no Date, Map or Decimal): it is the workflow's state and its continue-as-new input.

export const LIFECYCLE_STATES = ['signing', 'awaiting-publication', 'in-force'] as const;
export type LifecycleState = (typeof LIFECYCLE_STATES)[number];

export interface StateChange {
  from: LifecycleState | null;
  to: LifecycleState;
  at: string;
}

export interface Signature {
  party: string;
  by: string;
  at: string;
}

export interface ConventionRecord {
  convention: TConvention;
  startedAt: string;
  state: LifecycleState;
  stateChanges: StateChange[];
  signatures: Signature[];
  allSignedAt?: string;
  chorus?: { confirmedAt: string; by: string };
  publication?: { publishedAt: string; effectiveDate: LocalDate; by: string; where: string; url?: string };
  /** Per email series (e.g. `signature-reminder:DGPR`), the last occurrence sent. */
  lastSent: Record<string, number>;
  emailsSent: number;
  /** Sequence of the last register entry written: the key of the next one derives from it. */
  registerSeq: number;
}

/** What an accepted command writes to the decision register. */
export interface RegisterEntryDraft {
  seq: number;
  kind: CommandName;
  actor: string;
  payload: Record<string, unknown>;
  at: string;
}

export type Decision =
  { ok: true; record: ConventionRecord; entry: RegisterEntryDraft } | { ok: false; refusal: Refusal };

export function startRecord(convention: TConvention, now: number): ConventionRecord {
  const at = new Date(now).toISOString();
  return {
    convention,
    startedAt: at,
    state: 'signing',
    stateChanges: [{ from: null, to: 'signing', at }],
    signatures: [],
    lastSent: {},
    emailsSent: 0,
    registerSeq: 0,
  };
}

const refuse = (type: Refusal['type'], message: string): Decision => ({
  ok: false,
  refusal: { type, message },
});

function moveTo(record: ConventionRecord, to: LifecycleState, at: string): ConventionRecord {
  return { ...record, state: to, stateChanges: [...record.stateChanges, { from: record.state, to, at }] };
}

export function unsignedParties(record: ConventionRecord) {
  return signatories(record.convention).filter(
    (party) => !record.signatures.some((s) => s.party === party.id),
  );
}

/** An accepted command: the record it leads to, and its register entry. */
function accept(
  record: ConventionRecord,
  kind: CommandName,
  payload: { as: string },
  at: string,
  change: (record: ConventionRecord) => ConventionRecord,
): Decision {
  const seq = record.registerSeq + 1;
  const { as: actor, ...rest } = payload;
  return {
    ok: true,
    record: change({ ...record, registerSeq: seq }),
    entry: { seq, kind, actor, payload: rest, at },
  };
}

function sign(record: ConventionRecord, command: TSignCommand, at: string): Decision {
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

function publish(record: ConventionRecord, command: TPublishCommand, at: string): Decision {
  const { convention } = record;
  const delegataires = partiesWithRole(convention, 'delegataire');
  if (!delegataires.some((party) => actsFor(party, command.as)) && !isAdmin(convention, command.as))
    return refuse(
      'NotAllowed',
      `${command.as} may not publish: only a contact of the délégataire (${delegataires.map((p) => p.id).join(', ')}) or an admin may`,
    );
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

function confirmChorus(record: ConventionRecord, command: TConfirmChorusCommand, at: string): Decision {
  const { convention } = record;
  const delegants = partiesWithRole(convention, 'delegant');
  if (!delegants.some((party) => actsFor(party, command.as)) && !isAdmin(convention, command.as))
    return refuse(
      'NotAllowed',
      `${command.as} may not confirm the Chorus habilitations: only a contact of the délégant (${delegants.map((p) => p.id).join(', ')}) or an admin may`,
    );
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

const HANDLERS: {
  [C in CommandName]: (record: ConventionRecord, command: CommandPayload<C>, at: string) => Decision;
} = {
  sign,
  publish,
  'confirm-chorus': confirmChorus,
};

/**
 * What a command does to a convention at an instant: the new record and its register entry, or
 * a refusal that names the field or the rule. The record given is never modified.
 */
export function decide(record: ConventionRecord, name: CommandName, payload: unknown, now: number): Decision {
  const schema = COMMAND_SCHEMAS[name];
  if (!schema) return refuse('InvalidCommand', `unknown command "${String(name)}"`);
  const parsed = schema.safeParse(payload, { error: requiredWhenMissing });
  if (!parsed.success)
    return refuse('InvalidCommand', `${name}: ${describeIssues(parsed.error.issues).join('; ')}`);
  const handler = HANDLERS[name] as (record: ConventionRecord, command: unknown, at: string) => Decision;
  return handler(record, parsed.data, new Date(now).toISOString());
}
