import { formatEuros, type MoneyString } from '../money';
import type {
  ContactCommand,
  CreditCommand,
  Refusal,
  RefusalCode,
  RefusalFigures,
  RefusalType,
} from '../refusals';
import { frenchFault } from './faults';
import { FINANCIAL_UNIT } from '../circuit';
import {
  DECISION_NAMES,
  FINANCIAL_UNIT_NAME,
  frenchDate,
  frenchDateTime,
  frenchMonth,
  of,
  STATE_NAMES,
} from './words';

// Each refusal of the domain (domain/refusals.ts) in French, from its code and figures: what the
// console shows above a form. The English stays the CLI's.

const euros = (amount: MoneyString) => formatEuros(amount);
const list = (items: readonly string[]) =>
  items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} et ${items.at(-1)}`;
const person = ({ name, email }: { name: string; email: string }) => `${name} (${email})`;

/** What each contact's command does, as a verb. */
const CONTACT_ACTS: Record<ContactCommand, string> = {
  publish: 'enregistrer la publication',
  'confirm-chorus': 'confirmer les habilitations Chorus',
  'submit-report': 'déposer un compte rendu',
  engage: 'enregistrer un engagement',
  pay: 'enregistrer un paiement',
  'request-credits': 'demander des crédits',
  'make-available': 'mettre des crédits à disposition',
  'designate-intrapreneur': 'désigner l’intrapreneur',
  'year-end-forecast': 'enregistrer une prévision de fin de gestion',
};

const NOT_IN_FORCE: Record<RefusalFigures['not-in-force']['command'], string> = {
  'end-accompaniment': 'L’accompagnement ne peut prendre fin que pendant que la convention est en vigueur.',
  decide: 'Aucun comité ne se tient avant l’entrée en vigueur de la convention (sa publication).',
  'schedule-committee':
    'Aucun comité ne se tient avant l’entrée en vigueur de la convention (sa publication).',
  'give-notice': 'Un préavis ne peut être donné qu’une fois la convention en vigueur (publiée).',
  'submit-report': 'Les comptes rendus commencent à l’entrée en vigueur de la convention (sa publication).',
  engage: 'Aucun engagement avant l’entrée en vigueur de la convention (sa publication).',
  pay: 'Aucun paiement avant l’entrée en vigueur de la convention (sa publication).',
  'request-credits': 'Aucune demande de crédits avant l’entrée en vigueur de la convention (sa publication).',
  'make-available': 'Aucune mise à disposition avant l’entrée en vigueur de la convention (sa publication).',
  'year-end-forecast':
    'Aucune prévision de fin de gestion avant l’entrée en vigueur de la convention (sa publication).',
};

const ZERO: Record<CreditCommand, string> = {
  engage: 'Le montant des AE doit être supérieur à zéro.',
  pay: 'Le montant des CP doit être supérieur à zéro.',
  'request-credits': 'Au moins un des montants, AE ou CP, doit être supérieur à zéro.',
  'make-available': 'Au moins un des montants, AE ou CP, doit être supérieur à zéro.',
};

const faults = (items: RefusalFigures['invalid']['faults']) => items.map(frenchFault).join(' ');

const FRENCH: { [C in RefusalCode]: (figures: RefusalFigures[C]) => string } = {
  invalid: ({ faults: items }) => faults(items),
  closed: ({ closedAt }) => `La convention est close depuis le ${frenchDateTime(closedAt)}.`,
  ended: ({ endedAt, reason }) =>
    `La convention a pris fin le ${frenchDateTime(endedAt)} (${reason === 'expired' ? 'arrivée à son terme' : 'résiliée'}) : seuls le compte rendu final et les corrections des administrateurs sont encore acceptés.`,
  'not-contact': ({ actor, command, side, parties }) =>
    `${actor} ne peut pas ${CONTACT_ACTS[command]} : seuls les contacts du ${side === 'delegant' ? 'délégant' : 'délégataire'} (${list(parties)}) ou un administrateur le peuvent.`,
  'not-representative': ({ actor, command, party, representative }) => {
    const act = {
      sign: `signer pour ${party}`,
      'give-notice': `donner un préavis pour ${party}`,
      'end-accompaniment': 'mettre fin à l’accompagnement',
    }[command];
    return `${actor} ne peut pas ${act} : seul le représentant de ${party}, ${person(representative)}, ou un administrateur le peut.`;
  },
  'not-admin': ({ actor, act }) =>
    `${actor} ne peut pas ${{ amend: 'enregistrer un avenant', 'continue-as-new': 'faire repartir la convention sur une nouvelle exécution', 'add-version': 'ajouter une version du document' }[act]} : seul un administrateur le peut.`,
  'not-secretary': ({ actor, secretary, command }) =>
    `${actor} ne peut pas ${command === 'decide' ? 'enregistrer la décision du comité' : 'fixer la date, l’heure ou le lieu d’un comité'} : seul le secrétaire du comité, ${person(secretary)}, ou un administrateur le peut.`,
  'withdraw-not-representative': ({ actor, party }) =>
    `${actor} ne peut pas retirer le préavis de ${party} : seul son représentant ou un administrateur le peut.`,
  'withdraw-not-giver': ({ givenBy, withdrawers }) =>
    `Le préavis a été donné par ${givenBy === 'delegant' ? 'le délégant' : givenBy} : seul${withdrawers.length > 1 ? 's' : ''} ${list(withdrawers)} ${withdrawers.length > 1 ? 'peuvent' : 'peut'} le retirer.`,
  cofunder: ({ party, signatories }) =>
    `${party} cofinance la convention mais ne la signe pas ; les signataires sont ${list(signatories)}.`,
  'unknown-party': ({ party, signatories }) =>
    `« ${party} » n’est pas un signataire de la convention ; les signataires sont ${list(signatories)}.`,
  'unknown-uo': ({ uo, uos }) => `L’UO ${uo} n’est pas dans la convention ; ses UO sont ${list(uos)}.`,
  'report-unknown-uo': ({ unknown, uos }) =>
    `Dépenses sur une UO inconnue (${list(unknown)}) ; les UO de la convention sont ${list(uos)}.`,
  'already-signed': ({ party, at, by }) => `${party} a déjà signé, le ${frenchDateTime(at)} (${by}).`,
  'already-published': ({ on, where }) =>
    `La convention a déjà été publiée, le ${frenchDate(on)} (${where}).`,
  'already-confirmed': ({ at, by }) =>
    `Les habilitations Chorus ont déjà été confirmées, le ${frenchDateTime(at)} (${by}).`,
  'avenant-number-used': ({ number, at }) =>
    `L’avenant n° ${number} a déjà été enregistré, le ${frenchDateTime(at)}.`,
  'avenant-number-order': ({ last }) =>
    `Les numéros d’avenant se suivent : le dernier enregistré est l’avenant n° ${last}.`,
  'already-decided': ({ committee, date, decision, at }) =>
    `La décision du comité n° ${committee} (${frenchDate(date)}) est déjà enregistrée : ${DECISION_NAMES[decision]}, le ${frenchDateTime(at)}.`,
  'reference-used': ({ command, ref, at, uo, amount }) =>
    `${command === 'engage' ? 'L’engagement' : 'Le paiement'} ${ref} est déjà enregistré, le ${frenchDateTime(at)} (${uo}, ${euros(amount)}).`,
  'notice-running': ({ party, givenOn, effectiveOn }) =>
    `Un préavis a déjà été donné par ${party === 'delegant' ? 'le délégant' : party}, le ${frenchDate(givenOn)} : la convention prend fin le ${frenchDate(effectiveOn)}.`,
  'report-received': ({ period, at }) =>
    `Le compte rendu ${of(frenchMonth(period))} a déjà été reçu, le ${frenchDateTime(at)} : cochez « remplace le compte rendu déjà déposé » pour le remplacer.`,
  'not-in-force': ({ command }) => NOT_IN_FORCE[command],
  'before-chorus': ({ command }) =>
    `Aucun ${command === 'engage' ? 'engagement' : 'paiement'} avant la confirmation des habilitations Chorus (article 2).`,
  'before-signatures': ({ command, unsigned }) =>
    `${command === 'publish' ? 'La publication attend' : 'Les habilitations Chorus se demandent après'} toutes les signatures : ${unsigned.length > 1 ? 'manquent celles de' : 'manque celle de'} ${list(unsigned)}.`,
  suspended: ({ since, uo }) =>
    `L’exécution est suspendue depuis le ${frenchDateTime(since)} : les crédits de l’UO ${uo} sont épuisés. Un avenant qui lui donne de la marge la rétablit.`,
  'no-echeancier': ({ uo }) =>
    `L’UO ${uo} n’a pas d’échéancier : toute sa dotation est disponible dès la confirmation des habilitations Chorus.`,
  'final-report-early': ({ state }) =>
    `Le compte rendu final vient une fois la convention terminée ; elle est ${STATE_NAMES[state]}.`,
  'final-report-period': () =>
    'Le compte rendu final couvre la fin de la convention : ne donnez pas de mois.',
  'decide-before-convocation': ({ committee, date }) =>
    date
      ? `La décision du comité n° ${committee} (${frenchDate(date)}) ne peut être enregistrée avant sa convocation.`
      : `Le comité n° ${committee} se tiendrait après la fin de la convention.`,
  'no-committee-awaits': ({ next }) =>
    next
      ? `Aucun comité n’attend de décision : le prochain, n° ${next.committee}, se réunit le ${frenchDate(next.date)} ; sa décision pourra être enregistrée à partir de ce jour (à partir du ${frenchDate(next.from)} s’il se réunit plus tôt, en indiquant la date de sa réunion).`
      : 'Aucun comité n’attend de décision.',
  'decide-before-committee': ({ committee, date, today }) =>
    `Le comité n° ${committee} se réunit le ${frenchDate(date)} : sa décision ne peut être enregistrée qu’à partir de ce jour (nous sommes le ${frenchDate(today)}). S’il s’est réuni plus tôt, indiquez la date de sa réunion.`,
  'committee-held-on': ({ committee, heldOn, today, after }) =>
    `Le comité n° ${committee} ne peut pas s’être réuni le ${frenchDate(heldOn)} : indiquez un jour après le ${frenchDate(after)}, et au plus tard aujourd’hui (${frenchDate(today)}).`,
  'publication-date': ({ publishedOn, signedOn, today }) =>
    `La convention ne peut pas avoir été publiée le ${frenchDate(publishedOn)} : indiquez un jour entre le ${frenchDate(signedOn)} (dernière signature) et aujourd’hui (${frenchDate(today)}).`,
  'no-committee-to-schedule': ({ committee }) =>
    committee
      ? `Il n’y a pas de comité n° ${committee} avant la fin de la convention.`
      : 'Aucun comité à venir n’attend de décision.',
  'committee-date-past': ({ committee, date, today }) =>
    `Le comité n° ${committee} ne peut pas se réunir le ${frenchDate(date)} : ce jour est passé (nous sommes le ${frenchDate(today)}).`,
  'committee-date-after-end': ({ committee, date, end }) =>
    `Le comité n° ${committee} ne peut pas se réunir le ${frenchDate(date)} : la convention prend fin le ${frenchDate(end)}.`,
  'committee-date-order': ({ committee, date, previous, next }) =>
    `Le comité n° ${committee} ne peut pas se réunir le ${frenchDate(date)} : il se tient ${[previous && `après le comité n° ${committee - 1} (${frenchDate(previous)})`, next && `avant le comité n° ${committee + 1} (${frenchDate(next)})`].filter(Boolean).join(' et ')}.`,
  'committee-unchanged': ({ committee }) => `Le comité n° ${committee} est déjà fixé ainsi : rien ne change.`,
  'no-notice': () => 'Aucun préavis n’est en cours.',
  'report-future': ({ period, thisMonth }) =>
    `${frenchMonth(period)} n’est pas encore commencé (nous sommes en ${frenchMonth(thisMonth)}).`,
  'report-before-effect': ({ period, effective, first }) =>
    `${frenchMonth(period)} précède l’entrée en vigueur (${frenchDate(effective)}) : le premier mois est ${frenchMonth(first)}.`,
  'report-covered-by-final': ({ period, endPeriod }) =>
    `${frenchMonth(period)} est couvert par le compte rendu final (la convention a pris fin en ${frenchMonth(endPeriod)}).`,
  'zero-amount': ({ command }) => ZERO[command],
  'beyond-allocation': ({ uo, what, asked, remaining }) =>
    `UO ${uo} : ${euros(asked)} de ${what} demandés, il reste ${euros(remaining)} de la dotation à mettre à disposition.`,
  'year-closed': ({ command, year, closedOn }) =>
    `Les ${command === 'engage' ? 'engagements' : 'paiements'} sur les crédits de ${year} n’étaient possibles que jusqu’au ${frenchDate(closedOn)} (fin de gestion).`,
  'no-credits-for-year': ({ uo, year, years }) =>
    `L’UO ${uo} n’a pas de crédits pour ${year}${years.length ? ` (ses lignes sont de ${list(years.map(String))})` : ''} : un avenant ajoute les lignes de l’année.`,
  'beyond-ae': ({ uo, requested, left, told, year }) =>
    `UO ${uo} : ${euros(requested)} d’AE${year ? ` de ${year}` : ''} demandés, il en reste ${euros(left)}.` +
    (told
      ? ` Le délégant a été informé le ${frenchDateTime(told.at)} ; délai de grâce jusqu’au ${frenchDateTime(told.graceUntil)}.`
      : ' Le délégant en est informé sans délai.'),
  'beyond-available': ({ uo, requested, left, available }) =>
    `UO ${uo} : ${euros(requested)} d’AE demandés ; il reste ${euros(left)} de la dotation, mais seulement ${euros(available)} de ce que le délégant a mis à disposition. Une demande de crédits peut en obtenir davantage.`,
  'beyond-cp': ({ uo, amount, left }) =>
    `UO ${uo} : ${euros(amount)} de CP demandés, il en reste ${euros(left)}.`,
  'beyond-engaged': ({ uo, amount, unpaid }) =>
    `UO ${uo} : ${euros(amount)} de CP demandés, seuls ${euros(unpaid)} sont engagés et non encore payés.`,
  'beyond-engagement': ({ engagement, amount, rest }) =>
    `Engagement ${engagement} : ${euros(amount)} de CP demandés, il en reste ${euros(rest)} à payer.`,
  'unknown-engagement': ({ engagement, uo }) => `Aucun engagement ${engagement} sur l’UO ${uo}.`,
  'avenant-in-future': ({ signedOn }) => `Date de signature : le ${frenchDate(signedOn)} est à venir.`,
  'avenant-new-uo-funder': ({ uo }) => `Une nouvelle UO (${uo}) demande son financeur.`,
  'avenant-new-uo-imputation': ({ uo }) => `Une nouvelle UO (${uo}) demande son programme et son imputation.`,
  'avenant-line-negative': ({ field, change, funder, uo }) =>
    `${field.toUpperCase()} : ${change} laisserait la ligne de ${funder} sur l’UO ${uo} en dessous de zéro.`,
  'avenant-invalid': ({ faults: items }) => `La convention modifiée ne serait pas valable : ${faults(items)}`,
  'avenant-removes-uo': ({ uo }) => `L’UO ${uo} ne peut pas être retirée.`,
  'avenant-below-engaged': ({ uo, ae, engaged, year }) =>
    `UO ${uo} : les AE${year ? ` de ${year}` : ''} passeraient à ${euros(ae)}, en dessous des ${euros(engaged)} déjà engagés.`,
  'avenant-below-paid': ({ uo, cp, paid, year }) =>
    `UO ${uo} : les CP${year ? ` de ${year}` : ''} passeraient à ${euros(cp)}, en dessous des ${euros(paid)} déjà payés.`,
  'not-in-validation': ({ state }) =>
    `Le document n’est pas en validation : la convention est ${STATE_NAMES[state]}.`,
  'no-version': ({ command }) =>
    command === 'sign'
      ? 'La convention n’a pas encore de document : une signature électronique porte sur sa version validée.'
      : 'La convention n’a pas encore de document à valider : une première version est attendue.',
  'not-current-version': ({ version, current }) =>
    `La version n° ${version} n’est plus la version en cours : la version n° ${current} a été ajoutée depuis.`,
  'changes-requested': ({ version, by, at }) =>
    `Des modifications de la version n° ${version} ont été demandées par ${by}, le ${frenchDateTime(at)} : une nouvelle version est attendue.`,
  'not-approver': ({ actor, approvers }) =>
    `${actor} ne valide le document pour aucun de ceux qui le valident (${list(approvers.map(approverName))}).`,
  'approver-ambiguous': ({ actor, choices }) =>
    `${actor} peut valider pour ${list(choices.map(approverName))} : précisez pour qui.`,
  'unknown-approver': ({ party, approvers }) =>
    `« ${party} » ne valide pas le document ; le valident ${list(approvers.map(approverName))}.`,
  'already-approved': ({ approver, version, by, at }) =>
    `${capitalized(approverName(approver))} a déjà validé la version n° ${version}, le ${frenchDateTime(at)} (${by}).`,
  'validation-turn': ({ approver, waitingFor }) =>
    `${capitalized(approverName(approver))} valide après ${list(waitingFor.map(approverName))}, qui doi${waitingFor.length > 1 ? 'vent' : 't'} valider d’abord.`,
  'in-validation': ({ waitingFor }) =>
    waitingFor.length
      ? `Le document est en validation : ${list(waitingFor.map(approverName))} doi${waitingFor.length > 1 ? 'vent' : 't'} encore le valider avant toute signature.`
      : 'Le document est en validation : une nouvelle version est attendue avant toute signature.',
  'document-signed': () =>
    'Toutes les parties ont signé : le document signé fait foi, seul un avenant peut le modifier.',
  'signatures-started': ({ signed }) =>
    `${list(signed)} ${signed.length > 1 ? 'ont' : 'a'} déjà signé la version en cours : plus de nouvelle version une fois les signatures commencées.`,
  'same-version': ({ number }) => `Ce fichier est déjà la version n° ${number}.`,
  'signing-turn': ({ party, waitingFor }) =>
    `${party} signe après ${list(waitingFor)}, qui doi${waitingFor.length > 1 ? 'vent' : 't'} signer d’abord.`,
  'evidence-required': ({ party }) =>
    `La signature de ${party} doit être accompagnée de sa preuve : le PDF signé électroniquement, ou la copie numérisée de l’original papier déposée par un administrateur.`,
  'not-validated-version': () => 'Ce document n’est pas la version validée.',
  'signer-not-representative': ({ party, signer, representative }) =>
    `Le signataire, ${person(signer)}, n’est pas le représentant de ${party}, ${person(representative)}.`,
  'scan-not-admin': ({ actor }) =>
    `${actor} ne peut pas déposer la copie numérisée d’un original papier : seul un administrateur le peut.`,
  'scan-in-future': ({ signedOn, today }) =>
    `L’original papier ne peut pas avoir été signé le ${frenchDate(signedOn)} : ce jour est à venir (nous sommes le ${frenchDate(today)}).`,
};

/** Who approves the document, named in French: the financial unit, or a délégant party by its id. */
export const approverName = (approver: string) =>
  approver === FINANCIAL_UNIT ? FINANCIAL_UNIT_NAME : approver;

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A convention started under an id that served before: an id names one convention, for good. */
export const idUsedRefusal = (conventionId: string) =>
  `L’identifiant ${conventionId} a déjà servi à une convention : choisissez-en un autre.`;

/** A refusal in French. */
export function frenchRefusal(refusal: Refusal): string {
  return (FRENCH[refusal.code] as (figures: unknown) => string)(refusal.figures);
}

/** Each kind of refusal in a sentence: what a refusal whose failure carried no code says (before codes). */
export const REFUSAL_TYPE_NAMES: Record<RefusalType, string> = {
  InvalidCommand: 'Un champ était invalide.',
  NotAllowed: 'Son auteur n’en avait pas le droit.',
  UnknownParty: 'La partie nommée n’est pas dans la convention.',
  UnknownUo: 'L’UO nommée n’est pas dans la convention.',
  InsufficientCredits: 'Les crédits ne suffisaient pas.',
  AlreadyDone: 'C’était déjà fait.',
  WrongState: 'La convention n’en était pas là.',
};
