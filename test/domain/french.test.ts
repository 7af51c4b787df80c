import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../domain/commands';
import { frenchFault } from '../../domain/french/faults';
import { frenchRefusal } from '../../domain/french/refusals';
import { frenchDateTime } from '../../domain/french/words';
import { parseConvention } from '../../domain/validation';
import { caminoInput, PEOPLE } from '../fixtures';
import { apply, inForce, refusalOf } from '../helpers/records';

// The console's French for what the domain refuses: from each refusal's code and figures.

const START = Date.parse('2020-03-02T09:00:00Z');
const PUBLISHED = Date.parse('2020-03-26T09:00:00Z');

describe('refusals in French', () => {
  it('says which field of a command is at fault, and why', () => {
    const parsed = parseCommand('decide', { as: PEOPLE.secretary, decision: 'continue-with-conditions' });
    expect(parsed.ok || frenchRefusal(parsed.refusal)).toBe(
      'Conditions : une poursuite sous conditions en énonce au moins une.',
    );
    const bad = parseCommand('engage', { as: 'nobody', uo: 'X', ae: '12,5', ref: 'BC 1', extra: 1 });
    expect(bad.ok || frenchRefusal(bad.refusal)).toBe(
      [
        'Votre adresse : valeur attendue : une adresse électronique, par exemple nom@domaine.fr.',
        'AE : valeur attendue : un montant en euros avec au plus deux décimales, par exemple 12500.00.',
        'Référence : valeur attendue : une référence de 1 à 40 lettres, chiffres, points, barres obliques, tirets ou soulignés.',
        'extra : champ inconnu.',
      ].join(' '),
    );
  });

  it('names the people and the figures of a rule, French style', () => {
    const record = inForce(START, PUBLISHED);
    const engaged = apply(
      record,
      'engage',
      { as: PEOPLE.dinumContact, uo: '0181-CPRI-ELAB', ae: '90000.00', ref: 'BC-1' },
      PUBLISHED,
    );
    const beyond = refusalOf(
      engaged,
      'engage',
      { as: PEOPLE.dinumContact, uo: '0181-CPRI-ELAB', ae: '20000.00', ref: 'BC-2' },
      PUBLISHED,
    );
    expect(frenchRefusal(beyond)).toBe(
      'UO 0181-CPRI-ELAB : 20\u00a0000,00\u00a0€ d’AE de 2020 demandés, il en reste 10\u00a0000,00\u00a0€. Le délégant en est informé sans délai.',
    );
    const notYours = refusalOf(
      record,
      'decide',
      { as: PEOPLE.dinumContact, decision: 'continue' },
      PUBLISHED,
    );
    expect(frenchRefusal(notYours)).toBe(
      'dinum.betagouv@example.org ne peut pas enregistrer la décision du comité : seul le secrétaire du comité, Secrétariat du comité d’investissement Camino (comite.camino@example.org), ou un administrateur le peut.',
    );
  });

  it('lists the faults of a convention file by their place, in French', () => {
    const input = caminoInput();
    (input.parties[1] as { representative: { email: string } }).representative.email = 'pas-une-adresse';
    const parsed = parseConvention(JSON.stringify(input), 'json');
    expect(parsed.ok || parsed.faults.map(frenchFault)).toEqual([
      'Partie n° 2 › Représentant › Adresse électronique : valeur attendue : une adresse électronique, par exemple nom@domaine.fr.',
    ]);
  });

  it('dates an instant as people read it', () => {
    expect(frenchDateTime('2027-01-04T08:00:00Z')).toBe('4 janvier 2027 à 9\u00a0h');
    expect(frenchDateTime('2027-07-04T07:30:00Z')).toBe('4 juillet 2027 à 9\u00a0h\u00a030');
    // The first of the month, in Paris though not in UTC: an ordinal.
    expect(frenchDateTime('2027-02-28T23:30:00Z')).toBe('1er mars 2027 à 0\u00a0h\u00a030');
  });
});
