import type { z } from 'zod';

// A fault of an input (a convention file, a command's payload): where it is and which rule it
// breaks, with that rule's figures, so that each reader gets it in their language — English for
// the CLI (`message`), French for the console (domain/french/faults.ts).

export type PathSegment = string | number;

export interface Fault {
  /** Where, the way a person points at a field: `budget[1].ae`, `spent[" "]`, `(root)`. */
  path: string;
  /** The same, as segments: a form finds its field by them. */
  segments: PathSegment[];
  /**
   * The rule broken: `required`, `unknown-field`, `too-long` (text), `too-many` (list),
   * `too-few` (list), `empty` (text), `too-big` / `too-small` (number), `one-of`, `format`, or a rule
   * of our own named by its refinement's `params.rule` (e.g. `conditions-required`).
   */
  rule: string;
  /** The rule's figures: `max`, `min`, `values`, or the refinement's params. */
  figures: Record<string, unknown>;
  /** In English, for the CLI: `expected an email address, got "x"`. */
  message: string;
}

/** `budget[1].ae`, the way a person points at a field of the file; an odd key quoted: `spent[" "]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (typeof segment !== 'string' || !/^[\w-]+$/.test(segment))
      text += `[${JSON.stringify(String(segment))}]`;
    else text += text === '' ? segment : `.${segment}`;
  }
  return text || '(root)';
}

function ruleOf(issue: z.core.$ZodIssue): { rule: string; figures: Record<string, unknown> } {
  switch (issue.code) {
    case 'invalid_type':
      return { rule: issue.input === undefined ? 'required' : 'format', figures: {} };
    case 'too_big':
      if (issue.origin === 'string') return { rule: 'too-long', figures: { max: Number(issue.maximum) } };
      if (issue.origin === 'array' || issue.origin === 'set')
        return { rule: 'too-many', figures: { max: Number(issue.maximum) } };
      return { rule: 'too-big', figures: { max: Number(issue.maximum) } };
    case 'too_small':
      if (issue.origin === 'string') return { rule: 'empty', figures: { min: Number(issue.minimum) } };
      if (issue.origin === 'array' || issue.origin === 'set')
        return { rule: 'too-few', figures: { min: Number(issue.minimum) } };
      return { rule: 'too-small', figures: { min: Number(issue.minimum) } };
    case 'invalid_value':
      return { rule: 'one-of', figures: { values: issue.values } };
    case 'custom': {
      const params = (issue.params ?? {}) as Record<string, unknown>;
      return typeof params.rule === 'string'
        ? { rule: params.rule, figures: params }
        : { rule: 'format', figures: params };
    }
    default:
      return { rule: 'format', figures: {} };
  }
}

/** Every fault of a parse, in order; an unknown key is reported on itself, not on its parent. */
export function faultsOf(issues: readonly z.core.$ZodIssue[]): Fault[] {
  return issues.flatMap((issue): Fault[] => {
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => {
        const segments = [...issue.path, key] as PathSegment[];
        return {
          path: formatPath(segments),
          segments,
          rule: 'unknown-field',
          figures: {},
          message: 'unknown field',
        };
      });
    const segments = issue.path as PathSegment[];
    return [{ path: formatPath(segments), segments, ...ruleOf(issue), message: issue.message }];
  });
}

/** `budget[1].ae: expected …`: a fault as the CLI prints it. */
export const faultLine = (fault: Fault) => `${fault.path}: ${fault.message}`;
