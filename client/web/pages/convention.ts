import type { ChainBreak, ChainCheck, RegisterEntry } from '../../../store/register';
import { actionPath, formPath, type ConsoleForm } from '../../../domain/access';
import { localDateOf } from '../../../domain/dates';
import { actionText, deadlineText } from '../../../domain/french/actions';
import {
  COMMAND_NAMES,
  DECISION_NAMES,
  EMAIL_KIND_NAMES,
  EMAIL_OUTCOME_NAMES,
  frenchDate,
  frenchDateTime,
  frenchMonth,
  frenchTime,
  PHASE_NAMES,
  REGISTER_EVENT_NAMES,
  STATE_NAMES,
} from '../../../domain/french/words';
import { formatEuros } from '../../../domain/money';
import { LIFECYCLE_STATES, TIME_ACTOR, type LifecycleState } from '../../../domain/record';
import type { ConventionStatus } from '../../../domain/status';
import type { CommandName } from '../../../domain/commands';
import type { EmailKind } from '../../../domain/emails';
import type { HistoryEntry } from '../../history';
import type { ConventionListing } from '../../list';
import { budgetChart, budgetSteps } from '../chart';
import { FORMS } from '../forms';
import { html, type Html } from '../html';
import { alert, conventionHref, layout, stateBadge, waitingOnText, type PageContext } from '../layout';

// A person's conventions, one convention's page (where it stands, what waits, its budget, its
// reports, its timeline) and its register: all in French, no identifier of the domain as text.

const commandName = (kind: string) =>
  COMMAND_NAMES[kind as CommandName] ?? REGISTER_EVENT_NAMES[kind] ?? 'Décision';

export function listPage(
  context: PageContext,
  conventions: readonly ConventionListing[],
  filters: { state?: string; waitingOn?: string },
  parties: readonly string[],
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
          : html`<div class="fr-table">
              <table>
                <caption>
                  ${conventions.length} convention${conventions.length > 1 ? 's' : ''}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Convention</th>
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
                        <td><a href="${conventionHref(c.id)}">${c.id}</a></td>
                        <td>${c.startup ?? ''}</td>
                        <td>${stateBadge(c.state as LifecycleState | null)}</td>
                        <td>${c.nextDeadline ? frenchDateTime(c.nextDeadline) : '—'}</td>
                        <td>${waitingOnText(c.waitingOn)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }`,
  );
}

/** The timeline's kinds of entries, as its filter offers them. */
export const TIMELINE_KINDS = {
  commandes: 'Commandes',
  courriels: 'Courriels',
  etats: 'Changements d’état',
} as const;
export type TimelineKind = keyof typeof TIMELINE_KINDS;
const TIMELINE_PAGE = 20;

const kindOf = (entry: HistoryEntry): TimelineKind | undefined =>
  entry.type === 'command' || entry.type === 'reset'
    ? 'commandes'
    : entry.type === 'email'
      ? 'courriels'
      : entry.type === 'state'
        ? 'etats'
        : undefined;

function timelineRow(entry: HistoryEntry): Html | undefined {
  const when = frenchDateTime(entry.at);
  switch (entry.type) {
    case 'command':
      return html`<tr>
        <td>${when}</td>
        <td>${COMMAND_NAMES[entry.command as CommandName] ?? 'Commande'}</td>
        <td>${entry.as ?? ''}</td>
        <td>
          ${
            entry.ok
              ? html`<p class="fr-badge fr-badge--sm fr-badge--success">acceptée</p>`
              : html`<p class="fr-badge fr-badge--sm fr-badge--error">refusée</p>`
          }
        </td>
      </tr>`;
    case 'email':
      return html`<tr>
        <td>${when}</td>
        <td>Courriel : ${EMAIL_KIND_NAMES[entry.kind as EmailKind] ?? 'message'}</td>
        <td>${entry.to.join(', ')}</td>
        <td>
          ${EMAIL_OUTCOME_NAMES[entry.outcome]}${
            entry.heldFor && entry.outcome !== 'held'
              ? ` ; gardé pour le récapitulatif hebdomadaire de ${entry.heldFor.join(', ')}`
              : ''
          }
        </td>
      </tr>`;
    case 'state':
      return html`<tr>
        <td>${when}</td>
        <td>Changement d’état</td>
        <td></td>
        <td>
          ${entry.from ? `${STATE_NAMES[entry.from as LifecycleState]} → ` : ''}${STATE_NAMES[entry.to as LifecycleState]}
        </td>
      </tr>`;
    case 'reset':
      return html`<tr>
        <td>${when}</td>
        <td>Réinitialisation par un administrateur</td>
        <td></td>
        <td>${entry.reason}</td>
      </tr>`;
    default:
      return undefined;
  }
}

