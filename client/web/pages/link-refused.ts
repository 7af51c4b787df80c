import { html, type Html } from '../html';
import { alert, layout, type PageContext } from '../layout';

// A sign-in link that cannot serve: unknown, expired or used already.

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
