import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import type { Transporter } from 'nodemailer';
import type { Register } from '../../activities/register';
import { formsFor, holdsARole, type ConsoleForm } from '../../domain/access';
import type { CommandName } from '../../domain/commands';
import type { TConvention } from '../../domain/convention';
import { conventionQuery, workflowIdFor } from '../../workflows/messages';
import { conventionStats, REMINDER_KINDS, type StatsReport, type StatsSource } from '../../domain/stats';
import { conventionHistory } from '../history';
import { conventionStatus, executeCommand, Refusal } from '../temporal';
import { registerCodecEndpoint, type CodecEndpointOptions } from './codec-endpoint';
import { FilterRefusal, listConventions } from '../list';
import type { Html } from './html';
import {
  conventionPage,
  decidePage,
  forbiddenPage,
  linkRefusedPage,
  listPage,
  noticePage,
  registerPage,
  reportPage,
  signInPage,
  signPage,
  statsPage,
  tooLargePage,
  type FormView,
  type PageContext,
} from './pages';
import { SESSION_LIFETIME_MS, type Signer, type SignInLinks } from './sign-in';

// The web console (issue 8): pages for committee secretaries, délégataires, signatories and admins,
// calling the same Temporal Updates as the CLI. Everything but the sign-in pages needs a session;
// every POST needs the CSRF token of the browser's `visitor` cookie.

export interface ConsoleDeps {
  client: Client;
  register: Register;
  links: SignInLinks;
  signer: Signer;
  mailer: Transporter;
  mailFrom: string;
  /** The console's public address, for the links sent by email and the cookies' `secure` flag. */
  consoleUrl: string;
  /** Serve Temporal's codec endpoint (payload encryption on). */
  codec?: Omit<CodecEndpointOptions, 'sessionEmail'>;
  now?: () => number;
}

const DSFR = join(dirname(fileURLToPath(import.meta.resolve('@gouvfr/dsfr/package.json'))), 'dist');
// Its package exports no package.json: its entry point is in dist/, beside the UMD build.
const CHART_JS = dirname(fileURLToPath(import.meta.resolve('chart.js')));
const ASSETS = fileURLToPath(new URL('./assets/', import.meta.url));
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Far above any form's fields (texts of 20 000 characters at most), far below Temporal's limits. */
const FORM_BODY_LIMIT = 1_000_000;

/** What each form sends: the Update it calls and the payload it builds from the fields. */
const FORMS: Record<
  string,
  {
    form: ConsoleForm;
    page: (context: PageContext, view: FormView) => Html;
    command: (fields: Record<string, string>) => { name: CommandName; payload: Record<string, unknown> };
    done: string;
  }
> = {
  decide: {
    form: 'decide',
    page: decidePage,
    command: ({ decision, phase, committee, notes, conditions }) => ({
      name: 'decide',
      payload: {
        decision,
        ...(phase ? { phase } : {}),
        ...(committee ? { committee: Number(committee) } : {}),
        ...(notes ? { notes } : {}),
        conditions: (conditions ?? '')
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean),
      },
    }),
    done: 'La décision du comité est enregistrée ; le relevé part à toutes les parties.',
  },
  report: {
    form: 'submit-report',
    page: reportPage,
    command: (fields) => ({
      name: 'submit-report',
      payload: {
        period: fields.period,
        progress: fields.progress,
        forecast: fields.forecast,
        replace: fields.replace === 'true',
        spent: Object.fromEntries(
          Object.entries(fields)
            .filter(([name, value]) => name.startsWith('spent.') && value.trim())
            .map(([name, value]) => [name.slice('spent.'.length), value.trim()]),
        ),
      },
    }),
    done: 'Le compte rendu est déposé ; il est transmis au délégant.',
  },
  sign: {
    form: 'sign',
    page: signPage,
    command: ({ party }) => ({ name: 'sign', payload: { party } }),
    done: 'La signature est enregistrée.',
  },
  notice: {
    form: 'give-notice',
    page: noticePage,
    command: ({ party, action, reason }) =>
      action === 'withdraw'
        ? { name: 'withdraw-notice', payload: { party } }
        : { name: 'give-notice', payload: { party, reason } },
    done: 'Le préavis est enregistré ; toutes les parties en sont informées.',
  },
};

