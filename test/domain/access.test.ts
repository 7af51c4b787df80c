import { describe, expect, it } from 'vitest';
import { formsFor, holdsARole } from '../../domain/access';
import { consolePathFor, renderEmail } from '../../domain/emails';
import { camino, PEOPLE } from '../fixtures';

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
    expect(formsFor(convention, PEOPLE.secretary)).toEqual({ decide: [] });
    expect(formsFor(convention, PEOPLE.dgprRepresentative)).toEqual({
      sign: ['DGPR'],
      'give-notice': ['DGPR'],
    });
    expect(formsFor(convention, PEOPLE.dinumContact)).toEqual({ 'submit-report': [] });
    expect(formsFor(convention, PEOPLE.dinumRepresentative)).toEqual({
      sign: ['DINUM'],
      'give-notice': ['DINUM'],
      'submit-report': [],
    });
    // A co-funder does not sign, and ONF's representative holds no other role.
    expect(formsFor(convention, PEOPLE.onfRepresentative)).toEqual({});
    expect(formsFor(convention, PEOPLE.admin)).toEqual({
      sign: ['SG', 'DGALN', 'DGPR', 'DINUM'],
      'give-notice': ['SG', 'DGALN', 'DGPR', 'DINUM'],
      decide: [],
      'submit-report': [],
    });
  });
});

describe('links from emails to the console', () => {
  it.each([
    ['signature-reminder', '/conventions/camino-2020/sign'],
    ['committee-convocation', '/conventions/camino-2020/decide'],
    ['committee-minutes', '/conventions/camino-2020'],
    ['report-overdue', '/conventions/camino-2020/report'],
    ['termination-reminder', '/conventions/camino-2020/notice'],
    ['credit-threshold', '/conventions/camino-2020'],
  ] as const)('%s → %s', (kind, path) => {
    expect(consolePathFor(kind, 'camino-2020')).toBe(path);
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
