import { describe, expect, it } from 'vitest';
import { conventionSchema } from '../../domain/convention';
import { localDateOf } from '../../domain/dates';
import { renderEmail } from '../../domain/emails';
import { plannedEmails } from '../../domain/reminders';
import { caminoInput, PEOPLE } from '../fixtures';
import { playClock } from '../helpers/projection';
import { apply, inForce, refusalOf } from '../helpers/records';

// The délégant's commitments and the end of DINUM's accompaniment (SPEC §4.11, art. 2 and 7).

const START = Date.parse('2020-03-02T09:00:00Z');
const PUBLISHED = Date.parse('2020-03-26T09:00:00Z');
const at = (iso: string) => Date.parse(iso);
const end = (extra: Record<string, unknown> = {}) => ({
  as: PEOPLE.dinumRepresentative,
  scope: 'whole',
  commitment: 'committee',
  reason: 'Aucun comité depuis neuf mois',
  ...extra,
});

describe('the end of accompaniment', () => {
  const record = inForce(START, PUBLISHED);

  it('is for DINUM’s representative or an admin, once in force', () => {
    expect(
      refusalOf(record, 'end-accompaniment', end({ as: PEOPLE.dinumContact }), at('2020-06-01T10:00:00Z')),
    ).toEqual({
      type: 'NotAllowed',
      code: 'not-representative',
      figures: {
        actor: PEOPLE.dinumContact,
        command: 'end-accompaniment',
        party: 'DINUM',
        representative: { name: 'Nadi Bou Hanna', email: PEOPLE.dinumRepresentative },
      },
      message:
        "dinum.betagouv@example.org may not end the accompaniment: only DINUM's representative (Nadi Bou Hanna, dinum.representant@example.org) or an admin may",
    });
  });

  it('wholly: tells every party at once and gives notice as DINUM', () => {
    const ended = apply(record, 'end-accompaniment', end(), at('2020-06-01T10:00:00Z'));
    expect(ended.state).toBe('notice');
    expect(ended.notices.at(-1)).toMatchObject({ party: 'DINUM', effectiveOn: '2020-09-01' });
    const [email] = plannedEmails(ended, at('2020-06-01T10:00:00Z')).filter(
      (e) => e.kind === 'accompaniment-ended',
    );
    expect(email!.to).toContain(PEOPLE.dgalnContact);
    expect(email!.to).toContain('onf.finances@example.org');
    expect(email!.cc).toEqual(record.convention.roles.cbcm);
    const { subject, text } = renderEmail(email!);
    expect(subject).toBe('[Camino · camino-2020] Fin de l’accompagnement de Camino par la DINUM');
    expect(text).toContain('n’ayant pas respecté la tenue du comité d’investissement semestriel');
    expect(text).toContain('La DINUM donne en conséquence son préavis');
  });

  it('partly: tells every party, the convention goes on', () => {
    const ended = apply(record, 'end-accompaniment', end({ scope: 'partial' }), at('2020-06-01T10:00:00Z'));
    expect(ended.state).toBe('in-force');
    expect(plannedEmails(ended, at('2020-06-01T10:00:00Z')).map((e) => e.kind)).toContain(
      'accompaniment-ended',
    );
  });
});

describe('commitment warnings', () => {
  const input = caminoInput();
  delete (input.roles as { intrapreneur?: unknown }).intrapreneur;
  const withoutIntrapreneur = inForce(START, PUBLISHED, conventionSchema().parse(input));

  it('warn the délégant while no intrapreneur is designated, weekly then spaced out, until one is', () => {
    const { sent } = playClock(withoutIntrapreneur, PUBLISHED, at('2020-04-20T12:00:00Z'));
    const warnings = sent.filter((e) => e.kind === 'commitment-warning');
    expect(warnings.map((e) => localDateOf(e.at, 'Europe/Paris'))).toEqual([
      '2020-03-27',
      '2020-04-03',
      '2020-04-10',
      // After three, twice the interval (SPEC §10): 24 April, after this test's end.
    ]);
    expect(warnings[0]!.to).toEqual([
      'sg.budget@example.org',
      'dgaln.budget@example.org',
      'dgpr.budget@example.org',
    ]);
    expect(warnings[0]!.cc).toEqual([PEOPLE.dinumContact]);
    const [planned] = plannedEmails(withoutIntrapreneur, at('2020-03-27T08:00:00Z')).filter(
      (e) => e.kind === 'commitment-warning',
    );
    expect(renderEmail(planned!).text).toContain('Aucun intrapreneur n’est désigné');

    expect(
      refusalOf(
        withoutIntrapreneur,
        'designate-intrapreneur',
        { as: PEOPLE.dinumContact, name: 'X', email: 'x@example.org' },
        PUBLISHED,
      ).type,
    ).toBe('NotAllowed');
    const designated = apply(
      withoutIntrapreneur,
      'designate-intrapreneur',
      { as: PEOPLE.dgalnContact, name: 'Camille Martin', email: 'camille.martin@example.org' },
      PUBLISHED,
    );
    expect(designated.convention.roles.intrapreneur).toEqual({
      name: 'Camille Martin',
      email: 'camille.martin@example.org',
    });
    const after = playClock(designated, PUBLISHED, at('2020-04-20T12:00:00Z')).sent;
    expect(after.filter((e) => e.kind === 'commitment-warning')).toEqual([]);
  });

  it('warn once when a committee decision is more than 60 days late', () => {
    // Committee 1: six months after the effective date, 26 September 2020, a Saturday, so Monday
    // the 28th; 61 days later is Saturday 28 November: the warning goes on Monday the 30th.
    const { sent } = playClock(inForce(START, PUBLISHED), PUBLISHED, at('2021-01-31T12:00:00Z'));
    const warnings = sent.filter((e) => e.kind === 'commitment-warning');
    expect(warnings.map((e) => [e.series, localDateOf(e.at, 'Europe/Paris')])).toEqual([
      ['commitment-warning:committee:1', '2020-11-30'],
    ]);
  });
});
