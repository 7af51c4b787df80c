import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApplicationFailure, type Logger, type MetricMeter } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { Client, Connection } from '@temporalio/client';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities, type SendEmailInput, type SendEmailResult } from '../../activities';
import type { AwaitedAction } from '../../domain/digest';
import type { Register } from '../../store/register';
import { SqliteRegister } from '../../store/register-sqlite';
import { startMailCapture, type MailCapture } from '../../client/mail-capture';
import { createMailer, messageIdFor } from '../../mail/mailer';

const MAIL_FROM = 'Conventions beta.gouv.fr <conventions@example.org>';
const SCHEDULED = Date.parse('2021-03-08T08:00:00Z');

let dir: string;
let register: Register;
let capture: MailCapture;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'convention-send-email-'));
  register = new SqliteRegister(join(dir, 'register.sqlite'));
  capture = await startMailCapture();
});
afterAll(async () => {
  await capture.close();
  await register.close();
  rmSync(dir, { recursive: true, force: true });
});

const signatureData = {
  conventionId: 'camino-2020',
  title: 'Camino <b>2020</b>',
  startup: 'Camino',
  party: { id: 'DGPR', name: 'DGPR', representative: 'Cédric Bourillet' },
  since: '2021-03-01',
};

const input = (key: string): SendEmailInput => ({
  idempotencyKey: `convention-camino-2020/run-1/${key}`,
  conventionId: 'camino-2020',
  kind: 'signature-reminder',
  to: ['dgpr.representant@example.org', 'dgpr.budget@example.org'],
  cc: [],
  data: { ...signatureData, reminderNumber: 1 },
});

const run = (
  smtpUrl: string,
  email: SendEmailInput,
  into: Register = register,
  startToCloseTimeoutMs = 15_000,
) => {
  const { sendEmail } = createActivities({
    mailer: createMailer(smtpUrl),
    mailFrom: MAIL_FROM,
    register: into,
  });
  const env = new MockActivityEnvironment({
    currentAttemptScheduledTimestampMs: SCHEDULED,
    startToCloseTimeoutMs,
  });
  return env.run(sendEmail, email) as Promise<SendEmailResult>;
};

