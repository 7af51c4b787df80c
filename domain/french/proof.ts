import type { ProofRefusal, ProofRefusalCode, ProofRefusalFigures } from '../signature-proof';
import { frenchDateTime } from './words';

// Why a signed PDF is refused (domain/signature-proof.ts), in French: what the console shows under
// the upload and the CLI prints, so that the party knows what to sign again.

const mebibytes = (bytes: number) => `${Math.floor(bytes / (1024 * 1024))} Mo`;

const FRENCH: { [C in ProofRefusalCode]: (figures: ProofRefusalFigures[C]) => string } = {
  'too-large': ({ maxBytes }) => `Le fichier dépasse ${mebibytes(maxBytes)}, la taille acceptée.`,
  'not-pdf': () => 'Ce fichier n’est pas un PDF.',
  'no-signature': () =>
    'Ce PDF ne porte aucune signature électronique : signez-le avec votre outil de signature (PAdES), puis déposez le fichier signé.',
  'unreadable-signature': () => 'Une signature de ce PDF est illisible : ce n’est pas une signature PAdES.',
  'modified-after-signature': ({ signer }) => `Le document a été modifié après la signature de ${signer}.`,
  'invalid-signature': ({ signer }) =>
    `La signature de ${signer} n’est pas valide : elle ne correspond pas à son certificat.`,
  'untrusted-certificate': ({ signer }) =>
    `Le certificat de ${signer} n’émane pas d’une autorité de confiance.`,
  'certificate-expired': ({ signer, signedAt, notBefore, notAfter }) =>
    `Le certificat de ${signer} n’était pas valide à la date de la signature, le ${frenchDateTime(signedAt)} : il l’était du ${frenchDateTime(notBefore)} au ${frenchDateTime(notAfter)}.`,
  'certificate-not-for-signing': ({ signer }) =>
    `Le certificat de ${signer} ne sert pas à signer : il est fait pour un autre usage (chiffrement, serveur).`,
  'not-representative': ({ signer, party, representative }) =>
    `Le signataire, ${signer}, n’est pas le représentant de la partie ${party}, ${representative}.`,
  'damaged-pdf': () => 'Ce PDF est endommagé : il ne peut pas être lu.',
  'pages-changed': ({ signer }) =>
    `Le document signé par ${signer} n’est plus la version validée : une mise à jour ajoutée avant sa signature change ce que montrent ses pages.`,
  'not-validated-version': () => 'Ce document n’est pas la version validée.',
  'not-incremental-update': () =>
    'Ce document n’ajoute pas sa signature à celles déjà recueillies : signez le fichier déjà signé tel que vous l’avez téléchargé, sans l’enregistrer à nouveau.',
  'no-new-signature': () => 'Ce document ne porte pas de nouvelle signature : c’est le fichier déjà signé.',
  'appended-after-signature': ({ signer }) =>
    `Le document a été complété après la dernière signature, celle de ${signer} : ce qui a été ajouté n’est pas signé.`,
};

/** A refusal of a signed PDF, in French. */
export function frenchProofRefusal(refusal: ProofRefusal): string {
  return (FRENCH[refusal.reason] as (figures: ProofRefusal['params']) => string)(refusal.params);
}

/** Why a signed file or a scan cannot be taken before any signature in it is read. */
export const EVIDENCE_UNAVAILABLE = {
  noTrustAnchors:
    'Aucune autorité de confiance n’est configurée ici : une signature électronique ne peut pas être vérifiée. L’administrateur technique doit indiquer le fichier des autorités de certification reconnues.',
  noVersion: 'Aucune version du document n’a encore été ajoutée : il n’y a rien à signer.',
  versionMissing:
    'La version à signer n’est plus conservée ici : un administrateur doit la déposer à nouveau.',
  previousMissing: 'Le fichier signé par la partie précédente n’est plus conservé ici.',
  notASignatory: (party: string) => `« ${party} » n’est pas une partie signataire de cette convention.`,
} as const;
