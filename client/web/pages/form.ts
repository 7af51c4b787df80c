import type { ConsoleForm } from '../../../domain/access';
import type { Fault } from '../../../domain/faults';
import { frenchRule } from '../../../domain/french/faults';
import { capitalized } from '../../../domain/french/words';
import { FORMS } from '../forms';
import { flatten, type FormContext, type Values } from '../forms/spec';
import { html, type Html } from '../html';
import { fieldsHtml } from '../inputs';
import { alert, conventionHref, csrfField, layout, type PageContext } from '../layout';

// A command's form: its fields as its specification gives them (forms/), a refusal above it in
// French, each fault beside its field, and what was typed kept; instead of a form that cannot
// succeed today, why not and until when.

/** The field a fault points at: `spent.0113-PEBC-ELAB`, `conditions` for `conditions[2]`. */
const fieldNameOf = (fault: Fault) =>
  fault.segments.filter((segment) => typeof segment === 'string').join('.');

export interface FormView {
  form: ConsoleForm;
  context: FormContext;
  values: Values;
  /** The refusal, in French, and the faults of its fields by field name. */
  refused?: { text: string; faults: Fault[] };
}

export function formPage(page: PageContext, { form, context, values, refused }: FormView): Html {
  const spec = FORMS[form];
  const fields = spec.fields(context);
  const names = new Set(flatten(fields).map((field) => field.name));
  const errors: Record<string, string> = {};
  for (const fault of refused?.faults ?? []) {
    const name = fieldNameOf(fault);
    if (names.has(name)) errors[name] ??= capitalized(frenchRule(fault));
  }
  const id = context.convention.id;
  const closed = spec.closed?.(context);
  const intro = spec.intro?.(context);
  return layout(
    `${spec.title} — ${context.convention.startup.name}`,
    page,
    html`<h1>${spec.title}</h1>
      <p class="fr-text--lead">${context.convention.title}</p>
      ${intro ? html`<p>${intro}</p>` : ''} ${spec.summary ? spec.summary(context) : ''}
      ${
        closed
          ? html`${alert('info', closed.title, closed.text)}
              <p>
                <a class="fr-btn fr-btn--secondary" href="${conventionHref(id)}">Retour à la convention</a>
              </p>`
          : html`${refused ? alert('error', 'La demande n’a pas été enregistrée', refused.text) : ''}
              <form method="post" action="${conventionHref(id)}/${form}" novalidate>
                ${csrfField(page.csrf)} ${fieldsHtml(fields, values, errors)}
                <ul class="fr-btns-group fr-btns-group--inline-md">
                  <li><button class="fr-btn" type="submit">${spec.submit ?? 'Enregistrer'}</button></li>
                  <li><a class="fr-btn fr-btn--secondary" href="${conventionHref(id)}">Annuler</a></li>
                </ul>
              </form>`
      }`,
  );
}
