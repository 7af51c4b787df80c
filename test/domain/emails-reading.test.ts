import { describe, expect, it } from 'vitest';
import { renderEmail } from '../../domain/emails';
import { frenchRefusal } from '../../domain/french/refusals';
import { startRecord } from '../../domain/lifecycle';
import { plannedEmails, type PlannedEmail } from '../../domain/reminders';
import { camino, PEOPLE, SIGNATORIES } from '../fixtures';
import { apply, inForce, refusalOf } from '../helpers/records';

// The emails as their readers meet them (issue 29): planned from the seed's record, then written.

const START = Date.parse('2020-03-02T09:00:00Z');
const PUBLISHED = Date.parse('2020-03-26T09:00:00Z');
const at = (iso: string) => Date.parse(iso);
const first = (emails: PlannedEmail[], kind: PlannedEmail['kind']) => {
  const email = emails.find((e) => e.kind === kind);
  if (!email) throw new Error(`no ${kind} planned`);
  const { subject, text } = renderEmail(email);
  // No-break spaces (euros, times) read as spaces here.
  return { email, subject, text: text.replace(/[\u00a0\u202f]/g, ' ') };
};
const greeting = (text: string) => text.split('\n\n')[0];

describe('emails that read right', () => {
  it('greets a party’s contacts and its representative alike, naming the representative as the signatory', () => {
    const { email, text, subject } = first(
      plannedEmails(startRecord(camino(), START), START),
      'signature-request',
    );
    // The SG's representative and its budget contact get the same email: nobody is greeted by another's name.
    expect(email.to.length).toBeGreaterThan(1);
    expect(greeting(text)).toBe('Madame, Monsieur,');
    expect(text).toContain('Signataire : Emilie Piette, qui représente cette partie.');
    expect(subject).toBe('[Camino · camino-2020] Signature attendue : convention Camino (SG)');
    const seven = at('2020-03-09T09:00:00Z');
    for (const kind of ['signature-reminder', 'committee-decision-overdue'] as const) {
      const planned =
        kind === 'signature-reminder' ? startRecord(camino(), START) : inForce(START, PUBLISHED);
      const now = kind === 'signature-reminder' ? seven : at('2020-10-05T09:00:00Z');
      expect(greeting(first(plannedEmails(planned, now), kind).text)).toBe('Madame, Monsieur,');
    }
  });

  it('asks for the publication’s date, place and address, as its form takes them', () => {
    let record = startRecord(camino(), START);
    for (const [party, as] of SIGNATORIES) record = apply(record, 'sign', { as, party }, START + 3_600_000);
    const { text } = first(plannedEmails(record, START + 3_600_000), 'publication-request');
    expect(text).toContain(
      'merci d’enregistrer la date de publication (la convention prend effet ce jour-là), le lieu de publication et, s’il y en a une, l’adresse de la publication.',
    );
    // Published yesterday, recorded today: in force since yesterday.
    const today = at('2020-03-26T09:00:00Z');
    const published = apply(
      record,
      'publish',
      { as: PEOPLE.dinumContact, where: 'data.gouv.fr', publishedOn: '2020-03-25' },
      today,
    );
    expect(published.publication).toMatchObject({ effectiveDate: '2020-03-25', where: 'data.gouv.fr' });
    expect(first(plannedEmails(published, today), 'convention-in-force').subject).toBe(
      '[Camino · camino-2020] La convention Camino est en vigueur depuis le 25 mars 2020',
    );
    // Neither tomorrow nor before the last signature.
    for (const publishedOn of ['2020-03-27', '2020-03-01']) {
      const refusal = refusalOf(
        record,
        'publish',
        { as: PEOPLE.dinumContact, where: 'x', publishedOn },
        today,
      );
      expect(refusal).toMatchObject({ type: 'WrongState', code: 'publication-date' });
      expect(frenchRefusal(refusal)).toContain('indiquez un jour entre le 2 mars 2020 (dernière signature)');
    }
  });

  it('says a committee’s time and place once set, and otherwise that the secretary sets them; names its chair', () => {
    const record = inForce(START, PUBLISHED);
    const convened = at('2020-08-29T09:00:00Z');
    const unset = first(plannedEmails(record, convened), 'committee-convocation').text;
    expect(unset).toContain(
      'Il est présidé par Emilie Piette, Secrétaire générale (Secrétariat général des ministères de la Transition écologique et solidaire et de la Cohésion des territoires).',
    );
    expect(unset).toContain(
      'L’heure et le lieu (ou le lien de visioconférence) seront fixés par le secrétariat du comité ; une invitation mise à jour vous sera alors adressée.',
    );
    const set = apply(
      record,
      'schedule-committee',
      { as: PEOPLE.secretary, time: '14:30', place: 'Hôtel de Roquelaure' },
      at('2020-08-20T09:00:00Z'),
    );
    const text = first(plannedEmails(set, convened), 'committee-convocation').text;
    expect(text).toContain('se tiendra le 28 septembre 2020 à 14 h 30.');
    expect(text).toContain('Lieu : Hôtel de Roquelaure');
    expect(text).not.toContain('seront fixés');
    expect(text).not.toContain('sera fixé');
    // The chair is a setting: DGALN's representative.
    const dgaln = camino();
    dgaln.roles.committeeChair = 'DGALN';
    const chaired = first(plannedEmails(inForce(START, PUBLISHED, dgaln), convened), 'committee-convocation');
    expect(chaired.text).toContain('Il est présidé par Stéphanie Dupuy-Lyon, Directrice générale');
  });

  it('writes the minutes with the form’s words', () => {
    const decided = apply(
      inForce(START, PUBLISHED),
      'decide',
      { as: PEOPLE.secretary, decision: 'continue', notes: 'Le comité salue les progrès.' },
      at('2020-09-28T14:00:00Z'),
    );
    const { subject, text } = first(plannedEmails(decided, at('2020-09-28T14:00:00Z')), 'committee-minutes');
    expect(subject).toBe(
      '[Camino · camino-2020] Relevé de décisions du comité d’investissement n° 1 : poursuite',
    );
    expect(text).toContain('Relevé de décisions : Le comité salue les progrès.');
  });

  it('says which budget year each line of an avenant is', () => {
    const when = at('2020-06-02T10:00:00Z');
    const amended = apply(
      inForce(START, PUBLISHED),
      'amend',
      {
        as: PEOPLE.admin,
        number: 1,
        summary: 'Crédits de 2021',
        signedOn: '2020-06-01',
        budget: [
          { uo: '0113-PEBC-ELAB', ae: '10000.00', cp: '10000.00' },
          { uo: '0113-PEBC-ELAB', year: 2021, ae: '50000.00', cp: '50000.00' },
        ],
      },
      when,
    );
    const { text } = first(plannedEmails(amended, when), 'amendment-recorded');
    expect(text).toContain('UO 0113-PEBC-ELAB, crédits de 2020 : AE +10 000,00 €, CP +10 000,00 €.');
    expect(text).toContain('UO 0113-PEBC-ELAB, crédits de 2021 : AE +50 000,00 €, CP +50 000,00 €.');
  });

  it('names the convention in every subject: two conventions of one startup are told apart', () => {
    const demo = { ...camino(), id: 'camino-2020-demo' };
    const subjects = [camino(), demo].map(
      (convention) =>
        first(plannedEmails(startRecord(convention, START), START), 'signature-request').subject,
    );
    expect(subjects[0]).not.toBe(subjects[1]);
    expect(subjects[1]).toMatch(/^\[Camino · camino-2020-demo\] /);
  });
});
