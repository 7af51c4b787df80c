import { frenchDateTime } from '../../../domain/french/words';
import { html, type Html } from '../html';
import { alert, csrfField, layout, type PageContext } from '../layout';

// "Mon agenda": a person's calendar feed (SPEC §10) — an address their calendar subscribes to,
// unguessable, shown once when made, replaced or revoked here.

export function calendarPage(context: PageContext, feed: { createdAt?: number; address?: string }): Html {
  const button = (action: string, label: string, secondary = false) =>
    html`<form method="post" action="${action}" class="fr-mb-2w">
      ${csrfField(context.csrf)}
      <button class="fr-btn ${secondary ? 'fr-btn--secondary' : ''}" type="submit">${label}</button>
    </form>`;
  return layout(
    'Mon agenda',
    context,
    html`<h1>Mon agenda</h1>
      <p>
        Abonnez votre agenda (Outlook, Thunderbird, Agenda de votre téléphone) à vos échéances : comités
        d’investissement, comptes rendus attendus, fin d’un préavis, terme d’une convention, fin d’un délai de
        grâce des crédits, pour toutes vos conventions. Un comité déplacé l’est aussi dans votre agenda.
      </p>
      ${
        feed.address
          ? alert(
              'success',
              'Votre adresse d’abonnement',
              html`Copiez-la dans votre agenda (« s’abonner à un calendrier » ou « ajouter depuis une adresse
                web ») ; elle ne sera plus affichée. Quiconque la connaît lit vos échéances : ne la partagez
                pas. <span class="fr-text--lg" id="feed-address">${feed.address}</span>`,
            )
          : ''
      }
      ${
        feed.createdAt
          ? html`<p>
                Adresse d’abonnement créée le ${frenchDateTime(new Date(feed.createdAt).toISOString())}.
              </p>
              ${button('/agenda/nouvelle', 'Remplacer l’adresse (l’ancienne cesse de fonctionner)')}
              ${button('/agenda/supprimer', 'Supprimer l’adresse', true)}`
          : html`<p>Vous n’avez pas encore d’adresse d’abonnement.</p>
              ${button('/agenda/nouvelle', 'Créer mon adresse d’abonnement')}`
      }`,
  );
}
