import { frenchDate, ROLE_NAMES } from '../../../domain/french/words';
import { budgetSummary } from '../../../domain/budget';
import { html, type Html } from '../html';
import { budgetTable } from '../pages/budget-table';
import { dataTable, partyName } from '../layout';
import { commandForm, pick, type FormContext } from './spec';

// The signature's form: the party signed for named in words, and what the signature binds it to —
// the parties, the amounts per UO and funder, how long the convention runs — above the button.

/** What the convention binds its signatories to (articles 2, 6 and 7). */
function whatIsSigned({ convention }: FormContext): Html {
  const budget = budgetSummary(convention);
  const { schedule } = convention;
  return html`<h2>Ce que vous signez</h2>
    ${dataTable(
      html`<table>
        <caption>
          Les parties
        </caption>
        <thead>
          <tr>
            <th scope="col">Partie</th>
            <th scope="col">Rôle</th>
            <th scope="col">Représentée par</th>
          </tr>
        </thead>
        <tbody>
          ${convention.parties.map(
            (party) =>
              html`<tr>
                <td>${partyName(convention, party.id)}</td>
                <td>${ROLE_NAMES[party.role]}</td>
                <td>${party.representative.name}, ${party.representative.title}</td>
              </tr>`,
          )}
        </tbody>
      </table>`,
    )}
    ${budgetTable(budget, 'Les crédits délégués par UO')}
    <p>
      Durée : la convention prend effet le jour de sa publication
      ${
        schedule.endsOn
          ? `et court jusqu’au ${frenchDate(schedule.endsOn)}`
          : `et court sans terme fixé, jusqu’à ce qu’une partie y mette fin par un préavis de ${schedule.noticeMonths} mois`
      }
      (articles 7 et 8).
    </p>`;
}

export const SIGN_FORM = commandForm('sign', {
  title: 'Signature de la convention',
  intro: ({ convention, parties }) =>
    parties.length === 1
      ? `Vous signez la convention « ${convention.title} » au nom de : ${partyName(convention, parties[0]!)}.`
      : `Vous signez la convention « ${convention.title} » au nom de la partie que vous choisissez.`,
  summary: whatIsSigned,
  fields: ({ convention, parties, status }, input) => [
    input('party', {
      choices: parties.map((party) => ({
        value: party,
        label: status.signatures.find((s) => s.party === party)?.signed
          ? `${partyName(convention, party)}, déjà signée`
          : partyName(convention, party),
      })),
    }),
  ],
  preset: (query) => pick(query, 'party'),
  submit: 'Signer',
  done: 'La signature est enregistrée.',
});
