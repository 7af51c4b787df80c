import type { ChainBreak, ChainCheck, RegisterEntry } from '../../../store/register';
import type { CommandName } from '../../../domain/commands';
import {
  COMMAND_NAMES,
  DECISION_NAMES,
  frenchDateTime,
  frenchMonth,
  REGISTER_EVENT_NAMES,
} from '../../../domain/french/words';
import { formatEuros } from '../../../domain/money';
import { TIME_ACTOR } from '../../../domain/record';
import { html, type Html } from '../html';
import { alert, dataTable, conventionHref, layout, type PageContext } from '../layout';

// A convention's decision register, with its chain check: in French, no identifier of the domain as text.

const commandName = (kind: string) =>
  COMMAND_NAMES[kind as CommandName] ?? REGISTER_EVENT_NAMES[kind] ?? 'Décision';
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
        </table>`,
      )}
      <p><a class="fr-link" href="${conventionHref(conventionId)}">Retour à la convention</a></p>`,
  );
}
