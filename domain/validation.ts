import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { conventionSchema, type TConvention } from './convention';
import { faultLine, faultsOf, type Fault } from './faults';
import { parseWith } from './fields';

export { formatPath } from './faults';

/** Every fault of a parse as the CLI prints it, `path: rule`. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return faultsOf(issues).map(faultLine);
}

export type Validation<T> = { ok: true; value: T } | { ok: false; errors: string[]; faults: Fault[] };
export type DocumentFormat = 'json' | 'yaml';

/** A whole file refused (unreadable, too large, not JSON or YAML): one fault, at `(file)`. */
export function fileRefused(
  rule: string,
  figures: Record<string, unknown>,
  message: string,
): Validation<never> {
  const fault: Fault = { path: '(file)', segments: [], rule, figures, message };
  return { ok: false, errors: [faultLine(fault)], faults: [fault] };
}

/** Reads JSON or YAML text against a schema: every fault is listed, with its path and the rule. */
export function parseDocument<S extends z.ZodType>(
  text: string,
  format: DocumentFormat,
  schema: S,
): Validation<z.output<S>> {
  let data: unknown;
  try {
    data = format === 'json' ? JSON.parse(text) : parseYaml(text, { prettyErrors: true });
  } catch (error) {
    const reason = (error as Error).message;
    return fileRefused(
      'not-json-or-yaml',
      { format, reason },
      `not valid ${format.toUpperCase()}: ${reason}`,
    );
  }
  const result = parseWith(schema, data);
  if (result.success) return { ok: true, value: result.data };
  const faults = faultsOf(result.error.issues);
  return { ok: false, errors: faults.map(faultLine), faults };
}

export function parseConvention(text: string, format: DocumentFormat): Validation<TConvention> {
  return parseDocument(text, format, conventionSchema());
}
