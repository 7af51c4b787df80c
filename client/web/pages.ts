import { COMMITTEE_DECISIONS } from '../../domain/commands';
import type { TConvention } from '../../domain/convention';
import { PHASES } from '../../domain/convention';
import type { ConsoleForm } from '../../domain/access';
import { formatEuros } from '../../domain/money';
import { LIFECYCLE_STATES } from '../../domain/record';
import type { StatsMonth, StatsReport } from '../../domain/stats';
import type { ConventionStatus } from '../../domain/status';
import type { RegisterEntry } from '../../activities/register';
import { parisTime } from '../format';
import type { HistoryEntry } from '../history';
import type { ConventionListing } from '../list';
import { budgetChart, budgetSteps } from './chart';
import { html, trusted, type Html } from './html';

// The console's pages, server-rendered with the State's design system (DSFR, served from
// node_modules under /dsfr). French, `lang="fr"`, one <h1> and a <title> per page, labels on every
// field, errors in an alert that names the field or the rule.

const SERVICE = 'Conventions beta.gouv.fr';

export interface PageContext {
  /** The person signed in, if any. */
  email?: string;
  csrf: string;
}

const STATE_LABELS: Record<string, string> = {
  signing: 'en signature',
  'awaiting-publication': 'en attente de publication',
  'in-force': 'en vigueur',
  suspended: 'exécution suspendue',
  notice: 'sous préavis',
  ended: 'terminée',
  closed: 'clôturée',
};

export const csrfField = (csrf: string) => html`<input type="hidden" name="_csrf" value="${csrf}" />`;

export function layout(
  title: string,
  context: PageContext,
  main: Html,
  scripts: readonly string[] = [],
): Html {
  const account = context.email
    ? html`<li><span class="fr-btn fr-icon-account-circle-line">${context.email}</span></li>
        <li>
          <form method="post" action="/deconnexion">
            ${csrfField(context.csrf)}<button class="fr-btn fr-icon-logout-box-r-line" type="submit">
              Se déconnecter
            </button>
          </form>
        </li>`
    : html`<li><a class="fr-btn fr-icon-lock-line" href="/connexion">Se connecter</a></li>`;
  return html`<!doctype html>
    <html lang="fr" data-fr-scheme="light">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} — ${SERVICE}</title>
        <link rel="stylesheet" href="/dsfr/dsfr.min.css" />
        <link rel="stylesheet" href="/dsfr/utility/icons/icons.min.css" />
      </head>
      <body>
        <div class="fr-skiplinks">
          <nav class="fr-container" role="navigation" aria-label="Accès rapide">
            <ul class="fr-skiplinks__list">
              <li><a class="fr-link" href="#contenu">Contenu</a></li>
            </ul>
          </nav>
        </div>
        <header role="banner" class="fr-header">
          <div class="fr-header__body">
            <div class="fr-container">
              <div class="fr-header__body-row">
                <div class="fr-header__brand fr-enlarge-link">
                  <div class="fr-header__brand-top">
                    <div class="fr-header__logo">
                      <p class="fr-logo">République<br />Française</p>
                    </div>
                  </div>
                  <div class="fr-header__service">
                    <a href="/" title="Accueil — ${SERVICE}"
                      ><p class="fr-header__service-title">${SERVICE}</p></a
                    >
                    <p class="fr-header__service-tagline">Suivi des conventions de délégation de gestion</p>
                  </div>
                </div>
                <div class="fr-header__tools">
                  <div class="fr-header__tools-links">
                    <ul class="fr-btns-group">
                      ${account}
                    </ul>
                  </div>
                </div>
              </div>
            </div>
          </div>
        </header>
        <main id="contenu" class="fr-container fr-py-5w" tabindex="-1">${main}</main>
        ${scripts.map((src) => html`<script src="${src}" defer></script>`)}
        <footer class="fr-footer" role="contentinfo">
          <div class="fr-container">
            <div class="fr-footer__body">
              <div class="fr-footer__brand fr-enlarge-link">
                <a href="/" title="Retour à l’accueil — ${SERVICE}"
                  ><p class="fr-logo">République<br />Française</p></a
                >
              </div>
              <div class="fr-footer__content">
                <p class="fr-footer__content-desc">
                  Les rappels, les décisions et le registre des conventions qui financent les startups d’État
                  de beta.gouv.fr.
                </p>
              </div>
            </div>
          </div>
        </footer>
        <script type="module" src="/dsfr/dsfr.module.min.js"></script>
      </body>
    </html>`;
}

