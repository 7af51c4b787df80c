import type { Client } from '@temporalio/client';
import { waitsOn } from '../domain/access';
import type { AwaitedAction } from '../domain/digest';
import { conventionWorkflow } from '../workflows/convention';
import { conventionQuery, SEARCH_ATTRIBUTES, statusQuery } from '../workflows/messages';

// What waits on one person across their conventions: the console's "Mes actions" and the weekly
// digest the worker sends. One visibility query on the hash of their address (AwaitedPeople), then
// each convention found is asked what it waits for: their number, not the number of conventions,
// sets the calls.

/** A person's address, and its keyed hash as the conventions publish it (crypto/participants.ts). */
export interface Person {
  email: string;
  hash: string;
}

/** The visibility query for the running conventions with an action waiting on the person of this hash. */
export function awaitingQuery(hash: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(hash)) throw new RangeError(`not a hash of an address: ${hash}`);
  return [
    `WorkflowType = '${conventionWorkflow.name}'`,
    `ExecutionStatus = 'Running'`,
    `${SEARCH_ATTRIBUTES.awaitedPeople.name} = '${hash}'`,
  ].join(' AND ');
}

/** The actions that wait on `person` as of `at`, in no particular order (`byUrgency` sorts them). */
export async function awaitedActions(
  client: Client,
  { email, hash }: Person,
  at: number,
): Promise<AwaitedAction[]> {
  const workflowIds: string[] = [];
  for await (const execution of client.workflow.list({ query: awaitingQuery(hash) }))
    workflowIds.push(execution.workflowId);
  return actionsIn(client, workflowIds, email, at);
}

/** The actions of these conventions' workflows that wait on `email` as of `at`. */
export async function actionsIn(
  client: Client,
  workflowIds: readonly string[],
  email: string,
  at: number,
): Promise<AwaitedAction[]> {
  const perConvention = await Promise.all(
    workflowIds.map(async (workflowId) => {
      const handle = client.workflow.getHandle(workflowId);
      const [status, convention] = await Promise.all([
        handle.query(statusQuery, { at }),
        handle.query(conventionQuery),
      ]);
      return status.pending
        .filter((action) => waitsOn(convention, action, email))
        .map((action): AwaitedAction => ({
          conventionId: status.id,
          title: status.title,
          startup: status.startup,
          action,
        }));
    }),
  );
  return perConvention.flat();
}
