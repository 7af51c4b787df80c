import { FACT_LISTS, type FactList } from '../bring-in';
import { scheduleDefaults } from '../convention';
import type { LocalDate } from '../dates';
import type { DraftStep } from '../draft';
import { FIELD_WORDS, IN_EUROS, type FieldWords } from './fields';
import { REPORT_RECEIVED_BEFORE } from './bring-in';
import { frenchDate } from './words';

// The words of the creation form (domain/draft.ts): its steps, each input's label and hint by its
// generic path (`parties.*.name`), and what the form says of the budget year.

export const STEP_TITLES: Record<DraftStep, string> = {
  startup: 'La startup d’État',
  parties: 'Les parties',
  roles: 'Les personnes',
  budget: 'Le budget',
  schedule: 'Le calendrier',
  history: 'Où en est cette convention ?',
};

export const STEP_INTROS: Record<DraftStep, string> = {
  startup: 'La convention finance une startup d’État : son nom, son incubateur, la phase financée.',
  parties:
    'Le ou les délégants qui confient leurs crédits, le délégataire qui les gère, et les éventuels cofinanceurs. Chaque partie a un représentant qui signe, et au moins un contact qui reçoit ses rappels.',
  roles:
    'Les personnes qui font vivre la convention hors des parties : le secrétariat du comité d’investissement, l’intrapreneur, le contrôle budgétaire (CBCM) et les administrateurs.',
  budget:
    'Une ligne par UO et par financeur, avec les montants d’autorisations d’engagement (AE) et de crédits de paiement (CP), et les références Chorus de l’UO.',
  schedule:
    'Les valeurs proposées sont celles de la convention type ; changez seulement ce que votre convention prévoit autrement.',
  history:
    'Une convention pas encore signée démarre aujourd’hui, à ses signatures. Une convention déjà signée, publiée ou à mi-parcours est reprise avec son passé : chaque fait indiqué ici est appliqué à sa date selon les règles de l’outil, et le registre le marque comme repris, d’après le document que vous nommez.',
};

/** The two answers to « Où en est cette convention ? ». */
export const SITUATION_CHOICES = {
  false: {
    label: 'Pas encore signée',
    hint: 'Elle démarre aujourd’hui : l’outil demande les signatures, puis la publication.',
  },
  true: {
    label: 'Déjà signée, publiée ou plus avancée',
    hint: 'Elle est reprise avec son passé : ses signatures, sa publication et ce qui a suivi.',
  },
};

/** Below the two answers, before one is saved. */
export const SITUATION_NOTE =
  'Choisissez, puis enregistrez : les faits d’une convention déjà signée sont demandés ensuite.';

/** The heading of a running convention's Chorus confirmation and publication. */
export const CHORUS_AND_PUBLICATION = 'Habilitations Chorus et publication';

/** Each list of facts of a running convention: its heading, what it holds, one of its items, its buttons. */
export const FACT_LIST_WORDS: Record<
  FactList | 'signatures',
  { title: string; intro: string; item: string; add: string; remove: string }
> = {
  signatures: {
    title: 'Les signatures',
    intro: 'Une par partie signataire (les cofinanceurs ne signent pas), avec son jour et son signataire.',
    item: 'Signature',
    add: 'Ajouter une signature',
    remove: 'Retirer la signature',
  },
  engagements: {
    title: 'Engagements à ce jour (facultatif)',
    intro: 'Les bons de commande ou engagements juridiques déjà passés dans Chorus.',
    item: 'Engagement',
    add: 'Ajouter un engagement',
    remove: 'Retirer l’engagement',
  },
  payments: {
    title: 'Paiements à ce jour (facultatif)',
    intro: 'Les paiements déjà faits, chacun sur un engagement.',
    item: 'Paiement',
    add: 'Ajouter un paiement',
    remove: 'Retirer le paiement',
  },
  amendments: {
    title: 'Avenants signés (facultatif)',
    intro:
      'Leur numéro, leur objet et leur date. Un avenant qui change le budget ou le calendrier se reprend par un fichier d’historique (commande convention start avec --history).',
    item: 'Avenant',
    add: 'Ajouter un avenant',
    remove: 'Retirer l’avenant',
  },
  committees: {
    title: 'Comités d’investissement tenus (facultatif)',
    intro: 'Chaque comité réuni, avec sa décision.',
    item: 'Comité tenu',
    add: 'Ajouter un comité tenu',
    remove: 'Retirer le comité tenu',
  },
  reports: {
    title: 'Comptes rendus mensuels reçus (facultatif)',
    intro:
      'Chaque compte rendu reçu, avec le mois dont il rend compte. Un compte rendu en retard sera demandé une fois, à partir d’aujourd’hui.',
    item: 'Compte rendu',
    add: 'Ajouter un compte rendu',
    remove: 'Retirer le compte rendu',
  },
};

