import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { ConfigError, loadSettings, temporalConnectionOptions } from '../config';
import { installWorkerRuntime } from '../temporal/runtime';
import { BARE_WORKFLOWS_PATH, bareActivities } from './bare';

// The floor's worker process, set up as worker/main.ts is (same settings, runtime and metrics),
// running bench/workflows.ts instead of the convention workflow.

async function run(): Promise<void> {
  const settings = loadSettings();
  installWorkerRuntime(settings);
  const connection = await NativeConnection.connect(temporalConnectionOptions(settings));
  try {
    const worker = await Worker.create({
      connection,
      namespace: settings.TEMPORAL_NAMESPACE,
      taskQueue: settings.TEMPORAL_TASK_QUEUE,
      workflowsPath: BARE_WORKFLOWS_PATH,
      activities: bareActivities,
      maxCachedWorkflows: settings.MAX_CACHED_WORKFLOWS,
    });
    Runtime.instance().logger.info('worker polling', {
      taskQueue: settings.TEMPORAL_TASK_QUEUE,
      maxCachedWorkflows: worker.options.maxCachedWorkflows,
    });
    await worker.run();
  } finally {
    await connection.close();
  }
}

run().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
