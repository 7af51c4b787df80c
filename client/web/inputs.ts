import type { Choice, Field, Values } from './forms/spec';
import { html, type Html } from './html';

// A form's fields in the design system's inputs: label, hint, the value typed, the fault beside it.

/** Radio buttons in the design system's fieldset: one name, one legend, the chosen value checked. */
export function radioGroup({
  id,
  legend,
  choices,
  chosen,
  error,
  message = '',
}: {
  id: string;
  legend: string;
  choices: readonly Choice[];
  chosen?: string;
  error?: string;
  message?: Html | string;
}): Html {
  return html`<fieldset class="fr-fieldset ${error ? 'fr-fieldset--error' : ''}" id="${id}">
    <legend class="fr-fieldset__legend">${legend}</legend>
    ${choices.map(
      (choice) =>
        html`<div class="fr-fieldset__element">
          <div class="fr-radio-group">
            <input
              type="radio"
              id="${id}-${choice.value}"
              name="${id}"
              value="${choice.value}"
              ${chosen === choice.value ? 'checked' : ''}
            />
            <label class="fr-label" for="${id}-${choice.value}"
              >${choice.label}${choice.hint ? html`<span class="fr-hint-text">${choice.hint}</span>` : ''}</label
            >
          </div>
        </div>`,
    )}
    ${message}
  </fieldset>`;
}

function input(field: Extract<Field, { name: string }>, values: Values, error: string | undefined): Html {
  const id = field.name;
  const notes = 'notes' in field ? (field.notes ?? []) : [];
  const describedBy = [
    field.kind !== 'checkbox' && 'hint' in field && field.hint ? `${id}-hint` : '',
    ...notes.map((_, i) => `${id}-note-${i}`),
    error ? `${id}-error` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const label = html`<label class="fr-label" for="${id}"
    >${field.label}${'hint' in field && field.hint ? html`<span class="fr-hint-text" id="${id}-hint">${field.hint}</span>` : ''}</label
  >`;
  const message = html`${notes.map(
    (note, i) => html`<p class="fr-message fr-message--${note.kind}" id="${id}-note-${i}">${note.text}</p>`,
  )}${error ? html`<p class="fr-error-text" id="${id}-error">${error}</p>` : ''}`;
  const aria = describedBy ? html`aria-describedby="${describedBy}"` : '';
  switch (field.kind) {
    case 'select':
      return html`<div class="fr-select-group ${error ? 'fr-select-group--error' : ''}">
        ${label}
        <select class="fr-select" id="${id}" name="${id}" ${aria}>
          ${field.optional !== undefined ? html`<option value="">${field.optional}</option>` : ''}
          ${field.choices.map(
            (choice) =>
              html`<option value="${choice.value}" ${values[id] === choice.value ? 'selected' : ''}>
                ${choice.label}
              </option>`,
          )}
        </select>
        ${message}
      </div>`;
    case 'radio':
      return radioGroup({
        id,
        legend: field.label,
        choices: field.choices,
        chosen: values[id],
        error,
        message,
      });
    case 'checkbox':
      return html`<div class="fr-checkbox-group fr-mb-3w">
        <input type="checkbox" id="${id}" name="${id}" value="true" ${values[id] ? 'checked' : ''} ${aria} />
        <label class="fr-label" for="${id}">${field.label}</label>
        ${message}
      </div>`;
    case 'textarea':
      return html`<div class="fr-input-group ${error ? 'fr-input-group--error' : ''}">
        ${label}
        <textarea
          class="fr-input"
          id="${id}"
          name="${id}"
          rows="4"
          ${aria}
          ${field.required ? 'required' : ''}
        >
${values[id] ?? ''}</textarea>
        ${message}
      </div>`;
    default: {
      const type = {
        text: 'text',
        email: 'email',
        url: 'url',
        date: 'date',
        time: 'time',
        month: 'month',
        money: 'text',
        number: 'number',
      }[field.kind];
      return html`<div class="fr-input-group ${error ? 'fr-input-group--error' : ''}">
        ${label}
        <input
          class="fr-input"
          type="${type}"
          id="${id}"
          name="${id}"
          value="${values[id] ?? ''}"
          ${field.kind === 'money' ? 'inputmode="decimal"' : ''}
          ${aria}
          ${field.required ? 'required' : ''}
        />
        ${message}
      </div>`;
    }
  }
}

export function fieldsHtml(fields: readonly Field[], values: Values, errors: Record<string, string>): Html[] {
  return fields.map((field) =>
    field.kind === 'group'
      ? html`<fieldset class="fr-fieldset">
          <legend class="fr-fieldset__legend">
            ${field.legend}${field.hint ? html`<span class="fr-hint-text">${field.hint}</span>` : ''}
          </legend>
          <div class="fr-fieldset__content">${fieldsHtml(field.fields, values, errors)}</div>
        </fieldset>`
      : input(field, values, errors[field.name]),
  );
}
