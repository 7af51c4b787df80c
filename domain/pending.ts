import { finalReportDueOn } from './closing';
import { committeeSlots } from './committees';
import type { TConvention, TParty } from './convention';
import {
  addCalendarDays,
  addPeriods,
  localDateOf,
  periodOf,
  reminderInstant,
  type LocalDate,
  type Period,
} from './dates';
import type { EmailKind } from './emails/data';
import { currentSuspension } from './ledger';
import { effectiveDate, isOver, type ConventionRecord } from './record';
import { reportDueOn, reportPeriods } from './reports';
import { delegataire, partiesWithRole, uniqueEmails } from './roles';
import {
  approvalSince,
  awaitedApprovers,
  currentVersion,
  FINANCIAL_UNIT,
  openChangeRequest,
  signingTurn,
  turnSince,
} from './circuit';

// Who acts next (SPEC §4, §5): one table, derived from the record, of every action the
// convention waits on — who must act, the command that settles it, since when and by when.
// `status`, the WaitingOn search attribute and the web console read its rows; the emails that
// ask for these actions, and remind of them, are addressed to the actors it names.

/** Whom an action waits on: a party, or the committee secretary (`party: 'committee-secretary'`). */
export interface WaitingOn {
  party: string;
  name: string;
  people: { name?: string; email: string }[];
}

/** The commands that settle a pending action. */
export type PendingCommand =
  | 'add-version'
  | 'approve'
  | 'sign'
  | 'confirm-chorus'
  | 'publish'
  | 'decide'
  | 'submit-report'
  | 'amend'
  | 'make-available'
  | 'designate-intrapreneur';

export interface PendingAction {
  /** The command that settles it. */
  command: PendingCommand;
  /** What the command is about: the party to sign for, the committee, the period, the UO… */
  about: {
    party?: string;
    committee?: number;
    period?: Period;
    /** The final report rather than a monthly one. */
    final?: true;
    uo?: string;
    /** The credit request answered (1 for the first). */
    request?: number;
    /** The document's version to approve, or the one changes were asked for on. */
    version?: number;
    /** Who approves: a délégant party's id, or `financial-unit`. */
    approver?: string;
  };
  /** In English, for the CLI. */
  description: string;
  waitingOn: WaitingOn[];
  /** Since when it waits: an instant (ISO 8601) for an event, a day for a date of the calendar. */
  since: string;
  /** The day it is due, when it has one. */
  deadline?: LocalDate;
}

const representativeAndContacts = (party: TParty): WaitingOn => ({
  party: party.id,
  name: party.name,
  people: [
    { name: party.representative.name, email: party.representative.email },
    ...party.contacts
      .filter((email) => email.toLowerCase() !== party.representative.email.toLowerCase())
      .map((email) => ({ email })),
  ],
});
const contacts = (party: TParty): WaitingOn => ({
  party: party.id,
  name: party.name,
  people: party.contacts.map((email) => ({ email })),
});

/** The délégant parties that fund a UO (all of them if none does). */
function fundersOf(convention: TConvention, uo: string): TParty[] {
  const delegants = partiesWithRole(convention, 'delegant');
  const funders = convention.budget.filter((line) => line.uo === uo).map((line) => line.funder);
  const funding = delegants.filter((party) => funders.includes(party.id));
  return funding.length ? funding : delegants;
}

/**
 * Who acts, for each command that settles a pending action: the one place that says it. A party
 * signs through its representative (its contacts are told too); the délégant's and the
 * délégataire's other commands are their contacts'.
 */
