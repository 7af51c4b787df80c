import { describe, expect, it } from 'vitest';
import { EMAIL_KINDS, escapeHtml, frenchDate, renderEmail, type EmailData } from '../../domain/emails';

const data: EmailData = {
  conventionId: 'camino-2020',
  title: 'Convention Camino <script>alert("x")</script> & co',
  startup: 'Camino',
  party: {
    id: 'DGPR',
    name: 'Direction générale de la prévention des risques',
    representative: 'Cédric Bourillet',
  },
  since: '2020-03-26',
  reminderNumber: 2,
  publication: { where: 'data.gouv.fr', url: 'https://www.data.gouv.fr/x?a=1&b=2' },
};

// The kinds of the signature → publication part of the lifecycle, the first seven of SPEC §4.
const PART_ONE_KINDS = EMAIL_KINDS.slice(0, 7);

describe('emails in French', () => {
  it('lists the 33 kinds of SPEC §4', () => {
    expect(EMAIL_KINDS).toHaveLength(33);
    expect(new Set(EMAIL_KINDS).size).toBe(33);
  });

  it.each(PART_ONE_KINDS)('%s has a French subject, a text part and an escaped HTML part', (kind) => {
    const email = renderEmail(kind, data);
    expect(email.subject).toMatch(/^\[Camino\] /);
    expect(email.text).toContain('Madame, Monsieur');
    expect(email.text).toContain('Référence : camino-2020');
    expect(email.html).toContain('<html lang="fr">');
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co');
  });

  it('numbers reminders and dates events in French', () => {
    expect(renderEmail('signature-reminder', data).subject).toBe(
      '[Camino] Rappel n° 2 : signature attendue de la convention Camino (DGPR)',
    );
    expect(renderEmail('signature-reminder', data).text).toContain(
      'transmise pour signature le 26 mars 2020',
    );
    expect(renderEmail('convention-in-force', data).subject).toBe(
      '[Camino] La convention Camino est en vigueur depuis le 26 mars 2020',
    );
    expect(renderEmail('convention-in-force', data).html).toContain('https://www.data.gouv.fr/x?a=1&amp;b=2');
  });

  it('forwards a report with its figures, the final one as such', () => {
    const monthly = renderEmail('report-received', {
      ...data,
      report: {
        period: '2021-03',
        dueOn: '2021-04-10',
        version: 2,
        spent: [{ uo: '0113-PEBC-ELAB', amount: '12000.5' }],
        progress: 'P',
        forecast: 'F',
        by: 'dinum.betagouv@example.org',
      },
    });
    expect(monthly.subject).toBe('[Camino] Compte rendu mensuel de mars 2021 (version 2)');
    expect(monthly.text).toContain('Dépenses du mois : 0113-PEBC-ELAB : 12\u00a0000,50\u00a0€.');
    const final = renderEmail('report-received', {
      ...data,
      report: { dueOn: '2021-02-10', spent: [], progress: 'P', forecast: 'F' },
    });
    expect(final.subject).toBe('[Camino] Compte rendu final');
  });

  it('dates committees and says what was decided', () => {
    const committee = {
      number: 2,
      date: '2021-03-26',
      secretary: 'Secrétariat',
      decision: 'stop' as const,
      phase: 'abandon' as const,
      conditions: [],
    };
    const minutes = renderEmail('committee-minutes', { ...data, committee });
    expect(minutes.subject).toBe('[Camino] Relevé de décision du comité d’investissement n° 2 : arrêt');
    expect(minutes.text).toContain('Phase de la startup d’État : abandon.');
    expect(minutes.text).toContain('préavis de trois mois');
    expect(renderEmail('committee-convocation', { ...data, committee }).subject).toBe(
      '[Camino] Convocation : comité d’investissement n° 2 du 26 mars 2021',
    );
  });

  it('formats dates and escapes HTML', () => {
    expect(frenchDate('2021-01-01')).toBe('1 janvier 2021');
    expect(frenchDate('2020-12-31')).toBe('31 décembre 2020');
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
