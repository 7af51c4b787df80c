import { actionPath } from '../../../domain/access';
import { actionText, deadlineText } from '../../../domain/french/actions';
import type { AwaitedAction } from '../../../domain/digest';
import { html, type Html } from '../html';
import { alert, layout, type PageContext } from '../layout';

// "Mes actions" (SPEC §9): what waits on the person signed in, across all their conventions,
// soonest deadline first, each with the form that does it.

export function actionsPage(
  context: PageContext,
  actions: readonly AwaitedAction[],
  today: string,
  options: { canStart: boolean },
): Html {
  return layout(
    'Mes actions',
    context,
    html`<h1>Mes actions</h1>
      ${
        actions.length === 0
          ? alert(
              'info',
              'Rien ne vous attend',
              'Aucune convention n’attend d’action de votre part aujourd’hui.',
            )
          : html`<p>
                ${actions.length} action${actions.length > 1 ? 's vous attendent' : ' vous attend'}, la plus
                urgente d’abord.
              </p>
              <ul class="fr-grid-row fr-grid-row--gutters console-actions">
                ${actions.map(({ conventionId, title, action }) => {
                  const deadline = deadlineText(action, today);
                  const late = Boolean(
                    action.deadline && action.deadline < today && action.command !== 'decide',
                  );
                  return html`<li class="fr-col-12 fr-col-md-6">
                    <div class="fr-card fr-enlarge-link">
                      <div class="fr-card__body">
                        <div class="fr-card__content">
                          <h2 class="fr-card__title">
                            <a href="${actionPath(conventionId, action)}">${actionText(action)}</a>
                          </h2>
                          <p class="fr-card__desc">${title}</p>
                          ${
                            deadline
                              ? html`<div class="fr-card__end">
                                  <p
                                    class="fr-badge fr-badge--sm ${late ? 'fr-badge--error' : 'fr-badge--info'}"
                                  >
                                    ${deadline}
                                  </p>
                                </div>`
                              : ''
                          }
                        </div>
                      </div>
                    </div>
                  </li>`;
                })}
              </ul>`
      }
      <ul class="fr-btns-group fr-btns-group--inline-md fr-mt-3w">
        <li><a class="fr-btn fr-btn--secondary" href="/conventions">Toutes mes conventions</a></li>
        <li>
          <a class="fr-btn fr-btn--secondary" href="/agenda"
            >Mon agenda : mes échéances dans mon calendrier</a
          >
        </li>
        <li>
          <a class="fr-btn fr-btn--secondary" href="/rappels"
            >Mes rappels : un par un, ou un récapitulatif par semaine</a
          >
        </li>
        ${options.canStart ? html`<li><a class="fr-btn fr-btn--secondary" href="/conventions/nouvelle">Démarrer une convention</a></li>` : ''}
      </ul>`,
  );
}
