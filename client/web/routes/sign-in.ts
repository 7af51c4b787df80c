import type { FastifyPluginAsync } from 'fastify';
import { nextPageOf } from '../next-page';
import { linkCourier } from '../sign-in-links';
import { linkRefusedPage } from '../pages/link-refused';
import { tooManyPage } from '../pages/errors';
import { signInPage } from '../pages/sign-in';
import { atTheFloor, type Shared } from '../shared';

// Signing in by a one-time link sent by email, and out.

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const signInRoutes: FastifyPluginAsync<Shared> = async (app, shared) => {
  const { deps, now, send, contextOf } = shared;
  const nextPage = (value: unknown) => nextPageOf(value, deps.consoleUrl);
  const courier = linkCourier(deps, {
    now,
    holdsARole: async (email) =>
      shared.isConsoleAdmin(email) || (await shared.conventionsOf(email)).length > 0,
  });
  app.addHook('onClose', () => courier.drain());
  /** The links to send once a request has been answered. */
  const toSend = new WeakMap<object, { email: string; next: string | undefined }>();

  app.get<{ Querystring: { suite?: string } }>('/connexion', async (request, reply) =>
    send(reply, signInPage(contextOf(request, reply), undefined, nextPage(request.query.suite))),
  );

  app.post(
    '/connexion',
    {
      config: {
        rateLimit: {
          max: deps.signInRequestsPerClient ?? 60,
          timeWindow: '15 minutes',
          errorResponseBuilder: (_request, context) => ({ statusCode: 429, retryAfterMs: context.ttl }),
        },
      },
      onResponse: async (request) => {
        const link = toSend.get(request);
        if (link) courier.post(link.email, link.next);
      },
    },
    async (request, reply) => {
      const context = contextOf(request, reply);
      const body = request.body as Record<string, unknown>;
      const email = String(body.email ?? '').trim();
      const next = nextPage(body.suite);
      if (!EMAIL.test(email))
        return send(
          reply,
          signInPage(
            context,
            { error: `« ${email} » n’est pas une adresse électronique.`, value: email },
            next,
          ),
          400,
        );
      const asked = Date.now();
      if (!(await deps.signIn.allowRequest(email, request.ip, now())))
        return send(reply, tooManyPage(context, 15), 429);
      // The answer is the same, in the same time, for every address: whether it holds a role,
      // and its link, are left until the answer has gone; the floor hides the work an earlier
      // request left running from the answer to the next.
      toSend.set(request, { email, next });
      await atTheFloor(asked);
      return send(reply, signInPage(context, { sent: email }));
    },
  );

  app.get<{ Params: { token: string }; Querystring: { suite?: string } }>(
    '/connexion/:token',
    async (request, reply) => {
      const redeemed = await deps.signIn.redeem(request.params.token, now());
      if (!redeemed.ok) return send(reply, linkRefusedPage(contextOf(request, reply), redeemed.reason), 410);
      shared.openSession(request, reply, await deps.signIn.openSession(redeemed.email, now()));
      return reply.redirect(nextPage(request.query.suite) ?? '/', 303);
    },
  );

  app.post('/deconnexion', async (request, reply) => {
    const token = shared.sessionToken(request);
    if (token) await deps.signIn.closeSession(token);
    shared.closeSession(reply);
    return reply.redirect('/connexion', 303);
  });
};