describe('sendEmail over real SMTP', () => {
  it('delivers a French email with its kind, idempotency key, Message-ID and date', async () => {
    const result = await run(capture.url, input('signature-reminder:DGPR#1'));
    expect(result).toEqual({
      outcome: 'sent',
      messageId: '<convention-camino-2020.run-1.signature-reminder.DGPR.1@example.org>',
    });
    const received = capture.emails.find((email) =>
      email.idempotencyKey.endsWith('signature-reminder:DGPR#1'),
    )!;
    expect(received).toMatchObject({
      kind: 'signature-reminder',
      messageId: result.messageId,
      from: 'conventions@example.org',
      to: ['dgpr.representant@example.org', 'dgpr.budget@example.org'],
      date: SCHEDULED,
      subject: '[Camino · camino-2020] Rappel n° 1 : signature attendue de la convention Camino (DGPR)',
    });
    expect(received.text).toContain('Camino <b>2020</b>');
    expect(received.html).toContain('Camino &lt;b&gt;2020&lt;/b&gt;');
  });

  it('declares its charset and lays its HTML out with inline styles only, as mail clients keep them', async () => {
    await run(capture.url, input('signature-reminder:DGPR#html-layout'));
    const received = capture.emails.find((email) =>
      email.idempotencyKey.endsWith('signature-reminder:DGPR#html-layout'),
    )!;
    expect(received.htmlContentType).toMatch(/^text\/html; charset=utf-8$/i);
    const { elements, unclosed } = tagsOf(received.html);
    expect(unclosed).toEqual([]);
    expect(elements.find((e) => e.name === 'meta' && /charset="utf-8"/i.test(e.attributes))).toBeDefined();
    expect(elements.find((e) => e.name === 'html')!.attributes).toContain('lang="fr"');
    // No style sheet nor class for a client to drop: every block of the layout carries its style.
    expect(elements.filter((e) => ['style', 'link', 'script'].includes(e.name))).toEqual([]);
    expect(elements.filter((e) => /\bclass=/.test(e.attributes))).toEqual([]);
    const blocks = elements.filter((e) => ['body', 'table', 'td', 'p'].includes(e.name));
    expect(blocks.length).toBeGreaterThan(8);
    for (const block of blocks) expect(block.attributes).toMatch(/style="[^"]+"/);
    // One column of at most 600 px, tables for the layout and read as such by screen readers.
    expect(
      elements.filter((e) => e.name === 'table').every((e) => /role="presentation"/.test(e.attributes)),
    ).toBe(true);
    expect(received.html).toContain('max-width:600px');
    // The words, escaped, inside it.
    expect(received.html).toMatch(/<p style="[^"]+">Madame, Monsieur,<\/p>/);
  });

  it('writes the outcome of an email sent even when the database is away for a moment', async () => {
    // The database refuses the first two writes of the outcome, as during a PostgreSQL restart.
    let refusals = 2;
    const restarting: Register = Object.assign(Object.create(register) as Register, {
      emailOutcome: (key: string, state: 'sent' | 'rejected') =>
        refusals-- > 0
          ? Promise.reject(new Error('Connection terminated'))
          : register.emailOutcome(key, state),
    });
    const email = input('committee-minutes#1');
    expect((await run(capture.url, email, restarting)).outcome).toBe('sent');
    expect(refusals).toBe(-1);
    expect(await register.emailState(email.idempotencyKey)).toBe('sent');
    // So that a retry of the activity finds it sent, and sends nothing.
    expect((await run(capture.url, email)).outcome).toBe('already-sent');
    expect(capture.emails.filter((e) => e.idempotencyKey === email.idempotencyKey)).toHaveLength(1);
  });

  it('sends nothing when too little of its attempt is left to send and write the outcome', async () => {
    // Past the attempt's timeout, Temporal would run another while this one still sends.
    const email = input('committee-minutes#2');
    const late = await run(capture.url, email, register, 4_000).catch((error: unknown) => error);
    expect(late).toBeInstanceOf(ApplicationFailure);
    expect(late).toMatchObject({ type: 'EmailAttemptLate', nonRetryable: false });
    expect(capture.emails.filter((e) => e.idempotencyKey === email.idempotencyKey)).toHaveLength(0);
    expect(await register.emailState(email.idempotencyKey)).toBe('sending');
  });

  it('does not send twice when the activity runs again after sending', async () => {
    const before = capture.emails.length;
    const first = await run(capture.url, input('publication-request#1'));
    const retry = await run(capture.url, input('publication-request#1'));
    expect(first.outcome).toBe('sent');
    expect(retry).toEqual({ outcome: 'already-sent', messageId: first.messageId });
    expect(capture.emails.length).toBe(before + 1);
  });

  it('retries (throws a retryable error) when the SMTP server is unreachable, and sends once it is back', async () => {
    const email = input('chorus-habilitation-request#1');
    await expect(run('smtp://127.0.0.1:1', email)).rejects.toThrow(/ECONNREFUSED/);
    expect(await register.emailState(email.idempotencyKey)).toBe('sending');
    expect((await run(capture.url, email)).outcome).toBe('sent');
    expect(capture.emails.filter((e) => e.idempotencyKey === email.idempotencyKey)).toHaveLength(1);
  });

  it('gives up at once, as non-retryable, when the server refuses the message for good', async () => {
    const refusing = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo: (_address, _session, callback) =>
        callback(Object.assign(new Error('no such mailbox'), { responseCode: 550 })),
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', () => resolve()));
    const { port } = refusing.server.address() as { port: number };
    const email = input('signature-request:DGPR#1');
    const failure = await run(`smtp://127.0.0.1:${port}`, email).catch((error: unknown) => error);
    await new Promise<void>((resolve) => refusing.close(() => resolve()));
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'EmailRejected', nonRetryable: true });
    expect((failure as Error).message).toContain('no such mailbox');
    expect(await register.emailState(email.idempotencyKey)).toBe('rejected');
  });

  it('gives up at once, as non-retryable, on an email its template cannot write; logged and counted', async () => {
    const counted: { value: number; tags: unknown }[] = [];
    const logged: { message: string; meta: unknown }[] = [];
    const counter = { add: (value: number, tags: unknown) => counted.push({ value, tags }) };
    const metricMeter = { createCounter: () => counter } as unknown as MetricMeter;
    const logger = {
      log: (_level: string, message: string, meta: unknown) => logged.push({ message, meta }),
      ...Object.fromEntries(
        ['trace', 'debug', 'info', 'warn', 'error'].map((level) => [
          level,
          (message: string, meta: unknown) => logged.push({ message, meta }),
        ]),
      ),
    } as unknown as Logger;
    const { sendEmail } = createActivities({
      mailer: createMailer(capture.url),
      mailFrom: MAIL_FROM,
      register,
      render: () => {
        throw new RangeError('Invalid time value');
      },
    });
    const env = new MockActivityEnvironment(
      { currentAttemptScheduledTimestampMs: SCHEDULED },
      { metricMeter, logger },
    );
    const email = input('signature-reminder:DGPR#9');
    const before = capture.emails.length;
    const failure = await env.run(sendEmail, email).catch((error: unknown) => error);
    expect(failure).toMatchObject({ type: 'EmailUnrenderable', nonRetryable: true });
    expect((failure as Error).message).toBe(
      'the signature-reminder email cannot be written: Invalid time value',
    );
    expect(counted).toEqual([{ value: 1, tags: expect.objectContaining({ kind: 'signature-reminder' }) }]);
    expect(logged).toContainEqual({
      message: 'email cannot be written',
      meta: expect.objectContaining({ kind: 'signature-reminder', conventionId: 'camino-2020' }),
    });
    // Nothing was attempted: the sent-log has no trace of it, the SMTP server saw nothing.
    expect(await register.emailState(email.idempotencyKey)).toBeUndefined();
    expect(capture.emails.length).toBe(before);
  });
});

