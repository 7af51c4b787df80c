import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { Decimal } from 'decimal.js';
import type { RegisterEntry } from '../store/register';
import type { BroughtInMark } from '../domain/bring-in';
import { COMMANDS } from '../domain/commands';
import { formatEuros } from '../domain/money';
import type { ConventionStatus } from '../domain/status';
import type { ConventionHistory, HistoryEntry } from './history';
import type { ConventionListing } from './list';
import type { EmailsPerPerson, TimelineEntry } from './simulate';

// Text for people at a terminal, in English (the console speaks French). Instants are shown in
// the reader's time zone: `--timezone`, else TZ, else Europe/Paris, where the conventions live;
// calendar dates (a publication's day, a report's due date) are the conventions' own and stay so.

export const DEFAULT_ZONE = 'Europe/Paris';

/** An instant as `yyyy-MM-dd HH:mm` in `zone`. */
export function localTime(iso: string, zone = DEFAULT_ZONE): string {
  return format(new TZDate(Date.parse(iso), zone), 'yyyy-MM-dd HH:mm');
}

/** ISO instants (`2026-12-07T18:33:00.314Z`) and their time zone offsets. */
const ISO_INSTANT = /\b\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:\d\d)/g;

/** `text` with each ISO instant written as a day and time in `zone`. */
export function localInstants(text: string, zone = DEFAULT_ZONE): string {
  return text.replace(ISO_INSTANT, (iso) => localTime(iso, zone).replace(' ', ' at '));
}

/** A first word that is an ordinary lowercase word (not an address, an id or an option). */
const PLAIN_FIRST_WORD = /^\p{Ll}+(?=[ ,])/u;

/**
 * A refusal's words as a sentence: capitalised when they begin with an ordinary word, ended by a
 * full stop, instants in `zone`; a command's faults (`engage: ae: …`) say which command. An
 * option's fault (`--spent 1500: expected UO=AMOUNT, e.g. …`) is left as it is.
 */
export function refusalSentence(message: string, zone = DEFAULT_ZONE): string {
  let text = localInstants(message.trim(), zone);
  // An option's fault reads as commander's own usage errors do, its example left as it is to copy.
  if (text.startsWith('--')) return text;
  const [, command, rest] = /^([a-z-]+): (.*)$/s.exec(text) ?? [];
  if (command && (COMMANDS as readonly string[]).includes(command))
    text = `The ${command} command was refused: ${rest}`;
  text = text.replace(PLAIN_FIRST_WORD, (word) => word[0]!.toUpperCase() + word.slice(1));
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

const MONEY = /^[+-]?\d+\.\d{2}$/;

/** One value of a command's fields or a register entry, as words: amounts in euros, no JSON. */
function valueText(value: unknown, zone: string, nested = false): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') {
    if (MONEY.test(value)) return `${value.startsWith('+') ? '+' : ''}${formatEuros(new Decimal(value))}`;
    const plain = localInstants(value, zone).replace(/\s+/g, ' ').trim();
    // Long texts (a report's progress, minutes) are cut at a word: --json and --csv give them whole.
    return plain.length > 80 ? `${plain.slice(0, 80).replace(/\s+\S*$/, '')}…` : plain;
  }
  if (Array.isArray(value)) return value.map((item) => valueText(item, zone, true)).join(', ');
  if (typeof value === 'object') {
    const pairs = Object.entries(value as Record<string, unknown>).map(
      ([key, item]) => `${key} ${valueText(item, zone, true)}`,
    );
    return nested ? `(${pairs.join(', ')})` : pairs.join(', ');
  }
  return String(value as number);
}

/** A command's fields or a register entry's payload: `name: value; name: value`. */
export function fieldsText(fields: Record<string, unknown>, zone = DEFAULT_ZONE): string {
  return Object.entries(fields)
    .map(([name, value]) => `${name}: ${valueText(value, zone)}`)
    .join('; ');
}

