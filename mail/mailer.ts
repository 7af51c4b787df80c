import { connect } from 'node:net';
import nodemailer, { type Transporter } from 'nodemailer';

/**
 * An SMTP transporter from `SMTP_URL`, with timeouts short enough to fit the activity's. Its
 * connections stay open between emails: a new one costs the server's greeting delay (100 ms for
 * smtp-server's early-talker check) and, with TLS, a handshake — most of an email's time.
 */
export function createMailer(smtpUrl: string): Transporter {
  const url = new URL(smtpUrl);
  const host = url.hostname;
  const port = Number(url.port) || (url.protocol === 'smtps:' ? 465 : 25);
  return nodemailer.createTransport({
    pool: true,
    host,
    port,
    secure: url.protocol === 'smtps:',
    auth: url.username
      ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
      : undefined,
    connectionTimeout: 5_000,
    greetingTimeout: 5_000,
    socketTimeout: 10_000,
    // Our own socket, without Nagle's algorithm: nodemailer writes a command in pieces, and the
    // later piece waited for the server's delayed acknowledgement of the first, 40 ms each time
    // (TLS, when asked for, is started on this socket by nodemailer).
    getSocket: (_options, callback) => callback(null, { connection: connect({ host, port, noDelay: true }) }),
  });
}

/** SMTP 5xx replies are final (unknown mailbox, refused content): retrying cannot help. */
export function isPermanentRejection(error: unknown): error is Error & { responseCode: number } {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/** A Message-ID that is the same for every attempt at one email, so that mail systems can drop a repeat. */
export function messageIdFor(idempotencyKey: string, mailFrom: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(mailFrom)?.[1] ?? 'localhost';
  return `<${idempotencyKey.replace(/[^A-Za-z0-9-]+/g, '.')}@${domain}>`;
}
