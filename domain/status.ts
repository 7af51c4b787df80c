import { openCreditRequests } from './availability';
import { budgetSummary, type BudgetSummary } from './budget';
import { finalReportDueOn } from './closing';
import { committeePlan, committeeSlots } from './committees';
import type { Phase } from './convention';
import { localDateOf, type LocalDate } from './dates';
import type { EmailKind } from './emails';
import { advance } from './lifecycle';
import { awaitedApprovers, currentVersion, evidenceRule, signingGroups, signingTurn } from './circuit';
import type { EvidenceRule } from './convention';
import { creditLines, creditWarnings, currentSuspension, type CreditLine } from './ledger';
import { runningNotice } from './notice';
import type {
  Approval,
  ChangeRequest,
  CommitteeRecord,
  DocumentVersion,
  Signature,
  ConventionRecord,
  CreditRequest,
  Insufficiency,
  LifecycleState,
  NoticeRecord,
  StateChange,
  YearStatement,
} from './record';
import { creditYears, type CreditYear } from './budget-year';
import { plannedEmails } from './reminders';
import { nextDeadlineOf, pendingActions, waitingOnParties, type PendingAction } from './pending';
import { reportStatuses, type ReportStatus } from './reports';

// The `status` query: where a convention stands, and above all who we are waiting on.

export interface UpcomingEmail {
  kind: EmailKind;
  at: string;
  to: string[];
}

export interface CommitteeStatus {
  number: number;
  date: LocalDate;
  /** When and where, as the secretary set them (`schedule-committee`), and how many times. */
  time?: string;
  durationMinutes?: number;
  place?: string;
  visio?: string;
  sequence?: number;
  decided?: CommitteeRecord;
  /** Past its date without a decision. */
  overdue: boolean;
}

export interface ConventionStatus {
  id: string;
  title: string;
  startup: string;
  state: LifecycleState;
  since: string;
  startedAt: string;
  signatures: (Pick<Signature, 'evidence'> & {
    party: string;
    name: string;
    signed: boolean;
    at?: string;
    by?: string;
  })[];
  /** The document through its circuit (issue 31): its versions, their validation, the signature turn. */
  document: {
    versions: DocumentVersion[];
    /** The approvals of the current version. */
    approvals: Approval[];
    changeRequests: ChangeRequest[];
    /** Who is to approve the current version now (`financial-unit` or délégant party ids). */
    awaitingApproval: string[];
    /** The groups of party ids that sign one after the other, and the parties whose turn it is. */
    signingOrder: string[][];
    signingTurn: string[];
    evidence: EvidenceRule;
    /** Once every party has signed: the hash of the reference document. */
    signedDocumentSha256: string | null;
  };
  chorus: { confirmed: boolean; confirmedAt?: string; by?: string };
  publication: ConventionRecord['publication'] | null;
  phase: Phase;
  phases: ConventionRecord['phases'];
  committees: CommitteeStatus[];
  nextCommittee: { number: number; date: LocalDate } | null;
  reports: ReportStatus[];
  finalReport: { dueOn: LocalDate; receivedAt?: string } | null;
  /** The notice running: who gave it, why, and the day the convention ends. */
  notice: NoticeRecord | null;
  /** Once ended, the services that ended with it (art. 7: "les services associés"), and when. */
  endedServices: { service: string; endedAt: string }[];
  end: ConventionRecord['end'] | null;
  closedAt: string | null;
  pending: PendingAction[];
  /** Who we are waiting on (party ids, or `committee-secretary`), once each. */
  waitingOn: string[];
  /** « Prochaine échéance »: the pending action due soonest (one already late first), if any has a deadline. */
  nextDeadline: PendingAction | null;
  /** The next email of each series still running, soonest first. */
  nextDeadlines: UpcomingEmail[];
  budget: BudgetSummary;
  /** Per UO: allocated, engaged, paid, left, consumption and projected exhaustion; per budget year once kept. */
  credits: (CreditLine & { years: CreditYear[] })[];
  /** The budget years closed (SPEC §11): per UO, engaged, paid, lapsed, to carry over. */
  yearStatements: YearStatement[];
  /** UOs projected to run out before the next committee. */
  creditWarnings: string[];
  /** Grace periods running after an insufficiency of credits. */
  gracePeriods: Insufficiency[];
  /** Requests for credits the délégant has not answered yet. */
  creditRequests: CreditRequest[];
  suspension: { since: string; uo: string } | null;
  amendments: { number: number; summary: string; signedOn: LocalDate; at: string }[];
  stateChanges: StateChange[];
  emailsSent: number;
  /** Brought in with its past (domain/bring-in.ts): by whom, from which document, when. */
  broughtIn: ConventionRecord['broughtIn'] | null;
}