export function statusText(status: ConventionStatus, zone = DEFAULT_ZONE): string {
  const lines = [
    `${status.id} — ${status.startup}: ${status.state} since ${localTime(status.since, zone)}`,
    status.title,
    '',
    'Signatures:',
    ...status.signatures.map((s) =>
      s.signed
        ? `  ${s.party.padEnd(8)} signed ${localTime(s.at!, zone)} by ${s.by}`
        : `  ${s.party.padEnd(8)} not signed`,
    ),
    `Chorus habilitations: ${status.chorus.confirmed ? `confirmed ${localTime(status.chorus.confirmedAt!, zone)} by ${status.chorus.by}` : 'not confirmed'}`,
    `Publication: ${status.publication ? `${status.publication.effectiveDate} (${status.publication.where}), in force from that day` : 'not published'}`,
    ...(status.broughtIn
      ? [
          `Brought in with its past on ${localTime(status.broughtIn.at, zone)} by ${status.broughtIn.by}, from « ${status.broughtIn.document} » (the register marks each fact of it)`,
        ]
      : []),
    `Phase: ${status.phase}${status.phases.length > 1 ? ` (${status.phases.map((p) => `${p.phase} from ${p.since.slice(0, 10)}${p.committee ? `, committee ${p.committee}` : ''}`).join('; ')})` : ''}`,
    ...(status.committees.length
      ? [
          'Committees:',
          ...status.committees.map(
            (c) =>
              `  ${String(c.number).padStart(2)}  ${c.date}  ${c.decided ? `${c.decided.decision}${c.decided.phase ? ` → ${c.decided.phase}` : ''} (recorded ${localTime(c.decided.at, zone)})` : c.overdue ? 'decision overdue' : 'to come'}`,
          ),
        ]
      : []),
    ...(status.reports.length
      ? [
          `Monthly reports: ${status.reports.filter((r) => r.receivedAt).length} received of ${status.reports.length} periods, ${status.reports.filter((r) => !r.receivedAt && r.daysLate).length} overdue (details: convention reports ${status.id})`,
        ]
      : []),
    ...(status.notice
      ? [
          `Under notice from ${status.notice.party} (given ${status.notice.givenAt.slice(0, 10)}: ${status.notice.reason}); ends on ${status.notice.effectiveOn}`,
        ]
      : []),
    ...(status.end ? [`Ended: ${localTime(status.end.at, zone)} (${status.end.reason})`] : []),
    ...(status.finalReport
      ? [
          `Final report: due ${status.finalReport.dueOn}${status.finalReport.receivedAt ? `, received ${localTime(status.finalReport.receivedAt, zone)}` : ''}`,
        ]
      : []),
    '',
  ];
  if (status.pending.length === 0) lines.push('Waiting on: nobody');
  else {
    lines.push('Waiting on:');
    for (const action of status.pending) {
      const who = action.waitingOn
        .map(
          (w) =>
            `${w.party} (${w.people.map((p) => (p.name ? `${p.name} <${p.email}>` : p.email)).join(', ')})`,
        )
        .join('; ');
      lines.push(`  ${action.description}, since ${localTime(action.since, zone)}: ${who}`);
    }
  }
  lines.push('', 'Next deadlines:');
  if (status.nextDeadlines.length === 0) lines.push('  none');
  for (const deadline of status.nextDeadlines)
    lines.push(`  ${localTime(deadline.at, zone)}  ${deadline.kind} → ${deadline.to.join(', ')}`);
  const restored = status.budget.uos.filter((uo) => uo.aeToRestore !== '0.00');
  lines.push(
    '',
    'Credits:',
    ...creditsText(status, zone)
      .split('\n')
      .map((line) => (line ? `  ${line}` : line)),
    ...restored.map((uo) => `  (${uo.uo}: ${formatEuros(uo.aeToRestore)} of AE à rétablir by a co-funder)`),
  );
  return lines.join('\n');
}