describe('digest readers (SPEC §10)', () => {
  const REPRESENTATIVE = 'dgpr.representant@example.org';
  let readers: Register;
  beforeAll(async () => {
    readers = new SqliteRegister(join(dir, 'readers.sqlite'));
    await readers.keepDigestChoice({ email: REPRESENTATIVE, weekly: true, at: '2021-03-01T10:00:00.000Z' });
  });
  afterAll(() => readers.close());
  const arrived = (email: SendEmailInput) =>
    capture.emails.filter((e) => e.idempotencyKey === email.idempotencyKey);

  it('holds a reminder back from a reader, sent to the others, and says from whom', async () => {
    const email = input('signature-reminder:DGPR#2');
    expect(await run(capture.url, email, readers)).toMatchObject({
      outcome: 'sent',
      heldFor: [REPRESENTATIVE],
    });
    expect(arrived(email).map((e) => e.to)).toEqual([['dgpr.budget@example.org']]);
  });

  it('sends nothing when every addressee reads the digest, and logs no attempt', async () => {
    const email = { ...input('signature-reminder:DGPR#3'), to: [REPRESENTATIVE.toUpperCase()] };
    expect(await run(capture.url, email, readers)).toMatchObject({
      outcome: 'held',
      heldFor: [REPRESENTATIVE.toUpperCase()],
    });
    expect(arrived(email)).toEqual([]);
    expect(await readers.emailState(email.idempotencyKey)).toBeUndefined();
  });

  it('still sends a first request to a reader at once', async () => {
    const email: SendEmailInput = {
      ...input('signature-request:DGPR#1'),
      kind: 'signature-request',
      data: signatureData,
    };
    expect(await run(capture.url, email, readers)).toMatchObject({ outcome: 'sent' });
    expect(arrived(email).map((e) => e.to)).toEqual([[REPRESENTATIVE, 'dgpr.budget@example.org']]);
  });

  it('sends a week’s digest once, whatever the retries, and none when nothing waits', async () => {
    const waiting: AwaitedAction[] = [
      {
        conventionId: 'camino-2020',
        title: 'Convention Camino 2020',
        startup: 'Camino',
        action: {
          command: 'sign',
          about: { party: 'DGPR' },
          description: 'signature of DGPR',
          waitingOn: [],
          since: '2021-03-01T10:00:00.000Z',
        },
      },
    ];
    let actions = waiting;
    const { sendDigest } = createActivities({
      mailer: createMailer(capture.url),
      mailFrom: MAIL_FROM,
      register: readers,
      consoleUrl: 'https://conventions.example.org',
      awaitedActions: async () => actions,
    });
    const env = new MockActivityEnvironment(
      { currentAttemptScheduledTimestampMs: SCHEDULED, startToCloseTimeoutMs: 60_000 },
      { client: new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) }) },
    );
    const digest = { email: REPRESENTATIVE, week: '2021-W10', monday: '2021-03-08' };
    expect(await env.run(sendDigest, digest)).toEqual({ outcome: 'sent', actions: 1 });
    expect(await env.run(sendDigest, digest)).toEqual({ outcome: 'already-sent', actions: 1 });
    const sent = capture.emails.filter((e) => e.kind === 'weekly-digest');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      to: [REPRESENTATIVE],
      subject: 'Vos actions en attente : 1 action, semaine du 8 mars 2021',
      date: SCHEDULED,
    });
    expect(sent[0]!.idempotencyKey).toMatch(/^digest\/[\w-]+\/2021-W10$/);
    actions = [];
    expect(await env.run(sendDigest, { ...digest, week: '2021-W11' })).toEqual({
      outcome: 'nothing-waiting',
    });
    expect(capture.emails.filter((e) => e.kind === 'weekly-digest')).toHaveLength(1);
  });
});

describe('Message-ID', () => {
  it('is derived from the idempotency key and the sender domain only', () => {
    expect(messageIdFor('convention-x/r/signature-reminder:SG#3', 'A <a@mail.example.org>')).toBe(
      '<convention-x.r.signature-reminder.SG.3@mail.example.org>',
    );
  });
});

const VOID_ELEMENTS = new Set(['meta', 'br', 'hr', 'img', 'link', 'input']);

/** The elements of an HTML document (text is escaped, so `<` starts a tag), and those left unclosed. */
function tagsOf(html: string): { elements: { name: string; attributes: string }[]; unclosed: string[] } {
  const elements: { name: string; attributes: string }[] = [];
  const open: string[] = [];
  for (const [, closing, name, attributes] of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)) {
    const tag = name!.toLowerCase();
    if (closing) {
      expect(open.pop(), `</${tag}> closes what was opened`).toBe(tag);
    } else {
      elements.push({ name: tag, attributes: attributes! });
      if (!VOID_ELEMENTS.has(tag)) open.push(tag);
    }
  }
  return { elements, unclosed: open };
}
