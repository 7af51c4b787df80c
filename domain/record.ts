import type { TBudgetDelta, TEvidence } from './commands';
import { refusal, type Refusal, type RefusalCode, type RefusalFigures, type RefusalType } from './refusals';
import type { Phase, TConvention, TSchedule } from './convention';
import type { LocalDate, Period } from './dates';
import type { MoneyString } from './money';
import type { CommandName, CommitteeDecision, LifecycleState } from './vocabulary';

// The record of one convention: what the workflow keeps, and what every rule of the domain reads.
// Plain JSON only (no Date, Map or Decimal): it is the workflow's state and its continue-as-new
// input. A field added later must be optional or defaulted when read, for records already running.

export { LIFECYCLE_STATES, type LifecycleState } from './vocabulary';

export interface StateChange {
  from: LifecycleState | null;
  to: LifecycleState;
  at: string;
}

export interface Signature {
  party: string;
  by: string;
  at: string;
  /** Its proof, as the console or the CLI verified it (issue 31); absent for a signature by click. */
  evidence?: TEvidence;
}

/** A version of the convention's document; its file is kept by the tool under its SHA-256. */
export interface DocumentVersion {
  /** 1, then 2…: the latest is the current one. */
  number: number;
  sha256: string;
  /** Drafted from the model by the tool, or uploaded by an admin. */
  origin: 'model' | 'upload';
  addedBy: string;
  /** Why it was added. */
  note?: string;
  at: string;
}

/** An approval of one version, by the financial unit (`financial-unit`) or a délégant party. */
export interface Approval {
  version: number;
  approver: string;
  by: string;
  at: string;
}

/** Changes asked for on one version: the round waits for a new version. */
export interface ChangeRequest extends Approval {
  comment: string;
}

export interface CommitteeRecord {
  number: number;
  /** The day it was due to meet. */
  scheduledOn: LocalDate;
  /** The day it met, when the secretary said so (a meeting before its day). */
  heldOn?: LocalDate;
  decision: CommitteeDecision;
  phase?: Phase;
  notes?: string;
  conditions: string[];
  by: string;
  at: string;
}

/** When and where a committee meets, as its secretary set it (`schedule-committee`). */
export interface CommitteeSetting {
  /** A day other than the one the schedule gives. */
  date?: LocalDate;
  /** `14:30`, on the convention's clock. */
  time?: string;
  durationMinutes?: number;
  place?: string;
  visio?: string;
}

/** A committee's setting, with the change that led to it. */
export interface CommitteePlan extends CommitteeSetting {
  number: number;
  /** 1 for the first setting, then 2, 3…: the SEQUENCE of its calendar invitation. */
  sequence: number;
  /** What the last change changed, each field before and after. */
  changes: { field: keyof CommitteeSetting; before?: string; after?: string }[];
  /** Whether the convocation had gone when it changed: then an email says what changed. */
  afterConvocation: boolean;
  by: string;
  at: string;
}

/** What a report says. */
export interface ReportText {
  spent: Record<string, MoneyString>;
  progress: string;
  forecast: string;
}

export interface ReportRecord extends ReportText {
  /** The month reported on; absent for the final report. */
  period?: Period;
  by: string;
  receivedAt: string;
  /** 1, then 2… each time it is replaced. */
  version: number;
}

/**
 * A monthly report's version. Its text stays in the record only until it has been forwarded to the
 * délégant (the register keeps every text for good); then only its SHA-256 does, so that the
 * record carried from run to run does not grow with every report (`forgetForwardedReports`).
 */
export type MonthlyReportRecord = Omit<ReportRecord, keyof ReportText> &
  Partial<ReportText> & {
    period: Period;
    /** SHA-256 (hex) of the text as JSON `{ spent, progress, forecast }`, once the text is dropped. */
    digest?: string;
  };

export interface Engagement {
  ref: string;
  uo: string;
  ae: MoneyString;
  label?: string;
  by: string;
  at: string;
}

export interface Payment {
  ref: string;
  uo: string;
  cp: MoneyString;
  engagement?: string;
  by: string;
  at: string;
}

export interface AmendmentRecord {
  number: number;
  summary: string;
  signedOn: LocalDate;
  budget: TBudgetDelta[];
  schedule?: Partial<TSchedule>;
  by: string;
  at: string;
}

/** An engagement refused for want of credits opens a grace period for its UO (SPEC §4.6). */
export interface Insufficiency {
  uo: string;
  requested: MoneyString;
  left: MoneyString;
  at: string;
  /** Without an amendment giving the UO room by then, execution is suspended. */
  graceUntil: string;
  /** Closed by an amendment that gave room, or by the suspension it led to. */
  outcome?: { by: 'amendment'; number: number; at: string } | { by: 'suspension'; at: string };
}

