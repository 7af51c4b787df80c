// The idempotency keys of what a convention's workflow writes outside Temporal (register entries;
// emails have theirs in reminders.ts): derived from the workflow and the event, never random, so
// that a retried activity writes nothing twice.

/** One workflow execution's chain, `convention-camino-2020/<first run id>`: stable across continue-as-new and resets. */
export const chainOf = (workflowId: string, firstExecutionRunId: string) =>
  `${workflowId}/${firstExecutionRunId}`;

/**
 * A decision's register key: its place among the convention's decisions. After a reset, a
 * decision carries the reset's id, so that it never meets the key of the decision it replaces.
 */
export const registerKey = (chain: string, seq: number, resetId?: string) =>
  resetId ? `${chain}/reset/${resetId}/register/${seq}` : `${chain}/register/${seq}`;

/** The key of the register entry that records a reset. */
export const resetKey = (chain: string, resetId: string) => `${chain}/reset/${resetId}`;

/** The decision's place (its `seq`) a register key stands for; undefined for a reset's key. */
export function decisionSeqOf(key: string): number | undefined {
  const match = /\/register\/(\d+)$/.exec(key);
  return match ? Number(match[1]) : undefined;
}

/**
 * The first run id a key made from a chain names (its second segment: workflow ids hold no `/`);
 * undefined for a key of another shape. Every register key has named it since the first release.
 */
export function firstRunOf(key: string): string | undefined {
  return /^[^/]+\/([^/]+)\//.exec(key)?.[1];
}
