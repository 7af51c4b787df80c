import { describe, expect, it } from 'vitest';
import { applyCommand, startRecord, type ConventionRecord } from '../../domain/lifecycle';
import { camino, PEOPLE, SIGNATORIES } from '../fixtures';
import { apply } from '../helpers/records';

const START = Date.parse('2021-03-01T09:30:00Z');
const HOUR = 3_600_000;

function allSigned(): ConventionRecord {
  let record = startRecord(camino(), START);
  for (const [party, as] of SIGNATORIES) record = apply(record, 'sign', { as, party }, START + HOUR);
  return record;
}

describe('signing', () => {
  it('starts in signing and records each signature with its register entry', () => {
    const record = startRecord(camino(), START);
    expect(record.state).toBe('signing');
    const decision = applyCommand(
      record,
      'sign',
      { as: PEOPLE.dgalnRepresentative, party: 'DGALN' },
      START + HOUR,
    );
    expect(decision).toMatchObject({
      ok: true,
      record: {
        state: 'signing',
        registerSeq: 1,
        signatures: [{ party: 'DGALN', by: PEOPLE.dgalnRepresentative }],
      },
      entry: { seq: 1, kind: 'sign', actor: PEOPLE.dgalnRepresentative, payload: { party: 'DGALN' } },
    });
  });

  it('moves to awaiting-publication when the last signatory signs (the co-funder does not sign)', () => {
    const record = allSigned();
    expect(record.state).toBe('awaiting-publication');
    expect(record.allSignedAt).toBe(new Date(START + HOUR).toISOString());
    expect(record.stateChanges.map((change) => change.to)).toEqual(['signing', 'awaiting-publication']);
  });

  it('lets an admin sign on behalf of a party', () => {
    const record = apply(startRecord(camino(), START), 'sign', { as: PEOPLE.admin, party: 'DGPR' }, START);
    expect(record.signatures).toEqual([
      { party: 'DGPR', by: PEOPLE.admin, at: new Date(START).toISOString() },
    ]);
  });

  it('compares emails without regard to case', () => {
    const record = apply(
      startRecord(camino(), START),
      'sign',
      { as: 'SG.Representant@Example.org', party: 'SG' },
      START,
    );
    expect(record.signatures).toHaveLength(1);
  });
});

