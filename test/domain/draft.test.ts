import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { historySchema, type THistory } from '../../domain/bring-in';
import { scheduleDefaults } from '../../domain/convention';
import {
  checkDraft,
  checkHistory,
  closedYears,
  DRAFT_STEPS,
  draftFromReading,
  newDraft,
  proposedYear,
  stepFields,
  stepOf,
  stepValues,
  withItemAdded,
  withItemRemoved,
  withStep,
  type Draft,
} from '../../domain/draft';
import { frenchPath, frenchRule } from '../../domain/french/faults';
import { parseDocument } from '../../domain/validation';
import { camino, caminoInput } from '../fixtures';

// The creation form's draft (issue 30): a partial convention of the file's shape, read from the
// form's inputs and shown back in them, checked by the file's own schema.

const ADMIN = 'admin@example.org';
const HISTORY_PATH = new URL('../../fixtures/camino-2020.history.yaml', import.meta.url);
const MARCH = '2027-03-10';
const DECEMBER = '2027-12-07';

/** Every step submitted as its inputs show it: what a person who changes nothing sends. */
const resubmitted = (draft: Draft) =>
  DRAFT_STEPS.reduce((sofar, step) => withStep(sofar, step, stepValues(sofar, step)), draft);

describe('a draft of the creation form', () => {
  it('gives back the seed, every step shown and sent again as its inputs hold it', () => {
    const draft = draftFromReading({ convention: caminoInput() as Record<string, unknown> }, ADMIN, MARCH);
    const values = stepValues(draft, 'budget');
    // Amounts as a French person reads and types them; lists one a line.
    expect(values['budget.0.ae']).toBe('140 000,00');
    expect(values['budget.1.restoration']).toBe('true');
    expect(values['budget.0.imputation.activites']).toBe('011301MB0601');
    const checked = checkDraft(resubmitted(draft));
    expect(checked).toEqual({ ok: true, convention: camino() });
  });

  it('reads amounts typed in French, keeps what is not one with a fault that says what was typed', () => {
    const blank = newDraft(ADMIN, MARCH);
    const draft = withStep(blank, 'budget', {
      ...stepValues(blank, 'budget'),
      'budget.0.uo': '0113-PEBC-ELAB',
      'budget.0.ae': '140 000 €',
      'budget.0.cp': '12.500',
    });
    expect(draft.convention.budget).toMatchObject([{ ae: '140000.00', cp: '12.500', year: 2027 }]);
    const checked = checkDraft(draft);
    if (checked.ok) throw new Error('a draft without parties cannot be valid');
    const cp = checked.faults.find((fault) => fault.path === 'budget[0].cp')!;
    expect(frenchRule(cp)).toBe(
      '« 12.500 » n’est pas un montant en euros ; écrivez-le par exemple 12 500,00 ou 12 500 €, avec au plus deux décimales.',
    );
    expect(stepValues(draft, 'budget')['budget.0.cp']).toBe('12.500');
  });

  it('leaves out an intrapreneur left blank, and gives a blank imputation the one of its UO', () => {
    let draft = withStep(newDraft(ADMIN, MARCH), 'roles', {
      'roles.committeeSecretary.name': 'Secrétariat',
      'roles.intrapreneur.name': '',
      'roles.intrapreneur.email': ' ',
      'roles.admins': 'admin@example.org\nautre@example.org',
    });
    expect(draft.convention.roles).toEqual({
      committeeSecretary: { name: 'Secrétariat' },
      cbcm: [],
      admins: ['admin@example.org', 'autre@example.org'],
    });
    draft = withItemAdded(draft, 'budget', MARCH)!;
    draft = withStep(draft, 'budget', {
      'budget.0.uo': '0113-PEBC-ELAB',
      'budget.0.imputation.domaineFonctionnel': '0113-07',
      'budget.0.imputation.activites': '011301MB0601',
      'budget.1.uo': '0113-PEBC-ELAB',
    });
    expect((draft.convention.budget as Draft['convention'][]).map((line) => line.imputation)).toEqual([
      { domaineFonctionnel: '0113-07', activites: ['011301MB0601'] },
      { domaineFonctionnel: '0113-07', activites: ['011301MB0601'] },
    ]);
  });

  it('adds and removes items of its lists only, up to their limits, and forgets what was read of a moved item', () => {
    const draft: Draft = {
      ...newDraft(ADMIN, MARCH),
      sources: { 'parties.0.name': 'Le SG', 'parties.1.name': 'La DINUM', title: 'Convention' },
    };
    const three = withItemAdded(draft, 'parties', MARCH)!;
    expect(three.convention.parties).toHaveLength(3);
    expect(withItemAdded(draft, 'parties.0.contacts', MARCH)!.convention.parties).toMatchObject([
      { contacts: ['', ''] },
      { contacts: [''] },
    ]);
    expect(withItemAdded(draft, 'roles', MARCH)).toBeUndefined();
    expect(withItemAdded(draft, '__proto__', MARCH)).toBeUndefined();
    const removed = withItemRemoved(three, 'parties.0')!;
    expect(removed.convention.parties).toHaveLength(2);
    expect(removed.sources).toEqual({ title: 'Convention' });
    expect(withItemRemoved(three, 'parties.9')).toBeUndefined();
    expect(withItemRemoved(three, 'roles.admins.0')).toBeUndefined();
    let full = draft;
    for (let i = 0; i < 28; i += 1) full = withItemAdded(full, 'parties', MARCH)!;
    expect(full.convention.parties).toHaveLength(30);
    expect(withItemAdded(full, 'parties', MARCH)).toBeUndefined();
    // An échéancier emptied is no échéancier.
    const withEcheance = withItemAdded(draft, 'budget.0.echeancier', MARCH)!;
    expect(withItemRemoved(withEcheance, 'budget.0.echeancier.0')!.convention.budget).toEqual(
      draft.convention.budget,
    );
  });

  it('keeps what a reading found, where it was read and what to confirm, over a new draft', () => {
    const draft = draftFromReading(
      {
        convention: { title: 'Convention Camino', parties: [{ id: 'DGALN', name: 'Ourée' }] },
        missing: ['parties.0.representative.email'],
        sources: { 'parties.0.id': 'au titre du financement DGALN 2020' },
        unsure: { 'parties.0.name': '« Ourée » se lit peut-être « Durée »' },
      },
      ADMIN,
      MARCH,
    );
    expect(draft.convention).toMatchObject({
      title: 'Convention Camino',
      parties: [{ id: 'DGALN', name: 'Ourée' }],
      roles: { admins: [ADMIN] },
      schedule: scheduleDefaults(),
    });
    expect(draft.sources).toEqual({ 'parties.0.id': 'au titre du financement DGALN 2020' });
    expect(draft.unsure).toEqual({ 'parties.0.name': '« Ourée » se lit peut-être « Durée »' });
  });
});

