import { escapeHtml } from '../../domain/html';

// HTML built from template literals: every interpolated value is escaped unless it is already
// `Html` (built the same way), so that a name or a reason typed by someone can never become markup.

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Interpolated = Html | string | number | boolean | null | undefined | readonly Interpolated[];

function render(value: Interpolated): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Interpolated[]): Html {
  return new Html(
    strings.reduce((out, text, i) => out + text + (i < values.length ? render(values[i]) : ''), ''),
  );
}

/** Markup made elsewhere and trusted (e.g. an SVG chart built from numbers). */
export const trusted = (markup: string) => new Html(markup);
