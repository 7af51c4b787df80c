import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WithStartWorkflowOperation,
  type Client,
} from '@temporalio/client';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import type { Transporter } from 'nodemailer';
import type { Register } from '../../store/register';
import { SESSION_LIFETIME_MS, type SignInStore } from '../../store/sign-in';
import { CONSOLE_FORMS, formsFor, holdsARole, waitsOn, type ConsoleForm } from '../../domain/access';
import { calendarText } from '../../domain/calendar';
import type { TConvention } from '../../domain/convention';
import { localDateOf } from '../../domain/dates';
import { obligationsOf } from '../../domain/feed';
import { frenchRefusal } from '../../domain/french/refusals';
import { startRecord } from '../../domain/lifecycle';
import type { Refusal as DomainRefusal } from '../../domain/refusals';
import { plannedEmails } from '../../domain/reminders';
import { sameEmail } from '../../domain/roles';
import {
  conventionStats,
  REMINDER_KINDS,
  STATS_COMMAND_KINDS,
  statsCommandOf,
  type StatsReport,
  type StatsSource,
} from '../../domain/stats';
import { parseConvention } from '../../domain/validation';
import { conventionWorkflow } from '../../workflows/convention';
import { digestWorkflow } from '../../workflows/digest';
import {
  conventionQuery,
  digestChoiceUpdate,
  digestWorkflowIdFor,
  statsQuery,
  workflowIdFor,
} from '../../workflows/messages';
import type { ParticipantHasher } from '../../crypto/participants';
import { conventionHistory } from '../history';
import { FilterRefusal, listConventions, type ListFilters } from '../list';
import { conventionStatus, executeCommand, refusalOf, Refusal } from '../temporal';
import { registerCodecEndpoint, type CodecEndpointOptions } from './codec-endpoint';
import { FORMS, formPage, presetValues, type FormContext } from './forms';
import type { Html } from './html';
import type { PageContext } from './layout';
import { actionsPage } from './pages/actions';
import { byUrgency, nextDigest } from '../../domain/digest';
import { awaitedActions } from '../../temporal/awaited';
import { calendarPage } from './pages/calendar';
import {
  conventionPage,
  listPage,
  registerPage,
  TIMELINE_KINDS,
  type TimelineKind,
} from './pages/convention';
import {
  forbiddenPage,
  linkRefusedPage,
  notFoundPage,
  signInPage,
  tooLargePage,
  tooManyPage,
} from './pages/sign-in';
import { remindersPage } from './pages/reminders';
import { previewPage, startPage } from './pages/start';
import { statsPage } from './pages/stats';
import type { Signer } from './signer';

// The web console (SPEC §9): what waits on each person, every command as a form, a convention
// started from its file, calling the same Temporal Updates as the CLI. Everything but the sign-in
// pages, /stats and the calendar feeds (their token is their key) needs a session; every POST needs
// the CSRF token of the browser's `visitor` cookie.

export interface ConsoleDeps {
  client: Client;
  register: Register;
  signIn: SignInStore;
  signer: Signer;
  mailer: Transporter;
  mailFrom: string;
  /** The console's public address, for the links sent by email and the cookies' `secure` flag. */
  consoleUrl: string;
  /** The task queue conventions started from the console run on. */
  taskQueue: string;
  /** Who may start a convention from its file. */
  admins: readonly string[];
  /** Sign-in requests one client address may make per quarter of an hour (many people share an office's). */
  signInRequestsPerClient?: number;
  /** Serve Temporal's codec endpoint (payload encryption on). */
  codec?: Omit<CodecEndpointOptions, 'sessionEmail'>;
  /** The people's hashes, as the worker makes them (`participantHasher(PAYLOAD_KEYS)`). */
  hashParticipant: ParticipantHasher;
  now?: () => number;
}

