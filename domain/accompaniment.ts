import type { TDesignateIntrapreneurCommand, TEndAccompanimentCommand } from './commands';
import { noticeOnBehalf } from './notice';
import { accept, effectiveDate, isOver, refuse, type CommandOutcome, type ConventionRecord } from './record';
import { contactRefusal, delegataire, isAdmin, isRepresentativeOf } from './roles';

// The délégant's commitments and DINUM's accompaniment (art. 2 and 7 of the seed, SPEC §4.11): an
// intrapreneur with time and authority, the six-monthly committee held. The délégant is warned of
// a breach (domain/reminders.ts); DINUM may then end its accompaniment, and when wholly, it gives
// notice with the usual period.

/** A committee's decision this many days late is a breach of the délégant's commitments. */
export const COMMITTEE_BREACH_DAYS = 60;

export function designateIntrapreneur(
  record: ConventionRecord,
  command: TDesignateIntrapreneurCommand,
  at: string,
): CommandOutcome {
  const notAllowed = contactRefusal(record.convention, 'delegant', command.as, 'designate-intrapreneur');
  if (notAllowed) return notAllowed;
  const intrapreneur = { name: command.name, email: command.email };
  return accept(record, 'designate-intrapreneur', command, at, (r) => ({
    ...r,
    convention: { ...r.convention, roles: { ...r.convention.roles, intrapreneur } },
  }));
}

export function endAccompaniment(
  record: ConventionRecord,
  command: TEndAccompanimentCommand,
  at: string,
): CommandOutcome {
  const { convention } = record;
  const dinum = delegataire(convention);
  if (!isRepresentativeOf(dinum, command.as) && !isAdmin(convention, command.as))
    return refuse('NotAllowed', 'not-representative', {
      actor: command.as,
      command: 'end-accompaniment',
      party: dinum.id,
      representative: { name: dinum.representative.name, email: dinum.representative.email },
    });
  if (!effectiveDate(record) || isOver(record))
    return refuse('WrongState', 'not-in-force', { command: 'end-accompaniment' });
  const ended = {
    scope: command.scope,
    commitment: command.commitment,
    reason: command.reason,
    by: command.as,
    at,
  };
  return accept(record, 'end-accompaniment', command, at, (accepted) => {
    const next = { ...accepted, accompanimentEnds: [...accepted.accompanimentEnds, ended] };
    // Wholly: notice as DINUM, with the usual period (a notice already running stands).
    return command.scope === 'whole'
      ? noticeOnBehalf(next, dinum.id, command.as, `end of accompaniment: ${command.reason}`, at)
      : next;
  });
}
