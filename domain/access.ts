import type { CommandName } from './commands';
import type { TConvention } from './convention';
import type { PendingAction } from './pending';
import type { LifecycleState } from './record';
import {
  actsFor,
  delegataire,
  isAdmin,
  isRepresentativeOf,
  partiesWithRole,
  sameEmail,
  signatories,
  uniqueEmails,
} from './roles';

// What a person signed in to the web console may see and do (SPEC §5, §9). The workflow still
// decides every command; these rules only decide which conventions a person sees, which forms
// they are offered, and where a link takes them.

/** Everyone named in the convention, once each: representatives and contacts of the parties, the secretary, the intrapreneur, the CBCM, the admins. */
export function participantsOf(convention: TConvention): string[] {
  const { roles } = convention;
  return uniqueEmails([
    ...convention.parties.flatMap((party) => [party.representative.email, ...party.contacts]),
    roles.committeeSecretary.email,
    ...(roles.intrapreneur ? [roles.intrapreneur.email] : []),
    ...roles.cbcm,
    ...roles.admins,
  ]);
}

/** Anyone named in the convention (`participantsOf`). */
export function holdsARole(convention: TConvention, email: string): boolean {
  return participantsOf(convention).some((participant) => sameEmail(participant, email));
}

/** The console's forms, by the last segment of their address; each gives one command, `notice` two. */
export const CONSOLE_FORMS = [
  'sign',
  'publish',
  'confirm-chorus',
  'decide',
  'schedule-committee',
  'report',
  'engage',
  'pay',
  'request-credits',
  'make-available',
  'designate-intrapreneur',
  'amend',
  'notice',
  'end-accompaniment',
  'year-end-forecast',
] as const;
export type ConsoleForm = (typeof CONSOLE_FORMS)[number];

/** The document's circuit (issue 31): given from the convention's « Document » page, not a form of its own. */
export type DocumentCommand = 'add-version' | 'approve' | 'request-changes';

/** The convention's « Document » page: its versions, their validation, the signature turn. */
export const documentPath = (conventionId: string) =>
  `/conventions/${encodeURIComponent(conventionId)}/document`;

/** The form that gives a command. */
export function formOf(command: Exclude<CommandName, DocumentCommand>): ConsoleForm {
  if (command === 'submit-report') return 'report';
  if (command === 'give-notice' || command === 'withdraw-notice') return 'notice';
  return command;
}

/** For each form a person may use, the parties they may act for with it (`[]` when it needs none). */
export function formsFor(convention: TConvention, email: string): Partial<Record<ConsoleForm, string[]>> {
  const admin = isAdmin(convention, email);
  const forms: Partial<Record<ConsoleForm, string[]>> = {};
  const represented = signatories(convention)
    .filter((party) => admin || isRepresentativeOf(party, email))
    .map((party) => party.id);
  if (represented.length) forms.sign = forms.notice = represented;
  if (admin || actsFor(delegataire(convention), email))
    for (const form of [
      'publish',
      'report',
      'engage',
      'pay',
      'request-credits',
      'year-end-forecast',
    ] as const)
      forms[form] = [];
  if (admin || partiesWithRole(convention, 'delegant').some((party) => actsFor(party, email)))
    for (const form of ['confirm-chorus', 'make-available', 'designate-intrapreneur'] as const)
      forms[form] = [];
  if (admin || sameEmail(convention.roles.committeeSecretary.email, email))
    forms.decide = forms['schedule-committee'] = [];
  if (admin || isRepresentativeOf(delegataire(convention), email)) forms['end-accompaniment'] = [];
  if (admin) forms.amend = [];
  return forms;
}

const RUNNING: readonly LifecycleState[] = ['in-force', 'suspended', 'notice'];

/**
 * What of a convention's status (`describeStatus`) decides which forms can succeed now: named here,
 * not imported, since the status is made from modules that import this one.
 */
export interface FormsState {
  state: LifecycleState;
  signatures: readonly { party: string; signed: boolean }[];
  chorus: { confirmed: boolean };
  committees: readonly { decided?: object }[];
  suspension: object | null;
}

