import Decimal from 'decimal.js';
import type { CreditLine } from '../../domain/ledger';
import { formatEuros } from '../../domain/money';
import type { HistoryEntry } from '../history';
import { html, type Html } from './html';

// The budget of each UO over time, drawn as SVG on the server: AE engaged and CP paid, summed at
// each accepted command of the event history, against the AE allocated. No script, no library: a
// chart any browser shows, with its figures in a table beside it for those who cannot see it.

interface Step {
  at: number;
  engaged: Decimal;
  paid: Decimal;
}

/** The running totals of one UO after each accepted `engage` or `pay`, from the history. */
export function budgetSteps(entries: readonly HistoryEntry[], uo: string): Step[] {
  const steps: Step[] = [];
  let engaged = new Decimal(0);
  let paid = new Decimal(0);
  for (const entry of entries) {
    if (entry.type !== 'command' || !entry.ok || entry.fields.uo !== uo) continue;
    if (entry.command === 'engage') engaged = engaged.plus(String(entry.fields.ae));
    else if (entry.command === 'pay') paid = paid.plus(String(entry.fields.cp));
    else continue;
    steps.push({ at: Date.parse(entry.at), engaged, paid });
  }
  return steps;
}

const WIDTH = 640;
const HEIGHT = 240;
// Room on the left for the amounts, below for the dates.
const PAD = { left: 110, right: 16, top: 12, bottom: 40 };

/** `120 k€`: an amount on an axis. */
const axisEuros = (amount: Decimal) =>
  amount.gte(1000)
    ? `${amount.div(1000).toDecimalPlaces(0).toString()}\u00a0k€`
    : `${amount.toFixed(0)}\u00a0€`;

const inParis = (options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat('fr-FR', { ...options, timeZone: 'Europe/Paris' });
const MONTH = inParis({ month: 'short', year: 'numeric' });
const DAY = inParis({ day: 'numeric', month: 'short', year: 'numeric' });
const DAY_ONLY = inParis({ day: 'numeric', month: 'short' });
const CLOCK = inParis({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** A date on the axis, as precise as `precision`: `déc. 2026`, `7 déc. 2026`, `7 déc., 19 h 05`. */
const axisDate = (at: number, precision: 'month' | 'day' | 'minute') =>
  precision === 'month'
    ? MONTH.format(at)
    : precision === 'day'
      ? DAY.format(at)
      : `${DAY_ONLY.format(at)}, ${CLOCK.format(at).replace(':', '\u00a0h\u00a0')}`;

/**
 * The dates under the axis: the start, the middle and today, written as coarsely as tells them
 * apart (a convention of two years by months, of a few days by days); two, or one, when even the
 * minute does not (a convention started an instant ago).
 */
export function axisDates(from: number, to: number): { at: number; label: string }[] {
  for (const ats of [
    [from, (from + to) / 2, to],
    [from, to],
  ])
    for (const precision of ['month', 'day', 'minute'] as const) {
      const labels = ats.map((at) => axisDate(at, precision));
      if (new Set(labels).size === labels.length) return ats.map((at, i) => ({ at, label: labels[i]! }));
    }
  return [{ at: to, label: axisDate(to, 'minute') }];
}

export function budgetChart(line: CreditLine, steps: readonly Step[], from: number, to: number): Html {
  const allocated = new Decimal(line.ae);
  const top = Decimal.max(allocated, ...steps.map((s) => s.engaged), 1);
  const x = (at: number) =>
    PAD.left + ((at - from) / Math.max(to - from, 1)) * (WIDTH - PAD.left - PAD.right);
  const y = (amount: Decimal) => PAD.top + (1 - amount.div(top).toNumber()) * (HEIGHT - PAD.top - PAD.bottom);
  const stairs = (value: (step: Step) => Decimal) => {
    let points = `${x(from)},${y(new Decimal(0))}`;
    let last = new Decimal(0);
    for (const step of steps) {
      points += ` ${x(step.at)},${y(last)} ${x(step.at)},${y(value(step))}`;
      last = value(step);
    }
    return `${points} ${x(to)},${y(last)}`;
  };
  const ticks = [new Decimal(0), top.div(2), top];
  const dates = axisDates(from, to);
  const baseline = HEIGHT - PAD.bottom;
  const title = `${line.uo} : ${formatEuros(line.engaged)} engagés et ${formatEuros(line.paid)} payés sur ${formatEuros(line.ae)} d’AE`;
  const id = `chart-${line.uo}`;
  return html`<figure class="fr-my-3w console-chart">
    <svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="${id}">
      <title id="${id}">${title}</title>
      ${ticks.map(
        (tick) =>
          html`<line
              x1="${PAD.left}"
              x2="${WIDTH - PAD.right}"
              y1="${y(tick)}"
              y2="${y(tick)}"
              stroke="#ddd"
            />
            <text x="${PAD.left - 8}" y="${y(tick) + 4}" text-anchor="end" font-size="13" fill="#3a3a3a">
              ${axisEuros(tick)}
            </text>`,
      )}
      ${dates.map(
        ({ at, label }, i) =>
          html`<text
            x="${x(at)}"
            y="${baseline + 24}"
            text-anchor="${dates.length === 1 ? 'end' : i === 0 ? 'start' : i === dates.length - 1 ? 'end' : 'middle'}"
            font-size="13"
            fill="#3a3a3a"
          >
            ${label}
          </text>`,
      )}
      <line
        x1="${PAD.left}"
        x2="${WIDTH - PAD.right}"
        y1="${y(allocated)}"
        y2="${y(allocated)}"
        stroke="#000091"
        stroke-dasharray="6 4"
      />
      <polyline points="${stairs((s) => s.engaged)}" fill="none" stroke="#c9191e" stroke-width="2" />
      <polyline points="${stairs((s) => s.paid)}" fill="none" stroke="#18753c" stroke-width="2" />
      <line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${baseline}" y2="${baseline}" stroke="#666" />
      <line x1="${PAD.left}" x2="${PAD.left}" y1="${PAD.top}" y2="${baseline}" stroke="#666" />
    </svg>
    <figcaption>
      ${title}. En pointillés bleus : AE allouées ; en rouge : AE engagées ; en vert : CP payés. Montants en
      euros, du début de la convention à aujourd’hui.
    </figcaption>
  </figure>`;
}
