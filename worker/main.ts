import { NativeConnection, Runtime } from '@temporalio/worker';
import { createActivities } from '../activities';
import { ConfigError, hostPort, loadSettings, temporalConnectionOptions } from '../config';
import { createMailer } from '../mail/mailer';
import { participantHasher } from '../crypto/participants';
import { openRegister } from '../store/open';
import { awaitedActions } from '../temporal/awaited';
import { installWorkerRuntime } from '../temporal/runtime';
import { ensureSearchAttributes } from '../temporal/search-attributes';
import { createConventionWorker } from './worker';

// The worker process: `npm run worker`. Settings from the environment (README); logs in JSON on
// stdout; SIGINT or SIGTERM lets running activities finish, then closes the connection and the register.

async function run(): Promise<void> {
  const settings = loadSettings();
  installWorkerRuntime(settings);
  const log = Runtime.instance().logger;
  const register = await openRegister(settings);
  const mailer = createMailer(settings.SMTP_URL);
  const hashParticipant = participantHasher(settings.PAYLOAD_KEYS);
  const connection = await NativeConnection.connect(temporalConnectionOptions(settings));
  try {
    const added = await registerSearchAttributes(connection, settings.TEMPORAL_NAMESPACE, log);
    if (added.length) log.info('search attributes registered', { added });
    if (!settings.PAYLOAD_KEYS)
      log.warn('PAYLOAD_KEYS is not set: names and email addresses are stored in clear in Temporal');
    const worker = await createConventionWorker({
      connection,
      namespace: settings.TEMPORAL_NAMESPACE,
      taskQueue: settings.TEMPORAL_TASK_QUEUE,
      payloadKeys: settings.PAYLOAD_KEYS,
      maxCachedWorkflows: settings.MAX_CACHED_WORKFLOWS,
      memoryMiB: settings.WORKER_MEMORY_MIB,
      activities: createActivities({
        mailer,
        mailFrom: settings.MAIL_FROM,
        register,
        consoleUrl: settings.CONSOLE_URL,
        hashParticipant,
        awaitedActions: (client, email, at) =>
          awaitedActions(client, { email, hash: hashParticipant(email) }, at),
      }),
    });
    log.info('worker polling', {
      taskQueue: settings.TEMPORAL_TASK_QUEUE,
      address: settings.TEMPORAL_ADDRESS,
      payloadKeyId: settings.PAYLOAD_KEYS?.[0]?.id ?? null,
      maxCachedWorkflows: worker.options.maxCachedWorkflows,
      namespace: settings.TEMPORAL_NAMESPACE,
      ...(settings.METRICS_PORT
        ? { metrics: `http://${hostPort(settings.LISTEN_HOST, settings.METRICS_PORT)}/metrics` }
        : {}),
    });
    // The worker stops itself on SIGINT and SIGTERM and resolves once drained.
    await worker.run();
  } finally {
    await connection.close();
    mailer.close();
    await register.close();
  }
}

/**
 * Registers the search attributes the workflow needs. A namespace where this client may not do it
 * (Temporal Cloud with a limited key) must have them already: the workflow tasks fail otherwise.
 */
async function registerSearchAttributes(
  connection: NativeConnection,
  namespace: string,
  log: Runtime['logger'],
): Promise<string[]> {
  try {
    return await ensureSearchAttributes(connection.operatorService, namespace);
  } catch (error) {
    log.warn('could not register the search attributes; they must exist in the namespace', {
      namespace,
      error: (error as Error).message,
    });
    return [];
  }
}

run().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
