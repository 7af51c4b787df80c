import { FACT_LISTS } from '../../../domain/bring-in';
import {
  DRAFT_STEPS,
  genericPath,
  isRunning,
  proposedYear,
  stepFields,
  stepValues,
  valueIn,
  yearEndOf,
  type Draft,
  type DraftField,
  type DraftStep,
  type JsonObject,
} from '../../../domain/draft';
import { COMMITTEE_DECISIONS } from '../../../domain/commands';
import { PHASES, PARTY_ROLES } from '../../../domain/convention';
import type { LocalDate } from '../../../domain/dates';
import type { Fault } from '../../../domain/faults';
import {
  CHORUS_AND_PUBLICATION,
  DRAFT_FIELD_WORDS,
  FACT_LIST_WORDS,
  readFrom,
  SITUATION_CHOICES,
  SITUATION_NOTE,
  STEP_INTROS,
  STEP_TITLES,
  toConfirm,
  yearClosedNotice,
} from '../../../domain/french/draft';
import { frenchPath, frenchRule } from '../../../domain/french/faults';
import { capitalized, DECISION_NAMES, PHASE_NAMES, ROLE_NAMES } from '../../../domain/french/words';
import type { Choice, Field, Note } from '../forms/spec';
import { html, type Html } from '../html';
import { fieldsHtml } from '../inputs';
import { alert, csrfField, layout, type PageContext } from '../layout';
import { draftLink } from './start';

// A step of the creation form (domain/draft.ts): its inputs named by their field paths, each fault
// beside its input and listed above with a link to it, the parties, lines, contacts and échéances
// added and removed by plain buttons that save the step and come back (no script needed).

/** Each step in the address, in French. */
export const STEP_SLUGS: Record<DraftStep, string> = {
  startup: 'startup',
  parties: 'parties',
  roles: 'personnes',
  budget: 'budget',
  schedule: 'calendrier',
  history: 'situation',
};

export const stepOfSlug = (slug: string) => DRAFT_STEPS.find((step) => STEP_SLUGS[step] === slug);
export const draftHref = (id: string, step?: DraftStep) =>
  `${draftLink(id)}/${step ? STEP_SLUGS[step] : 'apercu'}`;

/** Where each fault of the step shows: the input of its path, of the list's first item, or holding it. */
function errorsByInput(faults: readonly Fault[], names: ReadonlySet<string>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const fault of faults) {
    const input = inputOf(fault, names);
    if (input && !errors[input]) errors[input] = frenchRule(fault);
  }
  return errors;
}

function inputOf(fault: Fault, names: ReadonlySet<string>): string | undefined {
  const path = fault.segments.join('.');
  if (names.has(path)) return path;
  if (names.has(`${path}.0`)) return `${path}.0`;
  return [...names].filter((name) => path.startsWith(`${name}.`)).sort((a, b) => b.length - a.length)[0];
}

/** The choices of an input among the domain's values or the draft's parties and lines. */
function choicesOf(draft: Draft, kind: DraftField['kind']): Choice[] {
  const parties = (valueIn(draft, 'parties') ?? []) as JsonObject[];
  const named = parties.filter((party) => typeof party.id === 'string');
  const party = (p: JsonObject) => ({ value: String(p.id), label: `${p.id}${p.name ? ` — ${p.name}` : ''}` });
  switch (kind) {
    case 'phase':
      return PHASES.map((phase) => ({ value: phase, label: PHASE_NAMES[phase] }));
    case 'role':
      return PARTY_ROLES.map((role) => ({ value: role, label: ROLE_NAMES[role] }));
    case 'decision':
      return COMMITTEE_DECISIONS.map((value) => ({ value, label: capitalized(DECISION_NAMES[value]) }));
    case 'funder':
      return named.filter((p) => p.role !== 'delegataire').map(party);
    case 'signatory':
      return named.filter((p) => p.role !== 'cofunder').map(party);
    case 'uo': {
      const lines = (valueIn(draft, 'budget') ?? []) as JsonObject[];
      const uos = new Set(lines.map((line) => line.uo).filter((uo): uo is string => typeof uo === 'string'));
      return [...uos].map((uo) => ({ value: uo, label: uo }));
    }
    default:
      return named.filter((p) => p.role === 'delegant').map(party);
  }
}

