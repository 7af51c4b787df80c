import type { FieldName } from '../command-fields';
import type { CommandName } from '../commands';

// The French words of the commands' fields, as the console's forms show them: a label, a hint
// below it, and for a choice that may be left empty, what the empty choice means.

export interface FieldWords {
  label: string;
  hint?: string;
  /** The empty choice of an optional select. */
  unset?: string;
}

/** The hint of an amount. */
export const IN_EUROS = 'En euros, par exemple 12 500,00 ou 12 500 €';

export const FIELD_WORDS = {
  sign: { party: { label: 'Partie signataire' } },
  publish: {
    where: { label: 'Lieu de publication', hint: 'Par exemple data.gouv.fr' },
    url: { label: 'Adresse de la publication (facultatif)', hint: 'https://…' },
    publishedOn: {
      label: 'Date de publication',
      hint: 'Le jour où elle a été publiée : la convention prend effet ce jour-là (vide : aujourd’hui)',
    },
  },
  'confirm-chorus': {},
  decide: {
    committee: { label: 'Comité', unset: 'Le plus ancien comité en attente de décision' },
    decision: { label: 'Décision' },
    phase: { label: 'Nouvelle phase', unset: 'Inchangée' },
    notes: { label: 'Relevé de décisions' },
    conditions: { label: 'Conditions', hint: 'Une par ligne, pour une poursuite sous conditions' },
    heldOn: {
      label: 'Date de la réunion, si le comité s’est tenu avant sa date prévue',
      hint: 'Vide : le comité s’est tenu à sa date, et sa décision s’enregistre à partir de ce jour',
    },
  },
  'schedule-committee': {
    committee: { label: 'Comité', unset: 'Le prochain comité en attente de décision' },
    date: { label: 'Nouvelle date', hint: 'Vide pour garder la date prévue' },
    time: { label: 'Heure' },
    durationMinutes: { label: 'Durée en minutes', hint: '120 minutes par défaut' },
    place: { label: 'Lieu', hint: 'Adresse et salle' },
    visio: { label: 'Lien de visioconférence', hint: 'Une adresse https://' },
  },
  'submit-report': {
    period: { label: 'Mois concerné', hint: 'Le mois dont rend compte un compte rendu mensuel' },
    final: { label: 'Compte rendu final, au terme de la convention (sans mois concerné)' },
    spent: { label: 'Dépenses de la période' },
    progress: { label: 'Avancement' },
    forecast: { label: 'Prévisions de commande et de consommation' },
    replace: { label: 'Remplace le compte rendu déjà déposé pour ce mois' },
  },
  engage: {
    uo: { label: 'UO' },
    ae: { label: 'Montant engagé (AE)', hint: IN_EUROS },
    ref: { label: 'Référence', hint: 'Bon de commande ou engagement juridique, par exemple BC-2021-014' },
    label: { label: 'Libellé (facultatif)' },
  },
  pay: {
    uo: { label: 'UO' },
    cp: { label: 'Montant payé (CP)', hint: IN_EUROS },
    ref: { label: 'Référence du paiement', hint: 'Par exemple DP-2021-003' },
    engagement: { label: 'Engagement payé (facultatif)', hint: 'Sa référence, par exemple BC-2021-014' },
  },
  amend: {
    number: { label: 'Numéro de l’avenant' },
    summary: { label: 'Objet de l’avenant' },
    signedOn: { label: 'Date de signature' },
  },
  'give-notice': {
    party: { label: 'Partie' },
    reason: { label: 'Motif (pour un préavis)' },
  },
  'withdraw-notice': {},
  'request-credits': {
    uo: { label: 'UO' },
    ae: { label: 'AE demandées', hint: IN_EUROS },
    cp: { label: 'CP demandés', hint: IN_EUROS },
    wantedBy: { label: 'Souhaités pour le' },
  },
  'make-available': {
    uo: { label: 'UO' },
    ae: { label: 'AE mises à disposition', hint: IN_EUROS },
    cp: { label: 'CP mis à disposition', hint: IN_EUROS },
  },
  'end-accompaniment': {
    scope: { label: 'Étendue' },
    commitment: { label: 'Engagement non tenu' },
    reason: { label: 'Motif' },
  },
  'designate-intrapreneur': {
    name: { label: 'Prénom et nom' },
    email: { label: 'Adresse électronique' },
  },
  'year-end-forecast': {
    uo: { label: 'UO' },
    ae: { label: 'AE que le délégataire prévoit d’engager d’ici la fin de gestion', hint: IN_EUROS },
    cp: { label: 'CP que le délégataire prévoit de payer d’ici la fin de gestion', hint: IN_EUROS },
    note: { label: 'Commentaire (facultatif)' },
  },
  'add-version': {
    sha256: { label: 'Empreinte SHA-256 du fichier' },
    origin: { label: 'Origine' },
    note: { label: 'Motif de la nouvelle version (facultatif)' },
  },
  approve: {
    party: { label: 'Valide pour', unset: 'Celui pour qui vous validez' },
    version: { label: 'Version lue' },
  },
  'request-changes': {
    party: { label: 'Demande pour', unset: 'Celui pour qui vous validez' },
    version: { label: 'Version lue' },
    comment: { label: 'Modifications demandées' },
  },
} as const satisfies { [C in CommandName]: Partial<Record<FieldName<C>, FieldWords>> };

/** The fields of a command that the console shows, with their words. */
export type WordedField<C extends CommandName> = keyof (typeof FIELD_WORDS)[C] & FieldName<C>;

export const fieldWords = <C extends CommandName>(command: C, name: WordedField<C>): FieldWords =>
  (FIELD_WORDS[command] as Record<string, FieldWords>)[name]!;
