import type { TConvention } from '../../domain/convention';
import { STATE_NAMES, waitingOnName } from '../../domain/french/words';
import type { LifecycleState } from '../../domain/record';
import { html, type Html } from './html';

// The frame of every page, server-rendered with the State's design system (DSFR, served from
// node_modules under /dsfr, its script too): French, `lang="fr"`, one <h1> and a <title> per page,
// a skip link, no inline script (the Content-Security-Policy forbids it). On a narrow screen the
// header's links move behind the DSFR's menu button: its script copies them into the menu's modal.

export const SERVICE = 'Conventions beta.gouv.fr';

export interface PageContext {
  /** The person signed in, if any. */
  email?: string;
  csrf: string;
}

export const csrfField = (csrf: string) => html`<input type="hidden" name="_csrf" value="${csrf}" />`;

export function layout(
  title: string,
  context: PageContext,
  main: Html,
  scripts: readonly string[] = [],
): Html {
  const account = context.email
    ? html`<li><a class="fr-btn fr-icon-todo-line" href="/">Mes actions</a></li>
        <li><a class="fr-btn fr-icon-folder-2-line" href="/conventions">Mes conventions</a></li>
        <li><span class="fr-btn fr-icon-account-circle-line">${context.email}</span></li>
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
        <link rel="stylesheet" href="/assets/console.css" />
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
                    <div class="fr-header__navbar">
                      <button
                        class="fr-btn--menu fr-btn"
                        type="button"
                        id="menu-button"
                        data-fr-opened="false"
                        aria-controls="menu"
                        aria-haspopup="dialog"
                        title="Menu"
                      >
                        Menu
                      </button>
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
          <div class="fr-header__menu fr-modal" id="menu" aria-labelledby="menu-button">
            <div class="fr-container">
              <button class="fr-btn--close fr-btn" type="button" aria-controls="menu" title="Fermer">
                Fermer
              </button>
              <div class="fr-header__menu-links"></div>
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
                <ul class="fr-footer__content-list">
                  <li class="fr-footer__content-item">
                    <a class="fr-footer__content-link" href="/stats">Statistiques publiques</a>
                  </li>
                </ul>
              </div>
            </div>
          </div>
        </footer>
        <script type="module" src="/dsfr/dsfr.module.min.js"></script>
        <script nomodule src="/dsfr/dsfr.nomodule.min.js"></script>
      </body>
    </html>`;
}

export const alert = (kind: 'error' | 'success' | 'info' | 'warning', title: string, text?: string | Html) =>
  html`<div class="fr-alert fr-alert--${kind} fr-mb-3w" role="${kind === 'error' ? 'alert' : 'status'}">
    <h2 class="fr-alert__title">${title}</h2>
    ${text ? html`<p>${text}</p>` : ''}
  </div>`;

export const stateBadge = (state: LifecycleState | null) =>
  html`<p
    class="fr-badge fr-badge--sm ${state === 'in-force' ? 'fr-badge--success' : state === 'suspended' || state === 'notice' ? 'fr-badge--warning' : 'fr-badge--info'}"
  >
    ${state ? STATE_NAMES[state] : 'inconnu'}
  </p>`;

/** Who an action waits on, as people read it: parties by their acronym, the others by the name of their role. */
export const waitingOnText = (parties: readonly string[]) =>
  parties.map(waitingOnName).join(', ') || 'personne';

export const conventionHref = (id: string) => `/conventions/${encodeURIComponent(id)}`;

/**
 * A table as the DSFR frames it: on a narrow screen it scrolls sideways inside its frame, its
 * caption above it, and the page itself never wider than the screen.
 */
export const dataTable = (table: Html) =>
  html`<div class="fr-table fr-table--multiline">
    <div class="fr-table__wrapper">
      <div class="fr-table__container"><div class="fr-table__content">${table}</div></div>
    </div>
  </div>`;

/** `Direction générale de la prévention des risques (DGPR)`; the id alone when it is the name. */
export const partyName = (convention: TConvention, id: string) => {
  const party = convention.parties.find((p) => p.id === id);
  return party && party.name !== id ? `${party.name} (${id})` : id;
};