/** The empty choice of a select: what it means, or a prompt to choose. */
const SELECT_PROMPTS: Partial<Record<DraftField['kind'], string>> = {
  funder: 'Choisir une partie',
  signatory: 'Choisir une partie',
  chair: 'Le premier délégant',
  uo: 'Choisir une UO',
  decision: 'Choisir une décision',
};

/** The input of a field of the draft, with its words and what the document said of it. */
function inputField(draft: Draft, { path, kind }: DraftField): Field {
  const words = DRAFT_FIELD_WORDS[genericPath(path)] ?? { label: path };
  const notes: Note[] = [
    ...(draft.sources?.[path] ? [{ kind: 'info' as const, text: readFrom(draft.sources[path]) }] : []),
    ...(draft.unsure?.[path] ? [{ kind: 'warning' as const, text: toConfirm(draft.unsure[path]) }] : []),
  ];
  const common = { name: path, label: words.label, notes };
  switch (kind) {
    case 'flag':
      return { ...common, kind: 'checkbox' };
    case 'situation':
      return {
        name: path,
        label: words.label,
        kind: 'radio',
        choices: (['false', 'true'] as const).map((value) => ({ value, ...SITUATION_CHOICES[value] })),
      };
    case 'phase':
    case 'role':
    case 'decision':
    case 'funder':
    case 'chair':
    case 'signatory':
    case 'uo':
      return {
        ...common,
        kind: 'select',
        hint: words.hint,
        choices: choicesOf(draft, kind),
        // A fact's optional choice says what its empty choice means (a committee's phase: unchanged).
        ...((words.unset ?? SELECT_PROMPTS[kind]) !== undefined
          ? { optional: words.unset ?? SELECT_PROMPTS[kind] }
          : {}),
      };
    default:
      return {
        ...common,
        kind:
          ({ lines: 'textarea', paragraph: 'textarea', numbers: 'text', integer: 'number' } as const)[
            kind as string
          ] ?? kind,
        hint: words.hint,
      } as Field;
  }
}

/** A button that saves the step and adds or removes an item. */
const itemButton = (action: 'ajouter' | 'retirer', path: string, label: string) =>
  html`<button
    class="fr-btn fr-btn--sm fr-btn--tertiary fr-mb-2w"
    type="submit"
    name="${action}"
    value="${path}"
  >
    ${label}
  </button>`;

export interface DraftStepView {
  id: string;
  draft: Draft;
  step: DraftStep;
  /** The faults of this step, after a person asked to go on. */
  faults: readonly Fault[];
  today: LocalDate;
}

