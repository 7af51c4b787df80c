import { ApplicationFailure, Context, log } from '@temporalio/activity';
import type { Transporter } from 'nodemailer';
import { renderEmail, type EmailOf } from '../domain/emails';
import { committeeInvitation } from '../domain/invitation';
import { participantHasher, type ParticipantHasher } from '../crypto/participants';
import type { Register, RegisterEntryInput, ResetInput, StatsWrite } from '../store/register';

// Activities are built over their dependencies (an SMTP transporter and the register database),
// wired in worker/ for production and by each test for its own.

export type SendEmailInput = EmailOf & {
  /** Derived from the workflow and the email's series and occurrence, never random. */
  idempotencyKey: string;
  conventionId: string;
  to: string[];
  cc: string[];
};

export type SendEmailResult = { messageId: string; outcome: 'sent' | 'already-sent' };

export interface ActivityDeps {
  mailer: Transporter;
  /** The From address, e.g. `Conventions beta.gouv.fr <conventions@example.org>`. */
  mailFrom: string;
  register: Register;
  /** The web console's address: emails link to the page or form where their reader acts. */
  consoleUrl?: string;
  /** Writes an email (`renderEmail`; a test gives one that fails). */
  render?: typeof renderEmail;
  /** The people's hashes for the search attributes; the console must use the same (crypto/participants.ts). */
  hashParticipant?: ParticipantHasher;
}

/** A Message-ID that is the same for every attempt at one email, so that mail systems can drop a repeat. */
export function messageIdFor(idempotencyKey: string, mailFrom: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(mailFrom)?.[1] ?? 'localhost';
  return `<${idempotencyKey.replace(/[^A-Za-z0-9-]+/g, '.')}@${domain}>`;
}

/** `Name <address>` → { name, email }, for the organizer of an invitation that names none. */
function organizerOf(mailFrom: string): { name: string; email: string } {
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(mailFrom);
  return match ? { name: match[1] || match[2]!, email: match[2]! } : { name: mailFrom, email: mailFrom };
}

