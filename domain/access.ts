import type { CommandName } from './commands';
import type { TConvention } from './convention';
import type { PendingAction } from './pending';
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

/** The form that gives a command. */
export function formOf(command: CommandName): ConsoleForm {
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
