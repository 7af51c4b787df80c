import type { ChainBreak, ChainCheck, RegisterEntry } from '../../../store/register';
import type { BroughtInMark } from '../../../domain/bring-in';
import type { CommandName, TEvidence } from '../../../domain/commands';
import { approvalText, proofText, versionText } from '../../../domain/french/circuit';
import { BROUGHT_IN_BADGE, broughtInSource } from '../../../domain/french/bring-in';
import {
  COMMAND_NAMES,
  DECISION_NAMES,
  frenchDate,
  frenchDateTime,
  frenchMonth,
  REGISTER_EVENT_NAMES,
} from '../../../domain/french/words';
import { formatEuros } from '../../../domain/money';
import { TIME_ACTOR } from '../../../domain/record';
import { html, type Html } from '../html';
import { alert, dataTable, conventionHref, layout, type PageContext } from '../layout';

// A convention's decision register, with its chain check: in French, no identifier of the domain as text.

export const commandName = (kind: string) =>
  COMMAND_NAMES[kind as CommandName] ?? REGISTER_EVENT_NAMES[kind] ?? 'Décision';

/** Who wrote an entry, in French: the tool itself for what time did. */
export const actorName = (actor: string) => (actor === TIME_ACTOR ? 'l’outil de suivi' : actor);

/** An entry of the convention's past, brought in: its mark, if it is one. */
export const broughtInOf = (payload: Record<string, unknown>) =>
  payload.broughtIn as BroughtInMark | undefined;

/** When an entry happened: the day of a fact brought in (its hour is the tool's), else its instant. */
export const entryWhen = (at: string, mark: BroughtInMark | undefined) =>
  mark ? frenchDate(mark.on) : frenchDateTime(at);

/** A fact brought in with the convention's past, told apart from what happened in the tool. */
export const broughtInNote = (mark: BroughtInMark) =>
  html`<p class="fr-badge fr-badge--info fr-badge--sm">${BROUGHT_IN_BADGE}</p>
    <p class="fr-text--sm fr-mb-0">${broughtInSource(mark)}</p>`;
const CHAIN_BREAKS: Record<ChainBreak, string> = {
  missing: 'une entrée manque avant elle',
  'out-of-order': 'elle ne suit pas l’entrée précédente',
  changed: 'son contenu a été modifié après son écriture',
  'other-run': 'elle a été écrite par une autre convention sous le même identifiant',
};

/** What a register entry decided, in a few French words. */
function entryDetail(entry: RegisterEntry): string {
  const p = entry.payload;
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  switch (entry.kind) {
    case 'sign': {
      const party = p.signatory ? `${text(p.party)}, signée par ${text(p.signatory)}` : text(p.party);
      return p.evidence ? `${party} — ${proofText(p.evidence as TEvidence, entry.actor)}` : party;
    }
    case 'add-version':
      return versionText(p);
    case 'approve':
    case 'request-changes':
      return approvalText(p);
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
      ${dataTable(
        html`<table>
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
            ${entries.map((e) => {
              const broughtIn = broughtInOf(e.payload);
              return html`<tr>
                <td>${e.seq}</td>
                <td>${entryWhen(e.at, broughtIn)}</td>
                <td>
                  ${commandName(e.kind)} ${broughtIn ? broughtInNote(broughtIn) : ''}
                  ${
                    e.supersededBy
                      ? html`<p class="fr-badge fr-badge--warning fr-badge--sm">
                          Écartée par la réinitialisation (entrée n° ${e.supersededBy})
                        </p>`
                      : ''
                  }
                </td>
                <td>${entryDetail(e)}</td>
                <td>${actorName(e.actor)}</td>
                <td><code>${e.hash.slice(0, 12)}…</code></td>
              </tr>`;
            })}
          </tbody>
        </table>`,
      )}
      <p><a class="fr-link" href="${conventionHref(conventionId)}">Retour à la convention</a></p>`,
  );
}
