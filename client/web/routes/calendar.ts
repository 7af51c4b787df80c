import type { FastifyPluginAsync } from 'fastify';
import { calendarText } from '../../../domain/calendar';
import { feedName, obligationsOf } from '../../../domain/feed';
import { conventionQuery, workflowIdFor } from '../../../workflows/messages';
import { conventionStatus } from '../../temporal';
import { SERVICE } from '../layout';
import { calendarPage } from '../pages/calendar';
import type { Shared } from '../shared';

// Mon agenda: a person's calendar feed of their obligations (SPEC §10), its address made, replaced
// or deleted from the console.

export const calendarRoutes: FastifyPluginAsync<Shared> = async (app, shared) => {
  const { deps, now, send, signedIn } = shared;

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
    const conventions = await Promise.all(
      (await shared.conventionsOf(email)).map(async ({ id }) => {
        const handle = deps.client.workflow.getHandle(workflowIdFor(id));
        const [status, convention] = await Promise.all([
          conventionStatus(handle, at),
          handle.query(conventionQuery),
        ]);
        return { convention, events: obligationsOf(status, convention, at) };
      }),
    );
    const calendar = calendarText({
      events: conventions.flatMap(({ events }) => events),
      name: feedName(
        SERVICE,
        email,
        conventions.map(({ convention }) => convention),
      ),
      timezone: conventions[0]?.convention.schedule.timezone ?? 'Europe/Paris',
    });
    return reply
      .type('text/calendar; charset=utf-8')
      .header('cache-control', 'private, no-store')
      .send(calendar);
  });
};