export const ACTORS = {
  'add-version': (convention: TConvention): WaitingOn[] => [
    { party: 'admins', name: 'Admins', people: convention.roles.admins.map((email) => ({ email })) },
  ],
  approve: (convention: TConvention, approver: string): WaitingOn[] =>
    approver === FINANCIAL_UNIT
      ? [
          {
            party: FINANCIAL_UNIT,
            name: 'DINUM financial unit',
            people: (convention.roles.financialUnit ?? []).map((email) => ({ email })),
          },
        ]
      : convention.parties.filter((party) => party.id === approver).map(contacts),
  sign: (party: TParty): WaitingOn[] => [representativeAndContacts(party)],
  'confirm-chorus': (convention: TConvention) => partiesWithRole(convention, 'delegant').map(contacts),
  publish: (convention: TConvention) => [contacts(delegataire(convention))],
  decide: (convention: TConvention): WaitingOn[] => [
    {
      party: 'committee-secretary',
      name: 'Committee secretary',
      people: [convention.roles.committeeSecretary],
    },
  ],
  'submit-report': (convention: TConvention) => [contacts(delegataire(convention))],
  amend: (convention: TConvention) => partiesWithRole(convention, 'delegant').map(contacts),
  'make-available': (convention: TConvention, uo: string) => fundersOf(convention, uo).map(contacts),
  'designate-intrapreneur': (convention: TConvention) =>
    partiesWithRole(convention, 'delegant').map(contacts),
} satisfies Record<PendingCommand, (...args: never[]) => WaitingOn[]>;

/** An email that chases an action: its kind and the series it belongs to (an idempotency key). */
interface ChaseEmail {
  kind: EmailKind;
  series: string;
}

/**
 * How an action is chased by email (SPEC §10): a first request, then reminders that copy the
 * representatives of the parties it waits on once they escalate — or why it is not chased.
 */
export type Chase =
  | {
      /** Sent once at `at`; not planned once the day `until` has passed (it reminds of a deadline). */
      request?: ChaseEmail & { at: number; until?: LocalDate };
      /**
       * From `from`, the first `firstAfterDays` later, then as the reminder policy says; or one
       * series shared by every action of the kind (`together`: the overdue monthly reports).
       */
      reminders: (ChaseEmail & { from: LocalDate; firstAfterDays: number }) | { together: EmailKind };
      /** Whom the reminders copy once they escalate: the representatives of these parties. */
      escalateTo: WaitingOn[];
    }
  | { notChased: string };

const OWED_AFTER_THE_END: Chase = {
  notChased: 'owed after the end of the convention, an admin may still record it: no more reminders',
};

/** The rule that chases each kind of pending action: no command without one. */
const CHASE: Record<PendingCommand, (action: PendingAction, record: ConventionRecord) => Chase> = {
  // A first version awaited is the admins' to add, told by the console: only changes asked for are chased.
  'add-version': (action, { convention }) =>
    action.about.version === undefined
      ? { notChased: 'the first version of the document: the admins who started the convention add it' }
      : askThenRemind(action, convention, 'new-version', `:${action.about.version}`),
  approve: (action, { convention }) =>
    askThenRemind(action, convention, 'validation', `:${action.about.approver}:${action.about.version}`),
  sign: (action, { convention }) => askThenRemind(action, convention, 'signature', `:${action.about.party}`),
  'confirm-chorus': (action, { convention }) => askThenRemind(action, convention, 'chorus-habilitation', ''),
  publish: (action, { convention }) => askThenRemind(action, convention, 'publication', ''),
  decide: ({ about, deadline, waitingOn }, record) =>
    isOver(record)
      ? OWED_AFTER_THE_END
      : {
          reminders: {
            kind: 'committee-decision-overdue',
            series: `committee-decision-overdue:${about.committee}`,
            from: deadline!,
            firstAfterDays: 1,
          },
          escalateTo: waitingOn,
        },
  'submit-report': ({ about, deadline, waitingOn }, record) => {
    if (!about.final && isOver(record)) return OWED_AFTER_THE_END;
    const { schedule } = record.convention;
    const kind = about.final ? 'final-report' : 'report';
    const request = {
      kind: `${kind}-due`,
      series: about.final ? 'final-report-due' : `report-due:${about.period}`,
      at: reminderInstant(addCalendarDays(deadline!, -schedule.reportReminderDaysBefore), schedule),
      until: deadline!,
    } as const;
    return {
      request,
      reminders: about.final
        ? { kind: 'final-report-overdue', series: 'final-report-overdue', from: deadline!, firstAfterDays: 1 }
        : { together: 'report-overdue' },
      escalateTo: waitingOn,
    };
  },
  amend: () => ({
    notChased:
      'the insufficiency and the suspension are told once, when they happen; the grace period runs out by itself',
  }),
  // The request itself is told to the funders when it is made (`credits-request`), answered or not.
  'make-available': ({ about, since, waitingOn }, { convention }) => ({
    reminders: {
      kind: 'credits-request-reminder',
      series: `credits-request-reminder:${about.request}`,
      from: localDateOf(Date.parse(since), convention.schedule.timezone),
      firstAfterDays: convention.schedule.reminderEveryDays,
    },
    escalateTo: waitingOn,
  }),
  'designate-intrapreneur': ({ since, waitingOn }) => ({
    reminders: {
      kind: 'commitment-warning',
      series: 'commitment-warning:intrapreneur',
      from: since,
      firstAfterDays: 1,
    },
    escalateTo: waitingOn,
  }),
};

