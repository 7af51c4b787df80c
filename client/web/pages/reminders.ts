import { localDateOf } from '../../../domain/dates';
import { frenchDateTime, frenchWeekday } from '../../../domain/french/words';
import { radioGroup } from '../inputs';
import { html, type Html } from '../html';
import { alert, csrfField, layout, type PageContext } from '../layout';

// "Mes rappels" (SPEC §10): a person chooses between each reminder as it comes and one weekly
// digest of everything that waits on them.

export interface RemindersView {
  weekly: boolean;
  /** When the next digest goes, for a reader of it (ISO 8601). */
  nextDigestAt?: string;
  /** The choice was just saved. */
  saved?: boolean;
}

const CHOICES = [
  {
    value: 'each',
    label: 'Chaque rappel, dès qu’il est dû',
    hint: 'Un courriel par rappel, pour chaque convention.',
  },
  {
    value: 'weekly',
    label: 'Un récapitulatif par semaine',
    hint: 'Le lundi à 9 h (le mardi après un lundi férié), un seul courriel : tout ce qui vous attend dans toutes vos conventions, le plus urgent d’abord ; aucun courriel quand rien ne vous attend.',
  },
] as const;

export function remindersPage(context: PageContext, { weekly, nextDigestAt, saved }: RemindersView): Html {
  const next = nextDigestAt
    ? `Prochain récapitulatif : ${frenchWeekday(localDateOf(Date.parse(nextDigestAt), 'Europe/Paris'))} ${frenchDateTime(nextDigestAt)}.`
    : '';
  return layout(
    'Mes rappels',
    context,
    html`<h1>Mes rappels</h1>
      ${saved ? alert('success', 'Votre choix est enregistré', weekly ? next : 'Vous recevrez chaque rappel dès qu’il est dû.') : ''}
      <p>
        Tant qu’une action attendue de vous reste à faire — signature, habilitations Chorus, publication,
        décision d’un comité, compte rendu, mise à disposition de crédits —, des rappels vous parviennent par
        courriel. Vous pouvez les recevoir un par un, ou réunis une fois par semaine.
      </p>
      <p>
        Dans les deux cas, les premières demandes, les convocations aux comités et les urgences (insuffisance
        de crédits, préavis, suspension de l’exécution) vous parviennent aussitôt.
      </p>
      ${!saved && weekly ? html`<p>${next}</p>` : ''}
      <form method="post" action="/rappels">
        ${csrfField(context.csrf)}
        ${radioGroup({
          id: 'choix',
          legend: 'Comment souhaitez-vous recevoir vos rappels ?',
          choices: CHOICES,
          chosen: weekly ? 'weekly' : 'each',
        })}
        <button class="fr-btn" type="submit">Enregistrer mon choix</button>
      </form>`,
  );
}
