import { describe, expect, it } from 'vitest';
import { frenchProofRefusal } from '../../domain/french/proof';
import { comparableName, namesRepresentative, proofRefusal, shownName } from '../../domain/signature-proof';

const representative = { name: 'Stéphanie Dupuy-Lyon', email: 'stephanie.dupuy-lyon@example.org' };

describe('whether a certificate names the representative', () => {
  it('compares the words of names without case, accents, punctuation or order', () => {
    expect(comparableName('Dupuy-Lyon, Stéphanie')).toBe('dupuy lyon stephanie');
    for (const name of [
      'Stéphanie Dupuy-Lyon',
      'DUPUY-LYON Stephanie',
      'dupuy lyon stéphanie',
      'Stephanie  DUPUY LYON',
    ])
      expect(namesRepresentative({ names: [name], emails: [] }, representative), name).toBe(true);
  });

  it('takes an e-mail address of the certificate as theirs whatever its case', () => {
    expect(
      namesRepresentative(
        { names: ['S. D.-L.'], emails: ['Stephanie.Dupuy-Lyon@example.org'] },
        representative,
      ),
    ).toBe(true);
  });

  it('refuses another person, a name that is part of theirs, and a certificate naming nobody', () => {
    for (const identity of [
      { names: ['Stéphanie Dupuy'], emails: [] },
      { names: ['Jean Dupuy-Lyon'], emails: ['jean.dupuy-lyon@example.org'] },
      { names: ['Stéphanie Dupuy-Lyon Martin'], emails: [] },
      { names: [], emails: [] },
      { names: ['—'], emails: [] },
    ])
      expect(namesRepresentative(identity, representative), identity.names[0]).toBe(false);
    expect(namesRepresentative({ names: ['—'], emails: [] }, { name: '—', email: 'x@example.org' })).toBe(
      false,
    );
  });
});

describe('what a refusal shows of a certificate', () => {
  it('drops controls and bidirectional overrides from a name, and cuts a long one', () => {
    expect(shownName('Jean\u202E Martin\r\nX')).toBe('Jean Martin X');
    expect(shownName('A'.repeat(500))).toHaveLength(200);
    expect(shownName('\u0000')).toBe('?');
  });

  it('writes each refusal in French with the names it carries', () => {
    expect(frenchProofRefusal(proofRefusal('modified-after-signature', { signer: 'Cédric Bourillet' }))).toBe(
      'Le document a été modifié après la signature de Cédric Bourillet.',
    );
    expect(frenchProofRefusal(proofRefusal('untrusted-certificate', { signer: 'Jean Martin' }))).toBe(
      'Le certificat de Jean Martin n’émane pas d’une autorité de confiance.',
    );
  });
});
