import type { Fault, PathSegment } from '../faults';
import { DECISION_NAMES, PHASE_NAMES, ROLE_NAMES, SCOPE_NAMES } from './words';

// A fault of an input in French (domain/faults.ts): the field by its name in the forms and the
// convention file, and the rule it breaks.

/** The French name of each field of the commands and of the convention file. */
const FIELD_NAMES: Record<string, string> = {
  as: 'Votre adresse',
  party: 'Partie',
  where: 'Lieu de publication',
  url: 'Adresse de la publication',
  decision: 'Décision',
  phase: 'Phase',
  notes: 'Relevé de décisions',
  conditions: 'Conditions',
  committee: 'Numéro du comité',
  time: 'Heure',
  durationMinutes: 'Durée en minutes',
  place: 'Lieu',
  visio: 'Lien de visioconférence',
  period: 'Mois concerné',
  spent: 'Dépenses',
  progress: 'Avancement',
  forecast: 'Prévisions',
  replace: 'Remplacement',
  final: 'Compte rendu final',
  uo: 'UO',
  ae: 'AE',
  cp: 'CP',
  ref: 'Référence',
  label: 'Libellé',
  engagement: 'Engagement payé',
  number: 'Numéro de l’avenant',
  summary: 'Objet de l’avenant',
  signedOn: 'Date de signature',
  budget: 'Budget',
  schedule: 'Calendrier',
  reason: 'Motif',
  wantedBy: 'Date souhaitée',
  scope: 'Étendue',
  commitment: 'Engagement non tenu',
  name: 'Nom',
  email: 'Adresse électronique',
  id: 'Identifiant',
  title: 'Intitulé',
  startup: 'Startup d’État',
  incubator: 'Incubateur',
  parties: 'Parties',
  role: 'Rôle',
  representative: 'Représentant',
  contacts: 'Contacts',
  roles: 'Rôles',
  committeeSecretary: 'Secrétaire du comité',
  intrapreneur: 'Intrapreneur',
  cbcm: 'CBCM',
  admins: 'Administrateurs',
  program: 'Programme',
  funder: 'Financeur',
  restoration: 'À rétablir',
  imputation: 'Imputation',
  domaineFonctionnel: 'Domaine fonctionnel',
  sousAction: 'Sous-action',
  centreFinancier: 'Centre financier',
  activites: 'Activités',
  centreCout: 'Centre de coût',
  echeancier: 'Échéancier',
  date: 'Date',
  timezone: 'Fuseau horaire',
  reminderHour: 'Heure des rappels',
  reminderEveryDays: 'Jours entre deux rappels',
  escalateAfter: 'Rappels avant la mise en copie du représentant',
  reminderCeilingDays: 'Jours au plus entre deux rappels espacés',
  committeeEveryMonths: 'Mois entre deux comités',
  committeeNoticeDays: 'Jours de convocation avant le comité',
  reportDueDay: 'Jour d’échéance des comptes rendus',
  reportReminderDaysBefore: 'Jours de rappel avant un compte rendu',
  noticeMonths: 'Mois de préavis',
  terminationReminderDaysBefore: 'Jours de rappel avant la fin',
  creditAlertThresholds: 'Seuils d’alerte des crédits',
  creditGraceDays: 'Jours de grâce après une insuffisance',
  workingDaysOnly: 'Jours ouvrés seulement',
  endsOn: 'Date de fin',
  signedAt: 'Date de signature',
  publishedAt: 'Date de publication',
  // A running convention's past (the creation form's last step, domain/bring-in.ts).
  history: 'Où en est la convention',
  document: 'Document',
  signatures: 'Signatures',
  signatory: 'Signataire',
  on: 'Date',
  chorus: 'Habilitations Chorus',
  publication: 'Publication',
  engagements: 'Engagements',
  payments: 'Paiements',
  amendments: 'Avenants',
  committees: 'Comités tenus',
  reports: 'Comptes rendus',
};

/** What a field expects, when its fault is of format. */
const EXPECTED: Record<string, string> = {
  email: 'une adresse électronique, par exemple nom@domaine.fr',
  as: 'une adresse électronique, par exemple nom@domaine.fr',
  admins: 'des adresses électroniques',
  cbcm: 'des adresses électroniques',
  contacts: 'des adresses électroniques',
  url: 'une adresse web commençant par http:// ou https://',
  ae: 'un montant en euros avec au plus deux décimales, par exemple 12500.00',
  cp: 'un montant en euros avec au plus deux décimales, par exemple 12500.00',
  spent: 'un montant en euros avec au plus deux décimales, par exemple 12500.00',
  period: 'un mois au format AAAA-MM, par exemple 2021-03',
  signedOn: 'une date au format AAAA-MM-JJ',
  on: 'une date au format AAAA-MM-JJ',
  wantedBy: 'une date au format AAAA-MM-JJ',
  date: 'une date au format AAAA-MM-JJ',
  endsOn: 'une date au format AAAA-MM-JJ',
  committee: 'un nombre entier de 1 à 200',
  time: 'une heure au format HH:MM, par exemple 14:30',
  durationMinutes: 'un nombre de minutes de 15 à 600',
  visio: 'une adresse web commençant par https://',
  number: 'un nombre entier de 1 à 999',
  ref: 'une référence de 1 à 40 lettres, chiffres, points, barres obliques, tirets ou soulignés',
  engagement: 'une référence de 1 à 40 lettres, chiffres, points, barres obliques, tirets ou soulignés',
  id: 'un identifiant en minuscules et tirets, par exemple camino-2020',
  party: 'l’identifiant d’une partie en majuscules, par exemple DGALN',
  uo: 'une UO de la forme 0113-PEBC-ELAB',
  program: 'un programme de la forme P113',
  domaineFonctionnel: 'un domaine fonctionnel de la forme 0113-07',
  sousAction: 'une sous-action de la forme 0113-07-16',
  centreFinancier: 'un centre financier de la forme 0113-PEBC-ELAB',
  activites: 'des activités de 12 caractères, par exemple 011301MB0601',
  centreCout: 'un centre de coût de 4 à 10 lettres ou chiffres, par exemple DININCUB75',
  timezone: 'un fuseau horaire, par exemple Europe/Paris',
  creditAlertThresholds: 'des parts strictement entre 0 et 1, croissantes, par exemple 0.80 et 0.95',
  committeeNoticeDays: 'des nombres de jours décroissants, par exemple 30 et 7',
};