/** The day each kind of fact happened on (an avenant's is its signature's, said by its command). */
const FACT_DAYS: Record<Exclude<FactList, 'amendments'>, string> = {
  engagements: 'Date de l’engagement',
  payments: 'Date du paiement',
  committees: 'Date de la réunion',
  reports: 'Date de réception',
};

/** What a fact's field says in the form when the live command's words do not fit a fact of the past. */
const FACT_FIELD_WORDS: Partial<Record<FactList, Record<string, FieldWords>>> = {
  committees: {
    committee: { label: 'Numéro du comité', hint: 'Vide : le plus ancien comité en attente de décision' },
  },
  reports: {
    progress: { label: 'Avancement (facultatif)', hint: `Vide : « ${REPORT_RECEIVED_BEFORE} »` },
    forecast: { label: 'Prévisions (facultatif)', hint: `Vide : « ${REPORT_RECEIVED_BEFORE} »` },
  },
};

/** The words of the history step's inputs: a fact's fields are its command's (domain/french/fields.ts). */
const HISTORY_FIELD_WORDS: Record<string, FieldWords> = {
  'history.running': { label: 'Où en est cette convention ?' },
  'history.document': {
    label: 'Document d’où viennent ces faits',
    hint: 'Par exemple : Convention signée du 26 mars 2020 (PDF), relevés Chorus ; le registre le cite pour chaque fait repris',
  },
  'history.signatures.*.party': { label: 'Partie signataire' },
  'history.signatures.*.on': { label: 'Date de signature' },
  'history.signatures.*.signatory': { label: 'Signataire', hint: 'Qui a signé pour la partie' },
  'history.chorus.on': {
    label: 'Date de confirmation des habilitations Chorus',
    hint: 'Vide si le délégant ne les a pas encore confirmées',
  },
  'history.publication.on': {
    label: 'Date de publication',
    hint: 'La convention a pris effet ce jour-là ; vide si elle n’est pas encore publiée',
  },
  'history.publication.where': FIELD_WORDS.publish.where,
  'history.publication.url': FIELD_WORDS.publish.url,
  ...Object.fromEntries(
    (Object.entries(FACT_LISTS) as [FactList, keyof typeof FIELD_WORDS][]).flatMap(([list, command]) => [
      ...(list === 'amendments' ? [] : [[`history.${list}.*.on`, { label: FACT_DAYS[list] }]]),
      ...Object.entries({ ...FIELD_WORDS[command], ...FACT_FIELD_WORDS[list] }).map(([name, words]) => [
        `history.${list}.*.${name}`,
        words,
      ]),
    ]),
  ),
};

const defaults = scheduleDefaults();

