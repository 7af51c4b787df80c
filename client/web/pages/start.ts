import type { Fault } from '../../../domain/faults';
import { frenchPath, frenchRule } from '../../../domain/french/faults';
import { idUsedRefusal } from '../../../domain/french/refusals';
import { html, type Html } from '../html';
import { alert, csrfField, layout, type PageContext } from '../layout';

// A convention started from the web (SPEC §9): its file uploaded or pasted, every fault listed by
// its place; then its preview (preview.ts), then the start.

/** Where a convention is started from its file. */
export const START = '/conventions/nouvelle';

export function startPage(
  context: PageContext,
  view: { text?: string; faults?: Fault[]; taken?: string } = {},
): Html {
  return layout(
    'Démarrer une convention',
    context,
    html`<h1>Démarrer une convention</h1>
      <p>
        Déposez le fichier de la convention (YAML ou JSON, comme <code>fixtures/camino-2020.yaml</code>) ou
        collez son texte. Il est vérifié, puis vous voyez ce qu’il engage avant de le démarrer.
      </p>
      ${view.taken ? alert('error', 'Identifiant déjà utilisé', idUsedRefusal(view.taken)) : ''}
      ${
        view.faults?.length
          ? html`<div class="fr-alert fr-alert--error fr-mb-3w" role="alert">
              <h2 class="fr-alert__title">
                ${view.faults.length} point${view.faults.length > 1 ? 's' : ''} à corriger dans le fichier
              </h2>
              <ul>
                ${view.faults.map((fault) => html`<li><strong>${frenchPath(fault.segments)}</strong> : ${frenchRule(fault)}</li>`)}
              </ul>
            </div>`
          : ''
      }
      <form method="post" action="${START}" enctype="multipart/form-data">
        ${csrfField(context.csrf)}
        <div class="fr-upload-group fr-mb-3w">
          <label class="fr-label" for="file"
            >Fichier de la convention
            <span class="fr-hint-text">YAML ou JSON, 1 Mo au plus</span>
          </label>
          <input class="fr-upload" type="file" id="file" name="file" accept=".yaml,.yml,.json" />
        </div>
        <div class="fr-input-group">
          <label class="fr-label" for="text"
            >Ou son texte
            <span class="fr-hint-text">Collé tel quel ; il sert si aucun fichier n’est déposé</span></label
          >
          <textarea class="fr-input" id="text" name="text" rows="12">${view.text ?? ''}</textarea>
        </div>
        <button class="fr-btn" type="submit">Vérifier</button>
      </form>`,
  );
}
