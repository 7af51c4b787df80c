import { describe, expect, it } from 'vitest';
import { CONSOLE_FORMS, formsFor, formsNow, holdsARole } from '../../domain/access';
import { consolePathFor, renderEmail, type EmailOf } from '../../domain/emails';
import { startRecord } from '../../domain/lifecycle';
import { describeStatus } from '../../domain/status';
import { camino, PEOPLE } from '../fixtures';
import { apply, inForce } from '../helpers/records';

describe('who sees a convention in the console', () => {
  it.each([
    [PEOPLE.secretary, true],
    [PEOPLE.dgalnRepresentative, true],
    ['DGALN.Budget@example.org', true],
    [PEOPLE.onfRepresentative, true],
    ['intrapreneur.camino@example.org', true],
    ['cbcm.delegant@example.org', true],
    [PEOPLE.admin, true],
    ['inconnu@example.org', false],
  ])('%s: %s', (email, expected) => {
    expect(holdsARole(camino(), email)).toBe(expected);
  });
});

describe('which forms a person gets', () => {
  it('gives each role its forms and only those', () => {
    const convention = camino();
    expect(formsFor(convention, PEOPLE.secretary)).toEqual({ decide: [], 'schedule-committee': [] });
    const delegant = { 'confirm-chorus': [], 'make-available': [], 'designate-intrapreneur': [] };
    // A representative acts for its party, as its contacts do (domain/roles.ts).
    expect(formsFor(convention, PEOPLE.dgprRepresentative)).toEqual({
      sign: ['DGPR'],
      notice: ['DGPR'],
      ...delegant,
    });
    const delegataire = {
      publish: [],
      report: [],
      engage: [],
      pay: [],
      'request-credits': [],
      'year-end-forecast': [],
    };
    expect(formsFor(convention, PEOPLE.dinumContact)).toEqual(delegataire);
    expect(formsFor(convention, PEOPLE.dinumRepresentative)).toEqual({
      sign: ['DINUM'],
      notice: ['DINUM'],
      ...delegataire,
      'end-accompaniment': [],
    });
    expect(formsFor(convention, PEOPLE.dgalnContact)).toEqual(delegant);
    // A co-funder does not sign, and ONF's representative holds no other role.
    expect(formsFor(convention, PEOPLE.onfRepresentative)).toEqual({});
    expect(Object.keys(formsFor(convention, PEOPLE.admin)).sort()).toEqual([...CONSOLE_FORMS].sort());
    expect(formsFor(convention, PEOPLE.admin).sign).toEqual(['SG', 'DGALN', 'DGPR', 'DINUM']);
  });
});

describe('which forms a person is offered, in the convention’s state', () => {
  const DAY = 86_400_000;
  const now = Date.now();
  const offered = (record: ReturnType<typeof startRecord>, email: string) =>
    Object.keys(
      formsNow(formsFor(record.convention, email), describeStatus(record, now), email === PEOPLE.admin),
    ).sort();

  it('offers the signature for the parties still to sign, and nothing of a convention in force', () => {
    const started = startRecord(camino(), now - DAY);
    const signed = apply(started, 'sign', { as: PEOPLE.sgRepresentative, party: 'SG' }, now - DAY / 2);
    const admin = formsNow(formsFor(signed.convention, PEOPLE.admin), describeStatus(signed, now), true);
    expect(admin.sign).toEqual(['DGALN', 'DGPR', 'DINUM']);
    expect(offered(signed, PEOPLE.admin)).toEqual(['amend', 'designate-intrapreneur', 'sign']);
    // SG has signed; as a délégant, it may still designate the intrapreneur.
    expect(offered(signed, PEOPLE.sgRepresentative)).toEqual(['designate-intrapreneur']);
    expect(offered(signed, PEOPLE.dinumContact)).toEqual([]);
  });

  it('offers the publication once signed, then the forms of a convention in force', () => {
    const record = inForce(now - 40 * DAY, now - 35 * DAY);
    expect(offered(record, PEOPLE.admin)).toEqual(
      [...CONSOLE_FORMS]
        .filter((form) => form !== 'sign' && form !== 'publish' && form !== 'confirm-chorus')
        .sort(),
    );
    expect(offered(record, PEOPLE.dinumContact)).toEqual([
      'engage',
      'pay',
      'report',
      'request-credits',
      'year-end-forecast',
    ]);
    let awaiting = startRecord(camino(), now - DAY);
    for (const [party, as] of [
      ['SG', PEOPLE.sgRepresentative],
      ['DGALN', PEOPLE.dgalnRepresentative],
      ['DGPR', PEOPLE.dgprRepresentative],
      ['DINUM', PEOPLE.dinumRepresentative],
    ] as const)
      awaiting = apply(awaiting, 'sign', { as, party }, now - DAY / 2);
    expect(offered(awaiting, PEOPLE.dinumContact)).toEqual(['publish']);
    expect(offered(awaiting, PEOPLE.dgalnContact)).toEqual(['confirm-chorus', 'designate-intrapreneur']);
  });
});

