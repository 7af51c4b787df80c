import { WithStartWorkflowOperation } from '@temporalio/client';
import type { FastifyPluginAsync } from 'fastify';
import { localDateOf } from '../../../domain/dates';
import { byUrgency, nextDigest } from '../../../domain/digest';
import { awaitedActions } from '../../../temporal/awaited';
import { digestWorkflow } from '../../../workflows/digest';
import { digestChoiceUpdate, digestWorkflowIdFor } from '../../../workflows/messages';
import { actionsPage } from '../pages/actions';
import { notFoundPage } from '../pages/errors';
import { remindersPage } from '../pages/reminders';
import type { Shared } from '../shared';

// What waits on me (Mes actions), and how I am reminded of it (Mes rappels: each reminder, or a
// weekly digest, SPEC §10).

export const actionsRoutes: FastifyPluginAsync<Shared> = async (app, shared) => {
  const { deps, now, send, signedIn } = shared;

  app.get('/', async (request, reply) => {
    const person = signedIn(request, reply);
    if (!person) return reply;
    const mine = await awaitedActions(
      deps.client,
      { email: person.email, hash: deps.hashParticipant(person.email) },
      now(),
    );
    return send(
      reply,
      actionsPage(person.context, mine.sort(byUrgency), localDateOf(now(), 'Europe/Paris'), {
        canStart: shared.isConsoleAdmin(person.email),
      }),
    );
  });

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
          workflowId: digestWorkflowIdFor(deps.hashParticipant(person.email)),
          taskQueue: deps.taskQueue,
          args: [{ email: person.email }],
          workflowIdConflictPolicy: 'USE_EXISTING',
        }),
      });
    return reply.redirect('/rappels?enregistre', 303);
  });
};
