import type { BudgetSummary } from '../../../domain/budget';
import { formatEuros } from '../../../domain/money';
import { html } from '../html';
import { dataTable } from '../layout';

/** A convention's credits per UO and funder, as its preview and its signature page show them. */
export const budgetTable = (budget: BudgetSummary, caption: string) =>
  dataTable(
    html`<table>
      <caption>
        ${caption} : ${formatEuros(budget.total.ae)} d’AE, ${formatEuros(budget.total.cp)} de CP
      </caption>
      <thead>
        <tr>
          <th scope="col">UO</th>
          <th scope="col">Programme</th>
          <th scope="col">Financeur</th>
          <th scope="col">AE</th>
          <th scope="col">CP</th>
        </tr>
      </thead>
      <tbody>
        ${budget.uos.flatMap((uo) =>
          uo.funders.map(
            (line) =>
              html`<tr>
                <td>${uo.uo}</td>
                <td>${uo.program}</td>
                <td>${line.funder}${line.restoration ? ' (à rétablir)' : ''}</td>
                <td>${formatEuros(line.ae)}</td>
                <td>${formatEuros(line.cp)}</td>
              </tr>`,
          ),
        )}
      </tbody>
    </table>`,
  );
