import { describe, expect, it } from 'vitest';
import { axisDates } from '../../client/web/chart';
import { FORMS } from '../../client/web/forms';
import { listPage } from '../../client/web/pages/conventions';
import { formPage } from '../../client/web/pages/form';
import { timelineSection } from '../../client/web/pages/timeline';
import type { HistoryEntry } from '../../client/history';
import { advance } from '../../domain/lifecycle';
import { refusal } from '../../domain/refusals';
import { describeStatus } from '../../domain/status';
import { PEOPLE } from '../fixtures';
import type { ConventionListing } from '../../client/list';
import { listingAt } from '../helpers/listings';
import { inForce, marchReportIn } from '../helpers/records';

// Pages as the server writes them, without a browser: what they say (the console's test reads
// them in Chromium, at 1280 and 375 px).

const DAY = 86_400_000;
const NOW = Date.parse('2026-12-07T10:00:00Z');
const text = (html: { toString(): string }) =>
  html
    .toString()
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

describe('the report form', () => {
  const record = inForce(NOW - 90 * DAY, NOW - 80 * DAY);
  const context = (state = record) => ({
    convention: state.convention,
    status: describeStatus(state, NOW),
    parties: [],
    now: NOW,
  });

  it('says "final report" one way: no box before the end, and the month’s hint does not say it', () => {
    const page = text(
      formPage({ csrf: 'x' }, { form: 'report', context: context(), values: { period: '2026-11' } }),
    );
    expect(page).not.toContain('Compte rendu final');
    expect(page).not.toContain('Vide pour');
  });

  it('offers the box once the convention has ended, and then sends no month', () => {
    const ended = advance(
      {
        ...record,
        convention: {
          ...record.convention,
          schedule: { ...record.convention.schedule, endsOn: '2026-11-30' },
        },
      },
      NOW,
    );
    expect(ended.state).toBe('ended');
    const page = text(
      formPage({ csrf: 'x' }, { form: 'report', context: context(ended), values: { final: 'true' } }),
    );
    expect(page).toContain('Compte rendu final, au terme de la convention (sans mois concerné)');
    const { payload } = FORMS.report.command(
      { period: '2026-11', final: 'true', progress: 'Fin', forecast: 'Aucune' },
      context(ended),
    );
    expect(payload).toMatchObject({ final: true });
    expect(payload).not.toHaveProperty('period');
  });
});

describe('the budget chart’s date axis', () => {
  const at = (iso: string) => Date.parse(iso);
  it.each([
    [
      'two years',
      at('2025-01-15T10:00:00Z'),
      at('2026-12-07T10:00:00Z'),
      ['janv. 2025', 'déc. 2025', 'déc. 2026'],
    ],
    [
      'six weeks',
      at('2026-10-27T10:00:00Z'),
      at('2026-12-07T10:00:00Z'),
      ['oct. 2026', 'nov. 2026', 'déc. 2026'],
    ],
    [
      'three weeks',
      at('2026-11-16T10:00:00Z'),
      at('2026-12-07T10:00:00Z'),
      ['16 nov. 2026', '26 nov. 2026', '7 déc. 2026'],
    ],
    [
      'two hours',
      at('2026-12-07T08:00:00Z'),
      at('2026-12-07T10:00:00Z'),
      ['7 déc., 09\u00a0h\u00a000', '7 déc., 10\u00a0h\u00a000', '7 déc., 11\u00a0h\u00a000'],
    ],
    ['an instant', NOW, NOW + 1_000, ['7 déc., 11\u00a0h\u00a000']],
  ])('writes %s with distinct dates', (_span, from, to, labels) => {
    expect(axisDates(from, to).map((tick) => tick.label)).toEqual(labels);
  });
});

describe('a timeline', () => {
  const refused = (error: Extract<HistoryEntry, { type: 'command' }>['error']): HistoryEntry => ({
    type: 'command',
    at: new Date(NOW).toISOString(),
    run: 1,
    command: 'sign',
    as: PEOPLE.sgRepresentative,
    ok: false,
    fields: { party: 'SG' },
    error,
  });

  it('says why a command was refused, in French', () => {
    const why = refusal('AlreadyDone', 'already-signed', {
      party: 'SG',
      at: '2026-12-01T09:00:00.000Z',
      by: PEOPLE.sgRepresentative,
    });
    const page = text(
      timelineSection('camino-2020', [refused({ type: why.type, message: why.message, refusal: why })], {
        page: 1,
      }),
    );
    expect(page).toContain(
      `refusée SG a déjà signé, le 1er décembre 2026 à 10 h (${PEOPLE.sgRepresentative}).`,
    );
    expect(page).not.toContain(why.message);
    // A failure from before refusals carried their code: its kind, in French.
    const older = text(
      timelineSection('camino-2020', [refused({ type: 'AlreadyDone', message: 'already signed' })], {
        page: 1,
      }),
    );
    expect(older).toContain('refusée C’était déjà fait.');
    expect(older).not.toContain('already signed');
  });
});

describe('« Mes conventions »', () => {
  const marchIn = marchReportIn();
  const FIFTH = Date.parse('2020-05-05T09:00:00Z');
  const dueCell = (listing: ConventionListing, today: string) => {
    const page = listPage({ csrf: 'x' }, [listing], {}, [], new Map(), today).toString();
    // Convention, Startup, État, Prochaine échéance, En attente de.
    const cells = [...page.matchAll(/<td>([\s\S]*?)<\/td>/g)].map(([, cell]) => text(cell!).trim());
    expect(page).toContain('Prochaine échéance');
    return cells[3];
  };

  it('gives the day the monthly report is due (the 10th), not its reminder’s (the 7th)', () => {
    expect(dueCell(listingAt(marchIn, FIFTH), '2020-05-05')).toBe('au plus tard le 10 mai 2020');
  });

  it('keeps a report owed there, late, until it comes', () => {
    const later = Date.parse('2020-06-20T09:00:00Z');
    expect(dueCell(listingAt(marchIn, later), '2020-06-20')).toBe('en retard depuis le 10 mai 2020');
  });

  it('says of a run from before NEXT_ACTION_DUE only when it sends its next email', () => {
    expect(dueCell(listingAt(marchIn, FIFTH, { patched: false }), '2020-05-05')).toMatch(
      /^prochain courriel le 7 mai 2020 à \d+ h/,
    );
  });
});