/**
 * Whether a form can be used in the convention's state as its status tells it (SPEC §4, §5): what
 * the workflow would refuse for the state alone — a signature once signed, a publication before
 * the signatures or after it, an engagement before Chorus or during a suspension — is not offered.
 * After the end, only the final report, and the admins' corrections (`admin`).
 */
const OPEN_IN: { [F in ConsoleForm]: (status: FormsState, admin: boolean) => boolean } = {
  sign: (s) => s.state === 'signing',
  publish: (s) => s.state === 'awaiting-publication',
  'confirm-chorus': (s) =>
    !s.chorus.confirmed && (s.state === 'awaiting-publication' || RUNNING.includes(s.state)),
  decide: (s, admin) =>
    (RUNNING.includes(s.state) || (admin && s.state === 'ended')) && s.committees.some((c) => !c.decided),
  'schedule-committee': (s) => RUNNING.includes(s.state) && s.committees.some((c) => !c.decided),
  report: (s) => RUNNING.includes(s.state) || s.state === 'ended',
  engage: (s) => s.chorus.confirmed && RUNNING.includes(s.state) && !s.suspension,
  pay: (s) => s.chorus.confirmed && RUNNING.includes(s.state) && !s.suspension,
  'request-credits': (s) => RUNNING.includes(s.state),
  'make-available': (s) => RUNNING.includes(s.state),
  'designate-intrapreneur': (s) => s.state !== 'ended' && s.state !== 'closed',
  amend: (s) => s.state !== 'closed',
  notice: (s) => RUNNING.includes(s.state),
  'end-accompaniment': (s) => RUNNING.includes(s.state),
  'year-end-forecast': (s) => RUNNING.includes(s.state),
};

/**
 * The forms of `formsFor` that can succeed now, in the convention's state: those the workflow
 * would refuse for the state alone left out, a signature offered only for the parties still to sign.
 */
export function formsNow(
  forms: Partial<Record<ConsoleForm, string[]>>,
  status: FormsState,
  admin: boolean,
): Partial<Record<ConsoleForm, string[]>> {
  const unsigned = new Set(status.signatures.filter((s) => !s.signed).map((s) => s.party));
  return Object.fromEntries(
    (Object.entries(forms) as [ConsoleForm, string[]][])
      .filter(([form]) => OPEN_IN[form](status, admin))
      .map(([form, parties]): [ConsoleForm, string[]] => [
        form,
        form === 'sign' ? parties.filter((party) => unsigned.has(party)) : parties,
      ])
      .filter(([form, parties]) => form !== 'sign' || parties.length > 0),
  );
}

/** A form's address, with what it is about already chosen: `/conventions/camino-2020/sign?party=DGPR`. */
export function formPath(
  conventionId: string,
  form: ConsoleForm,
  about: Record<string, string | number> = {},
): string {
  const query = new URLSearchParams(
    Object.entries(about).map(([key, value]): [string, string] => [key, String(value)]),
  ).toString();
  return `/conventions/${encodeURIComponent(conventionId)}/${form}${query ? `?${query}` : ''}`;
}

/** Where a pending action is done: its form, with what it is about. */
export function actionPath(conventionId: string, action: PendingAction): string {
  const { party, committee, period, final, uo, request } = action.about;
  if (action.command === 'approve' || action.command === 'add-version') return documentPath(conventionId);
  return formPath(conventionId, formOf(action.command), {
    ...(party ? { party } : {}),
    ...(committee ? { committee } : {}),
    ...(period ? { period } : {}),
    ...(final ? { final: 1 } : {}),
    ...(uo ? { uo } : {}),
    ...(request ? { request } : {}),
  });
}

/** Everyone an action waits on: its people, and the admins for an avenant (they record it). */
export function awaitedPeople(convention: TConvention, action: PendingAction): string[] {
  const people = action.waitingOn.flatMap((w) => w.people.map((person) => person.email));
  return uniqueEmails(action.command === 'amend' ? [...people, ...convention.roles.admins] : people);
}

/** Whether an action waits on this person (`awaitedPeople`). */
export function waitsOn(convention: TConvention, action: PendingAction, email: string): boolean {
  return awaitedPeople(convention, action).some((person) => sameEmail(person, email));
}
