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
