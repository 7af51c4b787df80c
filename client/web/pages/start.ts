import type { Fault } from '../../../domain/faults';
import { frenchPath, frenchRule } from '../../../domain/french/faults';
import { idUsedRefusal } from '../../../domain/french/refusals';
import { frenchDateTime } from '../../../domain/french/words';
import type { DraftSummary } from '../../../store/drafts';
import { html, type Html } from '../html';
import { alert, csrfField, layout, type PageContext } from '../layout';

// A convention started from the web (SPEC §9): written in the creation form (draft.ts), resumed
// from one's drafts, or its file uploaded or pasted, every fault listed by its place; then its
// preview (preview.ts), then the start.

/** Where a convention is started, from its file or from the creation form. */
export const START = '/conventions/nouvelle';
/** Where the drafts of the creation form live (pages/draft.ts). */
export const DRAFTS = `${START}/brouillons`;
/** A draft, resumed where it was left. */
/** Where a convention's document is dropped, to come back as a draft filled with what it says. */
export const DOCUMENT = `${START}/document`;
export const draftLink = (id: string) => `${DRAFTS}/${encodeURIComponent(id)}`;

export function startPage(
  context: PageContext,
  view: {
    text?: string;
    faults?: Fault[];
    taken?: string;
    drafts?: readonly DraftSummary[];
    /** Why the document dropped gave no convention, in French. */
    documentRefused?: string;
  } = {},
): Html {
  return layout(
    'Démarrer une convention',
    context,
    html`<h1>Démarrer une convention</h1>
      ${view.taken ? alert('error', 'Identifiant déjà utilisé', idUsedRefusal(view.taken)) : ''}
      <h2>Remplir le formulaire</h2>
      <p>
        Saisissez la convention étape par étape : la startup, les parties, les personnes, le budget, le
        calendrier. Vous pouvez vous arrêter à tout moment et reprendre plus tard : votre brouillon est gardé.
      </p>
      <form method="post" action="${DRAFTS}">
        ${csrfField(context.csrf)}
        <button class="fr-btn" type="submit">Commencer une nouvelle convention</button>
      </form>
      ${view.drafts?.length ? draftList(context, view.drafts) : ''}

      <h2 class="fr-mt-6w">Ou partir du document de la convention</h2>
      <p>
        Déposez la convention signée ou son projet, sur le modèle de la DINUM : le formulaire revient rempli
        de ce que dit le document (parties et représentants, startup, lignes budgétaires, imputations Chorus),
        chaque valeur avec la ligne d’où elle vient. Ce que le document ne dit pas, comme les adresses
        électroniques, vous est demandé ; ce qu’il dit mal (texte mal reconnu) est signalé, à vérifier.
      </p>
      ${view.documentRefused ? alert('error', 'Document non lu', view.documentRefused) : ''}
      <form method="post" action="${DOCUMENT}" enctype="multipart/form-data">
        ${csrfField(context.csrf)}
        <div class="fr-upload-group fr-mb-3w">
          <label class="fr-label" for="document"
            >Document de la convention
            <span class="fr-hint-text">PDF avec son texte, document Word (DOCX) ou texte, 10 Mo au plus</span>
          </label>
          <input
            class="fr-upload"
            type="file"
            id="document"
            name="document"
            required
            accept=".pdf,.docx,.txt,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain"
          />
        </div>
        <button class="fr-btn" type="submit">Lire le document</button>
      </form>

      <h2 class="fr-mt-6w">Ou déposer son fichier</h2>
      <p>
        Si vous avez déjà le fichier de la convention, au format YAML ou JSON que décrit la documentation du
        service, déposez-le ou collez son texte. Il est vérifié, puis vous voyez ce qu’il engage avant de le
        démarrer.
      </p>
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

/** « Mes brouillons »: each resumed or deleted by its owner. */
const draftList = (context: PageContext, drafts: readonly DraftSummary[]) =>
  html`<h3 class="fr-mt-4w">Mes brouillons</h3>
    <ul class="fr-raw-list">
      ${drafts.map(
        (draft) =>
          html`<li class="fr-mb-2w">
            <a class="fr-link" href="${draftLink(draft.id)}">${draft.title ?? 'Convention sans titre'}</a>
            <span class="fr-hint-text"
              >modifié le ${frenchDateTime(new Date(draft.updatedAt).toISOString())}</span
            >
            <form method="post" action="${draftLink(draft.id)}/supprimer">
              ${csrfField(context.csrf)}
              <button class="fr-btn fr-btn--sm fr-btn--tertiary" type="submit">
                Supprimer le brouillon « ${draft.title ?? 'Convention sans titre'} »
              </button>
            </form>
          </li>`,
      )}
    </ul>`;
