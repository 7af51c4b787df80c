import type { TConvention } from '../../../domain/convention';
import {
  capitalized,
  EMAIL_KIND_NAMES,
  frenchDate,
  frenchDateTime,
  ROLE_NAMES,
  STATE_NAMES,
} from '../../../domain/french/words';
import { budgetSummary } from '../../../domain/budget';
import type { PlannedEmail } from '../../../domain/reminders';
import { html, type Html } from '../html';
import { budgetTable } from './budget-table';
import { alert, dataTable, csrfField, layout, partyName, type PageContext } from '../layout';
import { START } from './start';
import { draftHref } from './draft';
import type { LocalDate } from '../../../domain/dates';
import { closedYears } from '../../../domain/draft';
import { closedYearWarning } from '../../../domain/french/draft';
import { factsOf, type BringIn, type THistory } from '../../../domain/bring-in';
import { broughtInSummary, factName } from '../../../domain/french/bring-in';

// A convention's file checked: what it binds (parties, people, budget, schedule) and the first
// emails it will send, before the start. A convention running already (the creation form's last
// step) shows the facts of its past, the state they give, or the rule a fact breaks.

/** A running convention's past, and what applying it by the rules gives today. */
export interface BroughtInPreview {
  history: THistory;
  outcome: BringIn;
}

export function previewPage(
  context: PageContext,
  view: {
    convention: TConvention;
    text: string;
    first: readonly PlannedEmail[];
    today: LocalDate;
    /** The draft of the creation form it comes from, when not from a file. */
    draft?: string;
    broughtIn?: BroughtInPreview;
  },
): Html {
  const { convention, broughtIn } = view;
  // The credits of a running convention's past years were engaged when they were open.
  const closed = broughtIn ? [] : closedYears(convention, view.today);
  const refusal = broughtIn && !broughtIn.outcome.ok ? broughtIn.outcome.refusal : undefined;
  const { schedule, roles } = convention;
  const budget = budgetSummary(convention);
  return layout(
    `Aperçu de ${convention.id}`,
    context,
    html`<h1>Aperçu avant démarrage</h1>
      ${alert(
        'success',
        view.draft ? 'La convention est complète' : 'Le fichier est valable',
        `Convention ${convention.id} : ${convention.title}`,
      )}
      ${broughtIn ? pastSection(broughtIn, view.draft) : ''}
      ${closed.map(({ year, lastEngagementDay, funders }) =>
        alert('warning', `Crédits ${year} hors délai`, closedYearWarning(year, lastEngagementDay, funders)),
      )}
      <h2>Startup d’État</h2>
      <p>${convention.startup.name}, incubée par ${convention.startup.incubator}.</p>

      <h2>Parties</h2>
      ${dataTable(
        html`<table>
          <caption>
            Parties et leurs représentants
          </caption>
          <thead>
            <tr>
              <th scope="col">Partie</th>
              <th scope="col">Rôle</th>
              <th scope="col">Représentant</th>
              <th scope="col">Contacts</th>
            </tr>
          </thead>
          <tbody>
            ${convention.parties.map(
              (party) =>
                html`<tr>
                  <td>${partyName(convention, party.id)}</td>
                  <td>${ROLE_NAMES[party.role]}</td>
                  <td>
                    ${party.representative.name}, ${party.representative.title}
                    (${party.representative.email})
                  </td>
                  <td>${party.contacts.join(', ')}</td>
                </tr>`,
            )}
          </tbody>
        </table>`,
      )}
      <ul>
        <li>Secrétaire du comité : ${roles.committeeSecretary.name} (${roles.committeeSecretary.email})</li>
        <li>
          Intrapreneur :
          ${roles.intrapreneur ? `${roles.intrapreneur.name} (${roles.intrapreneur.email})` : 'à désigner par le délégant'}
        </li>
        <li>CBCM : ${roles.cbcm.join(', ') || 'aucun'}</li>
        <li>Administrateurs : ${roles.admins.join(', ')}</li>
      </ul>

      <h2>Budget</h2>
      ${budgetTable(budget, 'Budget par UO et par financeur')}

      <h2>Calendrier</h2>
      <ul>
        <li>
          Rappels
          ${schedule.reminderEveryDays === 1 ? 'tous les jours' : `tous les ${schedule.reminderEveryDays} jours`},
          à ${schedule.reminderHour} h${schedule.workingDaysOnly ? ', les jours ouvrés' : ''}
        </li>
        <li>
          Comité d’investissement
          ${schedule.committeeEveryMonths === 1 ? 'tous les mois' : `tous les ${schedule.committeeEveryMonths} mois`},
          convoqué ${schedule.committeeNoticeDays.join(' puis ')} jours avant
        </li>
        <li>Comptes rendus mensuels attendus le ${schedule.reportDueDay} du mois suivant</li>
        <li>Préavis de ${schedule.noticeMonths} mois</li>
        ${schedule.endsOn ? html`<li>Fin prévue le ${frenchDate(schedule.endsOn)}</li>` : ''}
      </ul>

      <h2>${broughtIn ? 'Prochains courriels' : 'Premiers courriels'}</h2>
      <ul>
        ${view.first.map(
          (email) =>
            html`<li>
              ${EMAIL_KIND_NAMES[email.kind]} à ${email.to.join(', ')}, le
              ${frenchDateTime(new Date(email.at).toISOString())}
            </li>`,
        )}
      </ul>

      <form method="post" action="${START}/demarrer">
        ${csrfField(context.csrf)}
        <input type="hidden" name="text" value="${view.text}" />
        ${view.draft ? html`<input type="hidden" name="brouillon" value="${view.draft}" />` : ''}
        ${broughtIn ? html`<input type="hidden" name="historique" value="${JSON.stringify(broughtIn.history)}" />` : ''}
        <ul class="fr-btns-group fr-btns-group--inline-md">
          ${
            refusal
              ? ''
              : html`<li>
                  <button class="fr-btn" type="submit">
                    ${broughtIn ? 'Reprendre la convention avec son historique' : 'Démarrer la convention'}
                  </button>
                </li>`
          }
          <li>
            ${
              view.draft
                ? html`<a class="fr-btn fr-btn--secondary" href="${draftHref(view.draft, 'history')}"
                    >Revenir au formulaire</a
                  >`
                : html`<a class="fr-btn fr-btn--secondary" href="${START}">Revenir au fichier</a>`
            }
          </li>
        </ul>
      </form>`,
  );
}

/** A running convention's past: the state its facts give and each of them, or the rule one breaks. */
function pastSection({ history, outcome }: BroughtInPreview, draft: string | undefined): Html {
  const facts = factsOf(history);
  return html`<h2>Où en est cette convention ?</h2>
    ${
      outcome.ok
        ? alert(
            'info',
            'Reprise avec son historique',
            broughtInSummary(history.document, facts.length, STATE_NAMES[outcome.record.state]),
          )
        : alert(
            'error',
            'L’historique ne peut pas être repris',
            html`${outcome.refusal}
            ${draft ? html`<a href="${draftHref(draft, 'history')}">Corriger l’historique</a>` : ''}`,
          )
    }
    <ul>
      ${facts.map((fact) => html`<li>${capitalized(factName(fact.command, fact.fields, fact.on))}</li>`)}
    </ul>`;
}
