import Decimal from 'decimal.js';
import type { LocalDate, Period } from './dates';
import { faultLine, type Fault } from './faults';
import { formatEuros, type MoneyString } from './money';
import type { CommandName, CommitteeDecision, LifecycleState } from './vocabulary';

// Why a command was refused (SPEC §5): a stable code, the figures it names, and the English the
// CLI prints. The console renders the same code and figures in French (domain/french/refusals.ts).
// Figures are plain JSON: they travel in the failure's details, amounts as decimal strings.

/** The ApplicationFailure type the caller sees: what kind of refusal it is. */
export const REFUSAL_TYPES = [
  'InvalidCommand',
  'NotAllowed',
  'UnknownParty',
  'UnknownUo',
  'InsufficientCredits',
  'AlreadyDone',
  'WrongState',
] as const;
export type RefusalType = (typeof REFUSAL_TYPES)[number];

interface Person {
  name: string;
  email: string;
}

/** Commands a contact of the délégant or of the délégataire gives. */
export type ContactCommand =
  | 'publish'
  | 'confirm-chorus'
  | 'submit-report'
  | 'engage'
  | 'pay'
  | 'request-credits'
  | 'make-available'
  | 'designate-intrapreneur'
  | 'year-end-forecast';

export type CreditCommand = 'engage' | 'pay' | 'request-credits' | 'make-available';

