import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { TConvention } from '../domain/convention';
import { parseConvention, type Validation } from '../domain/validation';

/** Reads a JSON or YAML file (by extension; YAML is the default, as it is a superset of JSON). */
export function readConventionFile(path: string): Validation<TConvention> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { ok: false, errors: [`(file): cannot read ${path}: ${(error as Error).message}`] };
  }
  return parseConvention(text, extname(path).toLowerCase() === '.json' ? 'json' : 'yaml');
}
