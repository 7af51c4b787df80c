import type { UnconsumedCredits } from '../closing';
import type { CommitteeDecision } from '../commands';
import type { Phase } from '../convention';
import type { LocalDate, Period } from '../dates';
import type { MoneyString } from '../money';
import type { YearStatementLine } from '../record';

// What each kind of email says, as plain JSON: it travels from the workflow to the send activity
// and stays in the history. Each kind has its own data, so that a template reading a field the
// planner does not give fails to compile rather than at send time.

export const EMAIL_KINDS = [
  'signature-request',
  'signature-reminder',
  'chorus-habilitation-request',
  'chorus-habilitation-reminder',
  'publication-request',
  'publication-reminder',
  'convention-in-force',
  'committee-convocation',
  'committee-reminder',
  'committee-decision-overdue',
  'committee-minutes',
  'committee-rescheduled',
  'report-due',
  'report-overdue',
  'report-received',
  'credit-threshold',
  'credit-insufficiency',
  'execution-suspended',
  'execution-resumed',
  'amendment-recorded',
  'termination-notice',
  'termination-reminder',
  'termination-effective',
  'termination-withdrawn',
  'convention-expired',
  'final-report-due',
  'final-report-overdue',
  'unconsumed-credits',
  'convention-closed',
  'credits-request',
  'credits-request-reminder',
  'credits-made-available',
  'accompaniment-ended',
  'commitment-warning',
  'year-end-forecast',
  'credits-unconsumed-forecast',
  'year-end-statement',
  'validation-request',
  'validation-reminder',
  'new-version-request',
  'new-version-reminder',
  'version-added',
] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

/** What every email names: the convention. */
export interface ConventionData {
  conventionId: string;
  title: string;
  startup: string;
  /** The n-th email of a series of reminders (set by the planner on every recurring email). */
  reminderNumber?: number;
  /** A reminder past `escalateAfter` without action, copied to the acting parties' representatives. */
  escalation?: Escalation;
}

export interface Escalation {
  /** Since when the action has been awaited. */
  since: LocalDate;
  remindersBefore: number;
  /** The representatives in copy. */
  copied: { name: string; title: string; party: string }[];
}

/** The day of the event a request is about (signature requested, all signed, published). */
interface Since {
  since: LocalDate;
}

export interface SignatureData extends ConventionData, Since {
  party: { id: string; name: string; representative: string };
}

export interface InForceData extends ConventionData, Since {
  publication: { where: string; url?: string };
}

export interface CommitteeRef {
  number: number;
  date: LocalDate;
  secretary: string;
}

/** When and where a committee meets, as its secretary set it, and its invitation. */
export interface CommitteeSettingData {
  /** `14:30`, on the convention's clock; a whole day when absent. */
  time?: string;
  durationMinutes?: number;
  place?: string;
  visio?: string;
  /** The invitation's SEQUENCE: 0 until the secretary sets the committee. */
  sequence?: number;
  /** The convention's time zone, for the invitation's instants. */
  timezone?: string;
  /** The invitation's organizer, the secretary (absent from emails planned before it named one). */
  organizer?: { name: string; email: string };
  /** The invitation's attendees, named when the convention names them. */
  attendees?: { email: string; name?: string }[];
  /** Who chairs it: the délégant's representative (absent from emails planned before it was said). */
  chair?: { name: string; title: string; party: string };
}

export interface CommitteeNoticeData extends ConventionData {
  committee: CommitteeRef &
    CommitteeSettingData & {
      /** How many days before the committee. */
      daysBefore?: number;
      /** UOs whose credits should run out before the committee at the pace of engagements. */
      exhaustion?: { uo: string; exhaustsOn: LocalDate }[];
      /** What the secretary changed, for `committee-rescheduled`: each field before and after. */
      changes?: {
        field: 'date' | 'time' | 'durationMinutes' | 'place' | 'visio';
        before?: string;
        after?: string;
      }[];
    };
}

export interface CommitteeData extends ConventionData {
  committee: CommitteeRef;
}

