import { ApplicationFailure, Context, log } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { Transporter } from 'nodemailer';
import { localDateOf, type LocalDate } from '../domain/dates';
import {
  byUrgency,
  DIGEST_KIND,
  DIGEST_TIMING,
  digestKey,
  heldForDigest,
  withoutDigestReaders,
  type AwaitedAction,
} from '../domain/digest';
import { renderDigest, renderEmail, type EmailOf } from '../domain/emails';
import { committeeInvitation } from '../domain/invitation';
import { participantHasher, type ParticipantHasher } from '../crypto/participants';
import { isPermanentRejection, messageIdFor } from '../mail/mailer';
import {
  OtherRun,
  type DigestChoice,
  type Register,
  type RegisterEntryInput,
  type ResetInput,
  type StatsWrite,
} from '../store/register';

// Activities are built over their dependencies (an SMTP transporter and the register database),
// wired in worker/ for production and by each test for its own.

export type SendEmailInput = EmailOf & {
  /** Derived from the workflow and the email's series and occurrence, never random. */
  idempotencyKey: string;
  conventionId: string;
  to: string[];
  cc: string[];
};

export type SendEmailResult = {
  messageId: string;
  /**
   * `held`: everyone it was addressed to takes the weekly digest, which lists its action instead.
   * `withdrawn`: its action was done before an attempt sent it (`withdrawEmail`).
   */
  outcome: 'sent' | 'already-sent' | 'held' | 'withdrawn';
  /** The addresses it was held back from, for their digest. */
  heldFor?: string[];
};

export interface SendDigestInput {
  email: string;
  /** The ISO week it is for (`2027-W02`): one digest per person and week. */
  week: string;
  monday: LocalDate;
}

export type SendDigestResult = {
  outcome: SendEmailResult['outcome'] | 'nothing-waiting';
  /** How many actions it listed. */
  actions?: number;
};

/** A person's pending actions across their conventions at an instant, read through the worker's client. */
export type AwaitedActionsOf = (client: Client, email: string, at: number) => Promise<AwaitedAction[]>;

/** A digest spans conventions: the sent-email log files it under none. */
const DIGEST_CONVENTION = '';

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
  /** What waits on a person, for their weekly digest (temporal/awaited.ts in the worker). */
  awaitedActions?: AwaitedActionsOf;
}

const noAwaitedActions: AwaitedActionsOf = () => {
  throw ApplicationFailure.nonRetryable('this worker was built without a way to read pending actions');
};

/** `Name <address>` → { name, email }, for the organizer of an invitation that names none. */
function organizerOf(mailFrom: string): { name: string; email: string } {
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(mailFrom);
  return match ? { name: match[1] || match[2]!, email: match[2]! } : { name: mailFrom, email: mailFrom };
}

/**
 * A register entry the register refuses for good: its convention's id names another convention's
 * chain. Retrying could only refuse again; the two conventions must never share their entries.
 */
async function chained<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof OtherRun) throw ApplicationFailure.nonRetryable(error.message, 'ConventionIdReused');
    throw error;
  }
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

/** An email as the sent-email log and the SMTP server see it. */
interface Outgoing {
  idempotencyKey: string;
  conventionId: string;
  kind: string;
  to: string[];
  cc: string[];
}

interface Composed {
  subject: string;
  text: string;
  html: string;
  invitation?: { filename: string; content: string };
}

