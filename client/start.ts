import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  type Client,
  type WorkflowHandleWithFirstExecutionRunId,
} from '@temporalio/client';
import { bringIn, type THistory } from '../domain/bring-in';
import type { TConvention } from '../domain/convention';
import { idUsedRefusal } from '../domain/french/refusals';
import type { ConventionRecord } from '../domain/record';
import type { Register } from '../store/register';
import { conventionWorkflow } from '../workflows/convention';
import { workflowIdFor, type ConventionWorkflowInput } from '../workflows/messages';
import { Refusal } from './temporal';

// Where every convention starts — the console, the CLI, `npm start`'s seeds, a simulation — so
// that an id never serves two conventions (issue 28): the register is keyed by the id, and a new
// convention under an old id would show the old one's people and decisions to its own.

/** The id served a convention before, whatever became of it: said in French, in the console and the CLI. */
export class IdUsed extends Refusal {
  constructor(readonly conventionId: string) {
    super(idUsedRefusal(conventionId));
  }
}

/** What starting a convention needs: Temporal, the worker's task queue, and the register's database. */
export interface StartDeps {
  client: Client;
  taskQueue: string;
  register: Register;
}

/** Whether the id served a convention, as far as Temporal or the register's database remember. */
export async function idUsed(
  { client, register }: Omit<StartDeps, 'taskQueue'>,
  id: string,
): Promise<boolean> {
  if (await register.knows(id)) return true;
  try {
    await client.workflow.getHandle(workflowIdFor(id)).describe();
    return true;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return false;
    throw error;
  }
}

/** Starts a convention's workflow, or refuses (`IdUsed`) before anything is started. */
export async function startConvention(
  { client, taskQueue, register }: StartDeps,
  input: ConventionWorkflowInput,
): Promise<WorkflowHandleWithFirstExecutionRunId<typeof conventionWorkflow>> {
  const { id } = input.convention;
  // Temporal forgets a closed workflow once the namespace's retention has passed; the register's
  // database keeps its traces for good.
  if (await register.knows(id)) throw new IdUsed(id);
  try {
    return await client.workflow.start(conventionWorkflow, {
      taskQueue,
      workflowId: workflowIdFor(id),
      args: [input],
      // Refused whatever the state of the earlier workflow: running, completed, failed, terminated.
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) throw new IdUsed(id);
    throw error;
  }
}

/**
 * Starts a convention already running elsewhere, with its past (issue 30): the facts applied by
 * the domain's rules as of now, the workflow starting from the record they give and writing them
 * to the register first. A fact the rules refuse is said in French, naming it; nothing is started.
 */
export async function startBroughtIn(
  deps: StartDeps,
  convention: TConvention,
  history: THistory,
  by: string,
): Promise<{ record: ConventionRecord; facts: number }> {
  const brought = bringIn(convention, history, by, Date.now());
  if (!brought.ok) throw new Refusal(brought.refusal);
  await startConvention(deps, { convention, record: brought.record, broughtIn: brought.entries });
  return { record: brought.record, facts: brought.entries.length };
}
