import type { FastifyPluginAsync } from 'fastify';
import { SESSION_LIFETIME_MS } from '../../../store/sign-in';
import { renderSignInLink, SIGN_IN_KIND } from '../../../domain/emails';
import { linkRefusedPage } from '../pages/link-refused';
import { tooManyPage } from '../pages/errors';
import { signInPage } from '../pages/sign-in';
import type { Shared } from '../shared';

// Signing in by a one-time link sent by email, and out.

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A page of this console to go on to after signing in: a path here, never another site. */
const nextPage = (value: unknown) =>
  typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : undefined;

export const signInRoutes: FastifyPluginAsync<Shared> = async (app, shared) => {
  const { deps, now, send, contextOf } = shared;

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
      if (!(await deps.signIn.allowRequest(email, now()))) return send(reply, tooManyPage(context, 15), 429);
      // Only addresses holding a role get a link; the answer is the same for all, so that the page
      // does not tell who holds one.
      if (shared.isConsoleAdmin(email) || (await shared.conventionsOf(email)).length > 0) {
        const link = new URL(`/connexion/${await deps.signIn.create(email, now())}`, deps.consoleUrl);
        if (next) link.searchParams.set('suite', next);
        await deps.mailer.sendMail({
          from: deps.mailFrom,
          to: email,
          ...renderSignInLink(link.href),
          headers: { 'X-Convention-Kind': SIGN_IN_KIND },
        });
      }
      return send(reply, signInPage(context, { sent: email }));
    },
  );

  app.get<{ Params: { token: string }; Querystring: { suite?: string } }>(
    '/connexion/:token',
    async (request, reply) => {
      const redeemed = await deps.signIn.redeem(request.params.token, now());
      if (!redeemed.ok) return send(reply, linkRefusedPage(contextOf(request, reply), redeemed.reason), 410);
      const token = await deps.signIn.openSession(redeemed.email, now());
      reply.setCookie('session', deps.signer.sign(token), {
        ...shared.cookieOptions,
        maxAge: SESSION_LIFETIME_MS / 1000,
      });
      return reply.redirect(nextPage(request.query.suite) ?? '/', 303);
    },
  );

  app.post('/deconnexion', async (request, reply) => {
    const token = shared.sessionToken(request);
    if (token) await deps.signIn.closeSession(token);
    reply.clearCookie('session', { path: '/' });
    return reply.redirect('/connexion', 303);
  });
};
