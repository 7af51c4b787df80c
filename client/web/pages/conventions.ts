import type { LocalDate } from '../../../domain/dates';
import { listedDueText } from '../../../domain/french/actions';
import { STATE_NAMES } from '../../../domain/french/words';
import { LIFECYCLE_STATES, type LifecycleState } from '../../../domain/record';
import type { ConventionListing } from '../../list';
import { html, type Html } from '../html';
import {
  alert,
  dataTable,
  conventionHref,
  layout,
  stateBadge,
  waitingOnText,
  type PageContext,
} from '../layout';

// A person's conventions, each by its title and startup, filtered by state and by whom they wait on.

export function listPage(
  context: PageContext,
  conventions: readonly ConventionListing[],
  filters: { state?: string; waitingOn?: string },
  parties: readonly string[],
  /** Each convention's title, by its id. */
  titles: ReadonlyMap<string, string>,
  /** The day in Paris: a due day before it reads as late. */
  today: LocalDate,
  /** Why the filters were refused, naming the one at fault. */
  error?: string,
): Html {
  return layout(
    'Mes conventions',
    context,
    html`<h1>Mes conventions</h1>
      ${error ? alert('error', 'Filtre refusé', error) : ''}
      <form
        method="get"
        action="/conventions"
        class="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom fr-mb-3w"
      >
        <div class="fr-col-12 fr-col-md-4">
          <div class="fr-select-group">
            <label class="fr-label" for="state">État</label>
            <select class="fr-select" id="state" name="state">
              <option value="">Tous</option>
              ${LIFECYCLE_STATES.map(
                (state) =>
                  html`<option value="${state}" ${filters.state === state ? 'selected' : ''}>
                    ${STATE_NAMES[state]}
                  </option>`,
              )}
            </select>
          </div>
        </div>
        <div class="fr-col-12 fr-col-md-4">
          <div class="fr-select-group">
            <label class="fr-label" for="waitingOn">En attente de</label>
            <select class="fr-select" id="waitingOn" name="waitingOn">
              <option value="">Tout le monde</option>
              ${[...parties, 'committee-secretary'].map(
                (party) =>
                  html`<option value="${party}" ${filters.waitingOn === party ? 'selected' : ''}>
                    ${waitingOnText([party])}
                  </option>`,
              )}
            </select>
          </div>
        </div>
        <div class="fr-col-12 fr-col-md-4"><button class="fr-btn" type="submit">Filtrer</button></div>
      </form>
      ${
        conventions.length === 0
          ? html`<p>Aucune convention ne correspond.</p>`
          : html`${dataTable(
              html`<table>
                <caption>
                  ${conventions.length} convention${conventions.length > 1 ? 's' : ''}
                </caption>
                <thead>
                  <tr>
                    <th scope="col" class="fr-col--md">Convention</th>
                    <th scope="col">Startup</th>
                    <th scope="col">État</th>
                    <th scope="col">Prochaine échéance</th>
                    <th scope="col">En attente de</th>
                  </tr>
                </thead>
                <tbody>
                  ${conventions.map(
                    (c) =>
                      html`<tr>
                        <td><a href="${conventionHref(c.id)}">${titles.get(c.id) ?? c.id}</a></td>
                        <td>${c.startup ?? ''}</td>
                        <td>${stateBadge(c.state as LifecycleState | null)}</td>
                        <td>${listedDueText(c, today)}</td>
                        <td>${waitingOnText(c.waitingOn)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`,
            )}`
      }`,
  );
}