/** Each refusal's code and the figures it names. */
export interface RefusalFigures {
  invalid: { command: CommandName; faults: Fault[] };
  closed: { closedAt: string };
  ended: { endedAt: string; reason: 'expired' | 'terminated' };
  'not-contact': {
    actor: string;
    command: ContactCommand;
    side: 'delegant' | 'delegataire';
    parties: string[];
  };
  'not-representative': {
    actor: string;
    command: 'sign' | 'give-notice' | 'end-accompaniment';
    party: string;
    representative: Person;
  };
  'not-admin': { actor: string; act: 'amend' | 'continue-as-new' | 'add-version' };
  'not-secretary': { actor: string; secretary: Person; command: 'decide' | 'schedule-committee' };
  'withdraw-not-representative': { actor: string; party: string };
  'withdraw-not-giver': { givenBy: string; withdrawers: string[] };
  cofunder: { party: string; signatories: string[] };
  'unknown-party': { command: 'sign' | 'give-notice'; party: string; signatories: string[] };
  'unknown-uo': { uo: string; uos: string[] };
  'report-unknown-uo': { unknown: string[]; uos: string[] };
  'already-signed': { party: string; at: string; by: string };
  'already-published': { on: LocalDate; where: string };
  'already-confirmed': { at: string; by: string };
  'avenant-number-used': { number: number; at: string };
  'avenant-number-order': { last: number };
  'already-decided': { committee: number; date: LocalDate; decision: CommitteeDecision; at: string };
  'reference-used': { command: 'engage' | 'pay'; ref: string; at: string; uo: string; amount: MoneyString };
  'notice-running': { party: string; givenOn: LocalDate; effectiveOn: LocalDate };
  'report-received': { period: Period; at: string };
  'not-in-force': {
    command:
      | 'end-accompaniment'
      | 'decide'
      | 'schedule-committee'
      | 'give-notice'
      | 'submit-report'
      | 'year-end-forecast'
      | CreditCommand;
  };
  'before-chorus': { command: 'engage' | 'pay' };
  'before-signatures': { command: 'publish' | 'confirm-chorus'; unsigned: string[] };
  suspended: { since: string; uo: string };
  'no-echeancier': { uo: string; command: 'request-credits' | 'make-available' };
  'final-report-early': { state: LifecycleState };
  'final-report-period': Record<string, never>;
  /** `date` absent: the committee would meet after the end. */
  'decide-before-convocation': { committee: number; date?: LocalDate };
  'no-committee-awaits': { next?: { committee: number; date: LocalDate; from: LocalDate } };
  'decide-before-committee': { committee: number; date: LocalDate; today: LocalDate };
  /** A meeting day given out of its bounds: after `after`, not after `today`. */
  'committee-held-on': { committee: number; heldOn: LocalDate; today: LocalDate; after: LocalDate };
  'publication-date': { publishedOn: LocalDate; signedOn: LocalDate; today: LocalDate };
  'no-committee-to-schedule': { committee?: number };
  'committee-date-past': { committee: number; date: LocalDate; today: LocalDate };
  'committee-date-after-end': { committee: number; date: LocalDate; end: LocalDate };
  /** Between the committees before and after it. */
  'committee-date-order': { committee: number; date: LocalDate; previous?: LocalDate; next?: LocalDate };
  'committee-unchanged': { committee: number };
  'no-notice': Record<string, never>;
  'report-future': { period: Period; thisMonth: Period };
  'report-before-effect': { period: Period; effective: LocalDate; first: Period };
  'report-covered-by-final': { period: Period; endPeriod: Period };
  'zero-amount': { command: CreditCommand };
  'beyond-allocation': { uo: string; what: 'AE' | 'CP'; asked: MoneyString; remaining: MoneyString };
  'beyond-ae': {
    uo: string;
    requested: MoneyString;
    left: MoneyString;
    /** The budget year drawn on, once the convention keeps them. */
    year?: number;
    /** An insufficiency already told to the délégant: when, and the end of its grace period. */
    told?: { at: string; graceUntil: string };
  };
  /** Chorus takes no more engagements (payments) on the year's lines after its fin de gestion day. */
  'year-closed': { command: 'engage' | 'pay'; year: number; closedOn: LocalDate };
  'no-credits-for-year': { uo: string; year: number; years: number[] };
  'beyond-available': { uo: string; requested: MoneyString; left: MoneyString; available: MoneyString };
  'beyond-cp': { uo: string; amount: MoneyString; left: MoneyString };
  'beyond-engaged': { uo: string; amount: MoneyString; unpaid: MoneyString };
  'beyond-engagement': { engagement: string; amount: MoneyString; rest: MoneyString };
  'unknown-engagement': { engagement: string; uo: string };
  'avenant-in-future': { signedOn: LocalDate };
  'avenant-new-uo-funder': { line: number; uo: string };
  'avenant-new-uo-imputation': { line: number; uo: string };
  'avenant-line-negative': {
    line: number;
    field: 'ae' | 'cp';
    change: string;
    funder: string;
    uo: string;
    /** Below zero: a signed decimal string. */
    amount: string;
  };
  'avenant-invalid': { faults: Fault[] };
  'avenant-removes-uo': { uo: string };
  'avenant-below-engaged': { uo: string; ae: MoneyString; engaged: MoneyString; year?: number };
  'avenant-below-paid': { uo: string; cp: MoneyString; paid: MoneyString; year?: number };
  // The document's circuit (issue 31). An approver is a délégant party's id or `financial-unit`.
  'not-in-validation': { command: 'approve' | 'request-changes'; state: LifecycleState };
  'no-version': { command: 'approve' | 'request-changes' | 'sign' };
  'not-current-version': { version: number; current: number };
  'changes-requested': { version: number; by: string; at: string };
  'not-approver': { actor: string; approvers: string[] };
  'approver-ambiguous': { actor: string; choices: string[] };
  'unknown-approver': { party: string; approvers: string[] };
  'already-approved': { approver: string; version: number; by: string; at: string };
  'validation-turn': { approver: string; waitingFor: string[] };
  'in-validation': { waitingFor: string[] };
  'document-signed': Record<string, never>;
  'signatures-started': { signed: string[] };
  'same-version': { number: number };
  'signing-turn': { party: string; waitingFor: string[] };
  'evidence-required': { party: string };
  'not-validated-version': { version: number };
  'signer-not-representative': { party: string; signer: Person; representative: Person };
  'scan-not-admin': { actor: string };
  'scan-in-future': { signedOn: LocalDate; today: LocalDate };
}
export type RefusalCode = keyof RefusalFigures;

/** A refusal, as the caller gets it: its kind, its code, its figures, and what the CLI prints. */
export type Refusal = {
  [C in RefusalCode]: { type: RefusalType; code: C; figures: RefusalFigures[C]; message: string };
}[RefusalCode];

const CONTACT_ACTS: Record<ContactCommand, string> = {
  publish: 'publish',
  'confirm-chorus': 'confirm the Chorus habilitations',
  'submit-report': 'submit a report',
  engage: 'record an engagement',
  pay: 'record a payment',
  'request-credits': 'request credits',
  'make-available': 'make credits available',
  'designate-intrapreneur': 'designate the intrapreneur',
  'year-end-forecast': 'record a year-end forecast',
};

const SIGNATORY_ACTS = { sign: 'sign for', 'give-notice': 'give notice for' } as const;