export interface CreditRequest {
  uo: string;
  ae: MoneyString;
  cp: MoneyString;
  wantedBy: LocalDate;
  by: string;
  at: string;
  /** Answered by the délégant making credits of the UO available. */
  answeredAt?: string;
}

export interface AccompanimentEnd {
  scope: 'whole' | 'partial';
  commitment: 'intrapreneur' | 'committee' | 'other';
  reason: string;
  by: string;
  at: string;
}

export interface Availability {
  uo: string;
  ae: MoneyString;
  cp: MoneyString;
  by: string;
  at: string;
}

export interface YearForecast {
  year: number;
  uo: string;
  /** AE the délégataire expects to engage, and CP to pay, before the year's dates. */
  ae: MoneyString;
  cp: MoneyString;
  note?: string;
  by: string;
  at: string;
}

/** One UO's year, as the statement after 31 December gives it. */
export interface YearStatementLine {
  uo: string;
  ae: MoneyString;
  engaged: MoneyString;
  /** AE not engaged: to carry over to the next year by an avenant. */
  aeLeft: MoneyString;
  cp: MoneyString;
  paid: MoneyString;
  /** CP not paid: lost with the year. */
  cpLapsed: MoneyString;
}

export interface YearStatement {
  year: number;
  at: string;
  lines: YearStatementLine[];
}

export interface NoticeRecord {
  /** A signatory party's id, or `delegant` when a committee stopped the startup on the délégant's behalf. */
  party: string;
  by: string;
  reason: string;
  givenAt: string;
  /** `noticeMonths` calendar months after the day it was given: the first day the convention is over. */
  effectiveOn: LocalDate;
  committee?: number;
  withdrawn?: { at: string; by: string };
}

export interface ConventionRecord {
  convention: TConvention;
  startedAt: string;
  state: LifecycleState;
  stateChanges: StateChange[];
  signatures: Signature[];
  allSignedAt?: string;
  /**
   * Started with the document circuit (the patch DOCUMENT_CIRCUIT, issue 31): versions, validation,
   * signatures in order with their proof. A record without it signs as before: in any order, by click.
   */
  documentCircuit?: true;
  /** The document's versions, the current one last. */
  versions?: DocumentVersion[];
  approvals?: Approval[];
  changeRequests?: ChangeRequest[];
  /** Once every party has signed: the SHA-256 of the last signed file (or scan), the reference document. */
  signedDocumentSha256?: string;
  chorus?: { confirmedAt: string; by: string };
  publication?: { publishedAt: string; effectiveDate: LocalDate; by: string; where: string; url?: string };
  phases: { phase: Phase; since: string; committee?: number }[];
  committees: CommitteeRecord[];
  /** Committees whose day, time or place the secretary set; absent from records of older runs. */
  committeePlans?: CommitteePlan[];
  /** Notices given (SPEC §4.8): the one running has neither been withdrawn nor taken effect. */
  notices: NoticeRecord[];
  reports: MonthlyReportRecord[];
  finalReport?: ReportRecord;
  engagements: Engagement[];
  payments: Payment[];
  amendments: AmendmentRecord[];
  /** Each share of a UO's AE (of a budget year, once the record keeps them) crossed, once: `credit-threshold` went out for it. */
  thresholdsCrossed: {
    uo: string;
    threshold: string;
    at: string;
    engaged: MoneyString;
    ae: MoneyString;
    year?: number;
  }[];
  insufficiencies: Insufficiency[];
  /** Requests for credits to be made available (art. 2). */
  creditRequests: CreditRequest[];
  /** Credits made available by the délégant, per UO. */
  availabilities: Availability[];
  /** DINUM ended its accompaniment (art. 7). */
  accompanimentEnds: AccompanimentEnd[];
  /** The délégataire's own forecasts for a year's end (`year-end-forecast`), the latest per UO and year counting. */
  yearForecasts: YearForecast[];
  /** Each budget year closed: what was engaged and paid per UO, what lapsed, what is left to carry over. */
  yearStatements: YearStatement[];
  /** Each suspension: since when, the UO whose credits ran out, and the amendment that ended it. */
  suspensions: { since: string; uo: string; resumed?: { at: string; amendment: number } }[];
  end?: { at: string; reason: 'expired' | 'terminated' };
  closedAt?: string;
  /** Per email series (e.g. `signature-reminder:DGPR`), the last occurrence sent. */
  lastSent: Record<string, number>;
  emailsSent: number;
  /** Sequence of the last register entry written: the key of the next one derives from it. */
  registerSeq: number;
  /** Brought in with its past (domain/bring-in.ts): by whom, from which document, when. */
  broughtIn?: { by: string; document: string; at: string };
  /** The id of the last reset this history went through: the register keys of later decisions carry it. */
  resetId?: string;
}

