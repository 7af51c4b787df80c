import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { TConventionInput } from '../domain/convention';

export const CAMINO_PATH = fileURLToPath(new URL('../fixtures/camino-2020.yaml', import.meta.url));

/** A fresh, mutable copy of the seed convention as written in its file. */
export function caminoInput(): TConventionInput {
  return parse(readFileSync(CAMINO_PATH, 'utf8')) as TConventionInput;
}
