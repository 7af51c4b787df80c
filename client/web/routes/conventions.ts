import { BROUGHT_IN_DONE } from '../../../domain/french/bring-in';
import type { FastifyPluginAsync } from 'fastify';
import { CONSOLE_FORMS, formsNow, waitsOn } from '../../../domain/access';
import { localDateOf } from '../../../domain/dates';
import { isAdmin } from '../../../domain/roles';
import { workflowIdFor } from '../../../workflows/messages';
import { conventionHistory } from '../../history';
import { FilterRefusal } from '../../list';
import { conventionStatus } from '../../temporal';
import { FORMS } from '../forms';
import { conventionPage } from '../pages/convention';
import { listPage } from '../pages/conventions';
import { registerPage } from '../pages/register';
import { TIMELINE_KINDS, type TimelineKind } from '../pages/timeline';
import type { Shared } from '../shared';

// A person's conventions, one convention's page and its register.

/**
 * What the page says once a form is recorded (`?done=`), or the convention started. A Map: a key
 * from the address finds its own entries only, never an object's (`constructor`, `__proto__`).
 */
const DONE = new Map<string, string>([
  ['start', 'La convention est démarrée : les demandes de signature partent à ses signataires.'],
  ['reprise', BROUGHT_IN_DONE],
  ...CONSOLE_FORMS.map((form) => [form, FORMS[form].done] as const),
]);

/** How many workflows the list asks for their titles at once. */
const TITLES_AT_ONCE = 16;

export const conventionsRoutes: FastifyPluginAsync<Shared> = async (app, shared) => {
  const { deps, now, send, signedIn, conventionsOf, conventionOf, access } = shared;
  /** The day in Paris, as the convention's page reads its deadlines. */
  const today = () => localDateOf(now(), 'Europe/Paris');

  /**
   * Each convention's title, asked of its workflow (visibility keeps only its startup) once per
   * console: an avenant does not change it, and an id names one convention for good. A few at a
   * time, so that a long list does not flood the worker; its id if the workflow cannot say.
   */
  const titles = new Map<string, string>();
  async function titlesOf(listings: readonly { id: string }[]): Promise<ReadonlyMap<string, string>> {
    const missing = listings.map(({ id }) => id).filter((id) => !titles.has(id));
    for (let i = 0; i < missing.length; i += TITLES_AT_ONCE)
      await Promise.all(
        missing.slice(i, i + TITLES_AT_ONCE).map(async (id) => {
          const title = (await conventionOf(id).catch(() => undefined))?.title;
          if (title) titles.set(id, title);
        }),
      );
    return titles;
  }

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
        listPage(
          person.context,
          [],
          filters,
          [],
          new Map(),
          today(),
          `${field} « ${error.value} » : valeur inconnue.`,
        ),
        400,
      );
    }
    // The parties one may filter by: those an action of this person's conventions waits on.
    const awaited = (
      filters.state || filters.waitingOn ? await conventionsOf(person.email) : listings
    ).flatMap((listing) => listing.waitingOn);
    const parties = [...new Set(awaited)].filter((party) => party !== 'committee-secretary').sort();
    return send(
      reply,
      listPage(person.context, listings, filters, parties, await titlesOf(listings), today()),
    );
  });

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
        request.query.quoi && Object.hasOwn(TIMELINE_KINDS, request.query.quoi)
          ? (request.query.quoi as TimelineKind)
          : undefined;
      return send(
        reply,
        conventionPage(granted.context, {
          status,
          history: history.entries,
          forms: formsNow(granted.forms, status, isAdmin(granted.convention, granted.email)),
          mine: status.pending.filter((action) => waitsOn(granted.convention, action, granted.email)),
          done: request.query.done ? DONE.get(request.query.done) : undefined,
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
};
