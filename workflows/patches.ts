// Every patch of the convention workflow, as `patched()` needs them (README, "Changing workflow
// code"). A patch stays until no workflow started before it is running any more; then its
// `patched()` becomes `deprecatePatch()`, its old branch goes, and later the call too.

/**
 * KEEP_WAKE_TIMER: the loop used to wait with `condition(changed, timeout)`, so every command
 * cancelled the timer of the next reminder and started the same one again — two events in the
 * history per command, for nothing. It now keeps the timer while the wake-up time stays the same.
 */
export const KEEP_WAKE_TIMER = 'keep-wake-timer';

/**
 * SEARCH_ATTRIBUTES: the workflow keeps ConventionId, ConventionState, StartupName, NextDeadline
 * and WaitingOn current (`convention list`), one upsert event each time one of them changes.
 */
export const SEARCH_ATTRIBUTES = 'search-attributes';

/**
 * REFUSALS_IN_HISTORY: a command refused on business grounds (role, state, credits) is now refused
 * by its update handler rather than its validator, so that the refusal, its actor and its reason
 * stay in the history for `convention history`; such refusals count toward continuing as new.
 * Only payloads that do not even parse are still turned away by the validator, leaving no trace.
 */
export const REFUSALS_IN_HISTORY = 'refusals-in-history';

/**
 * COMMITMENT_WARNINGS: the workflow watches the délégant's commitments (`commitment-warning` while
 * no intrapreneur is designated, and for a committee decision more than 60 days late). Runs started
 * before it never do; a convention's later runs do.
 */
export const COMMITMENT_WARNINGS = 'commitment-warnings';

/**
 * PENDING_ACTIONS: WaitingOn is read from the table of pending actions (domain/pending.ts), which
 * adds the délégant's contacts while a credit request or the intrapreneur waits on them, and the
 * délégataire from the first day a monthly report is owed rather than once it is late. Runs
 * without the marker keep upserting what they did (`waitingOnBeforeTable`).
 */
export const PENDING_ACTIONS = 'pending-actions';

/**
 * RESETS_IN_REGISTER: when the workflow is reset, it writes a `reset` entry to the register that
 * marks the decisions past the reset point as superseded (workflows/reset.ts), and the decisions
 * it takes after it get keys of their own. Decided at the start of each run (a flag in the
 * record): a run started before it replays a reset in its history as it went then.
 */
export const RESETS_IN_REGISTER = 'resets-in-register';

/**
 * REGISTER_IN_TASK: register entries (decisions, resets) are written by a local activity, in the
 * workflow task that takes the decision, instead of an activity task dispatched through the
 * server: a command is answered in one workflow task. Decided at each write.
 */
export const REGISTER_IN_TASK = 'register-in-task';

/**
 * PEOPLE_SEARCH: the workflow also upserts Participants and AwaitedPeople, keyed hashes of the
 * people named in the convention and of those a pending action waits on, made by a local
 * activity (crypto/participants.ts), so that the console finds a person's conventions with one
 * visibility query. Decided at each upsert.
 */
export const PEOPLE_SEARCH = 'people-search';

/**
 * STATS_IN_REGISTER: the workflow writes its statistics facts (domain/stats.ts) to the register's
 * database whenever they change, with the decision that changed them or by a local activity of
 * their own, so that `/stats` reads one table instead of querying every workflow. Decided at
 * each write.
 */
export const STATS_IN_REGISTER = 'stats-in-register';

/**
 * PACED_REMINDERS: reminders follow the reminder policy (SPEC §10): after `escalateAfter` without
 * action they copy the acting party's representative and space out up to `reminderCeilingDays`;
 * the overdue monthly reports go in one email. Decided at the start of each run (a flag in the
 * record, the schedule's new fields at their defaults): a run started before it keeps one weekly
 * reminder per overdue report.
 */
export const PACED_REMINDERS = 'paced-reminders';

/**
 * BUDGET_YEARS: the credits are those of budget years (SPEC §11): engagements and payments draw on
 * the lines of their year until its fin de gestion days, a forecast goes before each, the délégant
 * is told of credits the pace says will not be consumed, and each year closed has its statement
 * (register and email); the workflow wakes for the monthly checks and the statements. Decided at
 * the start of each run (a flag in the record, `yearEnd` at its defaults): a run started before it
 * keeps one allocation per UO.
 */
export const BUDGET_YEARS = 'budget-years';
