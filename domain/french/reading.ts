import type { DocumentRefusal, ReadingRefusal } from '../reading/refusals';
import { frenchPath } from './faults';

// What a person reads when a convention is read from its document (issue 30, item 2): why a
// document is refused, and the head of the convention file read from it.

const megabytes = (bytes: number) => `${Math.ceil(bytes / 1024 / 1024)} Mo`;

/** How a document dropped in the console is named in a refusal (the form does not pass on its file's name). */
export const DROPPED_DOCUMENT = 'le document déposé';
/** The document form sent without a document. */
export const NO_DOCUMENT =
  'Aucun document n’a été déposé : choisissez le fichier de la convention (PDF, DOCX ou texte).';

/** Why a document gives no text, naming the rule. */
export function frenchDocumentRefusal(refusal: DocumentRefusal): string {
  const name = `« ${refusal.fileName} »`;
  switch (refusal.rule) {
    case 'too-large':
      return `Document trop volumineux : ${name} pèse ${megabytes(refusal.bytes)}, au-delà des ${megabytes(refusal.max)} qu’un document peut peser ici.`;
    case 'unpacks-too-large':
      return `Document trop volumineux une fois décompressé : ${name} occuperait plus des ${megabytes(refusal.max)} qu’un document Word peut occuper ici.`;
    case 'scanned':
      return `Document scanné sans texte : ${name} est un PDF dont les pages sont des images ; enregistrez-le avec sa couche de texte (reconnaissance de caractères) ou déposez le document Word.`;
    case 'unknown-type':
      return `Type de document inconnu : ${name} n’est ni un PDF, ni un document Word (DOCX), ni un texte en UTF-8.`;
    case 'too-demanding':
      return `Document trop lourd à lire : ${name} demande plus de mémoire ou de temps que le document d’une convention ; enregistrez-le de nouveau en PDF depuis votre traitement de texte, ou déposez le document Word.`;
    case 'unreadable':
      return `Document illisible : ${name} se présente comme un ${refusal.kind === 'pdf' ? 'PDF' : 'document Word (DOCX)'} mais n’a pas pu être lu.`;
  }
}

/** Why a text is not a convention of the DINUM model, naming the rule. */
export function frenchReadingRefusal(refusal: ReadingRefusal): string {
  switch (refusal.rule) {
    case 'not-a-delegation':
      return 'Ce document n’est pas une convention de délégation de gestion : son texte ne porte nulle part ce titre.';
    case 'too-long':
      return `Ce texte est trop long pour une convention : ${refusal.characters.toLocaleString('fr-FR')} caractères, au-delà des ${refusal.max.toLocaleString('fr-FR')} qu’une convention du modèle peut compter.`;
    case 'no-parties':
      return 'Ce document n’est pas une convention du modèle de la DINUM : aucune partie n’y est « ci-après dénommée le délégant » ni « le délégataire ».';
  }
}

/** `parties.0.representative.email` as a person reads it: `Partie n° 1 › Représentant › Adresse électronique`. */
export function frenchFieldPath(path: string): string {
  return frenchPath(path.split('.').map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment)));
}

/** The comment above the convention file read from a document: what to complete, what to check. */
export function frenchReadingHeader(
  document: string,
  missing: readonly string[],
  unsure: Readonly<Record<string, string>>,
): string[] {
  const lines = [`Convention lue dans « ${document} ». Relisez chaque valeur avant de la démarrer.`];
  if (missing.length) {
    lines.push('À compléter (le document ne le dit pas) :');
    for (const path of missing) lines.push(`  - ${frenchFieldPath(path)}`);
  }
  const doubtful = Object.entries(unsure);
  if (doubtful.length) {
    lines.push('À vérifier (texte abîmé par la reconnaissance de caractères) :');
    for (const [path, raw] of doubtful) lines.push(`  - ${frenchFieldPath(path)} : lu « ${raw} »`);
  }
  return lines;
}

/** A path the CLI cannot open. */
export const frenchUnopenable = (path: string) =>
  `Impossible d’ouvrir « ${path} » : le fichier est absent ou illisible.`;