export async function createConsole(deps: ConsoleDeps) {
  const now = deps.now ?? Date.now;
  const secure = deps.consoleUrl.startsWith('https:');
  const app = Fastify({ logger: false, bodyLimit: FORM_BODY_LIMIT });
  await app.register(fastifyCookie);
  await app.register(fastifyFormbody);
  await app.register(fastifyStatic, { root: DSFR, prefix: '/dsfr/', index: false });
  await app.register(fastifyStatic, {
    root: CHART_JS,
    prefix: '/assets/chart/',
    index: false,
    decorateReply: false,
  });
  await app.register(fastifyStatic, { root: ASSETS, prefix: '/assets/', index: false, decorateReply: false });

  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure };

  /** The browser's random id (set on first visit), which its CSRF token is bound to. */
  function visitor(request: FastifyRequest, reply: FastifyReply): string {
    const existing = request.cookies.visitor;
    if (existing) return existing;
    const id = randomBytes(16).toString('base64url');
    reply.setCookie('visitor', id, cookieOptions);
    request.cookies.visitor = id;
    return id;
  }

  const contextOf = (request: FastifyRequest, reply: FastifyReply): PageContext => ({
    email: deps.signer.sessionEmail(request.cookies.session, now()),
    csrf: deps.signer.csrfToken(visitor(request, reply)),
  });

  const send = (reply: FastifyReply, page: Html, status = 200) =>
    reply
      .status(status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(page.value);

  // A body over the limit is refused before it is read: a page that says so, not Fastify's JSON.
  app.setErrorHandler(async (error, request, reply) => {
    // The codec's callers read JSON: they get Fastify's.
    if (
      (error as { code?: string }).code !== 'FST_ERR_CTP_BODY_TOO_LARGE' ||
      request.url.startsWith('/codec/')
    )
      throw error;
    return send(reply, tooLargePage(contextOf(request, reply), FORM_BODY_LIMIT), 413);
  });

  app.addHook('onRequest', async (_request, reply) => {
    reply.header('x-frame-options', 'DENY').header('referrer-policy', 'same-origin');
  });
  // After the body is parsed: every POST carries the CSRF token of its browser. Not the codec's
  // JSON calls: a browser sends them cross-origin only after a preflight that only the UI passes.
  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST' || request.url.startsWith('/codec/')) return;
    const token = (request.body as Record<string, unknown> | undefined)?._csrf;
    if (!deps.signer.checkCsrf(request.cookies.visitor, token))
      return send(
        reply,
        forbiddenPage(
          contextOf(request, reply),
          'Le formulaire a expiré ou ne vient pas de ce site : rechargez la page.',
        ),
        403,
      );
  });

  if (deps.codec)
    registerCodecEndpoint(app, {
      ...deps.codec,
      sessionEmail: (request) => deps.signer.sessionEmail(request.cookies.session, now()),
    });

  // --- Public statistics (no sign-in, no personal data)

  async function stats(): Promise<StatsReport> {
    const sources: StatsSource[] = [];
    for (const { id } of await listConventions(deps.client, {})) {
      const status = await conventionStatus(deps.client.workflow.getHandle(workflowIdFor(id)), now());
      const commands = deps.register.decisions(id).map(({ kind, payload, at }) => ({
        kind,
        at,
        ...(typeof payload.party === 'string' ? { party: payload.party } : {}),
        ...(kind === 'engage' && typeof payload.ae === 'string' ? { ae: payload.ae } : {}),
      }));
      sources.push({ status, commands, reminders: deps.register.emailsSent(id, REMINDER_KINDS) });
    }
    return conventionStats(sources, now());
  }

  app.get('/stats', async (request, reply) =>
    send(reply, statsPage(contextOf(request, reply), await stats())),
  );
  app.get('/stats.json', async (_request, reply) =>
    reply.header('cache-control', 'no-store').send(await stats()),
  );

  // --- Sign-in

  app.get('/connexion', async (request, reply) => send(reply, signInPage(contextOf(request, reply))));

  app.post('/connexion', async (request, reply) => {
    const context = contextOf(request, reply);
    const email = String((request.body as Record<string, unknown>).email ?? '').trim();
    if (!EMAIL.test(email))
      return send(
        reply,
        signInPage(context, { error: `« ${email} » n’est pas une adresse électronique.`, value: email }),
        400,
      );
    // Only addresses holding a role get a link; the answer is the same for all, so that the page
    // does not tell who holds one.
    if (await holdsARoleSomewhere(email)) {
      const link = new URL(`/connexion/${deps.links.create(email, now())}`, deps.consoleUrl).href;
      await deps.mailer.sendMail({
        from: deps.mailFrom,
        to: email,
        subject: 'Votre lien de connexion — Conventions beta.gouv.fr',
        text: `Bonjour,\n\nPour vous connecter, ouvrez ce lien, valable 15 minutes et utilisable une fois :\n\n${link}\n\nSi vous n’avez rien demandé, ignorez ce message.\n`,
        headers: { 'X-Convention-Kind': 'sign-in-link' },
      });
    }
    return send(reply, signInPage(context, { sent: email }));
  });

  app.get<{ Params: { token: string } }>('/connexion/:token', async (request, reply) => {
    const redeemed = deps.links.redeem(request.params.token, now());
    if (!redeemed.ok) return send(reply, linkRefusedPage(contextOf(request, reply), redeemed.reason), 410);
    reply.setCookie(
      'session',
      deps.signer.session(redeemed.email, now() + SESSION_LIFETIME_MS),
      cookieOptions,
    );
    return reply.redirect('/', 303);
  });

  app.post('/deconnexion', async (_request, reply) => {
    reply.clearCookie('session', { path: '/' });
    return reply.redirect('/connexion', 303);
  });

  // --- Reading

  async function conventionOf(id: string): Promise<TConvention | undefined> {
    try {
      return await deps.client.workflow.getHandle(workflowIdFor(id)).query(conventionQuery);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return undefined;
      throw error;
    }
  }

  async function holdsARoleSomewhere(email: string): Promise<boolean> {
    for (const listing of await listConventions(deps.client, {})) {
      const convention = await conventionOf(listing.id);
      if (convention && holdsARole(convention, email)) return true;
    }
    return false;
  }

  /** The signed-in person and the convention, or the page that says why not (sign in, no role). */
  async function access(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) {
    const context = contextOf(request, reply);
    if (!context.email) {
      void reply.redirect('/connexion', 303);
      return undefined;
    }
    const convention = await conventionOf(request.params.id);
    if (!convention || !holdsARole(convention, context.email)) {
      void send(
        reply,
        forbiddenPage(context, `${context.email} n’a pas de rôle dans la convention ${request.params.id}.`),
        403,
      );
      return undefined;
    }
    return { context, email: context.email, convention, forms: formsFor(convention, context.email) };
  }

  app.get<{ Querystring: { state?: string; waitingOn?: string } }>('/', async (request, reply) => {
    const context = contextOf(request, reply);
    if (!context.email) return reply.redirect('/connexion', 303);
    const filters = {
      ...(request.query.state ? { state: request.query.state } : {}),
      ...(request.query.waitingOn ? { waitingOn: request.query.waitingOn } : {}),
    };
    let listings;
    try {
      listings = await listConventions(deps.client, filters);
    } catch (error) {
      if (!(error instanceof FilterRefusal)) throw error;
      const field = error.filter === 'state' ? 'État' : 'En attente de';
      return send(reply, listPage(context, [], filters, `${field} « ${error.value} » : ${error.rule}`), 400);
    }
    // One query per convention: fine for the hundreds there are, to index by person past that.
    const visible = [];
    for (const listing of listings) {
      const convention = await conventionOf(listing.id);
      if (convention && holdsARole(convention, context.email)) visible.push(listing);
    }
    return send(reply, listPage(context, visible, filters));
  });

  app.get<{ Params: { id: string }; Querystring: { done?: string } }>(
    '/conventions/:id',
    async (request, reply) => {
      const granted = await access(request, reply);
      if (!granted) return reply;
      const handle = deps.client.workflow.getHandle(workflowIdFor(request.params.id));
      const [status, history] = await Promise.all([
        conventionStatus(handle, now()),
        conventionHistory(deps.client, workflowIdFor(request.params.id)),
      ]);
      const done = request.query.done && FORMS[request.query.done]?.done;
      return send(
        reply,
        conventionPage(granted.context, {
          status,
          history: history.entries,
          forms: granted.forms,
          done,
          now: now(),
        }),
      );
    },
  );

  app.get<{ Params: { id: string } }>('/conventions/:id/registre', async (request, reply) => {
    const granted = await access(request, reply);
    if (!granted) return reply;
    const id = request.params.id;
    return send(
      reply,
      registerPage(granted.context, id, deps.register.entries(id), deps.register.verify(id)),
    );
  });

  // --- Forms

  for (const [path, spec] of Object.entries(FORMS)) {
    const refusedForm = (context: PageContext, email: string) =>
      forbiddenPage(context, `${email} ne peut pas utiliser ce formulaire dans cette convention.`);

    app.get<{ Params: { id: string } }>(`/conventions/:id/${path}`, async (request, reply) => {
      const granted = await access(request, reply);
      if (!granted) return reply;
      const parties = granted.forms[spec.form];
      if (!parties) return send(reply, refusedForm(granted.context, granted.email), 403);
      return send(reply, spec.page(granted.context, { convention: granted.convention, parties, values: {} }));
    });

    app.post<{ Params: { id: string } }>(`/conventions/:id/${path}`, async (request, reply) => {
      const granted = await access(request, reply);
      if (!granted) return reply;
      const parties = granted.forms[spec.form];
      if (!parties) return send(reply, refusedForm(granted.context, granted.email), 403);
      const values = Object.fromEntries(
        Object.entries(request.body as Record<string, unknown>)
          .filter(([name]) => name !== '_csrf')
          .map(([name, value]) => [name, String(value)]),
      );
      const { name, payload } = spec.command(values);
      try {
        await executeCommand(deps.client.workflow.getHandle(workflowIdFor(request.params.id)), name, {
          ...payload,
          as: granted.email,
        });
      } catch (error) {
        // Refused here (a field out of bounds) or by the workflow (a rule).
        if (!(error instanceof WorkflowUpdateFailedError || error instanceof Refusal)) throw error;
        const reason = error instanceof Refusal ? error.message : (error.cause?.message ?? error.message);
        const view = { convention: granted.convention, parties, values, error: reason };
        return send(reply, spec.page(granted.context, view), 422);
      }
      return reply.redirect(`/conventions/${encodeURIComponent(request.params.id)}?done=${path}`, 303);
    });
  }

  return app;
}
