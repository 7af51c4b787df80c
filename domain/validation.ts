import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { ZConventionSchema, type TConvention } from './convention';
import { requiredWhenMissing } from './fields';

export type PathSegment = PropertyKey;

/** `budget[1].ae`, the way a person points at a field of the file; an odd key quoted: `spent[" "]`. */
export function formatPath(path: readonly PathSegment[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (typeof segment !== 'string' || !/^[\w-]+$/.test(segment))
      text += `[${JSON.stringify(String(segment))}]`;
    else text += text === '' ? segment : `.${segment}`;
  }
  return text || '(root)';
}

export function describeIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.flatMap((issue) =>
    // Unknown keys are reported on their parent; name each one so the reader finds it.
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => `${formatPath([...issue.path, key])}: unknown field`)
      : [`${formatPath(issue.path)}: ${issue.message}`],
  );
}

export type Validation<T> = { ok: true; value: T } | { ok: false; errors: string[] };
export type DocumentFormat = 'json' | 'yaml';

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
    return { ok: false, errors: [`(file): not valid ${format.toUpperCase()}: ${(error as Error).message}`] };
  }
  const result = schema.safeParse(data, { error: requiredWhenMissing });
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, errors: describeIssues(result.error.issues) };
}

export function parseConvention(text: string, format: DocumentFormat): Validation<TConvention> {
  return parseDocument(text, format, ZConventionSchema);
}