export function draftStepPage(context: PageContext, view: DraftStepView): Html {
  const { draft, step, id } = view;
  const fields = stepFields(draft, step);
  const values = stepValues(draft, step);
  const errors = errorsByInput(view.faults, new Set(fields.map((f) => f.path)));
  const inputs = (filter: (path: string) => boolean) =>
    fieldsHtml(
      fields.filter((f) => filter(f.path)).map((f) => inputField(draft, f)),
      values,
      errors,
    );
  const number = DRAFT_STEPS.indexOf(step) + 1;
  const nextStep = DRAFT_STEPS[number];
  return layout(
    `${STEP_TITLES[step]} — Nouvelle convention`,
    context,
    html`<h1>Nouvelle convention</h1>
      <div class="fr-stepper">
        <h2 class="fr-stepper__title">
          ${STEP_TITLES[step]}
          <span class="fr-stepper__state">Étape ${number} sur ${DRAFT_STEPS.length + 1}</span>
        </h2>
        <div
          class="fr-stepper__steps"
          data-fr-current-step="${number}"
          data-fr-steps="${DRAFT_STEPS.length + 1}"
        ></div>
        <p class="fr-stepper__details">
          <span class="fr-text--bold">Étape suivante :</span> ${nextStep ? STEP_TITLES[nextStep] : 'l’aperçu'}
        </p>
      </div>
      <nav class="fr-mb-3w" aria-label="Étapes du formulaire">
        <ul class="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
          ${DRAFT_STEPS.map(
            (other) =>
              html`<li>
                <a
                  class="fr-btn fr-btn--sm ${other === step ? '' : 'fr-btn--tertiary'}"
                  href="${draftHref(id, other)}"
                  ${other === step ? 'aria-current="step"' : ''}
                  >${STEP_TITLES[other]}</a
                >
              </li>`,
          )}
        </ul>
      </nav>
      ${faultSummary(view.faults, errors)}
      <p>${STEP_INTROS[step]}</p>
      <form method="post" action="${draftHref(id, step)}" id="etape" novalidate>
        ${csrfField(context.csrf)}
        <!-- The first button of a form is the one Enter presses: going on, not removing an item. -->
        <button
          class="fr-sr-only"
          type="submit"
          name="aller"
          value="suivant"
          tabindex="-1"
          aria-hidden="true"
        >
          Enregistrer et continuer
        </button>
        ${stepBody(view, inputs)}
        <ul class="fr-btns-group fr-btns-group--inline-md fr-mt-4w">
          ${
            number > 1
              ? html`<li>
                  <button class="fr-btn fr-btn--secondary" type="submit" name="aller" value="precedent">
                    Étape précédente
                  </button>
                </li>`
              : ''
          }
          <li>
            <button class="fr-btn" type="submit" name="aller" value="suivant">
              ${nextStep ? 'Enregistrer et continuer' : 'Enregistrer et voir l’aperçu'}
            </button>
          </li>
          <li>
            <button class="fr-btn fr-btn--tertiary" type="submit" name="aller" value="quitter">
              Enregistrer et reprendre plus tard
            </button>
          </li>
        </ul>
      </form>`,
  );
}

/** The faults above the form, each a link to its input when it has one. */
function faultSummary(faults: readonly Fault[], errors: Record<string, string>): Html | string {
  if (!faults.length) return '';
  const names = new Set(Object.keys(errors));
  return html`<div class="fr-alert fr-alert--error fr-mb-3w" role="alert">
    <h2 class="fr-alert__title">
      ${faults.length} point${faults.length > 1 ? 's' : ''} à corriger dans cette étape
    </h2>
    <ul>
      ${faults.map((fault) => {
        const input = inputOf(fault, names);
        const text = `${frenchPath(fault.segments)} : ${frenchRule(fault)}`;
        return html`<li>${input ? html`<a href="#${input}">${text}</a>` : text}</li>`;
      })}
    </ul>
  </div>`;
}

type Inputs = (filter: (path: string) => boolean) => Html[];

const under = (prefix: string) => (path: string) => path.startsWith(`${prefix}.`);

