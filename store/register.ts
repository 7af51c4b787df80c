import { createHash } from 'node:crypto';
import { decisionSeqOf, firstRunOf } from '../domain/keys';
import { TIME_ACTOR } from '../domain/record';
import type { ConventionStatsFacts } from '../domain/stats';

// The decision register (SPEC §4): durable, append-only, and outliving Temporal's history
// retention. Each row carries the hash of the previous row of the same convention, so an edited,
// inserted or reordered row breaks the chain. The same database keeps the log of emails sent,
// which makes sending idempotent across activity retries and worker crashes.
//
// A convention's id is never reused (client/start.ts refuses it at start), and the register holds
// to it too: each row carries the first run id of the workflow that wrote it (from its key), and a
// convention's chain takes no row of another first run, so that two conventions never share one.
//
// Two stores keep it: SQLite (a file, for one worker: `npm start`, tests) and PostgreSQL (for
// several workers). This module holds what they share: the rows' hashes, the chain's check, what
// a reset takes back.

export interface RegisterEntryInput {
  /** Derived from the workflow and its decision: a retried activity writes nothing twice. */
  idempotencyKey: string;
  conventionId: string;
  kind: string;
  actor: string;
  payload: Record<string, unknown>;
  /** When the decision was taken (workflow time). */
  at: string;
}

/** A reset of the workflow (`temporal workflow reset`), as the workflow records it when it resumes. */
export interface ResetInput {
  idempotencyKey: string;
  conventionId: string;
  /** The workflow execution's chain (`chainOf`): only its entries may be superseded. */
  chain: string;
  /** The decisions the workflow still holds: those it had taken past this place are superseded. */
  after: number;
  /** The run that resumes from the reset point. */
  run: string;
  at: string;
}

/** A convention's statistics facts as the workflow (or the console, for one that kept none) took them. */
export interface StatsWrite {
  conventionId: string;
  facts: ConventionStatsFacts;
  /** When they were taken (workflow time), then the record's count of decisions: a later write wins. */
  at: string;
  registerSeq: number;
}

export interface RegisterEntry {
  conventionId: string;
  seq: number;
  kind: string;
  actor: string;
  payload: Record<string, unknown>;
  at: string;
  recordedAt: string;
  prevHash: string;
  hash: string;
  /** A decision a reset took back (the workflow no longer holds it): the seq of that reset's entry. Never deleted. */
  supersededBy?: number;
}

/** An email about to be sent, as the sent-email log notes it. */
export interface EmailAttempt {
  idempotencyKey: string;
  conventionId: string;
  kind: string;
  recipients: string[];
  messageId: string;
}

/** An email's row in the sent-email log, in the order its INSERTs name the columns (the state apart). */
export const emailLogValues = (email: EmailAttempt) => [
  email.idempotencyKey,
  email.conventionId,
  email.kind,
  email.recipients.join(', '),
  email.messageId,
  new Date().toISOString(),
];

/** `withdrawn`: its action was done before an attempt began; no attempt will send it. */
export type EmailLogState = 'sending' | 'sent' | 'rejected' | 'withdrawn';

/** A person's choice of reminders (SPEC §10): one weekly digest, or each reminder as it comes. */
export interface DigestChoice {
  email: string;
  weekly: boolean;
  /** When it was made (workflow time). */
  at: string;
}

/** An address as the digest readers' table keys it: as mail systems compare them, without regard to case. */
export const emailKeyOf = (email: string) => email.toLowerCase();

/** The kind and actor of the entry that records a reset. */
export const RESET_KIND = 'reset';

/**
 * How a chain breaks at an entry: one is missing before it, it does not follow the one before, it
 * was edited, it was written by another convention under the same id (before ids were guarded).
 */
export type ChainBreak = 'missing' | 'out-of-order' | 'changed' | 'other-run';

export type ChainCheck =
  | { ok: true; entries: number }
  | { ok: false; entries: number; brokenAt: number; problem: ChainBreak; reason: string };

