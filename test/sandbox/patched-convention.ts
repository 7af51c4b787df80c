import { patched } from '@temporalio/workflow';
import { conventionWorkflow as released } from '../../workflows/convention';
import type { ConventionWorkflowInput } from '../../workflows/messages';

// The workflow as the next release would change it: a patch, decided once at the start of each run
// (README, "Changing workflow code"). A run started before it replays its start without the marker
// and keeps the old branch until it continues as new.

export const EXAMPLE_PATCH = 'example-patch';

export async function conventionWorkflow(input: ConventionWorkflowInput) {
  patched(EXAMPLE_PATCH);
  return released(input);
}

export { digestWorkflow } from '../../workflows/digest';
export { sdkProbeWorkflow } from '../../workflows/probe';