const alert = (kind: 'error' | 'success' | 'info', title: string, text?: string) =>
  html`<div class="fr-alert fr-alert--${kind} fr-mb-3w" role="${kind === 'error' ? 'alert' : 'status'}">
    <h2 class="fr-alert__title">${title}</h2>
    ${text ? html`<p>${text}</p>` : ''}
  </div>`;

const stateBadge = (state: string | null) =>
  html`<p
    class="fr-badge fr-badge--sm ${state === 'in-force' ? 'fr-badge--success' : state === 'suspended' || state === 'notice' ? 'fr-badge--warning' : 'fr-badge--info'}"
  >
    ${state ? (STATE_LABELS[state] ?? state) : 'inconnu'}
  </p>`;

// --- Sign-in

export function signInPage(
  context: PageContext,
  outcome?: { sent?: string; error?: string; value?: string },
): Html {
  return layout(
    'Connexion',
    context,
    html`<h1>Se connecter</h1>
      ${
        outcome?.sent
          ? alert(
              'success',
              'Lien envoyé',
              `Si l’adresse ${outcome.sent} a un rôle dans une convention, elle vient de recevoir un lien de connexion, valable 15 minutes et utilisable une fois.`,
            )
          : ''
      }
      ${outcome?.error ? alert('error', 'Adresse à corriger', outcome.error) : ''}
      <p>Recevez par courriel un lien de connexion : aucun mot de passe n’est demandé.</p>
      <form method="post" action="/connexion">
        ${csrfField(context.csrf)}
        <div class="fr-input-group ${outcome?.error ? 'fr-input-group--error' : ''}">
          <label class="fr-label" for="email"
            >Adresse électronique <span class="fr-hint-text">Format attendu : nom@domaine.fr</span></label
          >
          <input
            class="fr-input"
            type="email"
            id="email"
            name="email"
            autocomplete="email"
            required
            value="${outcome?.value ?? ''}"
          />
        </div>
        <button class="fr-btn" type="submit">Recevoir un lien de connexion</button>
      </form>`,
  );
}

export function linkRefusedPage(context: PageContext, reason: 'unknown' | 'expired' | 'used'): Html {
  const text = {
    unknown: 'Ce lien de connexion n’est pas valable.',
    expired: 'Ce lien de connexion a expiré : il n’est valable que 15 minutes.',
    used: 'Ce lien de connexion a déjà servi : il n’est utilisable qu’une fois.',
  }[reason];
  return layout(
    'Lien refusé',
    context,
    html`<h1>Lien refusé</h1>
      ${alert('error', 'Connexion impossible', text)}
      <p><a class="fr-link" href="/connexion">Demander un nouveau lien</a></p>`,
  );
}

export function forbiddenPage(context: PageContext, text: string): Html {
  return layout(
    'Accès refusé',
    context,
    html`<h1>Accès refusé</h1>
      ${alert('error', 'Vous n’avez pas accès à cette page', text)}
      <p><a class="fr-link" href="/">Retour à la liste des conventions</a></p>`,
  );
}

/** A form body beyond the console's limit: refused before it is read. */
export function tooLargePage(context: PageContext, limitBytes: number): Html {
  const limit = `${Math.round(limitBytes / 1_000_000)} Mo`;
  return layout(
    'Formulaire trop long',
    context,
    html`<h1>Formulaire trop long</h1>
      ${alert(
        'error',
        `Le formulaire dépasse ${limit}`,
        'Raccourcissez les textes : un compte rendu ou un relevé compte au plus 20 000 caractères par champ.',
      )}
      <p><a class="fr-link" href="/">Retour à la liste des conventions</a></p>`,
  );
}

// --- The list