/** Each input's label, and what helps to fill it, by generic path. */
export const DRAFT_FIELD_WORDS: Record<string, FieldWords> = {
  title: { label: 'Intitulé de la convention', hint: 'Tel qu’il figure en tête du document' },
  id: {
    label: 'Identifiant',
    hint: 'Minuscules, chiffres et tirets, par exemple camino-2020 ; il ne change plus ensuite',
  },
  'startup.name': { label: 'Nom de la startup d’État' },
  'startup.incubator': { label: 'Incubateur', hint: 'Par exemple La Fabrique numérique' },
  'startup.phase': { label: 'Phase financée' },
  'parties.*.id': { label: 'Sigle', hint: 'En majuscules, par exemple DGALN ; il désigne la partie partout' },
  'parties.*.name': { label: 'Nom de la partie' },
  'parties.*.role': { label: 'Rôle dans la convention' },
  'parties.*.representative.name': { label: 'Nom du représentant', hint: 'Celui ou celle qui signe' },
  'parties.*.representative.title': {
    label: 'Qualité du représentant',
    hint: 'Par exemple Directeur général',
  },
  'parties.*.representative.email': { label: 'Adresse électronique du représentant' },
  'parties.*.contacts.*': { label: 'Adresse électronique du contact' },
  'roles.committeeSecretary.name': { label: 'Secrétariat du comité d’investissement' },
  'roles.committeeSecretary.email': { label: 'Adresse électronique du secrétariat' },
  'roles.intrapreneur.name': {
    label: 'Nom de l’intrapreneur',
    hint: 'Laissez vide s’il est désigné plus tard : le délégant en sera averti',
  },
  'roles.intrapreneur.email': { label: 'Adresse électronique de l’intrapreneur' },
  'roles.cbcm': { label: 'Adresses du CBCM', hint: 'Une par ligne ; vide s’il n’y en a pas' },
  'roles.admins': {
    label: 'Administrateurs de la convention',
    hint: 'Une adresse par ligne : ils enregistrent les avenants',
  },
  'roles.committeeChair': {
    label: 'Délégant qui préside les comités',
    hint: 'Son représentant préside le comité d’investissement',
  },
  'budget.*.uo': { label: 'UO', hint: 'Unité opérationnelle, par exemple 0113-PEBC-ELAB' },
  'budget.*.program': { label: 'Programme', hint: 'Par exemple P113 pour une UO 0113-…' },
  'budget.*.funder': { label: 'Financeur' },
  'budget.*.ae': { label: 'Autorisations d’engagement (AE)', hint: IN_EUROS },
  'budget.*.cp': { label: 'Crédits de paiement (CP)', hint: IN_EUROS },
  'budget.*.year': {
    label: 'Année budgétaire',
    hint: 'Les crédits de quelle année la ligne donne ; par défaut, l’année où la convention prend effet',
  },
  'budget.*.restoration': {
    label: 'À rétablir (remboursé par le cofinanceur au titre d’une convention de rétablissement de crédits)',
  },
  'budget.*.imputation.domaineFonctionnel': { label: 'Domaine fonctionnel', hint: 'Par exemple 0113-07' },
  'budget.*.imputation.sousAction': { label: 'Sous-action', hint: 'Par exemple 0113-07-16' },
  'budget.*.imputation.centreFinancier': { label: 'Centre financier', hint: 'L’UO elle-même' },
  'budget.*.imputation.activites': {
    label: 'Activités',
    hint: 'Une par ligne, 12 caractères, par exemple 011301MB0601',
  },
  'budget.*.imputation.centreCout': { label: 'Centre de coût', hint: 'Par exemple DININCUB75' },
  'budget.*.echeancier.*.date': { label: 'Date de mise à disposition' },
  'budget.*.echeancier.*.ae': { label: 'AE mises à disposition', hint: IN_EUROS },
  'budget.*.echeancier.*.cp': { label: 'CP mis à disposition', hint: IN_EUROS },
  'schedule.reminderEveryDays': {
    label: 'Jours entre deux rappels',
    hint: `Une action attendue est rappelée à ce rythme ; ${defaults.reminderEveryDays} par défaut`,
  },
  'schedule.reminderHour': {
    label: 'Heure des rappels',
    hint: `Heure de Paris à laquelle partent les rappels ; ${defaults.reminderHour} h par défaut`,
  },
  'schedule.workingDaysOnly': { label: 'Rappels les jours ouvrés seulement (ni week-end ni jour férié)' },
  'schedule.escalateAfter': {
    label: 'Rappels avant de mettre le représentant en copie',
    hint: `Après ce nombre de rappels sans réponse, le représentant de la partie est mis en copie et les rappels s’espacent ; ${defaults.escalateAfter} par défaut`,
  },
  'schedule.reminderCeilingDays': {
    label: 'Jours au plus entre deux rappels espacés',
    hint: `${defaults.reminderCeilingDays} par défaut`,
  },
  'schedule.committeeEveryMonths': {
    label: 'Mois entre deux comités d’investissement',
    hint: `${defaults.committeeEveryMonths} par défaut`,
  },
  'schedule.committeeNoticeDays': {
    label: 'Jours de convocation avant un comité',
    hint: `Décroissants, séparés par des virgules ; ${defaults.committeeNoticeDays.join(', ')} par défaut`,
  },
  'schedule.reportDueDay': {
    label: 'Jour du mois où le compte rendu mensuel est attendu',
    hint: `Le compte rendu d’un mois est dû ce jour du mois suivant ; le ${defaults.reportDueDay} par défaut`,
  },
  'schedule.reportReminderDaysBefore': {
    label: 'Jours de rappel avant un compte rendu',
    hint: `${defaults.reportReminderDaysBefore} par défaut`,
  },
  'schedule.noticeMonths': {
    label: 'Mois de préavis de résiliation',
    hint: `${defaults.noticeMonths} par défaut`,
  },
  'schedule.terminationReminderDaysBefore': {
    label: 'Jours de rappel avant la fin de la convention',
    hint: `${defaults.terminationReminderDaysBefore} par défaut`,
  },
  'schedule.creditGraceDays': {
    label: 'Jours de grâce après une insuffisance de crédits',
    hint: `Au-delà, l’exécution est suspendue ; ${defaults.creditGraceDays} par défaut`,
  },
  'schedule.endsOn': {
    label: 'Date de fin de la convention',
    hint: 'Vide si elle court jusqu’à sa résiliation',
  },
  'schedule.yearEnd.lastEngagementDay': {
    label: 'Dernier jour des engagements de l’année',
    hint: `Mois et jour (MM-JJ) fixés chaque année par la circulaire de fin de gestion ; ${defaults.yearEnd.lastEngagementDay} (1er décembre) par défaut`,
  },
  'schedule.yearEnd.lastPaymentDay': {
    label: 'Dernier jour des paiements de l’année',
    hint: `Mois et jour (MM-JJ) ; ${defaults.yearEnd.lastPaymentDay} (15 décembre) par défaut`,
  },
  ...HISTORY_FIELD_WORDS,
};

/** Beside a value read from the document: the line it comes from. */
export const readFrom = (line: string) => `Lu dans le document : « ${line} »`;
/** Beside a value read that a person must confirm. */
export const toConfirm = (what: string) => `À vérifier : ${what}`;

/** Above the budget lines when the year's fin de gestion has passed (a convention prepared in December). */
export const yearClosedNotice = (passed: LocalDate, next: number) =>
  `La fin de gestion ${passed.slice(0, 4)} est passée : Chorus ne prend plus d’engagement de cette année depuis le ${frenchDate(passed)}. Les nouvelles lignes sont proposées en ${next} ; une ligne de ${passed.slice(0, 4)} ne pourrait pas être engagée.`;

/** In the preview: credits of a year whose engagements are closed. */
export const closedYearWarning = (year: number, lastEngagementDay: LocalDate, funders: readonly string[]) =>
  `Les crédits ${year} de ${funders.join(', ')} ne pourront pas être engagés : le dernier jour des engagements de ${year} était le ${frenchDate(lastEngagementDay)}. Prévenez-en le délégant, ou inscrivez ces lignes en ${year + 1} si la convention le permet.`;