describe('a contact left empty', () => {
  it('is to be filled, not of a wrong format: the reading of a document asks for one per party', () => {
    const draft = draftFromReading(
      { convention: { parties: [{ id: 'DGALN', name: 'DGALN' }] } },
      ADMIN,
      MARCH,
    );
    expect(stepValues(draft, 'parties')['parties.0.contacts.0']).toBe('');
    const checked = checkDraft(draft);
    if (checked.ok) throw new Error('faults expected');
    const contact = checked.faults.find((fault) => fault.segments.join('.') === 'parties.0.contacts.0')!;
    expect(frenchRule(contact)).toBe('à renseigner.');
  });
});

describe('the budget year of a convention being prepared', () => {
  const yearEnd = scheduleDefaults().yearEnd;

  it('proposes this year in March, and next year once its last day of engagements has passed', () => {
    expect(proposedYear(MARCH, yearEnd)).toEqual({ year: 2027 });
    expect(proposedYear('2027-12-01', yearEnd)).toEqual({ year: 2027 });
    expect(proposedYear(DECEMBER, yearEnd)).toEqual({ year: 2028, passed: '2027-12-01' });
    expect(newDraft(ADMIN, DECEMBER).convention.budget).toMatchObject([{ year: 2028 }]);
  });

  it('names the years whose credits could not be engaged any more, with their funders', () => {
    const seed = camino();
    expect(closedYears(seed, MARCH)).toEqual([]);
    expect(closedYears(seed, DECEMBER)).toEqual([
      { year: 2027, lastEngagementDay: '2027-12-01', funders: ['DGALN', 'ONF', 'DGPR'] },
    ]);
    const nextYear = { ...seed, budget: seed.budget.map((line) => ({ ...line, year: 2028 })) };
    expect(closedYears(nextYear, DECEMBER)).toEqual([]);
  });
});

