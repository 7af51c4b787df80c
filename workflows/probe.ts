// A workflow that does nothing, so that the worker can check at start, by replaying its first task,
// that what the workflows rely on inside the SDK is still there (worker/worker.ts, workflows/reset.ts).
export async function sdkProbeWorkflow(): Promise<void> {}