/** What both stores do. Appends to one convention's chain are serialized: no gap, no fork. */
export interface Register {
  /**
   * Appends an entry once: the same idempotency key returns the row already written. Throws
   * `OtherRun` for an entry of another first run than the convention's chain (its id reused).
   */
  append(input: RegisterEntryInput): Promise<RegisterEntry>;
  /**
   * Records a reset once: which of the chain's decisions it took back (those past `after`, not
   * taken back already) go in its payload, so that they read as superseded and stay in the chain.
   */
  recordReset(input: ResetInput): Promise<RegisterEntry>;
  /** Whether the database holds anything of this convention: an entry, an email, its statistics. */
  knows(conventionId: string): Promise<boolean>;
  /** The convention's entries in order, those a reset took back marked with it. */
  entries(conventionId: string): Promise<RegisterEntry[]>;
  /** The decisions that stand: neither taken back by a reset nor a reset's own entry. */
  decisions(conventionId: string): Promise<RegisterEntry[]>;
  /** Every convention's standing decisions of these kinds, in one read. */
  decisionsOfKinds(kinds: readonly string[]): Promise<Map<string, RegisterEntry[]>>;
  /** Recomputes every hash of a convention's chain; the first row that does not match is reported. */
  verify(conventionId: string): Promise<ChainCheck>;
  /** Emails of these kinds sent, by convention: their series (`signature-reminder:DGPR`) and when. */
  emailsSent(kinds: readonly string[]): Promise<Map<string, { series: string; at: string }[]>>;
  /** Writes a convention's statistics facts unless a later write is there already. */
  keepStats(write: StatsWrite): Promise<void>;
  /** Every convention's statistics facts, as last written. */
  keptStats(): Promise<{ conventionId: string; facts: ConventionStatsFacts }[]>;
  emailState(idempotencyKey: string): Promise<EmailLogState | undefined>;
  /**
   * Notes an attempt before talking to the SMTP server, so that an interrupted one is visible.
   * False when the email was withdrawn: the attempt must not send it.
   */
  emailAttempt(email: EmailAttempt): Promise<boolean>;
  /**
   * Withdraws an email no attempt has begun, or whose attempts stopped without an outcome; false
   * when an outcome is known (sent, refused). An attempt talking to the SMTP server meanwhile
   * still writes its outcome over the mark: a sent email is recorded as sent.
   */
  withdrawEmail(email: EmailAttempt): Promise<boolean>;
  emailOutcome(idempotencyKey: string, state: 'sent' | 'rejected'): Promise<void>;
  /** Those of these addresses whose owner takes the weekly digest, in their order. */
  digestReaders(emails: readonly string[]): Promise<string[]>;
  /** Writes a person's choice: taking the digest since `at` (kept if already taken), or no longer. */
  keepDigestChoice(choice: DigestChoice): Promise<void>;
  close(): Promise<void>;
}

/** A row as both databases keep it (the payload as the exact JSON text that was hashed). */
export interface RegisterRow {
  convention_id: string;
  seq: number;
  kind: string;
  actor: string;
  payload: string;
  at: string;
  recorded_at: string;
  idempotency_key: string;
  prev_hash: string;
  hash: string;
  /** The first run id of the workflow that wrote it; null in rows written before it was kept. */
  first_run: string | null;
}

export const GENESIS_HASH = '0'.repeat(64);

