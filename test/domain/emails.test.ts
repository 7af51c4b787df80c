import { describe, expect, it } from 'vitest';
import { EMAIL_KINDS, frenchDate, renderEmail, type ConventionData, type EmailOf } from '../../domain/emails';
import { escapeHtml } from '../../domain/html';

const convention: ConventionData = {
  conventionId: 'camino-2020',
  title: 'Convention Camino <script>alert("x")</script> & co',
  startup: 'Camino',
};
const party = {
  id: 'DGPR',
  name: 'Direction générale de la prévention des risques',
  representative: 'Cédric Bourillet',
};
const since = '2020-03-26';

// The signature → publication part of the lifecycle, the first seven kinds of SPEC §4.
const PART_ONE: EmailOf[] = [
  { kind: 'signature-request', data: { ...convention, party, since } },
  { kind: 'signature-reminder', data: { ...convention, party, since, reminderNumber: 2 } },
  { kind: 'chorus-habilitation-request', data: { ...convention, since } },
  { kind: 'chorus-habilitation-reminder', data: { ...convention, since, reminderNumber: 2 } },
  { kind: 'publication-request', data: { ...convention, since } },
  { kind: 'publication-reminder', data: { ...convention, since, reminderNumber: 2 } },
  {
    kind: 'convention-in-force',
    data: {
      ...convention,
      since,
      publication: { where: 'data.gouv.fr', url: 'https://www.data.gouv.fr/x?a=1&b=2' },
    },
  },
];
const [, signatureReminder, , , , , inForce] = PART_ONE as [EmailOf, EmailOf, ...EmailOf[]];

describe('emails in French', () => {
  it('lists the 33 kinds of SPEC §4, the committee moved of §10, the budget year of §11 and the document’s circuit', () => {
    expect(EMAIL_KINDS).toHaveLength(42);
    expect(new Set(EMAIL_KINDS).size).toBe(42);
    expect(EMAIL_KINDS).toContain('committee-rescheduled');
    expect(EMAIL_KINDS.slice(-8)).toEqual([
      'year-end-forecast',
      'credits-unconsumed-forecast',
      'year-end-statement',
      'validation-request',
      'validation-reminder',
      'new-version-request',
      'new-version-reminder',
      'version-added',
    ]);
    expect(PART_ONE.map((email) => email.kind)).toEqual(EMAIL_KINDS.slice(0, 7));
  });

  it.each(PART_ONE.map((email) => [email.kind, email] as const))(
    '%s has a French subject, a text part and an escaped HTML part',
    (_kind, email) => {
      const rendered = renderEmail(email);
      expect(rendered.subject).toMatch(/^\[Camino · camino-2020\] /);
      expect(rendered.text).toContain('Madame, Monsieur');
      expect(rendered.text).toContain('Référence : camino-2020');
      expect(rendered.html).toContain('<html lang="fr">');
      expect(rendered.html).not.toContain('<script>');
      expect(rendered.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co');
    },
  );

  it('numbers reminders and dates events in French', () => {
    expect(renderEmail(signatureReminder!).subject).toBe(
      '[Camino · camino-2020] Rappel n° 2 : signature attendue de la convention Camino (DGPR)',
    );
    expect(renderEmail(signatureReminder!).text).toContain('transmise pour signature le 26 mars 2020');
    expect(renderEmail(inForce!).subject).toBe(
      '[Camino · camino-2020] La convention Camino est en vigueur depuis le 26 mars 2020',
    );
    expect(renderEmail(inForce!).html).toContain('https://www.data.gouv.fr/x?a=1&amp;b=2');
  });

  it('forwards a report with its figures, the final one as such', () => {
    const report = {
      dueOn: '2021-04-10',
      version: 2,
      spent: [{ uo: '0113-PEBC-ELAB', amount: '12000.5' }],
      progress: 'P',
      forecast: 'F',
      by: 'dinum.betagouv@example.org',
    };
    const monthly = renderEmail({
      kind: 'report-received',
      data: { ...convention, report: { ...report, period: '2021-03' } },
    });
    expect(monthly.subject).toBe('[Camino · camino-2020] Compte rendu mensuel de mars 2021 (version 2)');
    expect(monthly.text).toContain('Dépenses du mois : 0113-PEBC-ELAB : 12\u00a0000,50\u00a0€.');
    const final = renderEmail({
      kind: 'report-received',
      data: { ...convention, endedOn: '2021-01-31', report: { ...report, version: 1, spent: [] } },
    });
    expect(final.subject).toBe('[Camino · camino-2020] Compte rendu final');
    expect(final.text).toContain('Dépenses de la dernière période : aucune.');
  });

  it('dates committees and says what was decided', () => {
    const committee = { number: 2, date: '2021-03-26', secretary: 'Secrétariat' };
    const minutes = renderEmail({
      kind: 'committee-minutes',
      data: {
        ...convention,
        committee: { ...committee, decision: 'stop', phase: 'abandon', conditions: [] },
      },
    });
    expect(minutes.subject).toBe(
      '[Camino · camino-2020] Relevé de décisions du comité d’investissement n° 2 : arrêt',
    );
    expect(minutes.text).toContain('Phase de la startup d’État : abandon.');
    expect(minutes.text).toContain('préavis de trois mois');
    const convocation = renderEmail({
      kind: 'committee-convocation',
      data: { ...convention, committee: { ...committee, daysBefore: 30 } },
    });
    expect(convocation.subject).toBe(
      '[Camino · camino-2020] Convocation : comité d’investissement n° 2 du 26 mars 2021',
    );
  });

  it('warns the délégant of either breach of its commitments', () => {
    const intrapreneur = renderEmail({
      kind: 'commitment-warning',
      data: { ...convention, breach: { commitment: 'intrapreneur' } },
    });
    expect(intrapreneur.text).toContain('Aucun intrapreneur n’est désigné');
    const committee = renderEmail({
      kind: 'commitment-warning',
      data: {
        ...convention,
        breach: { commitment: 'committee', daysLate: 61 },
        committee: { number: 1, date: '2020-09-28', secretary: 'Secrétariat' },
      },
    });
    expect(committee.text).toContain('comité d’investissement n° 1 du 28 septembre 2020');
    expect(committee.text).toContain('61 jours après');
  });

  it('formats dates and escapes HTML', () => {
    expect(frenchDate('2021-01-01')).toBe('1er janvier 2021');
    expect(frenchDate('2020-12-31')).toBe('31 décembre 2020');
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('a month in a sentence', () => {
  it('is elided before a vowel, in the subject and the body alike', () => {
    const { subject, text } = renderEmail({
      kind: 'report-due',
      data: { ...convention, report: { period: '2027-04', dueOn: '2027-05-10' } },
    });
    expect(subject).toContain('Compte rendu mensuel d’avril 2027 attendu le 10 mai 2027');
    expect(text).toContain('Le compte rendu d’avril 2027 est attendu au plus tard le 10 mai 2027.');
    expect(text).not.toContain('de avril');
  });
});
