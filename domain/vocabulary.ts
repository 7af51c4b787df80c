// The words the domain's modules share: the commands, the committee's decisions, the lifecycle's
// states. A leaf (it imports nothing), so that the commands' schemas, the record and the refusals
// can all name them without importing one another in a circle (test/folders/imports.test.ts).

/** The commands of SPEC §5, one Update each: `domain/commands.ts` gives each its schema. */
export type CommandName =
  | 'sign'
  | 'publish'
  | 'confirm-chorus'
  | 'decide'
  | 'schedule-committee'
  | 'submit-report'
  | 'engage'
  | 'pay'
  | 'amend'
  | 'give-notice'
  | 'withdraw-notice'
  | 'request-credits'
  | 'make-available'
  | 'end-accompaniment'
  | 'designate-intrapreneur'
  | 'year-end-forecast'
  | 'add-version'
  | 'approve'
  | 'request-changes';

export const COMMITTEE_DECISIONS = ['continue', 'continue-with-conditions', 'pivot', 'stop'] as const;
export type CommitteeDecision = (typeof COMMITTEE_DECISIONS)[number];

export const LIFECYCLE_STATES = [
  /** The document's current version awaits the financial unit's and the partners' approval (issue 31). */
  'validation',
  'signing',
  'awaiting-publication',
  'in-force',
  'suspended',
  'notice',
  'ended',
  'closed',
] as const;
export type LifecycleState = (typeof LIFECYCLE_STATES)[number];
