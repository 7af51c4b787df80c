import { html, type Html } from '../html';
import { alert, layout, type PageContext } from '../layout';

// The pages that say why a request was not served: no access, too large, too many, nowhere.

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