const DSFR = join(dirname(fileURLToPath(import.meta.resolve('@gouvfr/dsfr/package.json'))), 'dist');
// Its package exports no package.json: its entry point is in dist/, beside the UMD build.
const CHART_JS = dirname(fileURLToPath(import.meta.resolve('chart.js')));
const ASSETS = fileURLToPath(new URL('./assets/', import.meta.url));
/** Where the static files are served: the same for everyone. */
const DSFR_PREFIX = '/dsfr/';
const ASSETS_PREFIX = '/assets/';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Far above any form's fields (texts of 20 000 characters at most), far below Temporal's limits. */
const FORM_BODY_LIMIT = 1_000_000;

/** A page of this console to go on to after signing in: a path here, never another site. */
const nextPage = (value: unknown) =>
  typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : undefined;
type Values = Record<string, string>;
const valuesOf = (body: unknown): Values =>
  Object.fromEntries(
    Object.entries((body ?? {}) as Record<string, unknown>)
      .filter(([name]) => name !== '_csrf')
      .map(([name, value]) => [name, String(value)]),
  );

export async function createConsole(deps: ConsoleDeps) {
  const now = deps.now ?? Date.now;
  const { hashParticipant } = deps;
  const secure = deps.consoleUrl.startsWith('https:');
  const app = Fastify({ logger: false, bodyLimit: FORM_BODY_LIMIT });
  await app.register(fastifyHelmet, {
    // No inline script, style or frame anywhere: everything is served from here.
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
    },
    // A sign-in link's token is in its address: no page ever passes its address on.
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: secure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    // The Temporal UI, on another port of the same host, reads the codec endpoint's answers.
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifyCookie);
  await app.register(fastifyFormbody);
  await app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: FORM_BODY_LIMIT, files: 1 },
  });
  await app.register(fastifyStatic, { root: DSFR, prefix: DSFR_PREFIX, index: false });
  await app.register(fastifyStatic, {
    root: CHART_JS,
    prefix: `${ASSETS_PREFIX}chart/`,
    index: false,
    decorateReply: false,
  });
  await app.register(fastifyStatic, {
    root: ASSETS,
    prefix: ASSETS_PREFIX,
    index: false,
    decorateReply: false,
  });

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

  /** The token of the browser's session, if its cookie is ours. */
  const sessionToken = (request: FastifyRequest) =>
    request.cookies.session ? deps.signer.unsign(request.cookies.session) : undefined;
  // The session is read once per request, before its handler: pages and the codec then ask `sessionEmail`.
  const sessions = new WeakMap<FastifyRequest, string>();
  app.addHook('onRequest', async (request) => {
    // Stylesheets, fonts and scripts are the same for everyone: no read of the sessions' table.
    if (request.url.startsWith(DSFR_PREFIX) || request.url.startsWith(ASSETS_PREFIX)) return;
    const token = sessionToken(request);
    const email = token && (await deps.signIn.sessionEmail(token, now()));
    if (email) sessions.set(request, email);
  });
  const sessionEmail = (request: FastifyRequest) => sessions.get(request);

  const contextOf = (request: FastifyRequest, reply: FastifyReply): PageContext => ({
    email: sessionEmail(request),
    csrf: deps.signer.csrfToken(visitor(request, reply)),
  });

  const send = (reply: FastifyReply, page: Html, status = 200) =>
    reply
      .status(status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(page.value);

  app.setErrorHandler(async (error, request, reply) => {
    // The codec's callers read JSON: they get Fastify's.
    if (request.url.startsWith('/codec/')) throw error;
    const code = (error as { code?: string }).code;
    const status = (error as { statusCode?: number }).statusCode;
    // A body over the limit is refused before it is read: a page that says so.
    if (code === 'FST_ERR_CTP_BODY_TOO_LARGE' || code === 'FST_REQ_FILE_TOO_LARGE')
      return send(reply, tooLargePage(contextOf(request, reply), FORM_BODY_LIMIT), 413);
    if (status === 429) {
      const minutes = Math.max(
        1,
        Math.ceil(((error as { retryAfterMs?: number }).retryAfterMs ?? 60_000) / 60_000),
      );
      return send(reply, tooManyPage(contextOf(request, reply), minutes), 429);
    }
    throw error;
  });
  app.setNotFoundHandler(async (request, reply) => send(reply, notFoundPage(contextOf(request, reply)), 404));

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

  if (deps.codec) registerCodecEndpoint(app, { ...deps.codec, sessionEmail });

  // --- Reading conventions

  async function conventionOf(id: string): Promise<TConvention | undefined> {
    try {
      return await deps.client.workflow.getHandle(workflowIdFor(id)).query(conventionQuery);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return undefined;
      throw error;
    }
  }

  /**
   * The conventions that name `email`, closed ones too, with `filters`: one visibility query on
   * the hash of the address (the Participants search attribute), however many conventions run.
   */
  const conventionsOf = (email: string, filters: ListFilters = {}) =>
    listConventions(deps.client, { ...filters, participant: hashParticipant(email) });

  // --- Public statistics (no sign-in, no personal data)

  /**
   * Conventions that kept no statistics facts in the register yet — closed, or asleep since before
   * their workflow wrote them — asked once per console, and written for the next reads.
   */
  let missingStatsFilled: Promise<void> | undefined;
  const fillMissingStats = () =>
    (missingStatsFilled ??= (async () => {
      const kept = new Set((await deps.register.keptStats()).map((row) => row.conventionId));
      for (const { id, workflowId } of await listConventions(deps.client, {})) {
        if (kept.has(id)) continue;
        const at = now();
        const facts = await deps.client.workflow.getHandle(workflowId).query(statsQuery, { at });
        await deps.register.keepStats({
          conventionId: id,
          facts,
          at: new Date(at).toISOString(),
          registerSeq: 0,
        });
      }
    })().catch((error: unknown) => {
      missingStatsFilled = undefined;
      throw error;
    }));

  /** Three reads of the register's database, however many conventions there are. */
  async function stats(): Promise<StatsReport> {
    await fillMissingStats();
    const [decisions, reminders, kept] = await Promise.all([
      deps.register.decisionsOfKinds(STATS_COMMAND_KINDS),
      deps.register.emailsSent(REMINDER_KINDS),
      deps.register.keptStats(),
    ]);
    const sources = kept.map(({ conventionId, facts }): StatsSource => ({
      facts,
      commands: (decisions.get(conventionId) ?? []).map(statsCommandOf),
      reminders: reminders.get(conventionId) ?? [],
    }));
    return conventionStats(sources, now());
  }

  app.get('/stats', async (request, reply) =>
    send(reply, statsPage(contextOf(request, reply), await stats())),
  );
  app.get('/stats.json', async (_request, reply) =>
    reply.header('cache-control', 'no-store').send(await stats()),
  );

  // --- Sign-in

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
      if (isConsoleAdmin(email) || (await conventionsOf(email)).length > 0) {
        const link = new URL(`/connexion/${await deps.signIn.create(email, now())}`, deps.consoleUrl);
        if (next) link.searchParams.set('suite', next);
        await deps.mailer.sendMail({
          from: deps.mailFrom,
          to: email,
          subject: 'Votre lien de connexion — Conventions beta.gouv.fr',
          text: `Bonjour,\n\nPour vous connecter, ouvrez ce lien, valable 15 minutes et utilisable une fois :\n\n${link}\n\nSi vous n’avez rien demandé, ignorez ce message.\n`,
          headers: { 'X-Convention-Kind': 'sign-in-link' },
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
        ...cookieOptions,
        maxAge: SESSION_LIFETIME_MS / 1000,
      });
      return reply.redirect(nextPage(request.query.suite) ?? '/', 303);
    },
  );

  app.post('/deconnexion', async (request, reply) => {
    const token = sessionToken(request);
    if (token) await deps.signIn.closeSession(token);
    reply.clearCookie('session', { path: '/' });
    return reply.redirect('/connexion', 303);
  });

  /** The person signed in, or a redirection to sign in. */
  function signedIn(request: FastifyRequest, reply: FastifyReply) {
    const context = contextOf(request, reply);
    if (!context.email) {
      const next = request.url === '/' ? '' : `?suite=${encodeURIComponent(request.url)}`;
      void reply.redirect(`/connexion${next}`, 303);
      return undefined;
    }
    return { context, email: context.email };
  }

  const isConsoleAdmin = (email: string) => deps.admins.some((admin) => sameEmail(admin, email));

  // --- What waits on me

  app.get('/', async (request, reply) => {
    const person = signedIn(request, reply);
    if (!person) return reply;
    const mine = await awaitedActions(
      deps.client,
      { email: person.email, hash: hashParticipant(person.email) },
      now(),
    );
    return send(
      reply,
      actionsPage(person.context, mine.sort(byUrgency), localDateOf(now(), 'Europe/Paris'), {
        canStart: isConsoleAdmin(person.email),
      }),
    );
  });

  app.get<{ Querystring: { state?: string; waitingOn?: string } }>('/conventions', async (request, reply) => {
    const person = signedIn(request, reply);
    if (!person) return reply;
    const filters = {
      ...(request.query.state ? { state: request.query.state } : {}),
      ...(request.query.waitingOn ? { waitingOn: request.query.waitingOn } : {}),
    };
    let listings;
    try {
      listings = await conventionsOf(person.email, filters);
    } catch (error) {
      if (!(error instanceof FilterRefusal)) throw error;
      const field = error.filter === 'state' ? 'État' : 'En attente de';
      return send(
        reply,
        listPage(person.context, [], filters, [], `${field} « ${error.value} » : valeur inconnue.`),
        400,
      );
    }
    // The parties one may filter by: those an action of this person's conventions waits on.
    const awaited = (
      filters.state || filters.waitingOn ? await conventionsOf(person.email) : listings
    ).flatMap((listing) => listing.waitingOn);
    const parties = [...new Set(awaited)].filter((party) => party !== 'committee-secretary').sort();
    return send(reply, listPage(person.context, listings, filters, parties));
  });

  // --- Mes rappels: each reminder, or a weekly digest (SPEC §10)

  const remindersView = async (email: string) => {
    const weekly = (await deps.register.digestReaders([email])).length > 0;
    return { weekly, ...(weekly ? { nextDigestAt: new Date(nextDigest(now()).at).toISOString() } : {}) };
  };

  app.get<{ Querystring: { enregistre?: string } }>('/rappels', async (request, reply) => {
    const person = signedIn(request, reply);
    if (!person) return reply;
    const view = await remindersView(person.email);
    return send(
      reply,
      remindersPage(person.context, { ...view, saved: request.query.enregistre !== undefined }),
    );
  });

  app.post('/rappels', async (request, reply) => {
    const person = signedIn(request, reply);
    if (!person) return reply;
    const choice = (request.body as Record<string, unknown>).choix;
    if (choice !== 'weekly' && choice !== 'each') return send(reply, notFoundPage(person.context), 400);
    const weekly = choice === 'weekly';
    // The person's digest workflow keeps the choice and writes it where the reminders read it;
    // someone who never chose the digest has none to tell.
    if (weekly || (await remindersView(person.email)).weekly)
      await deps.client.workflow.executeUpdateWithStart(digestChoiceUpdate, {
        args: [{ weekly }],
        startWorkflowOperation: new WithStartWorkflowOperation(digestWorkflow, {
          workflowId: digestWorkflowIdFor(hashParticipant(person.email)),
          taskQueue: deps.taskQueue,
          args: [{ email: person.email }],
          workflowIdConflictPolicy: 'USE_EXISTING',
        }),
      });
    return reply.redirect('/rappels?enregistre', 303);
  });

  // --- Mon agenda: a person's calendar feed (SPEC §10)

  app.get('/agenda', async (request, reply) => {
    const person = signedIn(request, reply);
    if (!person) return reply;
    const createdAt = await deps.signIn.feedCreatedAt(person.email);
    return send(reply, calendarPage(person.context, createdAt ? { createdAt } : {}));
  });

  app.post('/agenda/nouvelle', async (request, reply) => {
    const person = signedIn(request, reply);
    if (!person) return reply;
    const at = now();
    const token = await deps.signIn.createFeed(person.email, at);
    const address = new URL(`/agenda/${token}.ics`, deps.consoleUrl).href;
    return send(reply, calendarPage(person.context, { createdAt: at, address }));
  });

  app.post('/agenda/supprimer', async (request, reply) => {
    const person = signedIn(request, reply);
    if (!person) return reply;
    await deps.signIn.deleteFeed(person.email);
    return reply.redirect('/agenda', 303);
  });

  // Read by calendars, without a session: the unguessable token is the key, and opens nothing else.
  app.get<{ Params: { file: string } }>('/agenda/:file', async (request, reply) => {
    const token = /^([\w-]+)\.ics$/.exec(request.params.file)?.[1];
    const email = token && (await deps.signIn.feedEmail(token));
    if (!email)
      return reply
        .status(404)
        .type('text/plain; charset=utf-8')
        .send(
          'Cet agenda n’existe pas, ou son adresse a été remplacée ou supprimée (console, « Mon agenda »).\n',
        );
    const at = now();
    const events = await Promise.all(
      (await conventionsOf(email)).map(async ({ id }) => {
        const handle = deps.client.workflow.getHandle(workflowIdFor(id));
        const [status, convention] = await Promise.all([
          conventionStatus(handle, at),
          handle.query(conventionQuery),
        ]);
        return obligationsOf(status, convention, at);
      }),
    );
    return reply
      .type('text/calendar; charset=utf-8')
      .header('cache-control', 'private, no-store')
      .send(calendarText({ events: events.flat() }));
  });

  // --- A convention started from its file (before /conventions/:id)

  function startAllowed(request: FastifyRequest, reply: FastifyReply) {
    const person = signedIn(request, reply);
    if (!person) return undefined;
    if (!isConsoleAdmin(person.email)) {
      void send(
        reply,
        forbiddenPage(
          person.context,
          `${person.email} n’est pas administrateur de la console : seuls ceux-ci démarrent une convention.`,
        ),
        403,
      );
      return undefined;
    }
    return person;
  }

  /** The text of a convention's file, uploaded or pasted, and its format. */
  function fileOf(body: Record<string, unknown>): { text: string; format: 'json' | 'yaml' } {
    const file = body.file;
    const uploaded = Buffer.isBuffer(file) && file.length > 0 ? file.toString('utf8') : undefined;
    const text = uploaded ?? String(body.text ?? '');
    return { text, format: text.trimStart().startsWith('{') ? 'json' : 'yaml' };
  }

  app.get('/conventions/nouvelle', async (request, reply) => {
    const person = startAllowed(request, reply);
    if (!person) return reply;
    return send(reply, startPage(person.context));
  });

  app.post('/conventions/nouvelle', async (request, reply) => {
    const person = startAllowed(request, reply);
    if (!person) return reply;
    const { text, format } = fileOf(request.body as Record<string, unknown>);
    const parsed = parseConvention(text, format);
    if (!parsed.ok) return send(reply, startPage(person.context, { text, faults: parsed.faults }), 422);
    if (await conventionOf(parsed.value.id))
      return send(reply, startPage(person.context, { text, taken: parsed.value.id }), 409);
    const first = plannedEmails(startRecord(parsed.value, now()), now()).slice(0, 8);
    return send(reply, previewPage(person.context, { convention: parsed.value, text, first }));
  });

  app.post('/conventions/nouvelle/demarrer', async (request, reply) => {
    const person = startAllowed(request, reply);
    if (!person) return reply;
    const { text, format } = fileOf(request.body as Record<string, unknown>);
    const parsed = parseConvention(text, format);
    if (!parsed.ok) return send(reply, startPage(person.context, { text, faults: parsed.faults }), 422);
    const convention = parsed.value;
    try {
      await deps.client.workflow.start(conventionWorkflow, {
        taskQueue: deps.taskQueue,
        workflowId: workflowIdFor(convention.id),
        args: [{ convention }],
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      return send(reply, startPage(person.context, { text, taken: convention.id }), 409);
    }
    return reply.redirect(`/conventions/${encodeURIComponent(convention.id)}?done=start`, 303);
  });

  // --- A convention

  /** The signed-in person and the convention, or the page that says why not (sign in, no role). */
  async function access(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) {
    const person = signedIn(request, reply);
    if (!person) return undefined;
    const convention = await conventionOf(request.params.id);
    if (!convention || !holdsARole(convention, person.email)) {
      void send(
        reply,
        forbiddenPage(
          person.context,
          `${person.email} n’a pas de rôle dans la convention ${request.params.id}.`,
        ),
        403,
      );
      return undefined;
    }
    return { ...person, convention, forms: formsFor(convention, person.email) };
  }

  const DONE: Record<string, string> = {
    start: 'La convention est démarrée : les demandes de signature partent à ses signataires.',
    ...Object.fromEntries(CONSOLE_FORMS.map((form) => [form, FORMS[form].done])),
  };

  app.get<{ Params: { id: string }; Querystring: { done?: string; quoi?: string; page?: string } }>(
    '/conventions/:id',
    async (request, reply) => {
      const granted = await access(request, reply);
      if (!granted) return reply;
      const handle = deps.client.workflow.getHandle(workflowIdFor(request.params.id));
      const [status, history] = await Promise.all([
        conventionStatus(handle, now()),
        conventionHistory(deps.client, workflowIdFor(request.params.id)),
      ]);
      const kind =
        request.query.quoi && request.query.quoi in TIMELINE_KINDS
          ? (request.query.quoi as TimelineKind)
          : undefined;
      return send(
        reply,
        conventionPage(granted.context, {
          status,
          history: history.entries,
          forms: granted.forms,
          mine: status.pending.filter((action) => waitsOn(granted.convention, action, granted.email)),
          done: request.query.done ? DONE[request.query.done] : undefined,
          timeline: { kind, page: Number(request.query.page) || 1 },
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
      registerPage(granted.context, id, await deps.register.entries(id), await deps.register.verify(id)),
    );
  });

  // --- Forms

  /** The person, the convention and what the form is shown with; or the page that says why not. */
  async function formAccess(
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    form: ConsoleForm,
  ) {
    const granted = await access(request, reply);
    if (!granted) return undefined;
    const parties = granted.forms[form];
    if (!parties) {
      void send(
        reply,
        forbiddenPage(
          granted.context,
          `${granted.email} ne peut pas utiliser ce formulaire dans cette convention : « ${FORMS[form].title} » revient à d’autres rôles.`,
        ),
        403,
      );
      return undefined;
    }
    const handle = deps.client.workflow.getHandle(workflowIdFor(request.params.id));
    const formContext: FormContext = {
      convention: granted.convention,
      status: await conventionStatus(handle, now()),
      parties,
      now: now(),
    };
    return { ...granted, handle, formContext };
  }

  for (const form of CONSOLE_FORMS) {
    app.get<{ Params: { id: string }; Querystring: Values }>(
      `/conventions/:id/${form}`,
      async (request, reply) => {
        const granted = await formAccess(request, reply, form);
        if (!granted) return reply;
        const values = presetValues(form, request.query, granted.formContext);
        return send(reply, formPage(granted.context, { form, context: granted.formContext, values }));
      },
    );

    app.post<{ Params: { id: string } }>(`/conventions/:id/${form}`, async (request, reply) => {
      const granted = await formAccess(request, reply, form);
      if (!granted) return reply;
      const values = valuesOf(request.body);
      const { name, payload } = FORMS[form].command(values, granted.formContext);
      try {
        await executeCommand(granted.handle, name, { ...payload, as: granted.email });
      } catch (error) {
        const refusal = refusedBy(error);
        if (!refusal) throw error;
        const faults = refusal.code === 'invalid' ? refusal.figures.faults : [];
        const view = {
          form,
          context: granted.formContext,
          values,
          refused: { text: frenchRefusal(refusal), faults },
        };
        return send(reply, formPage(granted.context, view), 422);
      }
      return reply.redirect(`/conventions/${encodeURIComponent(request.params.id)}?done=${form}`, 303);
    });
  }

  return app;
}

/** The domain's refusal behind a command's failure, refused here (a field) or by the workflow (a rule). */
function refusedBy(error: unknown): DomainRefusal | undefined {
  if (error instanceof Refusal) return error.refusal;
  if (error instanceof WorkflowUpdateFailedError) return refusalOf(error);
  return undefined;
}
