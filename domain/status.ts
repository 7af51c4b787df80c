import { budgetSummary, type BudgetSummary } from './budget';
import type { EmailKind } from './emails';
import type { ConventionRecord, LifecycleState, StateChange } from './lifecycle';
import { unsignedParties } from './lifecycle';
import { plannedEmails } from './reminders';
import { delegataire, partiesWithRole } from './roles';
import type { TParty } from './convention';

// The `status` query: where a convention stands, and above all who we are waiting on.

export interface WaitingOn {
  party: string;
  name: string;
  people: { name?: string; email: string }[];
}

export interface PendingAction {
  action: 'sign' | 'confirm-chorus' | 'publish';
  description: string;
  waitingOn: WaitingOn[];
  since: string;
}

export interface UpcomingEmail {
  kind: EmailKind;
  at: string;
  to: string[];
}

export interface ConventionStatus {
  id: string;
  title: string;
  startup: string;
  state: LifecycleState;
  since: string;
  startedAt: string;
  signatures: { party: string; name: string; signed: boolean; at?: string; by?: string }[];
  chorus: { confirmed: boolean; confirmedAt?: string; by?: string };
  publication: ConventionRecord['publication'] | null;
  pending: PendingAction[];
  /** Party ids we are waiting on, once each. */
  waitingOn: string[];
  /** The next reminder of each series still running, soonest first. */
  nextDeadlines: UpcomingEmail[];
  budget: BudgetSummary;
  stateChanges: StateChange[];
  emailsSent: number;
}

const representative = (party: TParty): WaitingOn => ({
  party: party.id,
  name: party.name,
  people: [{ name: party.representative.name, email: party.representative.email }],
});
const contacts = (party: TParty): WaitingOn => ({
  party: party.id,
  name: party.name,
  people: party.contacts.map((email) => ({ email })),
});

function pendingActions(record: ConventionRecord): PendingAction[] {
  const { convention } = record;
  const pending: PendingAction[] = unsignedParties(record).map((party) => ({
    action: 'sign',
    description: `signature of ${party.id}`,
    waitingOn: [representative(party)],
    since: record.startedAt,
  }));
  if (record.allSignedAt && !record.chorus)
    pending.push({
      action: 'confirm-chorus',
      description: 'Chorus habilitations requested from AIFE by the délégant',
      waitingOn: partiesWithRole(convention, 'delegant').map(contacts),
      since: record.allSignedAt,
    });
  if (record.allSignedAt && !record.publication)
    pending.push({
      action: 'publish',
      description: 'publication by the délégataire (the convention takes effect on that day)',
      waitingOn: [contacts(delegataire(convention))],
      since: record.allSignedAt,
    });
  return pending;
}

export function describeStatus(record: ConventionRecord, now: number): ConventionStatus {
  const { convention } = record;
  const pending = pendingActions(record);
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
        };
      }),
    chorus: {
      confirmed: Boolean(record.chorus),
      confirmedAt: record.chorus?.confirmedAt,
      by: record.chorus?.by,
    },
    publication: record.publication ?? null,
    pending,
    waitingOn: [...new Set(pending.flatMap((action) => action.waitingOn.map((w) => w.party)))],
    nextDeadlines: plannedEmails(record, now)
      .filter((email) => email.at > now)
      .map((email) => ({ kind: email.kind, at: new Date(email.at).toISOString(), to: email.to })),
    budget: budgetSummary(convention),
    stateChanges: record.stateChanges,
    emailsSent: record.emailsSent,
  };
}