/** What ends with the convention (SPEC §4.8): after it, only the final report and admins' corrections. */
const ENDED_SERVICES = [
  'investment committees',
  'monthly report reminders (the final report covers the last month)',
  'engagements and payments',
  'signature, Chorus and publication reminders',
];

export function describeStatus(current: ConventionRecord, now: number): ConventionStatus {
  const record = advance(current, now);
  const { convention } = record;
  const today = localDateOf(now, convention.schedule.timezone);
  const committees = committeeSlots(record, today).map((slot) => {
    const { time, durationMinutes, place, visio, sequence } = committeePlan(record, slot.number) ?? {};
    return {
      number: slot.number,
      date: slot.date,
      ...(time ? { time } : {}),
      ...(durationMinutes ? { durationMinutes } : {}),
      ...(sequence ? { sequence } : {}),
      ...(place ? { place } : {}),
      ...(visio ? { visio } : {}),
      ...(slot.decided ? { decided: slot.decided } : {}),
      overdue: !slot.decided && slot.date < today && record.state !== 'closed',
    };
  });
  const next = committees.find((c) => !c.decided && c.date >= today);
  const reports = reportStatuses(record, today);
  const pending = pendingActions(record, now);
  const credits = creditLines(record, today).map((line) => ({
    ...line,
    years: creditYears(record, line.uo, today),
  }));
  const finalDue = finalReportDueOn(record);
  return {
    id: convention.id,
    title: convention.title,
    startup: convention.startup.name,
    state: record.state,
    since: record.stateChanges.at(-1)!.at,
    startedAt: record.startedAt,
    signatures: convention.parties
      .filter((party) => party.role !== 'cofunder')
      .map((party) => {
        const signature = record.signatures.find((s) => s.party === party.id);
        return {
          party: party.id,
          name: party.name,
          signed: Boolean(signature),
          at: signature?.at,
          by: signature?.by,
          ...(signature?.evidence ? { evidence: signature.evidence } : {}),
        };
      }),
    document: {
      versions: record.versions ?? [],
      approvals: (record.approvals ?? []).filter((a) => a.version === currentVersion(record)?.number),
      changeRequests: record.changeRequests ?? [],
      awaitingApproval: awaitedApprovers(record),
      signingOrder: signingGroups(record).map((group) => group.map((party) => party.id)),
      signingTurn: record.state === 'signing' ? signingTurn(record).map((party) => party.id) : [],
      evidence: evidenceRule(record),
      signedDocumentSha256: record.signedDocumentSha256 ?? null,
    },
    chorus: {
      confirmed: Boolean(record.chorus),
      confirmedAt: record.chorus?.confirmedAt,
      by: record.chorus?.by,
    },
    publication: record.publication ?? null,
    phase: record.phases.at(-1)!.phase,
    phases: record.phases,
    committees,
    nextCommittee: next && !record.end ? { number: next.number, date: next.date } : null,
    reports,
    finalReport: finalDue
      ? { dueOn: finalDue, ...(record.finalReport ? { receivedAt: record.finalReport.receivedAt } : {}) }
      : null,
    notice: runningNotice(record) ?? null,
    endedServices: record.end ? ENDED_SERVICES.map((service) => ({ service, endedAt: record.end!.at })) : [],
    end: record.end ?? null,
    closedAt: record.closedAt ?? null,
    pending,
    waitingOn: waitingOnParties(pending),
    nextDeadline: nextDeadlineOf(pending) ?? null,
    nextDeadlines: plannedEmails(record, now)
      .filter((email) => email.at > now)
      .map((email) => ({ kind: email.kind, at: new Date(email.at).toISOString(), to: email.to })),
    budget: budgetSummary(convention),
    credits,
    creditWarnings: creditWarnings(credits, next && !record.end ? next : undefined, today),
    yearStatements: record.yearStatements,
    gracePeriods: record.insufficiencies.filter((i) => !i.outcome),
    creditRequests: openCreditRequests(record),
    suspension: currentSuspension(record) ?? null,
    amendments: record.amendments.map(({ number, summary, signedOn, at }) => ({
      number,
      summary,
      signedOn,
      at,
    })),
    stateChanges: record.stateChanges,
    emailsSent: record.emailsSent,
    broughtIn: record.broughtIn ?? null,
  };
}
