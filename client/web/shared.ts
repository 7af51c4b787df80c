import { randomBytes } from 'node:crypto';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Transporter } from 'nodemailer';
import type { Register } from '../../store/register';
import type { DraftStore } from '../../store/drafts';
import type { DocumentStore } from '../../store/documents';
import { SESSION_LIFETIME_MS, type SignInStore } from '../../store/sign-in';
import { formsFor, holdsARole } from '../../domain/access';
import type { TConvention } from '../../domain/convention';
import { sameEmail } from '../../domain/roles';
import { conventionQuery, SEARCH_ATTRIBUTES, workflowIdFor } from '../../workflows/messages';
import type { ParticipantHasher } from '../../crypto/participants';
import type { DataGouvSettings } from '../../publication/datagouv';
import { listConventions, type ListFilters } from '../list';
import type { CodecEndpointOptions } from './codec-endpoint';
import type { Html } from './html';
import type { PageContext } from './layout';
import { forbiddenPage } from './pages/errors';
import type { Signer } from './signer';

// What every area of the console shares, made once per console and handed to each area's plugin:
// its dependencies, the session and CSRF token of a request, how a page is sent, and who may see
// a convention. A CSRF token is an HMAC of what only this browser and the server hold: the
// server-side session once signed in, a signed visitor id renewed at sign-in before that.

export interface ConsoleDeps {
  client: Client;
  register: Register;
  signIn: SignInStore;
  /** The drafts of the creation form. */
  drafts: DraftStore;
  /** A convention's files: versions of its document, signed files, scans. */
  documents: DocumentStore;
  /** The CAs a signed PDF's signatures must chain to (SIGNATURE_TRUST_ANCHORS); none, no PDF is verified. */
  trustAnchorsPem?: string;
  /** The data.gouv.fr dataset `publish` uploads the signed document to (DATAGOUV_*), if configured. */
  dataGouv?: DataGouvSettings;
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

/**
 * The least time an answer that must not tell who holds a role takes (a refusal of a convention's
 * page, the answer to a sign-in request): far above what the work behind it takes (~5 ms here).
 */
export const ANSWER_FLOOR_MS = 50;

/** Waits until ANSWER_FLOOR_MS have passed since `asked` (a `Date.now()`). */
export const atTheFloor = (asked: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, asked + ANSWER_FLOOR_MS - Date.now())));

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
  const secure = deps.consoleUrl.startsWith('https:');
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure };
  /**
   * Under https, `__Host-` names: the browser takes them only from this very host, over https,
   * for the whole site, so a sibling host of the same site cannot plant one.
   */
  const cookieNames = {
    session: secure ? '__Host-session' : 'session',
    visitor: secure ? '__Host-visitor' : 'visitor',
  };

  /** Gives the browser a new random `visitor` id, signed: what its CSRF token is bound to before sign-in. */
  function renewVisitor(request: FastifyRequest, reply: FastifyReply): string {
    const id = randomBytes(16).toString('base64url');
    const signed = deps.signer.sign(id);
    reply.setCookie(cookieNames.visitor, signed, cookieOptions);
    request.cookies[cookieNames.visitor] = signed;
    return id;
  }

  /** The browser's visitor id if its cookie is one we signed; a planted value counts for nothing. */
  const visitorOf = (request: FastifyRequest) => {
    const cookie = request.cookies[cookieNames.visitor];
    return cookie ? deps.signer.unsign(cookie) : undefined;
  };

  /** The token of the browser's session, if its cookie is ours. */
  const sessionToken = (request: FastifyRequest) => {
    const cookie = request.cookies[cookieNames.session];
    return cookie ? deps.signer.unsign(cookie) : undefined;
  };
  const sessions = new WeakMap<FastifyRequest, { email: string; token: string }>();
  app.addHook('onRequest', async (request) => {
    // Stylesheets, fonts and scripts are the same for everyone: no read of the sessions' table.
    if (request.url.startsWith(DSFR_PREFIX) || request.url.startsWith(ASSETS_PREFIX)) return;
    const token = sessionToken(request);
    const email = token && (await deps.signIn.sessionEmail(token, now()));
    if (email) sessions.set(request, { email, token });
  });
  const sessionEmail = (request: FastifyRequest) => sessions.get(request)?.email;

  /**
   * What the request's CSRF token is bound to: the session held on the server once signed in
   * (its token never leaves the signed, http-only cookie), before that the signed visitor id.
   */
  function csrfBinding(request: FastifyRequest): string | undefined {
    const session = sessions.get(request);
    if (session) return `session:${session.token}`;
    const visitor = visitorOf(request);
    return visitor && `visitor:${visitor}`;
  }

  const contextOf = (request: FastifyRequest, reply: FastifyReply): PageContext => {
    const binding = csrfBinding(request) ?? `visitor:${renewVisitor(request, reply)}`;
    return { email: sessionEmail(request), csrf: deps.signer.csrfToken(binding) };
  };

  /** Signs the browser in: a session cookie, and a new visitor id (one planted before is worth nothing after). */
  function openSession(request: FastifyRequest, reply: FastifyReply, token: string): void {
    reply.setCookie(cookieNames.session, deps.signer.sign(token), {
      ...cookieOptions,
      maxAge: SESSION_LIFETIME_MS / 1000,
    });
    renewVisitor(request, reply);
  }

  function closeSession(reply: FastifyReply): void {
    reply.clearCookie(cookieNames.session, cookieOptions);
  }

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
    if (!deps.signer.checkCsrf(csrfBinding(request), token))
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

  /**
   * Whether `email` is named in convention `id`, read from its workflow's Participants search
   * attribute: one call to Temporal's history service that costs the same whether or not the id
   * exists, so that a refusal's time does not tell which ids do; the worker is asked for the
   * convention itself only by the people it names.
   */
  async function namedIn(id: string, email: string): Promise<boolean> {
    try {
      const { typedSearchAttributes } = await deps.client.workflow.getHandle(workflowIdFor(id)).describe();
      const participants = typedSearchAttributes.get(SEARCH_ATTRIBUTES.participants);
      // Published by the workflow's first task: until then (a convention just started), the
      // convention itself says whom it names.
      return participants === undefined || participants.includes(deps.hashParticipant(email));
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return false;
      throw error;
    }
  }

  /**
   * The signed-in person and the convention, or the page that says why not (sign in, no role).
   * A refusal goes no sooner than ANSWER_FLOOR_MS after the question: Temporal answers for an
   * id that exists a millisecond later than for one that does not, which many requests would tell.
   */
  async function access(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) {
    const person = signedIn(request, reply);
    if (!person) return undefined;
    const asked = Date.now();
    const { id } = request.params;
    const convention = (await namedIn(id, person.email)) ? await conventionOf(id) : undefined;
    if (!convention || !holdsARole(convention, person.email)) {
      await atTheFloor(asked);
      void send(
        reply,
        forbiddenPage(person.context, `${person.email} n’a pas de rôle dans la convention ${id}.`),
        403,
      );
      return undefined;
    }
    return { ...person, convention, forms: formsFor(convention, person.email) };
  }

  return {
    deps,
    now,
    sessionToken,
    openSession,
    closeSession,
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