export interface MinutesData extends ConventionData {
  committee: CommitteeRef & {
    /** The day it met, when before its day (the secretary's early record). */
    heldOn?: LocalDate;
    decision: CommitteeDecision;
    phase?: Phase;
    notes?: string;
    conditions: string[];
  };
}

export interface ReportDueData extends ConventionData {
  report: { period: Period; dueOn: LocalDate };
}

export interface ReportOverdueData extends ReportDueData {
  /** Every report late, the oldest first (`report`), when there are several: one email for all. */
  overdue?: { period: Period; dueOn: LocalDate }[];
}

export interface ReceivedReport {
  /** Absent for the final report. */
  period?: Period;
  dueOn: LocalDate;
  version: number;
  spent: { uo: string; amount: MoneyString }[];
  progress: string;
  forecast: string;
  by: string;
}

export interface ReportReceivedData extends ConventionData {
  report: ReceivedReport;
}

export interface ThresholdData extends ConventionData {
  /** `threshold`: a share of the AE, "0.80". */
  credit: { uo: string; threshold: string; engaged: MoneyString; ae: MoneyString; year?: number };
}

export interface InsufficiencyData extends ConventionData {
  /** `graceUntil`: the grace period's last day. */
  credit: { uo: string; requested: MoneyString; left: MoneyString; graceUntil: LocalDate };
}

export interface SuspensionData extends ConventionData {
  credit: { uo: string; since: LocalDate };
}

export interface ResumptionData extends ConventionData {
  credit: { uo: string; since: LocalDate; amendment: number };
}

export interface AmendmentData extends ConventionData {
  amendment: {
    number: number;
    summary: string;
    signedOn: LocalDate;
    /** `year`: the budget year of the line changed (absent from emails planned before it was said). */
    changes: { uo: string; funder?: string; year?: number; ae?: MoneyString; cp?: MoneyString }[];
  };
}

export interface NoticeData extends ConventionData {
  notice: { party: string; partyName: string; reason: string; givenOn: LocalDate; effectiveOn: LocalDate };
}

/** After the end: the last day the convention was in force, and when the final report is due. */
export interface EndData extends ConventionData {
  endedOn: LocalDate;
  report: { dueOn: LocalDate };
}

export interface FinalReportReceivedData extends EndData {
  report: ReceivedReport;
}

export interface UnconsumedData extends EndData {
  unconsumed: UnconsumedCredits[];
}

/** Credits asked for on a UO (`on`: the day of the request). */
export interface CreditsRequestData extends ConventionData {
  availability: { uo: string; ae: MoneyString; cp: MoneyString; wantedBy: LocalDate; on: LocalDate };
}

/** Credits of a UO made available (`on`: that day). */
export interface CreditsMadeAvailableData extends ConventionData {
  availability: { uo: string; ae: MoneyString; cp: MoneyString; on: LocalDate };
}

export interface AccompanimentEndedData extends ConventionData {
  accompaniment: {
    scope: 'whole' | 'partial';
    commitment: 'intrapreneur' | 'committee' | 'other';
    reason: string;
    on: LocalDate;
  };
}

/** A breach of the délégant's commitments: no intrapreneur, or a committee's decision this late. */
export type CommitmentWarningData = ConventionData &
  (
    | { breach: { commitment: 'intrapreneur' } }
    | { breach: { commitment: 'committee'; daysLate: number }; committee: CommitteeRef }
  );

/** One UO's credits of a year before the fin de gestion: where they stand, where the pace leads. */
export interface YearEndLine {
  uo: string;
  ae: MoneyString;
  engaged: MoneyString;
  cp: MoneyString;
  paid: MoneyString;
  /** At the pace since the year (or the convention) began; absent while too early to say. */
  projection?: {
    engagedBy: MoneyString;
    aeLapsing: MoneyString;
    paidBy: MoneyString;
    cpLapsing: MoneyString;
  };
  /** What the délégataire itself expects to engage and pay. */
  forecast?: { ae: MoneyString; cp: MoneyString; note?: string; on: LocalDate };
}