function stepBody(view: DraftStepView, inputs: Inputs): Html | Html[] {
  const { draft, step } = view;
  const count = (path: string) => {
    const items = valueIn(draft, path);
    return Array.isArray(items) ? items.length : 0;
  };
  const indices = (path: string) => Array.from({ length: count(path) }, (_, i) => i);
  switch (step) {
    case 'parties':
      return html`${indices('parties').map((i) => {
        const at = `parties.${i}`;
        return html`<fieldset class="fr-fieldset fr-mb-4w" id="${at}">
          <legend class="fr-fieldset__legend">Partie n° ${i + 1}</legend>
          <div class="fr-fieldset__content">
            ${inputs((path) => under(at)(path) && !under(`${at}.contacts`)(path))}
            <h3 class="fr-h6">Contacts qui reçoivent ses rappels</h3>
            ${indices(`${at}.contacts`).map(
              (j) =>
                html`${inputs((path) => path === `${at}.contacts.${j}`)}
                ${
                  count(`${at}.contacts`) > 1
                    ? itemButton('retirer', `${at}.contacts.${j}`, `Retirer le contact n° ${j + 1}`)
                    : ''
                }`,
            )}
            ${itemButton('ajouter', `${at}.contacts`, 'Ajouter un contact')}
            ${itemButton('retirer', at, `Retirer la partie n° ${i + 1}`)}
          </div>
        </fieldset>`;
      })}
      ${itemButton('ajouter', 'parties', 'Ajouter une partie')}`;
    case 'budget':
      return html`${budgetYearNotice(draft, view.today)}
      ${indices('budget').map((i) => {
        const at = `budget.${i}`;
        return html`<fieldset class="fr-fieldset fr-mb-4w" id="${at}">
          <legend class="fr-fieldset__legend">Ligne budgétaire n° ${i + 1}</legend>
          <div class="fr-fieldset__content">
            ${inputs((path) => under(at)(path) && !under(`${at}.imputation`)(path) && !under(`${at}.echeancier`)(path))}
            <h3 class="fr-h6">Imputation Chorus de l’UO</h3>
            <p class="fr-hint-text">Laissée vide, elle est celle d’une ligne précédente de la même UO.</p>
            ${inputs(under(`${at}.imputation`))}
            <h3 class="fr-h6">Échéancier de mise à disposition (facultatif)</h3>
            <p class="fr-hint-text">
              Sans échéancier, tous les crédits de la ligne sont disponibles dès la confirmation des
              habilitations Chorus.
            </p>
            ${indices(`${at}.echeancier`).map(
              (k) =>
                html`${inputs(under(`${at}.echeancier.${k}`))}
                ${itemButton('retirer', `${at}.echeancier.${k}`, `Retirer l’échéance n° ${k + 1}`)}`,
            )}
            ${itemButton('ajouter', `${at}.echeancier`, 'Ajouter une échéance')}
            ${itemButton('retirer', at, `Retirer la ligne n° ${i + 1}`)}
          </div>
        </fieldset>`;
      })}
      ${itemButton('ajouter', 'budget', 'Ajouter une ligne budgétaire')}`;
    case 'history':
      return historyBody(draft, inputs, indices);
    default:
      return inputs(() => true);
  }
}

/**
 * Where the convention stands; when it is running, the facts of its past, each list's items in
 * their own fieldsets, added and removed by plain buttons as the budget's lines are.
 */
function historyBody(draft: Draft, inputs: Inputs, indices: (path: string) => number[]): Html {
  const situation = inputs((path) => path === 'history.running');
  if (!isRunning(draft))
    return html`${situation}
      <p class="fr-hint-text">${SITUATION_NOTE}</p>`;
  const list = (name: keyof typeof FACT_LIST_WORDS) => {
    const words = FACT_LIST_WORDS[name];
    const at = `history.${name}`;
    return html`<h2 class="fr-h5 fr-mt-4w" id="${at}">${words.title}</h2>
      <p class="fr-hint-text">${words.intro}</p>
      ${indices(at).map(
        (i) =>
          html`<fieldset class="fr-fieldset fr-mb-2w" id="${at}.${i}">
            <legend class="fr-fieldset__legend">${words.item} n° ${i + 1}</legend>
            <div class="fr-fieldset__content">
              ${inputs(under(`${at}.${i}`))}
              ${itemButton('retirer', `${at}.${i}`, `${words.remove} n° ${i + 1}`)}
            </div>
          </fieldset>`,
      )}
      ${itemButton('ajouter', at, words.add)}`;
  };
  return html`${situation} ${inputs((path) => path === 'history.document')} ${list('signatures')}
    <h2 class="fr-h5 fr-mt-4w">${CHORUS_AND_PUBLICATION}</h2>
    ${inputs((path) => under('history.chorus')(path) || under('history.publication')(path))}
    ${Object.keys(FACT_LISTS).map((name) => list(name as keyof typeof FACT_LISTS))}`;
}

/** A convention prepared after this year's last day of engagements: its lines are proposed next year. */
function budgetYearNotice(draft: Draft, today: LocalDate): Html | string {
  const { year, passed } = proposedYear(today, yearEndOf(draft));
  return passed ? alert('warning', `Lignes proposées en ${year}`, yearClosedNotice(passed, year)) : '';
}