describe('where a convention being prepared stands: not signed yet, or running with its past', () => {
  const seedHistory = (): THistory => {
    const read = parseDocument(readFileSync(HISTORY_PATH, 'utf8'), 'yaml', historySchema());
    if (!read.ok) throw new Error(read.errors.join('\n'));
    return read.value;
  };
  const seedDraft = () =>
    draftFromReading({ convention: caminoInput() as Record<string, unknown> }, ADMIN, MARCH);

  /** The facts of a history typed in the step's inputs, each by its field path. */
  function typed(history: THistory): Record<string, string> {
    const values: Record<string, string> = {
      'history.running': 'true',
      'history.document': history.document,
      'history.chorus.on': history.chorus!.on,
      'history.publication.on': history.publication!.on,
      'history.publication.where': history.publication!.where,
      'history.publication.url': history.publication!.url!,
    };
    for (const list of ['signatures', 'engagements', 'payments', 'committees', 'reports'] as const)
      (history[list] as Record<string, unknown>[]).forEach((item, i) => {
        for (const [name, value] of Object.entries(item))
          values[`history.${list}.${i}.${name}`] = String(value);
      });
    return values;
  }

  it('is not signed yet unless the admin says otherwise: no history, the start as today', () => {
    const draft = seedDraft();
    expect(stepFields(draft, 'history').map((f) => f.path)).toEqual(['history.running']);
    expect(stepValues(draft, 'history')).toEqual({ 'history.running': 'false' });
    expect(checkHistory(resubmitted(draft), ADMIN)).toEqual({ ok: true });
  });

  it('writes the seed’s past (fixtures/camino-2020.history.yaml) from the step’s inputs alone, items added and removed', () => {
    const history = seedHistory();
    const running = withStep(seedDraft(), 'history', { 'history.running': 'true' });
    // A signature of each signatory party proposed, by its representative; ONF, co-funder, signs none.
    expect(running.history!.signatures).toEqual([
      { party: 'SG', signatory: 'Emilie Piette' },
      { party: 'DGALN', signatory: 'Stéphanie Dupuy-Lyon' },
      { party: 'DGPR', signatory: 'Cédric Bourillet' },
      { party: 'DINUM', signatory: 'Nadi Bou Hanna' },
    ]);
    let draft = running;
    const counts = { engagements: 2, payments: 2, committees: 1, reports: 6 };
    for (const [list, count] of Object.entries(counts))
      for (let i = 0; i < count + 1; i += 1) draft = withItemAdded(draft, `history.${list}`, MARCH)!;
    for (const list of Object.keys(counts)) draft = withItemRemoved(draft, `history.${list}.0`)!;
    draft = withStep(draft, 'history', typed(history));
    const checked = checkHistory(draft, ADMIN);
    // A committee's conditions, none, are the empty list `decide` defaults them to.
    expect(checked).toEqual({
      ok: true,
      history: { ...history, committees: history.committees.map((c) => ({ ...c, conditions: [] })) },
    });
    // Shown back as typed, and sent again unchanged.
    expect(stepValues(draft, 'history')['history.engagements.0.ae']).toBe('90 000,00');
    expect(checkHistory(resubmitted(draft), ADMIN)).toEqual(checked);
    // Said not signed after all: nothing of its past is brought in, but it is kept in the draft.
    const notYet = withStep(draft, 'history', {
      ...stepValues(draft, 'history'),
      'history.running': 'false',
    });
    expect(checkHistory(notYet, ADMIN)).toEqual({ ok: true });
    expect(notYet.history!.engagements).toEqual(draft.history!.engagements);
  });

  it('says each fault beside its fact’s field, in French: the history’s and the fact’s command’s', () => {
    let draft = withStep(seedDraft(), 'history', { 'history.running': 'true' });
    draft = withItemAdded(withItemAdded(draft, 'history.engagements', MARCH)!, 'history.committees', MARCH)!;
    draft = withStep(draft, 'history', {
      ...stepValues(draft, 'history'),
      'history.document': 'Convention signée',
      'history.signatures.0.on': '2020-03-24',
      'history.signatures.1.on': '2020-03-24',
      'history.signatures.2.on': '2020-03-24',
      'history.signatures.3.on': '2020-03-26',
      'history.publication.on': '2020-03-26',
      'history.publication.where': 'data.gouv.fr',
      'history.engagements.0.on': '2020-04-15',
      'history.engagements.0.uo': '0113-PEBC-ELAB',
      'history.engagements.0.ref': 'EJ-2020-001',
      'history.engagements.0.ae': 'beaucoup',
      'history.committees.0.decision': 'continue',
    });
    // A day of Chorus left blank: not confirmed yet, not a fault.
    expect(draft.history!.chorus).toBeUndefined();
    const checked = checkHistory(draft, ADMIN);
    if (checked.ok) throw new Error('faults expected');
    expect(checked.faults.map((f) => [f.segments.join('.'), frenchPath(f.segments), frenchRule(f)])).toEqual([
      ['history.committees.0.on', 'Où en est la convention › Comité tenu n° 1 › Date', 'à renseigner.'],
    ]);
    const fixed = withStep(draft, 'history', {
      ...stepValues(draft, 'history'),
      'history.committees.0.on': '2020-09-28',
    });
    const again = checkHistory(fixed, ADMIN);
    if (again.ok) throw new Error('faults expected');
    expect(again.faults.map((f) => [f.segments.join('.'), stepOf(f)])).toEqual([
      ['history.engagements.0.ae', 'history'],
    ]);
    expect(frenchRule(again.faults[0]!)).toContain('« beaucoup » n’est pas un montant en euros');
  });
});