/** Before a fin de gestion date (SPEC §11): every UO of the year. */
export interface YearEndForecastData extends ConventionData {
  yearEnd: {
    year: number;
    /** The date this forecast is about, and how many days before it. */
    deadline: 'engagements' | 'payments';
    on: LocalDate;
    daysBefore: number;
    /** The year's two dates. */
    engagementsUntil: LocalDate;
    paymentsUntil: LocalDate;
    lines: YearEndLine[];
  };
}

/** A UO's credits of the year that the pace says will not be consumed (art. 5: "dans les meilleurs délais"). */
export interface UnconsumedForecastData extends ConventionData {
  lapse: YearEndLine & {
    year: number;
    /** The day of the projection, and the days it runs to (the year's, or the convention's end). */
    on: LocalDate;
    engagementsUntil: LocalDate;
    paymentsUntil: LocalDate;
    /** The share projected to lapse, in percent: "34.5"; and the step the previous email said it passed, if any: "10". */
    share: string;
    /** Of which credits: the AE not engaged, or the CP not paid (the larger share). */
    of: 'AE' | 'CP';
    toldBefore?: string;
  };
}

/** A budget year closed, per UO (SPEC §11). */
export interface YearEndStatementData extends ConventionData {
  statement: { year: number; lines: YearStatementLine[] };
}

/** A version of the document to approve (`approver`: `financial-unit` or a délégant party's id). */
export interface ValidationData extends ConventionData, Since {
  validation: { version: number; approver: string; approverName: string };
}

/** Changes asked for on a version: the admins are to add a new one. */
export interface NewVersionData extends ConventionData, Since {
  changes: { version: number; approverName: string; by: string; comment: string };
}

/** A new version of the document: earlier approvals no longer count. */
export interface VersionAddedData extends ConventionData {
  version: {
    number: number;
    sha256: string;
    origin: 'model' | 'upload';
    addedBy: string;
    note?: string;
    on: LocalDate;
    /** Whether it goes through validation again before the signatures. */
    validation: boolean;
  };
}

export interface EmailDataByKind {
  'signature-request': SignatureData;
  'signature-reminder': SignatureData;
  'chorus-habilitation-request': ConventionData & Since;
  'chorus-habilitation-reminder': ConventionData & Since;
  'publication-request': ConventionData & Since;
  'publication-reminder': ConventionData & Since;
  'convention-in-force': InForceData;
  'committee-convocation': CommitteeNoticeData;
  'committee-reminder': CommitteeNoticeData;
  'committee-decision-overdue': CommitteeData;
  'committee-minutes': MinutesData;
  'committee-rescheduled': CommitteeNoticeData;
  'report-due': ReportDueData;
  'report-overdue': ReportOverdueData;
  /** A monthly report, or the final one (without a period) once the convention has ended. */
  'report-received': ReportReceivedData | FinalReportReceivedData;
  'credit-threshold': ThresholdData;
  'credit-insufficiency': InsufficiencyData;
  'execution-suspended': SuspensionData;
  'execution-resumed': ResumptionData;
  'amendment-recorded': AmendmentData;
  'termination-notice': NoticeData;
  'termination-reminder': NoticeData;
  'termination-effective': NoticeData;
  'termination-withdrawn': NoticeData;
  'convention-expired': EndData;
  'final-report-due': EndData;
  'final-report-overdue': EndData;
  'unconsumed-credits': UnconsumedData;
  'convention-closed': EndData;
  'credits-request': CreditsRequestData;
  'credits-request-reminder': CreditsRequestData;
  'credits-made-available': CreditsMadeAvailableData;
  'accompaniment-ended': AccompanimentEndedData;
  'commitment-warning': CommitmentWarningData;
  'year-end-forecast': YearEndForecastData;
  'credits-unconsumed-forecast': UnconsumedForecastData;
  'year-end-statement': YearEndStatementData;
  'validation-request': ValidationData;
  'validation-reminder': ValidationData;
  'new-version-request': NewVersionData;
  'new-version-reminder': NewVersionData;
  'version-added': VersionAddedData;
}

/** One email's kind with its data: a union keyed by kind. */
export type EmailOf<K extends EmailKind = EmailKind> = { [P in K]: { kind: P; data: EmailDataByKind[P] } }[K];

/** Any email's data. */
export type EmailData = EmailDataByKind[EmailKind];