export function createActivities({
  mailer,
  mailFrom,
  register,
  consoleUrl,
  render = renderEmail,
  hashParticipant = participantHasher(),
  awaitedActions = noAwaitedActions,
}: ActivityDeps) {
  /**
   * Sends an email once for its idempotency key, whatever the retries: logged before the SMTP
   * exchange, its outcome after. `addressed` may take recipients off (held for their digest); an
   * email with no one left goes nowhere and says whom it was held for.
   */
  async function deliver(
    email: Outgoing,
    {
      compose,
      addressed = async ({ to, cc }) => ({ to, cc, held: [] }),
    }: {
      compose: (date: Date) => Composed;
      addressed?: (recipients: {
        to: string[];
        cc: string[];
      }) => Promise<{ to: string[]; cc: string[]; held: string[] }>;
    },
  ): Promise<SendEmailResult> {
    const { info, metricMeter } = Context.current();
    // Past its timeout, Temporal gives the email to another attempt while this one may still run:
    // this one sends only with time left to finish, and writes the outcome before the timeout.
    const timesOutAt = Date.now() + info.startToCloseTimeoutMs;
    const messageId = messageIdFor(email.idempotencyKey, mailFrom);
    const logged = await register.emailState(email.idempotencyKey);
    // Sent by an earlier attempt whose completion never reached Temporal (e.g. the worker died).
    if (logged === 'sent') return { messageId, outcome: 'already-sent' };
    if (logged === 'withdrawn') return { messageId, outcome: 'withdrawn' };
    if (logged === 'sending')
      log.warn('sending again an email whose earlier attempt stopped without an outcome', {
        kind: email.kind,
        conventionId: email.conventionId,
        idempotencyKey: email.idempotencyKey,
      });
    const { to, cc, held } = await addressed(email);
    const heldFor = held.length ? { heldFor: held } : {};
    if (!to.length) {
      log.info('email held for the weekly digest', { kind: email.kind, conventionId: email.conventionId });
      return { messageId, outcome: 'held', ...heldFor };
    }

    // The attempt's time as Temporal sees it: real time in production, simulated time in
    // `convention simulate`, where it dates each email on the simulated calendar.
    const date = new Date(info.currentAttemptScheduledTimestampMs);
    let composed: Composed;
    try {
      composed = compose(date);
    } catch (error) {
      // A retry would fail the same way, and hold every later email of the convention behind it.
      const reason = error instanceof Error ? error.message : String(error);
      log.error('email cannot be written', { kind: email.kind, conventionId: email.conventionId, reason });
      metricMeter
        .createCounter('convention_email_render_failures', 'emails', 'emails skipped: their template failed')
        .add(1, { kind: email.kind });
      throw ApplicationFailure.nonRetryable(
        `the ${email.kind} email cannot be written: ${reason}`,
        'EmailUnrenderable',
      );
    }
    const { subject, text, html, invitation } = composed;
    // Withdrawn since it was read above: the mark and this note are ordered by the database.
    if (!(await register.emailAttempt({ ...email, recipients: [...to, ...cc], messageId })))
      return { messageId, outcome: 'withdrawn' };
    if (Date.now() > timesOutAt - SEND_TIME_MS)
      throw ApplicationFailure.retryable(
        'too late in its attempt to send the email; the next attempt will',
        'EmailAttemptLate',
      );
    try {
      await mailer.sendMail({
        from: mailFrom,
        to,
        cc,
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
        headers: { 'X-Convention-Kind': email.kind, 'X-Idempotency-Key': email.idempotencyKey },
      });
    } catch (error) {
      if (!isPermanentRejection(error)) throw error;
      await recordOutcome(register, email.idempotencyKey, 'rejected', timesOutAt - 1_000);
      throw ApplicationFailure.nonRetryable(
        `the SMTP server refused the email: ${error.message}`,
        'EmailRejected',
      );
    }
    await recordOutcome(register, email.idempotencyKey, 'sent', timesOutAt - 1_000);
    log.info('email sent', { kind: email.kind, conventionId: email.conventionId, messageId });
    return { messageId, outcome: 'sent', ...heldFor };
  }

  return {
    async sendEmail(input: SendEmailInput): Promise<SendEmailResult> {
      return deliver(input, {
        // A reader of the weekly digest finds a reminder's action there instead (SPEC §10).
        addressed: async ({ to, cc }) =>
          heldForDigest(input.data)
            ? withoutDigestReaders({ to, cc }, await register.digestReaders(to))
            : { to, cc, held: [] },
        compose: (date) => compose(input, render, consoleUrl, mailFrom, date),
      });
    },

    /**
     * Takes back an email whose action was done while it waited to be sent: no later attempt sends
     * it. Whether the mark took (false: it went, or was refused, before).
     */
    async withdrawEmail({ to, cc, ...email }: Outgoing): Promise<boolean> {
      const withdrawn = await register.withdrawEmail({
        ...email,
        recipients: [...to, ...cc],
        messageId: messageIdFor(email.idempotencyKey, mailFrom),
      });
      log.info(withdrawn ? 'email withdrawn before it went' : 'email to withdraw had gone already', {
        kind: email.kind,
        conventionId: email.conventionId,
      });
      return withdrawn;
    },

    /**
     * A person's weekly digest: what waits on them across their conventions on the day it goes,
     * sent once for the week whatever the retries. Nothing goes when nothing waits.
     */
    async sendDigest({ email, week, monday }: SendDigestInput): Promise<SendDigestResult> {
      const { info, client } = Context.current();
      const at = info.currentAttemptScheduledTimestampMs;
      const actions = (await awaitedActions(client, email, at)).sort(byUrgency);
      if (!actions.length) return { outcome: 'nothing-waiting' };
      const today = localDateOf(at, DIGEST_TIMING.timezone);
      const { outcome } = await deliver(
        {
          idempotencyKey: digestKey(hashParticipant(email), week),
          conventionId: DIGEST_CONVENTION,
          kind: DIGEST_KIND,
          to: [email],
          cc: [],
        },
        { compose: () => renderDigest({ monday, today, actions }, consoleUrl) },
      );
      return { outcome, actions: actions.length };
    },

    /** Appends the decision, and the statistics facts it changed: one write for a command. */
    async recordDecision({
      stats,
      ...input
    }: RegisterEntryInput & { stats?: StatsWrite }): Promise<{ seq: number; hash: string }> {
      const { seq, hash } = await chained(() => register.append(input));
      if (stats) await register.keepStats(stats);
      return { seq, hash };
    },

    /** A person's choice of reminders, where `sendEmail` reads it (the digest workflow's state, projected). */
    async keepDigestChoice(choice: DigestChoice): Promise<void> {
      await register.keepDigestChoice(choice);
    },

    async keepStats(input: StatsWrite): Promise<void> {
      await register.keepStats(input);
    },

    async recordReset(input: ResetInput): Promise<{ seq: number; supersedes: number[] }> {
      const { seq, payload } = await chained(() => register.recordReset(input));
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
