import { frenchDateTime, STATE_NAMES } from '../../../domain/french/words';
import { formatEuros } from '../../../domain/money';
import type { LifecycleState } from '../../../domain/record';
import type { StatsMonth, StatsReport } from '../../../domain/stats';
import { html, trusted, type Html } from '../html';
import { dataTable, layout, type PageContext } from '../layout';

/** The indicators of /stats, in the order shown: what each measures, in French, and its unit. */
const INDICATORS: { key: keyof StatsMonth; label: string; unit: string }[] = [
  { key: 'conventionsByState', label: 'Conventions par état', unit: '' },
  { key: 'remindersActedOnWithin7Days', label: 'Relances suivies d’effet sous 7 jours', unit: ' %' },
  { key: 'medianDaysToSignatures', label: 'Jours médians jusqu’à toutes les signatures', unit: ' j' },
  { key: 'medianDaysToPublication', label: 'Jours médians jusqu’à la publication', unit: ' j' },
  { key: 'reportsOnTime', label: 'Comptes rendus mensuels à l’heure', unit: ' %' },
  { key: 'committeesDecidedOnTime', label: 'Comités décidés à la date prévue', unit: ' %' },
  { key: 'engagedOfAllocated', label: 'Euros engagés sur les euros délégués', unit: ' %' },
];

function indicatorValue(month: StatsMonth, key: keyof StatsMonth, unit: string): string {
  const value = month[key];
  if (key === 'conventionsByState')
    return (
      Object.entries(value as StatsMonth['conventionsByState'])
        .map(([state, count]) => `${STATE_NAMES[state as LifecycleState]} : ${count}`)
        .join(', ') || 'aucune'
    );
  return value === null ? 'pas encore mesuré' : `${String(value).replace('.', ',')}${unit}`;
}

/** /stats: public, without sign-in or personal data (art. 4: every team publishes its impact). */
export function statsPage(context: PageContext, report: StatsReport): Html {
  // The figures travel as JSON for the charts; "<" escaped so that nothing can close the script.
  const data = trusted(JSON.stringify(report).replace(/</g, '\\u003c'));
  return layout(
    'Statistiques publiques',
    context,
    html`<h1>Statistiques publiques</h1>
      <p>
        ${report.conventions} ${report.conventions > 1 ? 'conventions suivies' : 'convention suivie'},
        chiffres calculés le ${frenchDateTime(report.generatedAt)} à partir du registre des décisions, que
        chaque convention tient à jour.
        <a href="/stats.json" type="application/json">Télécharger ces chiffres au format JSON</a>.
      </p>
      <script type="application/json" id="stats-data">
        ${data}
      </script>
      <script type="application/json" id="stats-states">
        ${trusted(JSON.stringify(STATE_NAMES))}
      </script>
      <div class="fr-grid-row fr-grid-row--gutters">
        ${INDICATORS.map(
          ({ key, label, unit }) =>
            html`<section class="fr-col-12 fr-col-md-6">
              <h2 class="fr-h5">${label}</h2>
              <p class="fr-text--lead" data-value="${key}">${indicatorValue(report.current, key, unit)}</p>
              <canvas
                data-indicator="${key}"
                data-label="${label}"
                data-unit="${unit.trim()}"
                role="img"
                aria-label="${label}, mois par mois"
              ></canvas>
            </section>`,
        )}
      </div>
      ${
        report.years.length
          ? html`<h2 class="fr-mt-6w">Par exercice budgétaire</h2>
              ${dataTable(
                html`<table>
                  <caption>
                    Euros engagés sur les euros délégués, pour chaque exercice
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Exercice</th>
                      <th scope="col">AE déléguées</th>
                      <th scope="col">AE engagées</th>
                      <th scope="col">Part engagée</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${report.years.map(
                      (y) =>
                        html`<tr>
                          <td>${y.year}</td>
                          <td>${formatEuros(y.allocatedAe)}</td>
                          <td>${formatEuros(y.engagedAe)}</td>
                          <td>
                            ${
                              y.engagedOfAllocated === null
                                ? 'pas encore mesuré'
                                : `${String(y.engagedOfAllocated).replace('.', ',')} %`
                            }
                          </td>
                        </tr>`,
                    )}
                  </tbody>
                </table>`,
              )}`
          : ''
      }`,
    ['/assets/chart/chart.umd.min.js', '/assets/stats.js'],
  );
}
