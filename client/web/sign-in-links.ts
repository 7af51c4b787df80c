import { renderSignInLink, SIGN_IN_KIND } from '../../domain/emails';
import { isPermanentRejection, messageIdFor } from '../../mail/mailer';
import { LINK_LIFETIME_MS } from '../../store/sign-in';
import type { ConsoleDeps } from './shared';

// A sign-in link's email goes after the answer to the request, never within it: whether the
// address holds a role (a visibility query), the link's row and the SMTP exchange take time that
// the answer would otherwise tell. Sent as the workflows' emails are, with one Message-ID whatever
// the attempts, a temporary refusal (a relay's 4xx, a connection refused or reset) tried again
// with backoff while the link would still be valid, a permanent one (5xx) not.

/** The waits before each new attempt: about a minute in all, far within the link's lifetime. */
export const LINK_RETRY_DELAYS_MS = [1_000, 2_000, 4_000, 8_000, 16_000, 32_000] as const;

export interface LinkCourier {
  /** Sends `email` a link when it holds a role, after the caller has answered; never throws. */
  post(email: string, next: string | undefined): void;
  /** Waits for the links posted to be sent or given up (the console closing). */
  drain(): Promise<void>;
}

export function linkCourier(
  deps: Pick<ConsoleDeps, 'signIn' | 'mailer' | 'mailFrom' | 'consoleUrl'>,
  {
    holdsARole,
    now,
    retryDelaysMs = LINK_RETRY_DELAYS_MS,
    log = (message, fields) => console.warn(JSON.stringify({ message, ...fields })),
  }: {
    holdsARole: (email: string) => Promise<boolean>;
    now: () => number;
    retryDelaysMs?: readonly number[];
    log?: (message: string, fields: Record<string, unknown>) => void;
  },
): LinkCourier {
  const pending = new Set<Promise<void>>();

  async function send(email: string, next: string | undefined): Promise<void> {
    if (!(await holdsARole(email))) return;
    const token = await deps.signIn.create(email, now());
    const link = new URL(`/connexion/${token}`, deps.consoleUrl);
    if (next) link.searchParams.set('suite', next);
    const message = {
      from: deps.mailFrom,
      to: email,
      ...renderSignInLink(link.href),
      messageId: messageIdFor(`${SIGN_IN_KIND}-${token.slice(0, 16)}`, deps.mailFrom),
      headers: { 'X-Convention-Kind': SIGN_IN_KIND },
    };
    const givenUpAt = now() + LINK_LIFETIME_MS / 2;
    for (let attempt = 0; ; attempt += 1) {
      try {
        await deps.mailer.sendMail(message);
        return;
      } catch (error) {
        const wait = retryDelaysMs[attempt];
        const reason = error instanceof Error ? error.message : String(error);
        if (isPermanentRejection(error) || wait === undefined || now() + wait > givenUpAt) {
          log('a sign-in link could not be sent', { kind: SIGN_IN_KIND, attempts: attempt + 1, reason });
          return;
        }
        log('a sign-in link could not be sent yet; trying again', { kind: SIGN_IN_KIND, wait, reason });
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }

  return {
    post(email, next) {
      const sending: Promise<void> = send(email, next)
        .catch((error: unknown) =>
          log('a sign-in link could not be sent', {
            kind: SIGN_IN_KIND,
            reason: error instanceof Error ? error.message : String(error),
          }),
        )
        .finally(() => pending.delete(sending));
      pending.add(sending);
    },
    async drain() {
      await Promise.allSettled([...pending]);
    },
  };
}