export function timelineText(timeline: readonly TimelineEntry[], zone = DEFAULT_ZONE): string {
  const rows = timeline.map((entry) => {
    const when = `${entry.day.toFixed(2).padStart(7)}  ${localTime(entry.at, zone)}`;
    switch (entry.type) {
      case 'email':
        return `${when}  email    ${entry.kind} → ${entry.to.join(', ')}${entry.cc.length ? ` (cc ${entry.cc.join(', ')})` : ''}\n${' '.repeat(35)}« ${entry.subject} »`;
      case 'state':
        return `${when}  state    ${entry.from ?? '(start)'} → ${entry.to}`;
      case 'command':
        return `${when}  command  ${entry.command} by ${entry.as}: ${entry.ok ? 'accepted' : `refused — ${refusalSentence(entry.error ?? '', zone)}`}`;
      case 'decision':
        return `${when}  decision committee ${entry.committee} (${entry.scheduledOn}): ${entry.decision}${entry.phase ? ` → ${entry.phase}` : ''}`;
    }
  });
  return [`${'day'.padStart(7)}  ${zone.padEnd(16)}  what`, ...rows].join('\n');
}

/** Per address: emails in all, and the busiest month (the CLI speaks English, like the rest of it). */
export function emailsPerPersonText(perPerson: EmailsPerPerson): string {
  const rows = Object.entries(perPerson).map(([address, months]) => {
    const [busiest, most] = Object.entries(months).reduce((a, b) => (b[1] > a[1] ? b : a));
    const total = Object.values(months).reduce((sum, n) => sum + n, 0);
    return `  ${address.padEnd(40)} ${String(total).padStart(4)}  (at most ${most} in a month, ${busiest})`;
  });
  return ['emails per person:', ...rows].join('\n');
}

/** A payload's fields, and what its mark says when the entry was brought in with the convention's past. */
function payloadText(payload: Record<string, unknown>, zone: string): { fields: string; broughtIn?: string } {
  const { broughtIn, ...fields } = payload as { broughtIn?: BroughtInMark };
  return {
    fields: fieldsText(fields, zone),
    ...(broughtIn
      ? {
          broughtIn: `brought in: happened on ${broughtIn.on}, by ${broughtIn.by} from « ${broughtIn.document} »`,
        }
      : {}),
  };
}

/** The past a run started from, one line a register entry, below its start's. */
const pastLines = (entries: readonly { kind: string; payload: Record<string, unknown> }[], zone: string) =>
  entries.map(({ kind, payload }) => {
    const { fields, broughtIn } = payloadText(payload, zone);
    return `\n${' '.repeat(23)}past     ${kind}${fields ? ` [${fields}]` : ''} (${broughtIn})`;
  });

function historyLine(entry: HistoryEntry, zone: string): string {
  switch (entry.type) {
    case 'run-started':
      if (entry.continuedFrom) return `run ${entry.run} (${entry.runId}) continues run ${entry.run - 1}`;
      return `workflow started (run ${entry.runId}${entry.startedBy ? `, by ${entry.startedBy}` : ''})${
        entry.broughtIn ? `, with its past brought in:${pastLines(entry.broughtIn, zone).join('')}` : ''
      }`;
    case 'command': {
      const fields = fieldsText(entry.fields, zone);
      const outcome = entry.ok
        ? `accepted → ${entry.state} (register entry ${entry.registerSeq})`
        : `refused (${entry.error!.type ?? 'error'}): ${refusalSentence(entry.error!.message, zone)}`;
      return `command  ${entry.command} by ${entry.as ?? '?'}${fields ? ` [${fields}]` : ''}: ${outcome}`;
    }
    case 'email': {
      const attempts = entry.attempts > 1 ? `, ${entry.attempts} attempts` : '';
      const held = entry.heldFor ? `, held for the weekly digest of ${entry.heldFor.join(', ')}` : '';
      const outcome = entry.error
        ? `${entry.outcome}: ${localInstants(entry.error, zone)}`
        : `${entry.outcome}${held}`;
      return `email    ${entry.kind} → ${entry.to.join(', ')}${entry.cc.length ? ` (cc ${entry.cc.join(', ')})` : ''} [${outcome}${attempts}]`;
    }
    case 'state':
      return `state    ${entry.from ?? '(start)'} → ${entry.to}`;
    case 'timer-started':
      return `timer    ${entry.timerId} set for ${localTime(entry.firesAt, zone)}`;
    case 'timer-fired':
      return `timer    ${entry.timerId} fired`;
    case 'timer-canceled':
      return `timer    ${entry.timerId} cancelled`;
    case 'continued-as-new':
      return `continued as new → run ${entry.nextRunId}`;
    case 'reset':
      return `reset    from run ${entry.fromRunId}: ${localInstants(entry.reason, zone)}`;
    case 'closed':
      return `workflow ${entry.status}${entry.reason ? `: ${localInstants(entry.reason, zone)}` : ''}`;
  }
}

