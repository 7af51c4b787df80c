import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { z } from 'zod';
import { historySchema, type THistory } from '../domain/bring-in';
import { conventionSchema, type TConvention } from '../domain/convention';
import { ZScenarioSchema, type TScenario } from '../domain/scenario';
import { fileRefused, parseDocument, type Validation } from '../domain/validation';
import { Refusal } from './temporal';

/** Far above any real convention or report; the fields' own limits are much lower, and named. */
const MAX_FILE_BYTES = 16 * 1024 * 1024;

/** Reads a JSON or YAML file (by extension; YAML otherwise, as it reads JSON too). */
function readDocument<S extends z.ZodType>(path: string, schema: S): Validation<z.output<S>> {
  let text: string;
  try {
    const { size } = statSync(path);
    if (size > MAX_FILE_BYTES)
      return fileRefused(
        'too-large',
        { bytes: size, max: MAX_FILE_BYTES },
        `${path} has ${size} bytes, more than the ${MAX_FILE_BYTES} a file may have here`,
      );
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return fileRefused('unreadable', { path }, `cannot read ${path}: ${(error as Error).message}`);
  }
  return parseDocument(text, extname(path).toLowerCase() === '.json' ? 'json' : 'yaml', schema);
}

export const readConventionFile = (path: string): Validation<TConvention> =>
  readDocument(path, conventionSchema());
/** A running convention's past, to bring it in with (`convention start FILE --history HISTORY.yaml`). */
export const readHistoryFile = (path: string): Validation<THistory> => readDocument(path, historySchema());
export const readScenarioFile = (path: string): Validation<TScenario> => readDocument(path, ZScenarioSchema);

/** Any object from a JSON or YAML file, for a command's fields that the workflow will check. */
export const readDataFile = (path: string): Validation<Record<string, unknown>> =>
  readDocument(path, z.record(z.string(), z.unknown()));

/** What a file held, or the refusal that lists its faults. */
export function readOrRefuse<T>(file: string, result: Validation<T>): T {
  if (result.ok) return result.value;
  const faults = result.errors.length === 1 ? '1 fault' : `${result.errors.length} faults`;
  throw new Refusal(`${file}: ${faults}\n${result.errors.map((error) => `  ${error}`).join('\n')}`);
}