describe('every refusal names the rule and leaves the record as it was', () => {
  const fresh = () => startRecord(camino(), START);
  const signedByDgaln = () =>
    apply(fresh(), 'sign', { as: PEOPLE.dgalnRepresentative, party: 'DGALN' }, START);
  const published = () =>
    apply(allSigned(), 'publish', { as: PEOPLE.dinumContact, where: 'data.gouv.fr' }, START + 2 * HOUR);
  const chorusConfirmed = () =>
    apply(allSigned(), 'confirm-chorus', { as: PEOPLE.dgalnContact }, START + 2 * HOUR);

  it.each<[string, () => ConventionRecord, Parameters<typeof applyCommand>[1], unknown, string, string]>([
    [
      'an unknown party',
      fresh,
      'sign',
      { as: PEOPLE.admin, party: 'DGEC' },
      'UnknownParty',
      'unknown party "DGEC"; the signatories are SG, DGALN, DGPR, DINUM',
    ],
    [
      'the co-funder signing',
      fresh,
      'sign',
      { as: PEOPLE.onfRepresentative, party: 'ONF' },
      'NotAllowed',
      'ONF is a co-funder and does not sign this convention; the signatories are SG, DGALN, DGPR, DINUM',
    ],
    [
      'a party signing twice',
      signedByDgaln,
      'sign',
      { as: PEOPLE.dgalnRepresentative, party: 'DGALN' },
      'AlreadyDone',
      `DGALN already signed on ${new Date(START).toISOString()} (by ${PEOPLE.dgalnRepresentative})`,
    ],
    [
      'someone else signing for a party',
      fresh,
      'sign',
      { as: PEOPLE.dinumContact, party: 'DGPR' },
      'NotAllowed',
      'dinum.betagouv@example.org may not sign for DGPR: only its representative (Cédric Bourillet, dgpr.representant@example.org) or an admin may',
    ],
    [
      'a contact (not the representative) signing',
      fresh,
      'sign',
      { as: PEOPLE.dgalnContact, party: 'DGALN' },
      'NotAllowed',
      'dgaln.budget@example.org may not sign for DGALN',
    ],
    ['a sign without party', fresh, 'sign', { as: PEOPLE.admin }, 'InvalidCommand', 'sign: party: required'],
    [
      'a sign with a bad email',
      fresh,
      'sign',
      { as: 'admin', party: 'SG' },
      'InvalidCommand',
      'sign: as: expected an email address, got "admin"',
    ],
    [
      'a sign with an unknown field',
      fresh,
      'sign',
      { as: PEOPLE.admin, party: 'SG', date: '2021-01-01' },
      'InvalidCommand',
      'sign: date: unknown field',
    ],
    [
      'publishing before all signed',
      signedByDgaln,
      'publish',
      { as: PEOPLE.dinumContact, where: 'data.gouv.fr' },
      'WrongState',
      'cannot publish before every signatory has signed: waiting for the signature of SG, DGPR, DINUM',
    ],
    [
      'publishing by the délégant',
      allSigned,
      'publish',
      { as: PEOPLE.dgalnContact, where: 'data.gouv.fr' },
      'NotAllowed',
      'dgaln.budget@example.org may not publish: only a contact of the délégataire (DINUM) or an admin may',
    ],
    [
      'publishing twice',
      published,
      'publish',
      { as: PEOPLE.dinumContact, where: 'intranet' },
      'AlreadyDone',
      'the convention was already published on 2021-03-01 (data.gouv.fr)',
    ],
    [
      'publishing without where',
      allSigned,
      'publish',
      { as: PEOPLE.dinumContact },
      'InvalidCommand',
      'publish: where: required',
    ],
    [
      'publishing with a javascript: url',
      allSigned,
      'publish',
      { as: PEOPLE.dinumContact, where: 'x', url: 'javascript:alert(1)' },
      'InvalidCommand',
      'publish: url: expected an http(s) address',
    ],
    [
      'confirming Chorus before all signed',
      signedByDgaln,
      'confirm-chorus',
      { as: PEOPLE.dgalnContact },
      'WrongState',
      'Chorus habilitations are requested once every signatory has signed: waiting for the signature of SG, DGPR, DINUM',
    ],
    [
      'confirming Chorus as the délégataire',
      allSigned,
      'confirm-chorus',
      { as: PEOPLE.dinumContact },
      'NotAllowed',
      'dinum.betagouv@example.org may not confirm the Chorus habilitations: only a contact of the délégant (SG, DGALN, DGPR) or an admin may',
    ],
    [
      'confirming Chorus twice',
      chorusConfirmed,
      'confirm-chorus',
      { as: PEOPLE.admin },
      'AlreadyDone',
      'the Chorus habilitations were already confirmed on',
    ],
    [
      'the committee secretary publishing',
      allSigned,
      'publish',
      { as: PEOPLE.secretary, where: 'x' },
      'NotAllowed',
      'comite.camino@example.org may not publish',
    ],
  ])('%s', (_name, makeRecord, command, payload, type, message) => {
    const record = makeRecord();
    const before = structuredClone(record);
    const decision = applyCommand(record, command, payload, START + 3 * HOUR);
    expect(decision.ok).toBe(false);
    if (!decision.ok) {
      expect(decision.refusal.type).toBe(type);
      expect(decision.refusal.message).toContain(message);
    }
    expect(record).toEqual(before);
  });
});

describe('publication and Chorus', () => {
  it('puts the convention in force on the day of publication, in Paris', () => {
    // 23:30 UTC on 31 March is already 1 April in Paris (summer time).
    const at = Date.parse('2021-03-31T23:30:00Z');
    const record = apply(
      allSigned(),
      'publish',
      { as: PEOPLE.dinumContact, where: 'data.gouv.fr', url: 'https://www.data.gouv.fr/x' },
      at,
    );
    expect(record.state).toBe('in-force');
    expect(record.publication).toEqual({
      publishedAt: '2021-03-31T23:30:00.000Z',
      effectiveDate: '2021-04-01',
      by: PEOPLE.dinumContact,
      where: 'data.gouv.fr',
      url: 'https://www.data.gouv.fr/x',
    });
  });

  it('accepts the Chorus confirmation before or after publication', () => {
    const before = apply(allSigned(), 'confirm-chorus', { as: PEOPLE.dgalnContact }, START + 2 * HOUR);
    expect(before.chorus?.by).toBe(PEOPLE.dgalnContact);
    const after = apply(
      apply(allSigned(), 'publish', { as: PEOPLE.dinumContact, where: 'data.gouv.fr' }, START + 2 * HOUR),
      'confirm-chorus',
      { as: 'sg.budget@example.org' },
      START + 3 * HOUR,
    );
    expect(after.state).toBe('in-force');
    expect(after.chorus?.by).toBe('sg.budget@example.org');
    expect(after.registerSeq).toBe(6);
  });
});