const NOT_IN_FORCE: Record<RefusalFigures['not-in-force']['command'], string> = {
  'end-accompaniment': 'the accompaniment can be ended while the convention is in force',
  decide: 'there is no committee before the convention is in force (published)',
  'schedule-committee': 'there is no committee before the convention is in force (published)',
  'give-notice': 'notice can be given once the convention is in force (published)',
  'submit-report': 'reports start once the convention is in force (published)',
  engage: 'no engagement before the convention is in force (published)',
  pay: 'no payment before the convention is in force (published)',
  'request-credits': 'no request-credits before the convention is in force (published)',
  'make-available': 'no make-available before the convention is in force (published)',
  'year-end-forecast': 'no year-end forecast before the convention is in force (published)',
};

const ZERO: Record<CreditCommand, string> = {
  engage: 'engage: ae: must be more than 0',
  pay: 'pay: cp: must be more than 0',
  'request-credits': 'request-credits: ae, cp: at least one must be more than 0',
  'make-available': 'make-available: ae, cp: at least one must be more than 0',
};

const euros = formatEuros;
const person = ({ name, email }: Person) => `${name}, ${email}`;

/** The English of each refusal: what the CLI prints and the history keeps. */
const ENGLISH: { [C in RefusalCode]: (figures: RefusalFigures[C]) => string } = {
  invalid: ({ command, faults }) => `${command}: ${faults.map(faultLine).join('; ')}`,
  closed: ({ closedAt }) => `the convention is closed since ${closedAt}`,
  ended: ({ endedAt, reason }) =>
    `the convention ended on ${endedAt} (${reason}): only the final report and admins’ corrections are accepted now`,
  'not-contact': ({ actor, command, side, parties }) =>
    `${actor} may not ${CONTACT_ACTS[command]}: only a contact of the ${side === 'delegant' ? 'délégant' : 'délégataire'} (${parties.join(', ')}) or an admin may`,
  'not-representative': ({ actor, command, party, representative }) =>
    command === 'end-accompaniment'
      ? `${actor} may not end the accompaniment: only ${party}'s representative (${person(representative)}) or an admin may`
      : `${actor} may not ${SIGNATORY_ACTS[command]} ${party}: only its representative (${person(representative)}) or an admin may`,
  'not-admin': ({ actor, act }) =>
    `${actor} may not ${{ amend: 'record an amendment', 'continue-as-new': 'make the convention continue as new', 'add-version': 'add a version of the document' }[act]}: only an admin may`,
  'not-secretary': ({ actor, secretary, command }) =>
    `${actor} may not ${command === 'decide' ? 'record a committee decision' : 'set a committee'}: only the committee secretary (${person(secretary)}) or an admin may`,
  'withdraw-not-representative': ({ actor, party }) =>
    `${actor} may not withdraw the notice for ${party}: only its representative or an admin may`,
  'withdraw-not-giver': ({ givenBy, withdrawers }) =>
    `the notice was given by ${givenBy}: only ${withdrawers.join(', ')} may withdraw it`,
  cofunder: ({ party, signatories }) =>
    `${party} is a co-funder and does not sign this convention; the signatories are ${signatories.join(', ')}`,
  'unknown-party': ({ command, party, signatories }) =>
    `unknown ${command === 'sign' ? 'party' : 'signatory'} "${party}"; the signatories are ${signatories.join(', ')}`,
  'unknown-uo': ({ uo, uos }) => `unknown UO ${uo}; the convention's UOs are ${uos.join(', ')}`,
  'report-unknown-uo': ({ unknown, uos }) =>
    `unknown UO ${unknown.join(', ')} in spent; the convention's UOs are ${uos.join(', ')}`,
  'already-signed': ({ party, at, by }) => `${party} already signed on ${at} (by ${by})`,
  'already-published': ({ on, where }) => `the convention was already published on ${on} (${where})`,
  'already-confirmed': ({ at, by }) => `the Chorus habilitations were already confirmed on ${at} (by ${by})`,
  'avenant-number-used': ({ number, at }) => `avenant ${number} was already recorded on ${at}`,
  'avenant-number-order': ({ last }) => `avenant numbers increase: the last one recorded is avenant ${last}`,
  'already-decided': ({ committee, date, decision, at }) =>
    `committee ${committee} (${date}) already decided ${decision} on ${at}`,
  'reference-used': ({ command, ref, at, uo, amount }) =>
    `${command === 'engage' ? 'engagement' : 'payment'} ${ref} was already recorded on ${at} (${uo}, ${euros(amount)})`,
  'notice-running': ({ party, givenOn, effectiveOn }) =>
    `notice was already given by ${party} on ${givenOn}: the convention ends on ${effectiveOn}`,
  'report-received': ({ period, at }) =>
    `the report for ${period} was already received on ${at} (send it with replace: true to replace it)`,
  'not-in-force': ({ command }) => NOT_IN_FORCE[command],
  'before-chorus': ({ command }) =>
    `no ${command === 'engage' ? 'engagement' : 'payment'} before the Chorus habilitations are confirmed (art. 2)`,
  'before-signatures': ({ command, unsigned }) =>
    `${command === 'publish' ? 'cannot publish before every signatory has signed' : 'Chorus habilitations are requested once every signatory has signed'}: waiting for the signature of ${unsigned.join(', ')}`,
  suspended: ({ since, uo }) =>
    `execution is suspended since ${since}: the credits of ${uo} ran out; an amendment giving it room resumes it`,
  'no-echeancier': ({ uo, command }) =>
    `${uo} has no échéancier: its whole allocation is available once Chorus is confirmed (${command} is for a UO with one)`,
  'final-report-early': ({ state }) => `the final report comes once the convention has ended; it is ${state}`,
  'final-report-period': () =>
    'submit-report: period: the final report covers the end of the convention, give no period',
  'decide-before-convocation': ({ committee, date }) =>
    `committee ${committee} (${date ?? 'after the end'}) cannot be recorded before its convocation`,
  'no-committee-awaits': ({ next }) =>
    next
      ? `no committee awaits a decision: the next one (committee ${next.committee}) meets on ${next.date}, its decision can be recorded from that day (from ${next.from} with heldOn, the day it met, if it met earlier)`
      : 'no committee awaits a decision',
  'decide-before-committee': ({ committee, date }) =>
    `committee ${committee} meets on ${date}: its decision is recorded from that day, or with heldOn, the day it met, if it met earlier`,
  'committee-held-on': ({ committee, heldOn, today, after }) =>
    `heldOn: committee ${committee} cannot have met on ${heldOn}: give a day after ${after} and not after today (${today})`,
  'publication-date': ({ publishedOn, signedOn, today }) =>
    `publishedOn: the convention cannot have been published on ${publishedOn}: give a day from ${signedOn} (all signatures) to today (${today})`,
  'no-committee-to-schedule': ({ committee }) =>
    committee
      ? `there is no committee ${committee} before the end of the convention`
      : 'no committee to come awaits a decision',
  'committee-date-past': ({ committee, date, today }) =>
    `committee ${committee} cannot meet on ${date}: that day is past (today is ${today})`,
  'committee-date-after-end': ({ committee, date, end }) =>
    `committee ${committee} cannot meet on ${date}: the convention ends on ${end}`,
  'committee-date-order': ({ committee, date, previous, next }) =>
    `committee ${committee} cannot meet on ${date}: it meets ${[previous && `after committee ${committee - 1} (${previous})`, next && `before committee ${committee + 1} (${next})`].filter(Boolean).join(' and ')}`,
  'committee-unchanged': ({ committee }) => `committee ${committee} is already set so: nothing changes`,
  'no-notice': () => 'no notice is running',
  'report-future': ({ period, thisMonth }) => `${period} is a future period (this month is ${thisMonth})`,
  'report-before-effect': ({ period, effective, first }) =>
    `${period} is before the convention took effect (${effective}); the first period is ${first}`,
  'report-covered-by-final': ({ period, endPeriod }) =>
    `${period} is covered by the final report (the convention ended in ${endPeriod}): submit it with final: true`,
  'zero-amount': ({ command }) => ZERO[command],
  'beyond-allocation': ({ uo, what, asked, remaining }) =>
    `${uo}: ${euros(asked)} of ${what} asked, ${euros(remaining)} of the allocation left to make available`,
  'year-closed': ({ command, year, closedOn }) =>
    `${command === 'engage' ? 'engagements' : 'payments'} on the ${year} credits were taken until ${closedOn} (fin de gestion)`,
  'no-credits-for-year': ({ uo, year, years }) =>
    `${uo} has no credits for ${year}${years.length ? ` (its lines are of ${years.join(', ')})` : ''}: an avenant adds the year's lines`,
  'beyond-ae': ({ uo, requested, left, told, year }) =>
    `${uo}: ${euros(requested)} of AE${year ? ` of ${year}` : ''} requested, ${euros(left)} left` +
    (told ? ` (the délégant was told on ${told.at}; grace period until ${told.graceUntil})` : ''),
  'beyond-available': ({ uo, requested, left, available }) =>
    `${uo}: ${euros(requested)} of AE requested; ${euros(left)} left of the allocation, ` +
    `but only ${euros(available)} of what the délégant has made available (request-credits asks for more)`,
  'beyond-cp': ({ uo, amount, left }) => `${uo}: ${euros(amount)} of CP requested, ${euros(left)} left`,
  'beyond-engaged': ({ uo, amount, unpaid }) =>
    `${uo}: ${euros(amount)} of CP requested, only ${euros(unpaid)} engaged and not yet paid`,
  'beyond-engagement': ({ engagement, amount, rest }) =>
    `${engagement}: ${euros(amount)} of CP requested, ${euros(rest)} of it left to pay`,
  'unknown-engagement': ({ engagement, uo }) => `pay: engagement: no engagement ${engagement} on ${uo}`,
  'avenant-in-future': ({ signedOn }) => `amend: signedOn: ${signedOn} is in the future`,
  'avenant-new-uo-funder': ({ line, uo }) => `amend: budget[${line}].funder: required for a new UO (${uo})`,
  'avenant-new-uo-imputation': ({ line, uo }) =>
    `amend: budget[${line}]: a new UO (${uo}) needs its program and imputation`,
  'avenant-line-negative': ({ line, field, change, funder, uo, amount }) =>
    `amend: budget[${line}].${field}: ${change} would leave the ${funder} line of ${uo} at ${euros(new Decimal(amount))}`,
  'avenant-invalid': ({ faults }) =>
    `amend: the amended convention would be invalid: ${faults.map(faultLine).join('; ')}`,
  'avenant-removes-uo': ({ uo }) => `amend: UO ${uo} cannot be removed`,
  'avenant-below-engaged': ({ uo, ae, engaged, year }) =>
    `amend: ${uo}: AE${year ? ` of ${year}` : ''} would be ${euros(ae)}, below the ${euros(engaged)} already engaged`,
  'avenant-below-paid': ({ uo, cp, paid, year }) =>
    `amend: ${uo}: CP${year ? ` of ${year}` : ''} would be ${euros(cp)}, below the ${euros(paid)} already paid`,
  'not-in-validation': ({ command, state }) =>
    `${command}: the document is not in validation (the convention is ${state})`,
  'no-version': ({ command }) => `${command}: the convention has no version of its document yet`,
  'not-current-version': ({ version, current }) =>
    `version ${version} is not the current one: version ${current} was added since`,
  'changes-requested': ({ version, by, at }) =>
    `changes to version ${version} were requested by ${by} on ${at}: a new version is awaited`,
  'not-approver': ({ actor, approvers }) =>
    `${actor} approves for none of ${approvers.join(', ')} (the financial unit's addresses, the délégant parties' contacts, or an admin)`,
  'approver-ambiguous': ({ actor, choices }) =>
    `${actor} may approve for ${choices.join(', ')}: say which with party`,
  'unknown-approver': ({ party, approvers }) =>
    `"${party}" does not approve the document; the approvers are ${approvers.join(', ')}`,
  'already-approved': ({ approver, version, by, at }) =>
    `${approver} already approved version ${version} on ${at} (by ${by})`,
  'validation-turn': ({ approver, waitingFor }) =>
    `${approver} approves after ${waitingFor.join(', ')}, who must approve first`,
  'in-validation': ({ waitingFor }) =>
    `the document is in validation: waiting for ${waitingFor.length ? waitingFor.join(', ') : 'a version'} before any signature`,
  'document-signed': () =>
    'every party has signed: the signed document is the reference, an avenant changes it',
  'signatures-started': ({ signed }) =>
    `${signed.join(', ')} already signed the current version: no new version once signatures have started`,
  'same-version': ({ number }) => `this file is already version ${number}`,
  'signing-turn': ({ party, waitingFor }) =>
    `${party} signs after ${waitingFor.join(', ')}, who must sign first`,
  'evidence-required': ({ party }) =>
    `sign: evidence: ${party}'s signature needs its proof (a signed PDF, or an admin's scan of the paper original)`,
  'not-validated-version': ({ version }) =>
    `the signed document is not the validated version (version ${version})`,
  'signer-not-representative': ({ party, signer, representative }) =>
    `the signer ${person(signer)} is not ${party}'s representative (${person(representative)})`,
  'scan-not-admin': ({ actor }) => `${actor} may not deposit the scan of a paper original: only an admin may`,
  'scan-in-future': ({ signedOn, today }) =>
    `sign: evidence.signedOn: ${signedOn} is in the future (today is ${today})`,
};

/** The refusal of `code` with its figures, its English written out. */
export function refusal<C extends RefusalCode>(
  type: RefusalType,
  code: C,
  figures: RefusalFigures[C],
): Refusal {
  return { type, code, figures, message: ENGLISH[code](figures) } as Refusal;
}