/** `convention history`: one line per entry, in the reader's time zone, with the run it belongs to. */
export function historyText(history: ConventionHistory, zone = DEFAULT_ZONE): string {
  const runs = history.runs.length > 1 ? ` (${history.runs.length} runs)` : '';
  return [
    `${history.workflowId}${runs}`,
    `${zone.padEnd(16)}  run  what`,
    ...history.entries.map(
      (entry) =>
        `${localTime(entry.at, zone)}  ${String(entry.run).padStart(3)}  ${historyLine(entry, zone)}`,
    ),
  ].join('\n');
}

/**
 * A listing's next deadline: the day its soonest action is due (the convention's own calendar
 * day); for a run without NextActionDue (before the patch NEXT_ACTION_DUE), its next email, said so.
 */
function nextDueText(c: ConventionListing, zone: string): string {
  if (c.nextActionDue) return c.nextActionDue;
  if (!c.keepsNextActionDue && c.nextDeadline) return `${localTime(c.nextDeadline, zone)} (next email)`;
  return '—';
}

/** `convention list`: a table, one convention per row. */
export function listText(conventions: readonly ConventionListing[], zone = DEFAULT_ZONE): string {
  if (conventions.length === 0) return 'no convention matches';
  const rows = conventions.map((c) => [
    c.id,
    c.startup ?? '',
    c.state ?? c.status,
    nextDueText(c, zone),
    c.waitingOn.join(', ') || '—',
  ]);
  const header = ['id', 'startup', 'state', 'next deadline', 'waiting on'];
  return alignedTable(header, rows, header.length)
    .map((line) => line.trimEnd())
    .join('\n');
}

/** The credits per UO, amounts French style, aligned. */
export function creditsText(status: ConventionStatus, zone = DEFAULT_ZONE): string {
  const header = [
    'UO',
    'allocated AE',
    'available AE',
    'engaged',
    'AE left',
    'allocated CP',
    'paid',
    'CP left',
    'used',
    'runs out',
  ];
  const rows = status.credits.map((c) => [
    c.uo,
    formatEuros(c.ae),
    c.availability ? formatEuros(c.availability.ae) : 'all',
    formatEuros(c.engaged),
    formatEuros(c.aeLeft),
    formatEuros(c.cp),
    formatEuros(c.paid),
    formatEuros(c.cpLeft),
    `${c.consumption.replace('.', ',')} %`,
    c.exhaustsOn ?? '—',
  ]);
  const notes = [
    ...(status.suspension
      ? [
          `Execution suspended since ${localTime(status.suspension.since, zone)}: the credits of ${status.suspension.uo} ran out.`,
        ]
      : []),
    ...status.gracePeriods.map(
      (g) =>
        `Grace period for ${g.uo} until ${localTime(g.graceUntil, zone)} (${formatEuros(g.requested)} requested, ${formatEuros(g.left)} left).`,
    ),
    ...status.creditWarnings.map((w) => `Warning: ${w}.`),
    ...status.credits.flatMap((c) =>
      (c.availability?.missed ?? []).map(
        (m) =>
          `Échéance of ${m.date} passed for ${c.uo}: ${formatEuros(m.dueAe)} of AE due by then, ${formatEuros(m.availableAe)} made available.`,
      ),
    ),
    ...status.creditRequests.map(
      (r) =>
        `Credits requested on ${localTime(r.at, zone)} for ${r.uo}: ${formatEuros(r.ae)} AE, ${formatEuros(r.cp)} CP, wanted by ${r.wantedBy}; not yet made available.`,
    ),
  ];
  const years = status.credits
    .flatMap((c) => c.years.map((y) => ({ uo: c.uo, ...y })))
    .sort((a, b) => a.year - b.year);
  const byYear = years.length
    ? [
        '',
        'By budget year (SPEC §11):',
        ...alignedTable(
          [
            'year',
            'UO',
            'allocated AE',
            'engaged',
            'allocated CP',
            'paid',
            'engagements until',
            'payments until',
            'AE lapsing at pace',
            'CP lapsing at pace',
            'forecast AE',
            'forecast CP',
          ],
          years.map((y) => [
            String(y.year),
            y.uo,
            formatEuros(y.ae),
            formatEuros(y.engaged),
            formatEuros(y.cp),
            formatEuros(y.paid),
            y.engagementsUntil,
            y.paymentsUntil,
            y.statedAt ? 'closed' : y.projection ? formatEuros(y.projection.aeLapsing) : '—',
            y.statedAt ? 'closed' : y.projection ? formatEuros(y.projection.cpLapsing) : '—',
            y.forecast ? formatEuros(y.forecast.ae) : '—',
            y.forecast ? formatEuros(y.forecast.cp) : '—',
          ]),
          2,
        ),
        ...status.yearStatements.flatMap((statement) =>
          statement.lines.map(
            (l) =>
              `Year ${statement.year} closed on ${localTime(statement.at, zone)}: ${l.uo}: ${formatEuros(l.aeLeft)} of AE to carry over by avenant, ${formatEuros(l.cpLapsed)} of CP lapsed.`,
          ),
        ),
      ]
    : [];
  return [...alignedTable(header, rows), ...byYear, ...(notes.length ? ['', ...notes] : [])].join('\n');
}

