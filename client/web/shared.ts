import { randomBytes } from 'node:crypto';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Transporter } from 'nodemailer';
import type { Register } from '../../store/register';
import type { SignInStore } from '../../store/sign-in';
import { formsFor, holdsARole } from '../../domain/access';
import type { TConvention } from '../../domain/convention';
import { sameEmail } from '../../domain/roles';
import { conventionQuery, workflowIdFor } from '../../workflows/messages';
import type { ParticipantHasher } from '../../crypto/participants';
import { listConventions, type ListFilters } from '../list';
import type { CodecEndpointOptions } from './codec-endpoint';
import type { Html } from './html';
import type { PageContext } from './layout';
import { forbiddenPage } from './pages/errors';
import type { Signer } from './signer';

// What every area of the console shares, made once per console and handed to each area's plugin:
// its dependencies, the session and CSRF token of a request, how a page is sent, and who may see
// a convention.

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

/** Where the static files are served: the same for everyone. */
export const DSFR_PREFIX = '/dsfr/';
export const ASSETS_PREFIX = '/assets/';

export type Shared = ReturnType<typeof shareConsole>;

/**
 * The console's shared means, on `app`: the session of each request is read once, before its
 * handler, and every POST but the codec's must carry its browser's CSRF token.
 */
export function shareConsole(app: FastifyInstance, deps: ConsoleDeps) {
  const now = deps.now ?? Date.now;
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: deps.consoleUrl.startsWith('https:'),
  };

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
    listConventions(deps.client, { ...filters, participant: deps.hashParticipant(email) });

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

  return {
    deps,
    now,
    cookieOptions,
    sessionToken,
    sessionEmail,
    contextOf,
    send,
    signedIn,
    isConsoleAdmin,
    conventionOf,
    conventionsOf,
    access,
  };
}
