import type { CreditCommandName, CreditsWindow } from '../credits-now';
import { formatEuros } from '../money';
import { frenchDate } from './words';

// What the engagement and payment forms say of the credits they can draw on today (domain/credits-now.ts):
// how much and until when; or, in December and after, why not, when they reopen and on which
// year's credits, and what to do when no credits follow.

const WORDS = {
  engage: { acts: 'Les engagements', none: 'Aucun engagement possible aujourd’hui', credits: 'd’AE' },
  pay: { acts: 'Les paiements', none: 'Aucun paiement possible aujourd’hui', credits: 'de CP' },
} as const;

const list = (items: readonly string[]) =>
  items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} et ${items.at(-1)}`;

/** `AE engageables : 220 000,00 € (crédits de 2026, jusqu’au 1er décembre 2026)`: a UO's choice in the form. */
export function openCreditsText(
  command: CreditCommandName,
  window: Extract<CreditsWindow, { open: true }>,
): string {
  const what = command === 'engage' ? 'AE engageables' : 'CP payables';
  const which =
    command === 'pay'
      ? ', à hauteur des engagements non payés'
      : window.available
        ? ' mis à disposition par le délégant'
        : '';
  return `${what} : ${formatEuros(window.left)} (crédits de ${window.year}${which}, jusqu’au ${frenchDate(window.until)})`;
}

/** The title of the notice shown instead of a form that cannot succeed today. */
export const closedCreditsTitle = (command: CreditCommandName) => WORDS[command].none;

/**
 * For the UOs that cannot be drawn on today (the others left out): why, when they reopen and on
 * which year's credits; for a UO with no credits after this year, that an avenant must add them.
 */
export function closedCreditsText(
  command: CreditCommandName,
  windows: readonly { uo: string; window: CreditsWindow }[],
): string {
  const { acts, credits } = WORDS[command];
  const closed = windows.flatMap(({ uo, window }) => (window.open ? [] : [{ uo, window }]));
  const sentences: string[] = [];
  const year = closed[0]?.window.year;
  const closedOn = [...new Set(closed.flatMap(({ window }) => (window.closedOn ? [window.closedOn] : [])))];
  for (const day of closedOn)
    sentences.push(
      `${acts} sur les crédits de ${year} n’étaient possibles que jusqu’au ${frenchDate(day)} (fin de gestion)${closed.length > 1 && closedOn.length > 1 ? ` pour ${list(closed.filter((c) => c.window.closedOn === day).map((c) => c.uo))}` : ''}.`,
    );
  const without = closed.filter(({ window }) => !window.closedOn).map(({ uo }) => uo);
  if (without.length) sentences.push(`La convention n’a pas de crédits de ${year} sur ${list(without)}.`);
  const reopening = [...new Set(closed.flatMap(({ window }) => (window.reopens ? [window.reopens.on] : [])))];
  for (const on of reopening) {
    const lines = closed.flatMap(({ uo, window }) =>
      window.reopens?.on === on ? [`${formatEuros(window.reopens.amount)} ${credits} sur ${uo}`] : [],
    );
    sentences.push(
      `Ils reprennent le ${frenchDate(on)}, sur les crédits de ${on.slice(0, 4)} : ${list(lines)}.`,
    );
  }
  const ending = closed.filter(({ window }) => !window.reopens).map(({ uo }) => uo);
  if (ending.length && year !== undefined)
    sentences.push(
      `Aucun crédit n’est prévu après ${year} sur ${list(ending)} : un avenant doit ajouter ceux de ${year + 1} (un administrateur de la convention l’enregistre) ; ${acts.toLowerCase()} reprendront alors le ${frenchDate(`${year + 1}-01-01`)}.`,
    );
  return sentences.join(' ');
}
