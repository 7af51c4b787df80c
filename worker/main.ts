import { NativeConnection } from '@temporalio/worker';
import { createActivities } from '../activities';
import { Register } from '../activities/register';
import { ConfigError, loadSettings, temporalConnectionOptions } from './config';
import { createMailer } from './mailer';
import { createConventionWorker } from './worker';

// The worker process: `npm run worker`. Settings from the environment (README); SIGINT or SIGTERM
// lets running activities finish, then closes the connection and the register.

async function run(): Promise<void> {
  const settings = loadSettings();
  const register = new Register(settings.REGISTER_PATH);
  const mailer = createMailer(settings.SMTP_URL);
  const connection = await NativeConnection.connect(temporalConnectionOptions(settings));
  try {
    const worker = await createConventionWorker({
      connection,
      namespace: settings.TEMPORAL_NAMESPACE,
      taskQueue: settings.TEMPORAL_TASK_QUEUE,
      activities: createActivities({ mailer, mailFrom: settings.MAIL_FROM, register }),
    });
    console.log(
      `worker polling task queue ${settings.TEMPORAL_TASK_QUEUE} on ${settings.TEMPORAL_ADDRESS} (namespace ${settings.TEMPORAL_NAMESPACE})`,
    );
    // The worker stops itself on SIGINT and SIGTERM and resolves once drained.
    await worker.run();
  } finally {
    await connection.close();
    mailer.close();
    register.close();
  }
}

run().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
