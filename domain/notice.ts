import type { TGiveNoticeCommand, TWithdrawNoticeCommand } from './commands';
import { addCalendarMonths, instantAt, localDateOf } from './dates';
import { currentSuspension } from './ledger';
import {
  accept,
  effectiveDate,
  moveTo,
  refuse,
  type CommandOutcome,
  type ConventionRecord,
  type LifecycleState,
  type NoticeRecord,
} from './record';
import { isAdmin, isRepresentativeOf, partiesWithRole, signatories } from './roles';

// Termination (SPEC §4.8, art. 7 of the seed): "il peut être mis fin à tout moment à la
// délégation de gestion par l'une des parties, sous réserve du respect d'un préavis de trois
// mois." A signatory gives notice; it takes effect noticeMonths calendar months later, unless the
// same party withdraws it before. A committee that stops the startup gives notice as the délégant.

/** The notice running, if any: given, not withdrawn, not yet in effect. */
export function runningNotice(record: ConventionRecord): NoticeRecord | undefined {
  return record.state === 'notice' ? record.notices.findLast((n) => !n.withdrawn) : undefined;
}

/** The instant a notice takes effect: the start of its effective day, in the convention's time zone. */
export function noticeTakesEffectAt(record: ConventionRecord, notice: NoticeRecord): number {
  return instantAt(notice.effectiveOn, 0, record.convention.schedule.timezone);
}

/** Where a convention under way stands without a notice: suspended or in force. */
const stateWithoutNotice = (record: ConventionRecord): LifecycleState =>
  currentSuspension(record) ? 'suspended' : 'in-force';

function notice(
  record: ConventionRecord,
  party: string,
  by: string,
  reason: string,
  at: string,
  committee?: number,
): NoticeRecord {
  const { timezone, noticeMonths } = record.convention.schedule;
  const effectiveOn = addCalendarMonths(localDateOf(Date.parse(at), timezone), noticeMonths);
  return { party, by, reason, givenAt: at, effectiveOn, ...(committee ? { committee } : {}) };
}

/** Why notice cannot be given now, if it cannot. */
function noticeRefusal(record: ConventionRecord): CommandOutcome | undefined {
  if (!effectiveDate(record)) return refuse('WrongState', 'not-in-force', { command: 'give-notice' });
  const running = runningNotice(record);
  if (running)
    return refuse('AlreadyDone', 'notice-running', {
      party: running.party,
      givenOn: running.givenAt.slice(0, 10),
      effectiveOn: running.effectiveOn,
    });
  return undefined;
}

export function giveNotice(
  record: ConventionRecord,
  command: TGiveNoticeCommand,
  at: string,
): CommandOutcome {
  const { convention } = record;
  const party = signatories(convention).find((p) => p.id === command.party);
  if (!party)
    return refuse('UnknownParty', 'unknown-party', {
      command: 'give-notice',
      party: command.party,
      signatories: signatories(convention).map((p) => p.id),
    });
  if (!isRepresentativeOf(party, command.as) && !isAdmin(convention, command.as))
    return refuse('NotAllowed', 'not-representative', {
      actor: command.as,
      command: 'give-notice',
      party: party.id,
      representative: { name: party.representative.name, email: party.representative.email },
    });
  const refused = noticeRefusal(record);
  if (refused) return refused;
  const given = notice(record, party.id, command.as, command.reason, at);
  return accept(record, 'give-notice', { ...command, effectiveOn: given.effectiveOn }, at, (accepted) =>
    moveTo({ ...accepted, notices: [...accepted.notices, given] }, 'notice', at),
  );
}

/**
 * Notice given on a party's behalf by what someone else decided — a committee stopping the startup
 * (for the délégant), DINUM ending its accompaniment — unless one already runs.
 */
export function noticeOnBehalf(
  record: ConventionRecord,
  party: string,
  by: string,
  reason: string,
  at: string,
  committee?: number,
): ConventionRecord {
  if (noticeRefusal(record)) return record;
  const given = notice(record, party, by, reason, at, committee);
  return moveTo({ ...record, notices: [...record.notices, given] }, 'notice', at);
}

export function withdrawNotice(
  record: ConventionRecord,
  command: TWithdrawNoticeCommand,
  at: string,
): CommandOutcome {
  const { convention } = record;
  const running = runningNotice(record);
  if (!running) return refuse('WrongState', 'no-notice', {});
  // A notice given on the délégant's behalf may be withdrawn by any of the délégant's parties.
  const withdrawers =
    running.party === 'delegant'
      ? partiesWithRole(convention, 'delegant')
      : signatories(convention).filter((p) => p.id === running.party);
  const party = withdrawers.find((p) => p.id === command.party);
  if (!party && !(running.party === 'delegant' && command.party === 'delegant'))
    return refuse('NotAllowed', 'withdraw-not-giver', {
      givenBy: running.party,
      withdrawers: withdrawers.map((p) => p.id),
    });
  const allowed =
    isAdmin(convention, command.as) ||
    withdrawers.some((p) => p.id === command.party && isRepresentativeOf(p, command.as));
  if (!allowed)
    return refuse('NotAllowed', 'withdraw-not-representative', { actor: command.as, party: command.party });
  return accept(record, 'withdraw-notice', command, at, (accepted) =>
    moveTo(
      {
        ...accepted,
        notices: accepted.notices.map((n) =>
          n === running ? { ...n, withdrawn: { at, by: command.as } } : n,
        ),
      },
      stateWithoutNotice(accepted),
      at,
    ),
  );
}

/** The notice takes effect: the convention ends, terminated. */
export function terminate(record: ConventionRecord, at: number): ConventionRecord {
  const iso = new Date(at).toISOString();
  return moveTo({ ...record, end: { at: iso, reason: 'terminated' } }, 'ended', iso);
}