/** Rows of cells in columns: the first `left` columns aligned left, the others right. */
function alignedTable(header: string[], rows: string[][], left = 1): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i < left ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  return [header, ...rows].map(line);
}

export function reportsText(status: ConventionStatus, zone = DEFAULT_ZONE): string {
  const rows = status.reports.map(
    (r) =>
      `${r.period}  due ${r.dueOn}  ${r.receivedAt ? `received ${localTime(r.receivedAt, zone)}` : 'not received'.padEnd(25)}` +
      `${r.daysLate ? `  ${r.daysLate} days late` : ''}${r.versions > 1 ? `  (${r.versions} versions)` : ''}`,
  );
  if (status.finalReport)
    rows.push(
      `final    due ${status.finalReport.dueOn}  ${status.finalReport.receivedAt ? `received ${localTime(status.finalReport.receivedAt, zone)}` : 'not received'}`,
    );
  return rows.length
    ? rows.join('\n')
    : 'no report is due yet (reports start once the convention is in force)';
}

const csvField = (value: string | number) => {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export function registerCsv(entries: readonly RegisterEntry[]): string {
  const header = [
    'seq',
    'at',
    'kind',
    'actor',
    'payload',
    'recorded_at',
    'prev_hash',
    'hash',
    'superseded_by',
  ];
  const rows = entries.map((e) => [
    e.seq,
    e.at,
    e.kind,
    e.actor,
    JSON.stringify(e.payload),
    e.recordedAt,
    e.prevHash,
    e.hash,
    e.supersededBy ?? '',
  ]);
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\n');
}

/** `convention register`: one line per entry, its payload in words, in the reader's time zone. */
export function registerText(entries: readonly RegisterEntry[], zone = DEFAULT_ZONE): string {
  if (entries.length === 0) return 'no entries';
  const kind = Math.max(4, ...entries.map((e) => e.kind.length));
  const actor = Math.max(2, ...entries.map((e) => e.actor.length));
  return [
    `${'seq'.padStart(4)}  ${zone.padEnd(16)}  ${'what'.padEnd(kind)}  ${'by'.padEnd(actor)}  details`,
    ...entries.map((e) => {
      const { fields, broughtIn } = payloadText(e.payload, zone);
      return [
        String(e.seq).padStart(4),
        localTime(e.at, zone).padEnd(Math.max(16, zone.length)),
        e.kind.padEnd(kind),
        e.actor.padEnd(actor),
        fields +
          (broughtIn ? `  (${broughtIn})` : '') +
          (e.supersededBy ? `  (superseded by the reset of entry ${e.supersededBy})` : ''),
      ]
        .join('  ')
        .trimEnd();
    }),
  ].join('\n');
}
