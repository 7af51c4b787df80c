import { MEDIA_TYPES, type DocumentKind, type FileRefusal, type MediaType } from '../documents';

// The words of a convention's kept files (issue 31, items 1, 4 and 7): their kinds and types, why
// a file is refused, and the console's « Document » page.

export const KIND_NAMES: Record<DocumentKind, string> = {
  version: 'version du document',
  signed: 'document signé',
  scan: 'copie numérisée de l’original signé',
};

export const MEDIA_TYPE_NAMES: Record<MediaType, string> = {
  [MEDIA_TYPES.pdf]: 'PDF',
  [MEDIA_TYPES.docx]: 'document Word (DOCX)',
  [MEDIA_TYPES.png]: 'image PNG',
  [MEDIA_TYPES.jpeg]: 'image JPEG',
};

/** What each kind takes, as a sentence: KIND_TAKES (domain/documents.ts) in words. */
const KIND_TAKES_WORDS: Record<DocumentKind, string> = {
  version: 'une version du document est un PDF ou un document Word (DOCX)',
  signed: 'un document signé est un PDF',
  scan: 'une copie numérisée est un PDF, une image PNG ou une image JPEG',
};

const A_MEDIA_TYPE: Record<MediaType, string> = {
  [MEDIA_TYPES.pdf]: 'un PDF',
  [MEDIA_TYPES.docx]: 'un document Word (DOCX)',
  [MEDIA_TYPES.png]: 'une image PNG',
  [MEDIA_TYPES.jpeg]: 'une image JPEG',
};

/** `10 Mo`, `1,1 Mo`: rounded up to a tenth, so that a file over the limit never reads as the limit. */
const megabytes = (bytes: number) =>
  `${(Math.ceil((bytes / 1024 / 1024) * 10) / 10).toLocaleString('fr-FR')}\u00a0Mo`;

/** Why a file is not kept, naming the rule. */
export function frenchFileRefusal(refusal: FileRefusal): string {
  switch (refusal.rule) {
    case 'empty':
      return 'Fichier vide : déposez le fichier lui-même.';
    case 'too-large':
      return `Fichier trop volumineux : il pèse ${megabytes(refusal.bytes)}, au-delà des ${megabytes(refusal.max)} qu’un fichier peut peser ici.`;
    case 'wrong-type':
      return `Type de fichier refusé : ${KIND_TAKES_WORDS[refusal.kind]}, et ce fichier est ${refusal.found ? A_MEDIA_TYPE[refusal.found] : 'd’un autre type'} (reconnu à son contenu, non à son nom).`;
  }
}

/** A kept file named in a sentence: « Télécharger le document signé ». */
export const THE_KIND: Record<DocumentKind, string> = {
  version: 'la version',
  signed: 'le document signé',
  scan: 'la copie numérisée',
};

/** The console's « Document » page of a convention. */
export const DOCUMENT_PAGE = {
  title: (id: string) => `Document de ${id}`,
  heading: (id: string) => `Document de la convention — ${id}`,
  link: 'Document de la convention',
  intro:
    'Les versions du document de la convention, chacune avec son empreinte SHA-256 : la même empreinte désigne exactement le même fichier. Téléchargez une version pour la relire ou la signer.',
  versions: 'Versions du document',
  noVersion: 'Aucune version du document n’est encore conservée pour cette convention.',
  others: 'Documents signés et copies numérisées',
  columns: {
    number: 'Version',
    kind: 'Nature',
    sha256: 'Empreinte SHA-256',
    by: 'Ajoutée par',
    on: 'Le',
    note: 'Note',
    file: 'Fichier',
  },
  download: (label: string, type: string, size: string) => `Télécharger ${label} (${type}, ${size})`,
  versionLabel: (number: number) => `la version ${number}`,
  draftHeading: 'Produire la version du modèle',
  draftIntro:
    'Le document est rédigé selon le modèle de la DINUM à partir des données de la convention (parties, budget, références Chorus) ; les mêmes données donnent toujours le même fichier.',
  draftButton: 'Produire la version du modèle',
  modelNote: 'Version produite depuis le modèle de la DINUM',
  adminsOnly: 'Seuls les administrateurs de la convention peuvent produire une version du document.',
  back: 'Retour à la convention',
  versionAdded: (number: number) =>
    `La version ${number} du document est ajoutée : son empreinte est inscrite au registre.`,
  signingHeading: 'Signer le document',
  signingTurn: (names: string) => `C’est au tour de : ${names}.`,
  allSigned: 'Toutes les parties ont signé : le dernier fichier signé est le document de référence.',
  howToSign:
    'Téléchargez le PDF de la dernière version (ou le fichier déjà signé par la partie précédente), signez-le avec votre outil de signature électronique (PAdES), puis déposez ici le fichier signé. L’outil vérifie chaque signature avant de l’enregistrer.',
  signFor: 'Signer au nom de',
  signedFile: 'Le fichier signé (PDF)',
  signButton: 'Déposer le fichier signé',
  noFile: 'Aucun fichier n’a été déposé : choisissez le PDF signé.',
  signatureRefused: 'La signature n’est pas enregistrée',
  versionRefused: 'La version n’est pas ajoutée',
  signatureVerified: (party: string) => `La signature de ${party} est vérifiée et enregistrée`,
  verification: (signer: string, on: string, issuer: string) =>
    `Signataire : ${signer}. Signé le ${on}. Certificat émis par : ${issuer}. Intégrité : le document signé est la version validée, inchangée depuis chaque signature.`,
  lastSigned: 'le dernier fichier signé',
} as const;

/** `48,2 ko`, `1,3 Mo`: a file's size as people read it. */
export function frenchSize(bytes: number): string {
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'ko'] : [bytes / 1024 / 1024, 'Mo'];
  return `${(Math.round(value * 10) / 10).toLocaleString('fr-FR')}\u00a0${unit}`;
}

/** The signed convention as data.gouv.fr names it, and why it could not go there. */
export const DATAGOUV = {
  title: (conventionTitle: string) => `Convention de délégation de gestion — ${conventionTitle}`,
  description: (startup: string, parties: string) =>
    `Convention signée finançant la startup d’État ${startup}, entre ${parties}. Fichier PDF portant les signatures électroniques des parties.`,
  signedFileMissing:
    'Le document signé n’est plus conservé ici : il ne peut pas être publié sur data.gouv.fr.',
  unreachable:
    'data.gouv.fr n’a pas pu recevoir le document signé pour l’instant : la publication n’est pas enregistrée, réessayez dans quelques minutes.',
  refused: (status: number | undefined) =>
    `data.gouv.fr refuse le document signé${status ? ` (réponse ${status})` : ''} : la publication n’est pas enregistrée ; l’administrateur technique doit vérifier la clé d’API et le jeu de données configurés.`,
} as const;
