import { html, type Html } from '../html';
import { alert, csrfField, layout, type PageContext } from '../layout';

// Signing in by a one-time link: the address asked for, and the page of a link that cannot serve.

export function signInPage(
  context: PageContext,
  outcome?: { sent?: string; error?: string; value?: string },
  /** The page to open once signed in (the one an email's link asked for). */
  next?: string,
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
        ${csrfField(context.csrf)} ${next ? html`<input type="hidden" name="suite" value="${next}" />` : ''}
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
