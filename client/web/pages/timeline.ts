import type { CommandName } from '../../../domain/commands';
import type { EmailKind } from '../../../domain/emails';
import {
  COMMAND_NAMES,
  EMAIL_KIND_NAMES,
  EMAIL_OUTCOME_NAMES,
  frenchDateTime,
  STATE_NAMES,
} from '../../../domain/french/words';
import { frenchRefusal, REFUSAL_TYPE_NAMES } from '../../../domain/french/refusals';
import type { LifecycleState } from '../../../domain/record';
import type { Refusal, RefusalType } from '../../../domain/refusals';
import type { HistoryEntry } from '../../history';
import { html, type Html } from '../html';
import { dataTable, conventionHref } from '../layout';
import { actorName, broughtInNote, broughtInOf, commandName, entryWhen } from './register';

// A convention's timeline, from its event history: commands, emails and changes of state, newest
// first, filtered by kind and paged.

/** The timeline's kinds of entries, as its filter offers them. */
export const TIMELINE_KINDS = {
  commandes: 'Commandes',
  courriels: 'Courriels',
  etats: 'Changements d’état',
} as const;
export type TimelineKind = keyof typeof TIMELINE_KINDS;
const TIMELINE_PAGE = 20;

/** A register entry of the past a convention was brought in with, on its timeline among the commands. */
type PastEntry = { type: 'past'; at: string; kind: string; actor: string; payload: Record<string, unknown> };
type TimelineEntry = HistoryEntry | PastEntry;

/** The history with the past a run started from, where it started (it happened before). */
const withPast = (history: readonly HistoryEntry[]): TimelineEntry[] =>
  history.flatMap((entry): TimelineEntry[] => [
    entry,
    ...(entry.type === 'run-started' && entry.broughtIn
      ? entry.broughtIn.map(({ at, kind, actor, payload }) => ({
          type: 'past' as const,
          at,
          kind,
          actor,
          payload,
        }))
      : []),
  ]);

const kindOf = (entry: TimelineEntry): TimelineKind | undefined =>
  entry.type === 'command' || entry.type === 'reset' || entry.type === 'past'
    ? 'commandes'
    : entry.type === 'email'
      ? 'courriels'
      : entry.type === 'state'
        ? 'etats'
        : undefined;

/** Why a command was refused, in French; a refusal from before failures carried their code, by its kind. */
function refusalText(error: { type?: string; refusal?: Refusal } | undefined): string {
  if (error?.refusal) return frenchRefusal(error.refusal);
  return REFUSAL_TYPE_NAMES[error?.type as RefusalType] ?? 'Refusée par la convention.';
}

function timelineRow(entry: TimelineEntry): Html | undefined {
  const when = frenchDateTime(entry.at);
  switch (entry.type) {
    case 'past': {
      const mark = broughtInOf(entry.payload);
      return html`<tr>
        <td>${entryWhen(entry.at, mark)}</td>
        <td>${commandName(entry.kind)}</td>
        <td>${actorName(entry.actor)}</td>
        <td>${mark ? broughtInNote(mark) : ''}</td>
      </tr>`;
    }
    case 'command':
      return html`<tr>
        <td>${when}</td>
        <td>${COMMAND_NAMES[entry.command as CommandName] ?? 'Commande'}</td>
        <td>${entry.as ?? ''}</td>
        <td>
          ${
            entry.ok
              ? html`<p class="fr-badge fr-badge--sm fr-badge--success">acceptée</p>`
              : html`<p class="fr-badge fr-badge--sm fr-badge--error">refusée</p>
                  <p class="fr-text--sm fr-mb-0">${refusalText(entry.error)}</p>`
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

/** Which entries are shown: a kind, or all; and which page. */
export interface TimelineView {
  kind?: TimelineKind;
  page: number;
}

export function timelineSection(id: string, history: readonly HistoryEntry[], timeline: TimelineView): Html {
  const { kind, page } = timeline;
  const rows = withPast(history)
    .filter((entry) => kindOf(entry) && (!kind || kindOf(entry) === kind))
    .reverse();
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
    ${dataTable(
      html`<table>
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
      </table>`,
    )}
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
