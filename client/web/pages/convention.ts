import { DOCUMENT_PAGE } from '../../../domain/french/documents';
import { actionPath, formPath, type ConsoleForm } from '../../../domain/access';
import { creditsWindows } from '../../../domain/credits-now';
import { localDateOf } from '../../../domain/dates';
import { closedCreditsText } from '../../../domain/french/credits';
import { actionText, deadlineText, nextDeadlineText } from '../../../domain/french/actions';
import {
  DECISION_NAMES,
  frenchDate,
  frenchDateTime,
  frenchMonth,
  frenchTime,
  PHASE_NAMES,
} from '../../../domain/french/words';
import { formatEuros } from '../../../domain/money';
import type { ConventionStatus } from '../../../domain/status';
import type { HistoryEntry } from '../../history';
import { budgetChart, budgetSteps } from '../chart';
import { FORMS } from '../forms';
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
import { timelineSection, type TimelineView } from './timeline';

// One convention's page: where it stands, what waits on whom, its budget, its committees, its
// reports, its timeline; all in French, no identifier of the domain as text.

export interface ConventionView {
  status: ConventionStatus;
  history: readonly HistoryEntry[];
  forms: Partial<Record<ConsoleForm, string[]>>;
  /** What this person can do now, from the table of who acts next. */
  mine: ConventionStatus['pending'];
  done?: string;
  timeline: TimelineView;
  now: number;
}

/**
 * Whom an action waits on, unless its text names them already (« Signer la convention pour
 * DGALN »), then its deadline: ` (DINUM) — à faire au plus tard le 10 janvier 2027`.
 */
function awaitedText(action: ConventionStatus['pending'][number], today: string): string {
  const parties = action.waitingOn.map((w) => w.party);
  const named = parties.length === 1 && parties[0] === action.about.party;
  const deadline = deadlineText(action, today);
  return `${named ? '' : ` (${waitingOnText(parties)})`}${deadline ? ` — ${deadline}` : ''}`;
}