/** A request at once (since the event the action waits from), then its reminders every `reminderEveryDays`. */
function askThenRemind(
  { since, waitingOn }: PendingAction,
  { schedule }: TConvention,
  name: 'signature' | 'chorus-habilitation' | 'publication' | 'validation' | 'new-version',
  suffix: string,
): Chase {
  const at = Date.parse(since);
  return {
    request: { kind: `${name}-request`, series: `${name}-request${suffix}`, at },
    reminders: {
      kind: `${name}-reminder`,
      series: `${name}-reminder${suffix}`,
      from: localDateOf(at, schedule.timezone),
      firstAfterDays: schedule.reminderEveryDays,
    },
    escalateTo: waitingOn,
  };
}

/** How a pending action is chased (its rule, per command). */
export const chaseOf = (action: PendingAction, record: ConventionRecord): Chase =>
  CHASE[action.command](action, record);

/** A committee's decision, owed from the day it meets (the reminders' plan looks ahead to it). */
export const decisionOf = (
  convention: TConvention,
  slot: { number: number; date: LocalDate },
): PendingAction => ({
  command: 'decide',
  about: { committee: slot.number },
  description: `decision of committee ${slot.number} (met on ${slot.date})`,
  waitingOn: ACTORS.decide(convention),
  since: slot.date,
  deadline: slot.date,
});

/** The addresses of everyone an action waits on, once each: whom its emails go to. */
export function recipientsOf(waitingOn: readonly WaitingOn[]): string[] {
  return uniqueEmails(waitingOn.flatMap((w) => w.people.map((person) => person.email)));
}

/**
 * Every action the convention waits on at `now`. In this order: signatures, Chorus, publication,
 * committee decisions, monthly reports, avenants, the final report, credits asked for, the
 * intrapreneur.
 */
