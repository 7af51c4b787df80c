import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';

// A real SMTP listener on loopback that keeps what it receives: `convention simulate` reads its
// timeline of emails from it, and the tests count and parse what actually arrived.

export interface CapturedEmail {
  kind: string;
  idempotencyKey: string;
  messageId: string;
  /** The Date header: when the worker sent it, on Temporal's (possibly simulated) clock, to the second. */
  date: number;
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  html: string;
  /** The Content-Type of the HTML part as it arrived (its charset), empty without one. */
  htmlContentType: string;
  attachments: { filename: string; contentType: string; content: string }[];
}

export interface MailCapture {
  /** `smtp://127.0.0.1:PORT`, for SMTP_URL. */
  url: string;
  emails: CapturedEmail[];
  close(): Promise<void>;
}

export interface MailCaptureOptions {
  /**
   * Called once a message is fully read, before it is accepted. If the client is gone when this
   * resolves, the message is dropped, as a real MTA does when the sender vanishes before the reply.
   */
  beforeAccept?: (email: CapturedEmail) => Promise<void>;
  /** Listen on this port (a free one when absent): a test stops the listener and starts it again there. */
  port?: number;
}

const addresses = (field: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((group) =>
    group.value.map((address) => address.address ?? ''),
  );

export async function startMailCapture(options: MailCaptureOptions = {}): Promise<MailCapture> {
  const emails: CapturedEmail[] = [];
  const closedSessions = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onClose(session) {
      closedSessions.add(session.id);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      new Promise<Buffer>((resolve, reject) => {
        stream.once('end', () => resolve(Buffer.concat(chunks)));
        stream.once('error', reject);
      })
        .then(async (source) => {
          const parsed = await simpleParser(source);
          const htmlPart = /^Content-Type:\s*(text\/html[^\r\n]*)/im.exec(source.toString('latin1'));
          const header = (name: string) => String(parsed.headers.get(name) ?? '');
          const email: CapturedEmail = {
            kind: header('x-convention-kind'),
            idempotencyKey: header('x-idempotency-key'),
            messageId: parsed.messageId ?? '',
            date: parsed.date?.getTime() ?? Date.now(),
            from: parsed.from?.value[0]?.address ?? '',
            to: addresses(parsed.to),
            cc: addresses(parsed.cc),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            htmlContentType: htmlPart?.[1]?.trim() ?? '',
            attachments: parsed.attachments.map((a) => ({
              filename: a.filename ?? '',
              contentType: a.contentType,
              content: a.content.toString('utf8'),
            })),
          };
          await options.beforeAccept?.(email);
          if (closedSessions.has(session.id)) return callback(new Error('the client went away'));
          emails.push(email);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as { port: number };
  // A sender that dies mid-transaction resets its connection: that email is dropped (onClose), not the listener.
  server.on('error', () => {});
  return {
    url: `smtp://127.0.0.1:${port}`,
    emails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