describe('links from emails to the console', () => {
  const base = { conventionId: 'camino-2020', title: 'Camino', startup: 'Camino' };
  const committee = { number: 2, date: '2021-03-26', secretary: 'Secrétariat' };
  it.each([
    [
      {
        kind: 'signature-reminder',
        data: { ...base, since: '2020-03-02', party: { id: 'DGPR', name: 'DGPR', representative: 'R' } },
      },
      '/conventions/camino-2020/sign?party=DGPR',
    ],
    [
      { kind: 'committee-convocation', data: { ...base, committee: { ...committee, daysBefore: 30 } } },
      '/conventions/camino-2020/decide?committee=2',
    ],
    [
      {
        kind: 'committee-minutes',
        data: { ...base, committee: { ...committee, decision: 'continue', conditions: [] } },
      },
      '/conventions/camino-2020',
    ],
    [
      { kind: 'report-overdue', data: { ...base, report: { period: '2021-02', dueOn: '2021-03-10' } } },
      '/conventions/camino-2020/report?period=2021-02',
    ],
    [
      { kind: 'final-report-due', data: { ...base, endedOn: '2021-06-30', report: { dueOn: '2021-07-10' } } },
      '/conventions/camino-2020/report?final=1',
    ],
    [
      { kind: 'publication-request', data: { ...base, since: '2020-03-20' } },
      '/conventions/camino-2020/publish',
    ],
    [
      { kind: 'chorus-habilitation-reminder', data: { ...base, since: '2020-03-20' } },
      '/conventions/camino-2020/confirm-chorus',
    ],
    [
      {
        kind: 'credits-request',
        data: {
          ...base,
          availability: {
            uo: '0181-CPRI-ELAB',
            ae: '1.00',
            cp: '1.00',
            wantedBy: '2020-05-01',
            on: '2020-04-01',
          },
        },
      },
      '/conventions/camino-2020/make-available?uo=0181-CPRI-ELAB',
    ],
    [
      {
        kind: 'credit-insufficiency',
        data: {
          ...base,
          credit: { uo: '0113-PEBC-ELAB', requested: '1.00', left: '0.00', graceUntil: '2020-05-01' },
        },
      },
      '/conventions/camino-2020/amend?uo=0113-PEBC-ELAB',
    ],
    [
      { kind: 'commitment-warning', data: { ...base, breach: { commitment: 'intrapreneur' } } },
      '/conventions/camino-2020/designate-intrapreneur',
    ],
    [
      {
        kind: 'termination-notice',
        data: {
          ...base,
          notice: {
            party: 'DGALN',
            partyName: 'DGALN',
            reason: 'x',
            givenOn: '2020-06-01',
            effectiveOn: '2020-09-01',
          },
        },
      },
      '/conventions/camino-2020/notice?party=DGALN&action=withdraw',
    ],
  ] as [EmailOf, string][])('%o → %s', (email, path) => {
    expect(consolePathFor(email)).toBe(path);
  });

  it('puts the link in the text and the HTML of an email, only when the console has an address', () => {
    const inForce = {
      kind: 'convention-in-force' as const,
      data: {
        conventionId: 'camino-2020',
        title: 'Camino',
        startup: 'Camino',
        since: '2020-03-26',
        publication: { where: 'data.gouv.fr' },
      },
    };
    const email = renderEmail(inForce, 'https://conventions.example.gouv.fr');
    expect(email.text).toContain(
      'En ligne, pour agir ou consulter la convention : https://conventions.example.gouv.fr/conventions/camino-2020',
    );
    expect(email.html).toContain('<a href="https://conventions.example.gouv.fr/conventions/camino-2020">');
    expect(renderEmail(inForce).text).not.toContain('En ligne');
  });
});
