import { html, type Html } from '../html';
import { alert, csrfField, layout, type PageContext } from '../layout';

// Signing in by a one-time link, and the pages that say why a request was not served.

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
      <p><a class="fr-link" href="/">Retour à mes actions</a></p>`,
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
      <p><a class="fr-link" href="/">Retour à mes actions</a></p>`,
  );
}

/** Too many sign-in requests: when to try again. */
export function tooManyPage(context: PageContext, retryInMinutes: number): Html {
  return layout(
    'Trop de demandes',
    context,
    html`<h1>Trop de demandes de connexion</h1>
      ${alert(
        'error',
        'Veuillez patienter',
        `Trop de liens de connexion ont été demandés en peu de temps. Réessayez dans ${retryInMinutes} minute${retryInMinutes > 1 ? 's' : ''}.`,
      )}
      <p><a class="fr-link" href="/connexion">Retour à la connexion</a></p>`,
  );
}

/** An address that no page answers. */
export function notFoundPage(context: PageContext): Html {
  return layout(
    'Page introuvable',
    context,
    html`<h1>Page introuvable</h1>
      ${alert('error', 'Cette page n’existe pas', 'L’adresse est peut-être incomplète ou n’est plus valable.')}
      <p><a class="fr-link" href="/">Retour à mes actions</a></p>`,
  );
}