export function listPage(
  context: PageContext,
  conventions: readonly ConventionListing[],
  filters: { state?: string; waitingOn?: string },
  /** Why the filters were refused, naming the one at fault. */
  error?: string,
): Html {
  return layout(
    'Conventions',
    context,
    html`<h1>Conventions</h1>
      ${error ? alert('error', 'Filtre refusé', error) : ''}
      <form method="get" action="/" class="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom fr-mb-3w">
        <div class="fr-col-12 fr-col-md-4">
          <div class="fr-select-group">
            <label class="fr-label" for="state">État</label>
            <select class="fr-select" id="state" name="state">
              <option value="">Tous</option>
              ${LIFECYCLE_STATES.map(
                (state) =>
                  html`<option value="${state}" ${filters.state === state ? 'selected' : ''}>
                    ${STATE_LABELS[state]}
                  </option>`,
              )}
            </select>
          </div>
        </div>
        <div class="fr-col-12 fr-col-md-4">
          <div class="fr-input-group">
            <label class="fr-label" for="waitingOn"
              >En attente de
              <span class="fr-hint-text">Partie, par exemple DGALN, ou committee-secretary</span></label
            >
            <input class="fr-input" id="waitingOn" name="waitingOn" value="${filters.waitingOn ?? ''}" />
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
                  ${conventions.length} convention(s)
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
                        <td><a href="/conventions/${encodeURIComponent(c.id)}">${c.id}</a></td>
                        <td>${c.startup ?? ''}</td>
                        <td>${stateBadge(c.state)}</td>
                        <td>${c.nextDeadline ? parisTime(c.nextDeadline) : '—'}</td>
                        <td>${c.waitingOn.join(', ') || '—'}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }`,
  );
}

// --- A convention

const FORM_LABELS: Record<ConsoleForm, { path: string; label: string }> = {
  sign: { path: 'sign', label: 'Signer la convention' },
  decide: { path: 'decide', label: 'Enregistrer la décision du comité' },
  'submit-report': { path: 'report', label: 'Déposer un compte rendu mensuel' },
  'give-notice': { path: 'notice', label: 'Donner ou retirer un préavis' },
};

function timelineRow(entry: HistoryEntry): Html | undefined {
  const when = parisTime(entry.at);
  switch (entry.type) {
    case 'command':
      return html`<tr>
        <td>${when}</td>
        <td>${entry.command}</td>
        <td>${entry.as ?? ''}</td>
        <td>
          ${
            entry.ok
              ? html`<p class="fr-badge fr-badge--sm fr-badge--success">acceptée</p>`
              : html`<p class="fr-badge fr-badge--sm fr-badge--error">refusée</p>
                  ${entry.error?.message}`
          }
        </td>
      </tr>`;
    case 'email':
      return html`<tr>
        <td>${when}</td>
        <td>courriel ${entry.kind}</td>
        <td>${entry.to.join(', ')}</td>
        <td>${entry.outcome}</td>
      </tr>`;
    case 'state':
      return html`<tr>
        <td>${when}</td>
        <td>changement d’état</td>
        <td></td>
        <td>
          ${entry.from ? `${STATE_LABELS[entry.from] ?? entry.from} → ` : ''}${STATE_LABELS[entry.to] ?? entry.to}
        </td>
      </tr>`;
    case 'reset':
      return html`<tr>
        <td>${when}</td>
        <td>réinitialisation par un administrateur</td>
        <td></td>
        <td>${entry.reason}</td>
      </tr>`;
    default:
      return undefined;
  }
}

