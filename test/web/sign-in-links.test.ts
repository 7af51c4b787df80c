import { simpleParser } from 'mailparser';
import type { Transporter } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { linkCourier } from '../../client/web/sign-in-links';
import { createMailer } from '../../mail/mailer';
import { SqliteSignInStore } from '../../store/sign-in-sqlite';

// A sign-in link's email, sent after the answer (client/web/sign-in-links.ts), through a real SMTP
// server that refuses for a while, or for good.

const servers: SMTPServer[] = [];
const mailers: Transporter[] = [];
afterEach(async () => {
  for (const mailer of mailers.splice(0)) mailer.close();
  await Promise.all(
    servers.splice(0).map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
  );
});

/** An SMTP server refusing the first `refusals` recipients with `code`, then taking the messages. */
async function relay(refusals: number, code: number) {
  const received: { messageId: string | undefined; text: string }[] = [];
  let refused = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo: (_address, _session, callback) => {
      if (refused < refusals) {
        refused += 1;
        return callback(Object.assign(new Error('try again later'), { responseCode: code }));
      }
      callback();
    },
    onData: (stream, _session, callback) => {
      void simpleParser(stream).then((mail) => {
        received.push({ messageId: mail.messageId, text: mail.text ?? '' });
        callback();
      });
    },
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as { port: number };
  return { url: `smtp://127.0.0.1:${port}`, received, refusals: () => refused };
}

function courierThrough(url: string, holdsARole = true) {
  const logged: string[] = [];
  const mailer = createMailer(url);
  mailers.push(mailer);
  const courier = linkCourier(
    {
      signIn: new SqliteSignInStore(':memory:'),
      mailer,
      mailFrom: 'Conventions <conventions@example.org>',
      consoleUrl: 'http://127.0.0.1:3000',
    },
    {
      holdsARole: async () => holdsARole,
      now: Date.now,
      retryDelaysMs: [10, 10, 10],
      log: (message) => logged.push(message),
    },
  );
  return { courier, logged };
}

describe('a sign-in link’s email', () => {
  it('is tried again while the relay refuses for a while, and goes once, with its link', async () => {
    const smtp = await relay(2, 421);
    const { courier, logged } = courierThrough(smtp.url);
    courier.post('comite.camino@example.org', '/conventions');
    await courier.drain();
    expect(smtp.refusals()).toBe(2);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.text).toMatch(
      /http:\/\/127\.0\.0\.1:3000\/connexion\/\S+\?suite=%2Fconventions/,
    );
    expect(smtp.received[0]!.messageId).toMatch(/^<sign-in-link-[\w.-]+@example\.org>$/);
    expect(logged).toEqual([
      'a sign-in link could not be sent yet; trying again',
      'a sign-in link could not be sent yet; trying again',
    ]);
  });

  it('is given up at once when the relay refuses it for good, and when the retries run out', async () => {
    const refusing = await relay(10, 550);
    const once = courierThrough(refusing.url);
    once.courier.post('comite.camino@example.org', undefined);
    await once.courier.drain();
    expect([refusing.refusals(), refusing.received.length]).toEqual([1, 0]);
    expect(once.logged).toEqual(['a sign-in link could not be sent']);

    const busy = await relay(10, 450);
    const retried = courierThrough(busy.url);
    retried.courier.post('comite.camino@example.org', undefined);
    await retried.courier.drain();
    expect([busy.refusals(), busy.received.length]).toEqual([4, 0]);
    expect(retried.logged.at(-1)).toBe('a sign-in link could not be sent');
  });

  it('goes to no one who holds no role', async () => {
    const smtp = await relay(0, 0);
    const { courier } = courierThrough(smtp.url, false);
    courier.post('inconnu@example.org', undefined);
    await courier.drain();
    expect(smtp.received).toHaveLength(0);
  });
});