/** Who the register names for what the workflow writes by itself: a budget year closed, a reset. */
export const TIME_ACTOR = 'temporal';

/** What an accepted command writes to the decision register. */
export interface RegisterEntryDraft {
  seq: number;
  /** The command, or an event: an insufficiency of credits a command caused, a budget year closed. */
  kind: CommandName | 'credit-insufficiency' | 'year-end-statement';
  actor: string;
  payload: Record<string, unknown>;
  at: string;
}

export type CommandOutcome =
  | { ok: true; record: ConventionRecord; entry: RegisterEntryDraft }
  | { ok: false; refusal: Refusal; consequence?: undefined }
  /** Refused, yet not without effect: an engagement beyond the credits warns the délégant at once. */
  | { ok: false; refusal: Refusal; consequence: { record: ConventionRecord; entry: RegisterEntryDraft } };

/**
 * Whether the document is approved before it is signed: when the convention names a financial unit,
 * or asks its délégant parties to validate it.
 */
export const asksValidation = (convention: TConvention) =>
  convention.roles.financialUnit !== undefined || convention.signing?.partnerValidation === true;

/**
 * A convention's record at its start: in `validation` when it asks for it, else `signing`. Without
 * `documentCircuit` (a workflow replaying a history from before DOCUMENT_CIRCUIT), as it was then.
 */
export function startRecord(
  convention: TConvention,
  now: number,
  { documentCircuit }: { documentCircuit: boolean } = { documentCircuit: true },
): ConventionRecord {
  const at = new Date(now).toISOString();
  const state = documentCircuit && asksValidation(convention) ? 'validation' : 'signing';
  return {
    convention,
    startedAt: at,
    state,
    stateChanges: [{ from: null, to: state, at }],
    signatures: [],
    ...(documentCircuit ? { documentCircuit: true as const } : {}),
    phases: [{ phase: convention.startup.phase, since: at }],
    committees: [],
    reports: [],
    engagements: [],
    payments: [],
    amendments: [],
    thresholdsCrossed: [],
    insufficiencies: [],
    creditRequests: [],
    availabilities: [],
    accompanimentEnds: [],
    yearForecasts: [],
    yearStatements: [],
    suspensions: [],
    notices: [],
    lastSent: {},
    emailsSent: 0,
    registerSeq: 0,
  };
}

export const refuse = <C extends RefusalCode>(
  type: RefusalType,
  code: C,
  figures: RefusalFigures[C],
): CommandOutcome => ({ ok: false, refusal: refusal(type, code, figures) });

/** The next register entry: its sequence, and the record that counts it. */
export function nextEntry(
  record: ConventionRecord,
  kind: RegisterEntryDraft['kind'],
  actor: string,
  payload: Record<string, unknown>,
  at: string,
): { record: ConventionRecord; entry: RegisterEntryDraft } {
  const seq = record.registerSeq + 1;
  return { record: { ...record, registerSeq: seq }, entry: { seq, kind, actor, payload, at } };
}

export function moveTo(record: ConventionRecord, to: LifecycleState, at: string): ConventionRecord {
  return { ...record, state: to, stateChanges: [...record.stateChanges, { from: record.state, to, at }] };
}

/** An accepted command: the record it leads to, and its register entry. */
export function accept(
  record: ConventionRecord,
  kind: CommandName,
  payload: { as: string; [field: string]: unknown },
  at: string,
  change: (record: ConventionRecord) => ConventionRecord,
): CommandOutcome {
  const seq = record.registerSeq + 1;
  const { as: actor, ...rest } = payload;
  return {
    ok: true,
    record: change({ ...record, registerSeq: seq }),
    entry: { seq, kind, actor, payload: rest, at },
  };
}

/** The day the convention took effect, once published. */
export const effectiveDate = (record: ConventionRecord): LocalDate | undefined =>
  record.publication?.effectiveDate;

export const isOver = (record: ConventionRecord) => record.state === 'ended' || record.state === 'closed';

/**
 * Rules a running convention decides as it did before a patch (workflows/patches.ts) while its
 * history has no marker for it; new conventions take every rule.
 */
export interface CommandRules {
  /** COMMITTEE_DAY: a decision waits for its committee's day, or says when it met early. */
  committeeDay: boolean;
}

export const CURRENT_RULES: CommandRules = { committeeDay: true };