function rowHash(row: Omit<RegisterRow, 'hash' | 'recorded_at' | 'idempotency_key'>): string {
  const fields = [row.convention_id, row.seq, row.kind, row.actor, row.payload, row.at, row.prev_hash];
  // Hashed so that a row cannot be moved to another convention unseen; rows written before the
  // column have none, and their hashes stay what they were.
  if (row.first_run !== null) fields.push(row.first_run);
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/** The first run a row belongs to: its column, or for a row written before it, its key. */
export const runOf = (row: Pick<RegisterRow, 'first_run' | 'idempotency_key'>) =>
  row.first_run ?? firstRunOf(row.idempotency_key);

/** An entry refused: its convention's id already names the chain of another convention (another first run). */
export class OtherRun extends Error {
  constructor(
    readonly conventionId: string,
    readonly run: string,
    readonly owner: string,
  ) {
    super(
      `the register of ${conventionId} belongs to the workflow whose first run is ${owner}: ` +
        `run ${run} is another convention reusing its id`,
    );
  }
}

/** The end of a convention's chain as an append reads it: its first row (whose run owns it) and its last. */
export interface ChainEnds {
  first?: Pick<RegisterRow, 'first_run' | 'idempotency_key'>;
  last?: { seq: number; hash: string };
}

/**
 * The row that follows the convention's chain (the first when there is none). Refused (`OtherRun`)
 * if the chain belongs to another first run: whichever run wrote first owns it.
 */
export function chainedRow({ first, last }: ChainEnds, input: RegisterEntryInput): RegisterRow {
  const run = firstRunOf(input.idempotencyKey) ?? null;
  const owner = first && runOf(first);
  if (run && owner && run !== owner) throw new OtherRun(input.conventionId, run, owner);
  const row = {
    convention_id: input.conventionId,
    seq: (last?.seq ?? 0) + 1,
    kind: input.kind,
    actor: input.actor,
    payload: JSON.stringify(input.payload),
    at: input.at,
    prev_hash: last?.hash ?? GENESIS_HASH,
    first_run: run,
  };
  return {
    ...row,
    hash: rowHash(row),
    recorded_at: new Date().toISOString(),
    idempotency_key: input.idempotencyKey,
  };
}

/** The entry that records a reset, given the convention's rows so far. */
export function resetEntryInput(
  { chain, after, run, ...input }: ResetInput,
  rows: readonly RegisterRow[],
): RegisterEntryInput {
  const taken = supersededBy(rows);
  const supersedes = rows
    .filter((row) => row.idempotency_key.startsWith(`${chain}/`) && !taken.has(row.seq))
    .filter((row) => (decisionSeqOf(row.idempotency_key) ?? 0) > after)
    .map((row) => row.seq);
  return { ...input, kind: RESET_KIND, actor: TIME_ACTOR, payload: { run, after, supersedes } };
}

/** The convention's rows as entries, those a reset took back marked with it. */
export function entriesOf(rows: readonly RegisterRow[]): RegisterEntry[] {
  const superseded = supersededBy(rows);
  return rows.map((row) => {
    const by = superseded.get(row.seq);
    return by === undefined ? toEntry(row) : { ...toEntry(row), supersededBy: by };
  });
}

/** The rows that stand among a convention's (all its resets included): neither taken back nor a reset. */
export function standing(rows: readonly RegisterRow[]): RegisterEntry[] {
  const superseded = supersededBy(rows);
  return rows.filter((row) => !superseded.has(row.seq) && row.kind !== RESET_KIND).map(toEntry);
}

/** Rows of several conventions (in convention, then seq order): the standing decisions of each. */
export function standingByConvention(rows: readonly RegisterRow[]): Map<string, RegisterEntry[]> {
  const byConvention = groupBy(
    rows,
    (row) => row.convention_id,
    (row) => row,
  );
  return new Map([...byConvention.entries()].map(([conventionId, ofOne]) => [conventionId, standing(ofOne)]));
}

/** The emails sent, by convention; the key is `workflow/first-run/series#occurrence`. */
export function sentBySeries(
  rows: readonly { conventionId: string; key: string; at: string }[],
): Map<string, { series: string; at: string }[]> {
  return groupBy(
    rows,
    (row) => row.conventionId,
    ({ key, at }) => ({ series: key.split('/').at(-1)!.replace(/#\d+$/, ''), at }),
  );
}

/** Checks a convention's chain, its rows in seq order. */
export function verifyRows(rows: readonly RegisterRow[]): ChainCheck {
  let prevHash = GENESIS_HASH;
  const owner = rows[0] && runOf(rows[0]);
  for (const [index, row] of rows.entries()) {
    const brokenAt = row.seq;
    const broken = (problem: ChainBreak, reason: string): ChainCheck => ({
      ok: false,
      entries: rows.length,
      brokenAt,
      problem,
      reason,
    });
    if (row.seq !== index + 1) return broken('missing', `entry ${index + 1} is missing`);
    if (row.prev_hash !== prevHash) return broken('out-of-order', 'does not follow the previous entry');
    if (rowHash(row) !== row.hash) return broken('changed', 'its content was changed after it was written');
    const run = runOf(row);
    if (owner && run && run !== owner)
      return broken('other-run', `written by another convention under the same id (run ${run})`);
    prevHash = row.hash;
  }
  return { ok: true, entries: rows.length };
}

/** Rows grouped by their convention, in their order, each made into what the caller keeps. */
function groupBy<Row, Kept>(
  rows: readonly Row[],
  conventionOf: (row: Row) => string,
  keep: (row: Row) => Kept,
): Map<string, Kept[]> {
  const groups = new Map<string, Kept[]>();
  for (const row of rows) {
    const id = conventionOf(row);
    const group = groups.get(id);
    if (group) group.push(keep(row));
    else groups.set(id, [keep(row)]);
  }
  return groups;
}

/** Each entry a reset took back, with the seq of that reset's entry. */
function supersededBy(rows: readonly RegisterRow[]): Map<number, number> {
  const superseded = new Map<number, number>();
  for (const row of rows.filter((r) => r.kind === RESET_KIND)) {
    const { supersedes } = JSON.parse(row.payload) as { supersedes: number[] };
    for (const seq of supersedes) superseded.set(seq, row.seq);
  }
  return superseded;
}

export function toEntry(row: RegisterRow): RegisterEntry {
  return {
    conventionId: row.convention_id,
    seq: row.seq,
    kind: row.kind,
    actor: row.actor,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    at: row.at,
    recordedAt: row.recorded_at,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
