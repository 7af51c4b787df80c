import type { FastifyPluginAsync } from 'fastify';
import {
  conventionStats,
  REMINDER_KINDS,
  STATS_COMMAND_KINDS,
  statsCommandOf,
  type StatsReport,
  type StatsSource,
} from '../../../domain/stats';
import { statsQuery } from '../../../workflows/messages';
import { listConventions } from '../../list';
import { statsPage } from '../pages/stats';
import type { Shared } from '../shared';

// Public statistics: no sign-in, no personal data.

export const statsRoutes: FastifyPluginAsync<Shared> = async (app, { deps, now, send, contextOf }) => {
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
};