/** The French of an enumeration's values, where they are identifiers of the domain. */
const VALUE_NAMES: Record<string, string> = {
  ...DECISION_NAMES,
  ...PHASE_NAMES,
  ...ROLE_NAMES,
  ...SCOPE_NAMES,
  intrapreneur: 'intrapreneur',
  committee: 'comité',
  other: 'autre',
};

/** One element of a list field, by its place: `Partie n° 2`. */
const ELEMENT_NAMES: Record<string, string> = {
  parties: 'Partie',
  signatures: 'Signature',
  engagements: 'Engagement',
  payments: 'Paiement',
  amendments: 'Avenant',
  committees: 'Comité tenu',
  reports: 'Compte rendu',
  budget: 'Ligne budgétaire',
  contacts: 'Contact',
  echeancier: 'Échéance',
  activites: 'Activité',
  admins: 'Administrateur',
  cbcm: 'Adresse du CBCM',
  conditions: 'Condition',
  committeeNoticeDays: 'Délai de convocation',
  creditAlertThresholds: 'Seuil',
};

/** The last named segment of a path: the field a fault is about. */
const fieldOf = (segments: readonly PathSegment[]) =>
  [...segments].reverse().find((segment): segment is string => typeof segment === 'string');

/** `Partie n° 2 › Représentant › Adresse électronique`: where a fault is, in French. */
export function frenchPath(segments: readonly PathSegment[]): string {
  const names: string[] = [];
  segments.forEach((segment, i) => {
    if (typeof segment !== 'number') names.push(FIELD_NAMES[segment] ?? segment);
    else {
      const list = segments[i - 1];
      const element = (typeof list === 'string' && ELEMENT_NAMES[list]) || names.at(-1) || 'Élément';
      names[names.length - 1] = `${element} n° ${segment + 1}`;
    }
  });
  return names.join(' › ') || 'Le document';
}

/** The rule a fault breaks, in French, without the field's name. */
export function frenchRule(fault: Fault): string {
  const field = fieldOf(fault.segments) ?? '';
  const figures = fault.figures as Record<string, unknown>;
  switch (fault.rule) {
    case 'required':
      return 'à renseigner.';
    case 'unknown-field':
      return 'champ inconnu.';
    case 'unknown-command':
      return 'commande inconnue.';
    case 'empty':
      return 'ne doit pas être vide.';
    case 'too-long':
      return `au plus ${figures.max} caractères.`;
    case 'too-many':
      return `au plus ${figures.max} éléments.`;
    case 'too-few':
      return `au moins ${figures.min} élément${Number(figures.min) > 1 ? 's' : ''}.`;
    case 'too-big':
      return `au plus ${figures.max}.`;
    case 'too-small':
      return `au moins ${figures.min}.`;
    case 'one-of':
      return `une valeur parmi : ${(figures.values as unknown[]).map((v) => VALUE_NAMES[String(v)] ?? String(v)).join(', ')}.`;
    case 'conditions-required':
      return 'une poursuite sous conditions en énonce au moins une.';
    case 'control-character':
      return figures.lines === 'several'
        ? `ne doit contenir aucun caractère de contrôle hormis les retours à la ligne et les tabulations (trouvé : ${figures.character}).`
        : `tient sur une ligne, sans retour à la ligne, tabulation ni autre caractère de contrôle (trouvé : ${figures.character}).`;
    case 'bidi-control':
      return `ne doit contenir aucun caractère de contrôle du sens d’écriture (trouvé : ${figures.character}).`;
    case 'amount':
      return `« ${figures.typed} » n’est pas un montant en euros ; écrivez-le par exemple ${figures.signed ? '30 000,00, ou -5 000,00 pour une baisse' : '12 500,00 ou 12 500 €'}, avec au plus deux décimales.`;
    case 'nothing-to-change':
      return 'donnez au moins une date, une heure, une durée, un lieu ou un lien de visioconférence.';
    case 'not-json-or-yaml':
      return `le fichier n’est ni du JSON ni du YAML lisible (${figures.reason}).`;
    case 'too-large':
      return `le fichier dépasse ${Math.round(Number(figures.max) / 1_000_000)} Mo.`;
    case 'unreadable':
      return 'le fichier ne peut pas être lu.';
    default:
      return EXPECTED[field] ? `valeur attendue : ${EXPECTED[field]}.` : 'valeur non conforme.';
  }
}

/** Above a form whose amounts are not all amounts: which fields, by their labels. */
export const unreadAmounts = (labels: readonly string[]) =>
  labels.length > 1
    ? `Ces montants ne se lisent pas : ${labels.map((label) => `« ${label} »`).join(', ')}. Écrivez-les par exemple 12 500,00 ou 12 500 €.`
    : `Le montant « ${labels[0]} » ne se lit pas. Écrivez-le par exemple 12 500,00 ou 12 500 €.`;

/** `Conditions : une poursuite sous conditions en énonce au moins une.` */
export function frenchFault(fault: Fault): string {
  return `${frenchPath(fault.segments)} : ${frenchRule(fault)}`;
}