/** SMTP 5xx replies are final (unknown mailbox, refused content): retrying cannot help. */
function isPermanentRejection(error: unknown): error is Error & { responseCode: number } {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/** The email written out, with the committee's calendar invitation when it convenes or reminds. */
function compose(
  input: SendEmailInput,
  render: typeof renderEmail,
  consoleUrl: string | undefined,
  mailFrom: string,
  date: Date,
) {
  const invitation =
    input.kind === 'committee-convocation' ||
    input.kind === 'committee-reminder' ||
    input.kind === 'committee-rescheduled'
      ? committeeInvitation(
          input.data,
          { organizer: organizerOf(mailFrom), attendees: input.to },
          date.getTime(),
        )
      : undefined;
  return { ...render(input, consoleUrl), invitation };
}

/** What an attempt keeps for the SMTP exchange and the outcome's write, at the least. */
const SEND_TIME_MS = 5_000;

/**
 * Writes an email's outcome once the SMTP server has answered, trying again while the database
 * cannot take it (a PostgreSQL restart, a SQLite lock): a retry of the activity could not tell
 * whether the email went, and would send it a second time.
 */
async function recordOutcome(
  register: Register,
  idempotencyKey: string,
  state: 'sent' | 'rejected',
  deadline: number,
): Promise<void> {
  for (let wait = 200; ; wait = Math.min(wait * 2, 2_000)) {
    try {
      return await register.emailOutcome(idempotencyKey, state);
    } catch (error) {
      if (Date.now() + wait > deadline) throw error;
      log.warn('the outcome of an email sent could not be written; trying again', { idempotencyKey, wait });
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

export function createActivities({
  mailer,
  mailFrom,
  register,
  consoleUrl,
  render = renderEmail,
  hashParticipant = participantHasher(),
}: ActivityDeps) {
  return {
    async sendEmail(input: SendEmailInput): Promise<SendEmailResult> {
      const { info, metricMeter } = Context.current();
      // Past its timeout, Temporal gives the email to another attempt while this one may still run:
      // this one sends only with time left to finish, and writes the outcome before the timeout.
      const timesOutAt = Date.now() + info.startToCloseTimeoutMs;
      const messageId = messageIdFor(input.idempotencyKey, mailFrom);
      const logged = await register.emailState(input.idempotencyKey);
      // Sent by an earlier attempt whose completion never reached Temporal (e.g. the worker died).
      if (logged === 'sent') return { messageId, outcome: 'already-sent' };
      if (logged === 'sending')
        log.warn('sending again an email whose earlier attempt stopped without an outcome', {
          kind: input.kind,
          conventionId: input.conventionId,
          idempotencyKey: input.idempotencyKey,
        });

      // The attempt's time as Temporal sees it: real time in production, simulated time in
      // `convention simulate`, where it dates each email on the simulated calendar.
      const date = new Date(info.currentAttemptScheduledTimestampMs);
      let composed: ReturnType<typeof compose>;
      try {
        composed = compose(input, render, consoleUrl, mailFrom, date);
      } catch (error) {
        // A retry would fail the same way, and hold every later email of the convention behind it.
        const reason = error instanceof Error ? error.message : String(error);
        log.error('email cannot be written', { kind: input.kind, conventionId: input.conventionId, reason });
        metricMeter
          .createCounter(
            'convention_email_render_failures',
            'emails',
            'emails skipped: their template failed',
          )
          .add(1, { kind: input.kind });
        throw ApplicationFailure.nonRetryable(
          `the ${input.kind} email cannot be written: ${reason}`,
          'EmailUnrenderable',
        );
      }
      const { subject, text, html, invitation } = composed;
      await register.emailAttempt({ ...input, recipients: [...input.to, ...input.cc], messageId });
      if (Date.now() > timesOutAt - SEND_TIME_MS)
        throw ApplicationFailure.retryable(
          'too late in its attempt to send the email; the next attempt will',
          'EmailAttemptLate',
        );
      try {
        await mailer.sendMail({
          from: mailFrom,
          to: input.to,
          cc: input.cc,
          subject,
          text,
          html,
          messageId,
          date,
          attachments: invitation
            ? [
                {
                  filename: invitation.filename,
                  content: invitation.content,
                  contentType: 'text/calendar; method=REQUEST; charset=UTF-8',
                },
              ]
            : [],
          headers: { 'X-Convention-Kind': input.kind, 'X-Idempotency-Key': input.idempotencyKey },
        });
      } catch (error) {
        if (!isPermanentRejection(error)) throw error;
        await recordOutcome(register, input.idempotencyKey, 'rejected', timesOutAt - 1_000);
        throw ApplicationFailure.nonRetryable(
          `the SMTP server refused the email: ${error.message}`,
          'EmailRejected',
        );
      }
      await recordOutcome(register, input.idempotencyKey, 'sent', timesOutAt - 1_000);
      log.info('email sent', { kind: input.kind, conventionId: input.conventionId, messageId });
      return { messageId, outcome: 'sent' };
    },

    /** Appends the decision, and the statistics facts it changed: one write for a command. */
    async recordDecision({
      stats,
      ...input
    }: RegisterEntryInput & { stats?: StatsWrite }): Promise<{ seq: number; hash: string }> {
      const { seq, hash } = await register.append(input);
      if (stats) await register.keepStats(stats);
      return { seq, hash };
    },

    async keepStats(input: StatsWrite): Promise<void> {
      await register.keepStats(input);
    },

    async recordReset(input: ResetInput): Promise<{ seq: number; supersedes: number[] }> {
      const { seq, payload } = await register.recordReset(input);
      const supersedes = payload.supersedes as number[];
      log.warn('workflow reset: decisions past the reset point superseded in the register', {
        conventionId: input.conventionId,
        run: input.run,
        supersedes,
      });
      return { seq, supersedes };
    },

    /** The hashes of these addresses, in their order: the key stays out of the workflow and its history. */
    async participantHashes(addresses: string[]): Promise<string[]> {
      return addresses.map(hashParticipant);
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
