import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import { codecEndpoint } from './codec-endpoint';
import { notFoundPage, tooLargePage, tooManyPage } from './pages/errors';
import { actionsRoutes } from './routes/actions';
import { calendarRoutes } from './routes/calendar';
import { conventionsRoutes } from './routes/conventions';
import { documentsRoutes } from './routes/documents';
import { draftRoutes } from './routes/drafts';
import { formsRoutes } from './routes/forms';
import { signInRoutes } from './routes/sign-in';
import { startRoutes } from './routes/start';
import { statsRoutes } from './routes/stats';
import { ASSETS_PREFIX, DSFR_PREFIX, shareConsole, type ConsoleDeps } from './shared';

// The web console (SPEC §9): what waits on each person, every command as a form, a convention
// started from its file, calling the same Temporal Updates as the CLI. Everything but the sign-in
// pages, /stats and the calendar feeds (their token is their key) needs a session; every POST needs
// the CSRF token of the browser's `visitor` cookie. Each area is a plugin of routes/, given the
// means the areas share (shared.ts).

export type { ConsoleDeps } from './shared';

const DSFR = join(dirname(fileURLToPath(import.meta.resolve('@gouvfr/dsfr/package.json'))), 'dist');
// Its package exports no package.json: its entry point is in dist/, beside the UMD build.
const CHART_JS = dirname(fileURLToPath(import.meta.resolve('chart.js')));
const ASSETS = fileURLToPath(new URL('./assets/', import.meta.url));
/** Far above any form's fields (texts of 20 000 characters at most), far below Temporal's limits. */
const FORM_BODY_LIMIT = 1_000_000;

export async function createConsole(deps: ConsoleDeps) {
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
    strictTransportSecurity: deps.consoleUrl.startsWith('https:')
      ? { maxAge: 31_536_000, includeSubDomains: true }
      : false,
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

  const shared = shareConsole(app, deps);
  const { send, contextOf } = shared;

  app.setErrorHandler(async (error, request, reply) => {
    // The codec's callers read JSON: they get Fastify's.
    if (request.url.startsWith('/codec/')) throw error;
    const code = (error as { code?: string }).code;
    const status = (error as { statusCode?: number }).statusCode;
    // A body over a limit (its size, a file's, the number of parts or files of a multipart
    // form) is refused before it is read: a page that says so.
    if (status === 413 || code === 'FST_ERR_CTP_BODY_TOO_LARGE' || code === 'FST_REQ_FILE_TOO_LARGE')
      return send(
        reply,
        tooLargePage(
          contextOf(request, reply),
          // A route may take more than a form (a convention's document): its own limit.
          request.routeOptions.config.multipartOptions?.limits?.fileSize ?? FORM_BODY_LIMIT,
        ),
        413,
      );
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

  if (deps.codec) await app.register(codecEndpoint, { ...deps.codec, sessionEmail: shared.sessionEmail });
  for (const area of [
    statsRoutes,
    signInRoutes,
    actionsRoutes,
    calendarRoutes,
    startRoutes,
    draftRoutes,
    conventionsRoutes,
    documentsRoutes,
    formsRoutes,
  ])
    await app.register(area, shared);
  return app;
}