export function conventionPage(context: PageContext, view: ConventionView): Html {
  const { status, history, forms } = view;
  const id = status.id;
  const from = Date.parse(status.startedAt);
  const today = localDateOf(view.now, 'Europe/Paris');
  return layout(
    status.title,
    context,
    html`<h1>${status.title}</h1>
      ${view.done ? alert('success', 'Enregistré', view.done) : ''}
      <p>Startup d’État ${status.startup} · référence ${id}</p>
      ${stateBadge(status.state)}
      <p>
        Phase : ${PHASE_NAMES[status.phase]}. Prochaine échéance :
        ${nextDeadlineText(status.nextDeadline, status.nextCommittee, today)}.
      </p>

      <h2>Ce qui est attendu</h2>
      ${
        status.pending.length
          ? html`<ul>
              ${status.pending.map(
                (action) =>
                  html`<li>
                    ${view.mine.includes(action) ? html`<a href="${actionPath(id, action)}">${actionText(action)}</a>` : actionText(action)}${awaitedText(action, today)}
                  </li>`,
              )}
            </ul>`
          : html`<p>Rien n’est attendu de personne.</p>`
      }
      ${
        Object.keys(forms).length
          ? html`<h2>Vos formulaires</h2>
              <ul class="fr-btns-group fr-btns-group--inline-md">
                ${(Object.keys(forms) as ConsoleForm[]).map(
                  (form) =>
                    html`<li>
                      <a class="fr-btn fr-btn--secondary" href="${formPath(id, form)}"
                        >${FORMS[form].title}</a
                      >
                    </li>`,
                )}
              </ul>`
          : ''
      }
      <ul class="fr-links-group">
        <li><a class="fr-link" href="${conventionHref(id)}/registre">Registre des décisions</a></li>
        <li><a class="fr-link" href="${conventionHref(id)}/document">${DOCUMENT_PAGE.link}</a></li>
      </ul>

      <h2>Budget par UO</h2>
      ${status.credits.map((line) => budgetChart(line, budgetSteps(history, line.uo), from, view.now))}
      ${dataTable(
        html`<table>
          <caption>
            Crédits par UO
          </caption>
          <thead>
            <tr>
              <th scope="col">UO</th>
              <th scope="col">AE allouées</th>
              <th scope="col">AE engagées</th>
              <th scope="col">CP payés</th>
              <th scope="col">AE non engagées, tous exercices</th>
            </tr>
          </thead>
          <tbody>
            ${status.credits.map(
              (line) =>
                html`<tr>
                  <td>${line.uo}</td>
                  <td>${formatEuros(line.ae)}</td>
                  <td>${formatEuros(line.engaged)}</td>
                  <td>${formatEuros(line.paid)}</td>
                  <td>${formatEuros(line.aeLeft)}</td>
                </tr>`,
            )}
          </tbody>
        </table>`,
      )}
      ${closedEngagements(status, today)} ${budgetYearsSection(status)}

      <h2>Phases et comités</h2>
      <ul>
        ${status.phases.map(
          (p) =>
            html`<li>
              ${PHASE_NAMES[p.phase]}, depuis le
              ${frenchDateTime(p.since)}${p.committee ? `, décidée par le comité n° ${p.committee}` : ''}
            </li>`,
        )}
        ${status.committees.map(
          (c) =>
            html`<li>
              Comité n° ${c.number} du ${frenchDate(c.date)}${c.time ? ` à ${frenchTime(c.time)}` : ''} :
              ${c.decided ? DECISION_NAMES[c.decided.decision] : c.overdue ? 'décision attendue' : 'à venir'}
              ${!c.decided && c.place ? html`— ${c.place}` : ''}
              ${!c.decided && c.visio ? html`— <a href="${c.visio}">visioconférence</a>` : ''}
            </li>`,
        )}
      </ul>

      <h2>Comptes rendus mensuels</h2>
      ${
        status.reports.length
          ? html`${dataTable(
              html`<table>
                <caption>
                  Comptes rendus
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Mois</th>
                    <th scope="col">Attendu le</th>
                    <th scope="col">Reçu</th>
                    <th scope="col">Retard (jours)</th>
                  </tr>
                </thead>
                <tbody>
                  ${status.reports.map(
                    (r) =>
                      html`<tr>
                        <td>${frenchMonth(r.period)}</td>
                        <td>${frenchDate(r.dueOn)}</td>
                        <td>${r.receivedAt ? frenchDateTime(r.receivedAt) : 'non'}</td>
                        <td>${r.daysLate ?? ''}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`,
            )}`
          : html`<p>Aucun compte rendu n’est encore dû.</p>`
      }
      ${timelineSection(id, history, view.timeline)}`,
  );
}

/** After the fin de gestion (in December), why the UOs cannot be engaged on, and when they can again. */
function closedEngagements(status: ConventionStatus, today: string): Html | string {
  if (status.state !== 'in-force') return '';
  const windows = creditsWindows(status.credits, 'engage', today);
  return windows.some(({ window }) => !window.open)
    ? html`<div class="fr-callout fr-my-3w">
        <p class="fr-callout__text">${closedCreditsText('engage', windows)}</p>
      </div>`
    : '';
}

/**
 * The credits by budget year (SPEC §11): each year's fin de gestion, where the pace leads, the
 * délégataire's forecast; then the statement of each year closed.
 */
function budgetYearsSection(status: ConventionStatus): Html | string {
  const years = status.credits
    .flatMap((line) => line.years.map((year) => ({ uo: line.uo, ...year })))
    .sort((a, b) => a.year - b.year);
  if (!years.length) return '';
  const dash = '—';
  return html`<section id="exercices">
    <h2>Crédits par exercice</h2>
    ${dataTable(
      html`<table>
        <caption>
          Crédits de chaque exercice, jusqu’à sa fin de gestion
        </caption>
        <thead>
          <tr>
            <th scope="col">Exercice</th>
            <th scope="col">UO</th>
            <th scope="col">AE engagées / allouées</th>
            <th scope="col">CP payés / alloués</th>
            <th scope="col">Fin de gestion</th>
            <th scope="col">Au rythme constaté</th>
            <th scope="col">Prévision du délégataire</th>
          </tr>
        </thead>
        <tbody>
          ${years.map(
            (y) =>
              html`<tr>
                <td>${y.year}</td>
                <td>${y.uo}</td>
                <td>${formatEuros(y.engaged)} / ${formatEuros(y.ae)}</td>
                <td>${formatEuros(y.paid)} / ${formatEuros(y.cp)}</td>
                <td>
                  engagements jusqu’au ${frenchDate(y.engagementsUntil)}, paiements jusqu’au
                  ${frenchDate(y.paymentsUntil)}
                </td>
                <td>
                  ${
                    y.statedAt
                      ? 'exercice clos'
                      : y.projection
                        ? `${formatEuros(y.projection.aeLapsing)} d’AE non engagées, ${formatEuros(y.projection.cpLapsing)} de CP non consommés`
                        : dash
                  }
                </td>
                <td>
                  ${
                    y.forecast
                      ? `${formatEuros(y.forecast.ae)} d’AE, ${formatEuros(y.forecast.cp)} de CP (${frenchDateTime(y.forecast.at)})`
                      : dash
                  }
                </td>
              </tr>`,
          )}
        </tbody>
      </table>`,
    )}
    ${
      status.yearStatements.length
        ? html`${dataTable(
            html`<table>
              <caption>
                Bilans de fin d’exercice
              </caption>
              <thead>
                <tr>
                  <th scope="col">Exercice</th>
                  <th scope="col">UO</th>
                  <th scope="col">AE engagées / allouées</th>
                  <th scope="col">AE à reporter par avenant</th>
                  <th scope="col">CP payés / alloués</th>
                  <th scope="col">CP non consommés</th>
                </tr>
              </thead>
              <tbody>
                ${status.yearStatements.flatMap((statement) =>
                  statement.lines.map(
                    (line) =>
                      html`<tr>
                        <td>${statement.year}</td>
                        <td>${line.uo}</td>
                        <td>${formatEuros(line.engaged)} / ${formatEuros(line.ae)}</td>
                        <td>${formatEuros(line.aeLeft)}</td>
                        <td>${formatEuros(line.paid)} / ${formatEuros(line.cp)}</td>
                        <td>${formatEuros(line.cpLapsed)}</td>
                      </tr>`,
                  ),
                )}
              </tbody>
            </table>`,
          )}`
        : ''
    }
  </section>`;
}