export interface ConventionView {
  status: ConventionStatus;
  history: readonly HistoryEntry[];
  forms: Partial<Record<ConsoleForm, string[]>>;
  /** What this person can do now, from the table of who acts next. */
  mine: ConventionStatus['pending'];
  done?: string;
  timeline: { kind?: TimelineKind; page: number };
  now: number;
}

function timelineSection(id: string, view: ConventionView): Html {
  const { kind, page } = view.timeline;
  const rows = view.history.filter((entry) => kindOf(entry) && (!kind || kindOf(entry) === kind)).reverse();
  const pages = Math.max(1, Math.ceil(rows.length / TIMELINE_PAGE));
  const current = Math.min(Math.max(page, 1), pages);
  const shown = rows.slice((current - 1) * TIMELINE_PAGE, current * TIMELINE_PAGE);
  const href = (query: { quoi?: string; page?: number }) => {
    const params = new URLSearchParams(
      Object.entries(query).flatMap(([k, v]): [string, string][] => (v ? [[k, String(v)]] : [])),
    ).toString();
    return `${conventionHref(id)}${params ? `?${params}` : ''}#chronologie`;
  };
  return html`<h2 id="chronologie">Chronologie</h2>
    <nav class="fr-mb-2w" aria-label="Filtrer la chronologie">
      <ul class="fr-tags-group">
        <li><a class="fr-tag" href="${href({})}" ${!kind ? 'aria-current="true"' : ''}>Tout</a></li>
        ${(Object.keys(TIMELINE_KINDS) as TimelineKind[]).map(
          (k) =>
            html`<li>
              <a class="fr-tag" href="${href({ quoi: k })}" ${kind === k ? 'aria-current="true"' : ''}
                >${TIMELINE_KINDS[k]}</a
              >
            </li>`,
        )}
      </ul>
    </nav>
    <div class="fr-table">
      <table>
        <caption>
          ${kind ? TIMELINE_KINDS[kind] : 'Commandes, courriels et changements d’état'}, du plus récent au
          plus ancien (page ${current} sur ${pages})
        </caption>
        <thead>
          <tr>
            <th scope="col">Quand</th>
            <th scope="col">Quoi</th>
            <th scope="col">Qui</th>
            <th scope="col">Issue</th>
          </tr>
        </thead>
        <tbody>
          ${shown.map(timelineRow)}
        </tbody>
      </table>
    </div>
    ${
      pages > 1
        ? html`<nav role="navigation" class="fr-pagination" aria-label="Pages de la chronologie">
            <ul class="fr-pagination__list">
              ${Array.from({ length: pages }, (_, i) => i + 1).map(
                (n) =>
                  html`<li>
                    <a
                      class="fr-pagination__link"
                      href="${href({ quoi: kind, page: n })}"
                      ${n === current ? 'aria-current="page"' : ''}
                      title="Page ${n}"
                      >${n}</a
                    >
                  </li>`,
              )}
            </ul>
          </nav>`
        : ''
    }`;
}

