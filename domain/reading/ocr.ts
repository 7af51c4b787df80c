import { fold } from './text';

// OCR damages words in ways a reader recognises: `Premler` for `Premier`, `Mlnlstère` for
// `Ministère`, `Ourée` for `Durée`, `GENERAL` for `GÉNÉRAL`. A value read from the document is
// checked word by word against the words the DINUM model's names and titles are made of: a word
// that is one of them only once folded (accents, l and i), or but for one letter, is taken as that
// word and the value marked unsure, so that a person confirms it. A word we do not know (a
// person's name) is left as it is: there is nothing to compare it with.

const MODEL_WORDS = [
  'administration',
  'affaires',
  'agence',
  'aménagement',
  'centre',
  'cheffe',
  'climat',
  'cohésion',
  'collectivités',
  'délégataire',
  'délégant',
  'délégation',
  'délégué',
  'déléguée',
  'développement',
  'direction',
  'directeur',
  'directrice',
  'durée',
  'écologique',
  'économie',
  'énergie',
  'établissement',
  'finances',
  'forêts',
  'général',
  'générale',
  'incubateur',
  'interministériel',
  'interministérielle',
  'logement',
  'ministère',
  'ministères',
  'ministériel',
  'ministre',
  'national',
  'nationale',
  'nature',
  'numérique',
  'office',
  'premier',
  'première',
  'prévention',
  'publique',
  'relations',
  'représentant',
  'représentante',
  'risques',
  'secrétaire',
  'secrétariat',
  'service',
  'services',
  'solidaire',
  'territoires',
  'territoriales',
  'transition',
];

const WORD_OF_FOLD = new Map(MODEL_WORDS.map((word) => [fold(word), word]));
const FOLDED_WORDS = [...WORD_OF_FOLD.keys()];
/** Below this length, one letter apart is another word (`noté`, `note`), not damage. */
const SHORTEST_NEAR_MISS = 5;

/** The model's word that `folded` is but for one letter, if exactly one is. */
function nearMiss(folded: string): string | undefined {
  if (folded.length < SHORTEST_NEAR_MISS) return undefined;
  const near = FOLDED_WORDS.filter((other) => {
    if (other.length !== folded.length) return false;
    let differences = 0;
    for (let i = 0; i < other.length; i++) if (other[i] !== folded[i]) differences++;
    return differences === 1;
  });
  return near.length === 1 ? WORD_OF_FOLD.get(near[0]!) : undefined;
}

/** `word` written in the case of `like`: `GÉNÉRAL` for `GENERAL`, `Ministère` for `Mlnlstère`. */
function inCaseOf(word: string, like: string): string {
  if (like === like.toUpperCase() && like !== like.toLowerCase()) return word.toUpperCase();
  if (like[0] === like[0]!.toUpperCase()) return word[0]!.toUpperCase() + word.slice(1);
  return word;
}

/** A value as read: its words mended, and whether any needed it. */
export interface Mended {
  value: string;
  damaged: boolean;
}

/** `raw` with each damaged word of the model replaced by the word it stands for. */
export function mendOcr(raw: string): Mended {
  let damaged = false;
  const value = raw.replace(/[\p{L}|]+/gu, (word) => {
    const lower = word.toLowerCase();
    if (MODEL_WORDS.includes(lower)) return word;
    const meant = WORD_OF_FOLD.get(fold(word)) ?? nearMiss(fold(word));
    if (meant === undefined || meant === lower) return word;
    damaged = true;
    return inCaseOf(meant, word);
  });
  return { value, damaged };
}
