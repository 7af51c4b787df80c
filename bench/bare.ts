import { fileURLToPath } from 'node:url';

// The floor of the benchmark (bench/workflows.ts): its only activity, which does nothing, and
// where its workflow code is.

export const bareActivities = {
  async nothing(): Promise<void> {},
};

export type BareActivities = typeof bareActivities;

export const BARE_WORKFLOWS_PATH = fileURLToPath(new URL('./workflows.ts', import.meta.url));