export function conventionPage(context: PageContext, view: ConventionView): Html {
  const { status, history, forms } = view;
  const id = status.id;
  const from = Date.parse(status.startedAt);
  const today = localDateOf(view.now, 'Europe/Paris');
  const next = status.nextDeadlines[0];
  return layout(
    `${status.startup} (${id})`,
    context,
    html`<h1>${status.startup} <span class="fr-text--lead">${id}</span></h1>
      ${view.done ? alert('success', 'Enregistré', view.done) : ''}
      <p>${status.title}</p>
      ${stateBadge(status.state)}
      <p>
        Phase : ${PHASE_NAMES[status.phase]}. Prochaine échéance :
        ${next ? `${EMAIL_KIND_NAMES[next.kind]}, le ${frenchDateTime(next.at)}` : 'aucune'}.
      </p>

      <h2>Ce qui est attendu</h2>
      ${
        status.pending.length
          ? html`<ul>
              ${status.pending.map(
                (action) =>
                  html`<li>
                    ${view.mine.includes(action) ? html`<a href="${actionPath(id, action)}">${actionText(action)}</a>` : actionText(action)}
                    —
                    ${waitingOnText(action.waitingOn.map((w) => w.party))}${deadlineText(action, today) ? `, ${deadlineText(action, today)}` : ''}
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
      <p><a class="fr-link" href="${conventionHref(id)}/registre">Registre des décisions</a></p>

      <h2>Budget par UO</h2>
      ${status.credits.map((line) => budgetChart(line, budgetSteps(history, line.uo), from, view.now))}
      <div class="fr-table">
        <table>
          <caption>
            Crédits par UO
          </caption>
          <thead>
            <tr>
              <th scope="col">UO</th>
              <th scope="col">AE allouées</th>
              <th scope="col">AE engagées</th>
              <th scope="col">CP payés</th>
              <th scope="col">AE restantes</th>
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
        </table>
      </div>

      ${budgetYearsSection(status)}

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
          ? html`<div class="fr-table">
              <table>
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
              </table>
            </div>`
          : html`<p>Aucun compte rendu n’est encore dû.</p>`
      }
      ${timelineSection(id, view)}`,
  );
}

const CHAIN_BREAKS: Record<ChainBreak, string> = {
  missing: 'une entrée manque avant elle',
  'out-of-order': 'elle ne suit pas l’entrée précédente',
  changed: 'son contenu a été modifié après son écriture',
};

/** What a register entry decided, in a few French words. */
function entryDetail(entry: RegisterEntry): string {
  const p = entry.payload;
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  switch (entry.kind) {
    case 'sign':
    case 'give-notice':
    case 'withdraw-notice':
      return text(p.party);
    case 'decide':
      return DECISION_NAMES[p.decision as keyof typeof DECISION_NAMES] ?? '';
    case 'submit-report':
      return p.final ? 'compte rendu final' : frenchMonth(text(p.period));
    case 'engage':
    case 'pay':
    case 'request-credits':
    case 'make-available':
    case 'year-end-forecast':
      return [
        text(p.uo),
        ...['ae', 'cp']
          .filter((k) => typeof p[k] === 'string')
          .map((k) => `${k.toUpperCase()} ${formatEuros(text(p[k]))}`),
      ]
        .filter(Boolean)
        .join(', ');
    case 'credit-insufficiency':
      return `${text(p.uo)}, ${formatEuros(text(p.requested))} demandés`;
    case 'amend':
      return `avenant n° ${String(p.number)}`;
    case 'year-end-statement': {
      const lines = (p.lines as { uo: string; aeLeft: string; cpLapsed: string }[] | undefined) ?? [];
      return `exercice ${String(p.year)} : ${lines
        .map(
          (l) =>
            `${l.uo}, AE à reporter ${formatEuros(l.aeLeft)}, CP non consommés ${formatEuros(l.cpLapsed)}`,
        )
        .join(' ; ')}`;
    }
    case 'publish':
      return text(p.where);
    case 'reset': {
      const supersedes = (p.supersedes as number[] | undefined) ?? [];
      return supersedes.length ? `écarte les entrées ${supersedes.join(', ')}` : 'n’écarte aucune entrée';
    }
    default:
      return '';
  }
}

export function registerPage(
  context: PageContext,
  conventionId: string,
  entries: readonly RegisterEntry[],
  check: ChainCheck,
): Html {
  return layout(
    `Registre de ${conventionId}`,
    context,
    html`<h1>Registre des décisions — ${conventionId}</h1>
      <p>
        Chaque décision acceptée y est inscrite pour toujours ; chaque entrée porte l’empreinte de la
        précédente, de sorte qu’aucune ne peut être modifiée, ôtée ou intercalée sans que la chaîne se rompe.
      </p>
      ${
        check.ok
          ? alert(
              'success',
              'Chaîne intacte',
              `${check.entries} entrées, chacune scellée avec la précédente.`,
            )
          : alert('error', 'Chaîne rompue', `À l’entrée ${check.brokenAt} : ${CHAIN_BREAKS[check.problem]}.`)
      }
      <div class="fr-table">
        <table>
          <caption>
            Entrées du registre
          </caption>
          <thead>
            <tr>
              <th scope="col">N°</th>
              <th scope="col">Quand</th>
              <th scope="col">Décision</th>
              <th scope="col">Détail</th>
              <th scope="col">Par</th>
              <th scope="col">Empreinte</th>
            </tr>
          </thead>
          <tbody>
            ${entries.map(
              (e) =>
                html`<tr>
                  <td>${e.seq}</td>
                  <td>${frenchDateTime(e.at)}</td>
                  <td>
                    ${commandName(e.kind)}
                    ${
                      e.supersededBy
                        ? html`<p class="fr-badge fr-badge--warning fr-badge--sm">
                            Écartée par la réinitialisation (entrée n° ${e.supersededBy})
                          </p>`
                        : ''
                    }
                  </td>
                  <td>${entryDetail(e)}</td>
                  <td>${e.actor === TIME_ACTOR ? 'l’outil de suivi' : e.actor}</td>
                  <td><code>${e.hash.slice(0, 12)}…</code></td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <p><a class="fr-link" href="${conventionHref(conventionId)}">Retour à la convention</a></p>`,
  );
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
    <div class="fr-table">
      <table>
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
      </table>
    </div>
    ${
      status.yearStatements.length
        ? html`<div class="fr-table">
            <table>
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
            </table>
          </div>`
        : ''
    }
  </section>`;
}