export function conventionPage(
  context: PageContext,
  view: {
    status: ConventionStatus;
    history: readonly HistoryEntry[];
    forms: Partial<Record<ConsoleForm, string[]>>;
    done?: string;
    now: number;
  },
): Html {
  const { status, history, forms } = view;
  const from = Date.parse(status.startedAt);
  const actions = (Object.keys(forms) as ConsoleForm[]).map(
    (form) =>
      html`<li>
        <a
          class="fr-btn fr-btn--secondary"
          href="/conventions/${encodeURIComponent(status.id)}/${FORM_LABELS[form].path}"
          >${FORM_LABELS[form].label}</a
        >
      </li>`,
  );
  return layout(
    `${status.startup} (${status.id})`,
    context,
    html`<h1>${status.startup} <span class="fr-text--lead">${status.id}</span></h1>
      ${view.done ? alert('success', 'Enregistré', view.done) : ''}
      <p>${status.title}</p>
      ${stateBadge(status.state)}
      <p>
        En attente de : ${status.waitingOn.join(', ') || 'personne'}. Prochaine échéance :
        ${status.nextDeadlines[0] ? `${status.nextDeadlines[0].kind}, ${parisTime(status.nextDeadlines[0].at)}` : 'aucune'}.
      </p>
      ${
        actions.length
          ? html`<ul class="fr-btns-group fr-btns-group--inline-md">
              ${actions}
            </ul>`
          : ''
      }
      <p>
        <a class="fr-link" href="/conventions/${encodeURIComponent(status.id)}/registre"
          >Registre des décisions</a
        >
      </p>

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

      <h2>Phases</h2>
      <ul>
        ${status.phases.map(
          (p) =>
            html`<li>
              ${p.phase}, depuis le ${parisTime(p.since)}${p.committee ? ` (comité ${p.committee})` : ''}
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
                    <th scope="col">Dû le</th>
                    <th scope="col">Reçu</th>
                    <th scope="col">Retard (jours)</th>
                  </tr>
                </thead>
                <tbody>
                  ${status.reports.map(
                    (r) =>
                      html`<tr>
                        <td>${r.period}</td>
                        <td>${r.dueOn}</td>
                        <td>${r.receivedAt ? parisTime(r.receivedAt) : 'non'}</td>
                        <td>${r.daysLate ?? ''}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
          : html`<p>Aucun compte rendu n’est encore dû.</p>`
      }

      <h2>Chronologie</h2>
      <div class="fr-table">
        <table>
          <caption>
            Commandes, courriels et changements d’état, d’après l’historique Temporal
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
            ${history.map(timelineRow)}
          </tbody>
        </table>
      </div>`,
  );
}

export function registerPage(
  context: PageContext,
  conventionId: string,
  entries: readonly RegisterEntry[],
  check: { ok: true; entries: number } | { ok: false; brokenAt: number; reason: string },
): Html {
  return layout(
    `Registre de ${conventionId}`,
    context,
    html`<h1>Registre des décisions — ${conventionId}</h1>
      ${
        check.ok
          ? alert(
              'success',
              'Chaîne intacte',
              `${check.entries} entrées, chacune scellée avec la précédente.`,
            )
          : alert('error', 'Chaîne rompue', `À l’entrée ${check.brokenAt} : ${check.reason}`)
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
              <th scope="col">Par</th>
              <th scope="col">Empreinte</th>
            </tr>
          </thead>
          <tbody>
            ${entries.map(
              (e) =>
                html`<tr>
                  <td>${e.seq}</td>
                  <td>${parisTime(e.at)}</td>
                  <td>
                    ${e.kind}
                    ${
                      e.supersededBy
                        ? html`<p class="fr-badge fr-badge--warning fr-badge--sm">
                            Écartée par la réinitialisation (entrée n° ${e.supersededBy})
                          </p>`
                        : ''
                    }
                  </td>
                  <td>${e.actor}</td>
                  <td><code>${e.hash.slice(0, 12)}…</code></td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <p>
        <a class="fr-link" href="/conventions/${encodeURIComponent(conventionId)}">Retour à la convention</a>
      </p>`,
  );
}

// --- Forms: each keeps what was typed and shows a refusal's reason above the fields.

export interface FormView {
  convention: TConvention;
  /** The parties this person may act for with the form. */
  parties: string[];
  values: Record<string, string>;
  error?: string;
}

const field = (
  name: string,
  label: string,
  values: Record<string, string>,
  options: { hint?: string; required?: boolean; multiline?: boolean } = {},
) =>
  html`<div class="fr-input-group">
    <label class="fr-label" for="${name}"
      >${label}${options.hint ? html` <span class="fr-hint-text">${options.hint}</span>` : ''}</label
    >
    ${
      options.multiline
        ? html`<textarea
            class="fr-input"
            id="${name}"
            name="${name}"
            rows="4"
            ${options.required ? 'required' : ''}
          >
${values[name] ?? ''}</textarea>`
        : html`<input
            class="fr-input"
            id="${name}"
            name="${name}"
            value="${values[name] ?? ''}"
            ${options.required ? 'required' : ''}
          />`
    }
  </div>`;

const select = (
  name: string,
  label: string,
  choices: readonly string[],
  values: Record<string, string>,
  optional = false,
) =>
  html`<div class="fr-select-group">
    <label class="fr-label" for="${name}">${label}</label>
    <select class="fr-select" id="${name}" name="${name}">
      ${optional ? html`<option value="">—</option>` : ''}
      ${choices.map((choice) => html`<option value="${choice}" ${values[name] === choice ? 'selected' : ''}>${choice}</option>`)}
    </select>
  </div>`;

function formPage(context: PageContext, view: FormView, title: string, action: string, fields: Html): Html {
  const id = view.convention.id;
  return layout(
    `${title} — ${id}`,
    context,
    html`<h1>${title}</h1>
      <p>${view.convention.title}</p>
      ${view.error ? alert('error', 'Refusé', view.error) : ''}
      <form method="post" action="/conventions/${encodeURIComponent(id)}/${action}">
        ${csrfField(context.csrf)} ${fields}
        <ul class="fr-btns-group fr-btns-group--inline-md">
          <li><button class="fr-btn" type="submit">Enregistrer</button></li>
          <li>
            <a class="fr-btn fr-btn--secondary" href="/conventions/${encodeURIComponent(id)}">Annuler</a>
          </li>
        </ul>
      </form>`,
  );
}

export const decidePage = (context: PageContext, view: FormView) =>
  formPage(
    context,
    view,
    'Décision du comité d’investissement',
    'decide',
    html`${select('decision', 'Décision', COMMITTEE_DECISIONS, view.values)}
    ${select('phase', 'Nouvelle phase (facultatif)', PHASES, view.values, true)}
    ${field('committee', 'Numéro du comité', view.values, { hint: 'Facultatif : le plus ancien comité en attente de décision sinon' })}
    ${field('notes', 'Relevé de décisions', view.values, { multiline: true })}
    ${field('conditions', 'Conditions', view.values, { hint: 'Une par ligne, pour une poursuite sous conditions', multiline: true })}`,
  );

export const reportPage = (context: PageContext, view: FormView) =>
  formPage(
    context,
    view,
    'Compte rendu mensuel',
    'report',
    html`${field('period', 'Mois concerné', view.values, { hint: 'Format AAAA-MM', required: true })}
      ${view.convention.budget.map((line) =>
        field(`spent.${line.uo}`, `Dépensé sur ${line.uo} (€)`, view.values, {
          hint: 'Par exemple 12500.00',
        }),
      )}
      ${field('progress', 'Avancement', view.values, { required: true, multiline: true })}
      ${field('forecast', 'Prévisions de commandes et de consommation', view.values, { required: true, multiline: true })}
      <div class="fr-checkbox-group">
        <input
          type="checkbox"
          id="replace"
          name="replace"
          value="true"
          ${view.values.replace ? 'checked' : ''}
        />
        <label class="fr-label" for="replace">Remplace le compte rendu déjà déposé pour ce mois</label>
      </div>`,
  );

export const signPage = (context: PageContext, view: FormView) =>
  formPage(
    context,
    view,
    'Signature de la convention',
    'sign',
    html`${select('party', 'Partie signataire', view.parties, view.values)}`,
  );

export const noticePage = (context: PageContext, view: FormView) =>
  formPage(
    context,
    view,
    'Préavis de fin de la délégation',
    'notice',
    html`${select('party', 'Partie', view.parties, view.values)}
      <fieldset class="fr-fieldset">
        <legend class="fr-fieldset__legend">Action</legend>
        <div class="fr-fieldset__element">
          <div class="fr-radio-group">
            <input
              type="radio"
              id="give"
              name="action"
              value="give"
              ${view.values.action !== 'withdraw' ? 'checked' : ''}
            />
            <label class="fr-label" for="give">Donner un préavis</label>
          </div>
        </div>
        <div class="fr-fieldset__element">
          <div class="fr-radio-group">
            <input
              type="radio"
              id="withdraw"
              name="action"
              value="withdraw"
              ${view.values.action === 'withdraw' ? 'checked' : ''}
            />
            <label class="fr-label" for="withdraw">Retirer le préavis donné</label>
          </div>
        </div>
      </fieldset>
      ${field('reason', 'Motif (pour un préavis)', view.values, { multiline: true })}`,
  );

// --- Public statistics

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
        .map(([state, count]) => `${state} : ${count}`)
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
        chiffres calculés le ${report.generatedAt.slice(0, 10)} à partir des workflows et du registre des
        décisions. Les mêmes chiffres en JSON :
        <a href="/stats.json">/stats.json</a>.
      </p>
      <script type="application/json" id="stats-data">
        ${data}
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
                role="img"
                aria-label="${label}, mois par mois"
              ></canvas>
            </section>`,
        )}
      </div>`,
    ['/assets/chart/chart.umd.min.js', '/assets/stats.js'],
  );
}