export function pendingActions(record: ConventionRecord, now: number): PendingAction[] {
  const { convention } = record;
  if (record.state === 'closed') return [];
  const tz = convention.schedule.timezone;
  const today = localDateOf(now, tz);
  const over = isOver(record);
  const pending: PendingAction[] = [];
  if (!over) {
    pending.push(...validationActions(record));
    if (record.state === 'signing')
      for (const party of signingTurn(record))
        pending.push({
          command: 'sign',
          about: { party: party.id },
          description: `signature of ${party.id}`,
          waitingOn: ACTORS.sign(party),
          since: turnSince(record),
        });
    if (record.allSignedAt && !record.chorus)
      pending.push({
        command: 'confirm-chorus',
        about: {},
        description: 'Chorus habilitations requested from AIFE by the délégant',
        waitingOn: ACTORS['confirm-chorus'](convention),
        since: record.allSignedAt,
      });
    if (record.allSignedAt && !record.publication)
      pending.push({
        command: 'publish',
        about: {},
        description: 'publication by the délégataire (the convention takes effect on that day)',
        waitingOn: ACTORS.publish(convention),
        since: record.allSignedAt,
      });
  }
  // A decision and a report stay owed after the end (an admin may still record them), unreminded.
  for (const slot of committeeSlots(record, today).filter((slot) => !slot.decided && slot.date < today))
    pending.push(decisionOf(convention, slot));
  const thisMonth = periodOf(today);
  for (const period of reportPeriods(record, today)) {
    if (period >= thisMonth || record.reports.some((report) => report.period === period)) continue;
    const dueOn = reportDueOn(record, period);
    pending.push({
      command: 'submit-report',
      about: { period },
      description: `monthly report for ${period} (due ${dueOn})`,
      waitingOn: ACTORS['submit-report'](convention),
      since: `${addPeriods(period, 1)}-01`,
      deadline: dueOn,
    });
  }
  for (const grace of record.insufficiencies.filter((i) => !i.outcome))
    pending.push({
      command: 'amend',
      about: { uo: grace.uo },
      description: `an amendment giving ${grace.uo} room before ${grace.graceUntil}, or execution is suspended`,
      waitingOn: ACTORS.amend(convention),
      since: grace.at,
      // Its last day: the grace period runs out at midnight after it.
      deadline: localDateOf(Date.parse(grace.graceUntil) - 1, tz),
    });
  const suspension = currentSuspension(record);
  if (suspension)
    pending.push({
      command: 'amend',
      about: { uo: suspension.uo },
      description: `an amendment giving ${suspension.uo} room: execution is suspended`,
      waitingOn: ACTORS.amend(convention),
      since: suspension.since,
    });
  const finalDue = finalReportDueOn(record);
  if (record.state === 'ended' && finalDue)
    pending.push({
      command: 'submit-report',
      about: { final: true },
      description: `final report (due ${finalDue})`,
      waitingOn: ACTORS['submit-report'](convention),
      since: record.end!.at,
      deadline: finalDue,
    });
  if (over) return pending;
  record.creditRequests.forEach((request, i) => {
    if (request.answeredAt) return;
    pending.push({
      command: 'make-available',
      about: { uo: request.uo, request: i + 1 },
      description: `credits on ${request.uo} asked for by the délégataire (${request.ae} AE, ${request.cp} CP, wanted by ${request.wantedBy})`,
      waitingOn: ACTORS['make-available'](convention, request.uo),
      since: request.at,
      deadline: request.wantedBy,
    });
  });
  const effective = effectiveDate(record);
  if (effective && !convention.roles.intrapreneur)
    pending.push({
      command: 'designate-intrapreneur',
      about: {},
      description: 'designation of the startup’s intrapreneur by the délégant (art. 2)',
      waitingOn: ACTORS['designate-intrapreneur'](convention),
      since: effective,
    });
  return pending;
}

/** While the document is in validation: its first version, a new one after changes asked for, or approvals. */
function validationActions(record: ConventionRecord): PendingAction[] {
  if (record.state !== 'validation') return [];
  const { convention } = record;
  const version = currentVersion(record);
  const asked = openChangeRequest(record);
  if (!version || asked)
    return [
      {
        command: 'add-version',
        about: asked ? { version: asked.version } : {},
        description: asked
          ? `a new version of the document, changes to version ${asked.version} having been asked for`
          : 'the first version of the document',
        waitingOn: ACTORS['add-version'](convention),
        since: asked?.at ?? record.startedAt,
      },
    ];
  return awaitedApprovers(record).map((approver) => ({
    command: 'approve',
    about: { approver, version: version.number },
    description: `approval of version ${version.number} of the document by ${approver}`,
    waitingOn: ACTORS.approve(convention, approver),
    since: approvalSince(record, approver),
  }));
}

/**
 * The next deadline of the table: the action due soonest, those already late first (a report owed
 * since the 10th stays there until it comes) — the day it is due, not the day its reminder goes.
 */
export function nextDeadlineOf(actions: readonly PendingAction[]): PendingAction | undefined {
  return actions
    .filter((action) => action.deadline)
    .reduce<PendingAction | undefined>(
      (soonest, action) => (!soonest || action.deadline! < soonest.deadline! ? action : soonest),
      undefined,
    );
}

/** The parties (or `committee-secretary`) the actions wait on, once each, in the table's order. */
export function waitingOnParties(actions: readonly PendingAction[]): string[] {
  return [...new Set(actions.flatMap((action) => action.waitingOn.map((w) => w.party)))];
}
