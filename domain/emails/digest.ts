import { actionPath } from '../access';
import type { LocalDate } from '../dates';
import type { AwaitedAction } from '../digest';
import { actionText, deadlineText } from '../french/actions';
import { frenchDate, plural } from '../french/words';
import { written, type Paragraph, type Piece, type RenderedEmail } from './french';

// The weekly digest (SPEC §10): everything that waits on one person, across their conventions,
// in one email a week instead of the reminders. Grouped by convention, the most urgent first.

export interface DigestData {
  /** The Monday of the week it is sent for. */
  monday: LocalDate;
  /** The day it is written, for "late since" and "due by". */
  today: LocalDate;
  /** Sorted by urgency (`byUrgency`). */
  actions: AwaitedAction[];
}

/** Where a digest reader changes their choice in the console. */
export const REMINDERS_PAGE = '/rappels';

/** Without `consoleUrl`, the same words without their links. */
export function renderDigest({ monday, today, actions }: DigestData, consoleUrl?: string): RenderedEmail {
  const linked = (words: string, path: string): Piece =>
    consoleUrl ? { link: new URL(path, consoleUrl).href, words } : words;
  // Conventions in the order of their most urgent action.
  const conventions = [...new Set(actions.map((a) => a.conventionId))];
  const lines = conventions.flatMap((id): Paragraph[] => {
    const mine = actions.filter((a) => a.conventionId === id);
    return [
      [{ user: mine[0]!.title }, ' :'],
      ...mine.map(({ action }): Paragraph => [
        '– ',
        linked(actionText(action), actionPath(id, action)),
        ` (${deadlineText(action, today)})`,
      ]),
    ];
  });
  return written(
    {
      subject: `Vos actions en attente : ${plural(actions.length, 'action', 'actions')}, semaine du ${frenchDate(monday)}`,
      paragraphs: [
        ['Bonjour,'],
        [
          `Voici ce qui attend une action de votre part dans vos conventions, la plus urgente d’abord. `,
          ...(consoleUrl ? ['Chaque lien mène au formulaire de la console qui la fait.'] : []),
        ],
        ...lines,
      ],
    },
    [
      [
        `Vous recevez ce récapitulatif chaque semaine à la place des rappels, comme vous l’avez choisi ; `,
        `les premières demandes, les convocations et les urgences (insuffisance de crédits, préavis, `,
        `suspension) vous parviennent toujours aussitôt. Pour recevoir de nouveau chaque rappel : `,
        linked('console, « Mes rappels »', REMINDERS_PAGE),
        '.',
      ],
    ],
  );
}
