import {
  Client,
  Connection,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { conventionDataConverter } from '../worker/codec';
import { loadSettings, temporalConnectionOptions, type TSettings } from '../worker/config';

/** A refusal or invalid input: printed on stderr without a stack trace, exit 1. */
export class Refusal extends Error {}

/** Temporal could not be reached: exit 3, saying where we tried. */
export class Unreachable extends Error {}

/** Runs `action` with a connected client, turning Temporal's errors into what the user needs to read. */
export async function withTemporal<T>(
  conventionId: string | undefined,
  action: (client: Client, settings: TSettings) => Promise<T>,
): Promise<T> {
  const settings = loadSettings();
  let connection: Connection;
  try {
    connection = await Connection.connect({
      ...temporalConnectionOptions(settings),
      connectTimeout: '5 seconds',
    });
  } catch (error) {
    throw new Unreachable(
      `cannot reach Temporal at ${settings.TEMPORAL_ADDRESS} (namespace ${settings.TEMPORAL_NAMESPACE}): ${(error as Error).message}`,
    );
  }
  try {
    const client = new Client({
      connection,
      namespace: settings.TEMPORAL_NAMESPACE,
      dataConverter: conventionDataConverter(settings.PAYLOAD_KEYS),
    });
    return await action(client, settings);
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError)
      throw new Refusal(`refused: ${error.cause?.message ?? error.message}`);
    if (error instanceof WorkflowNotFoundError) throw new Refusal(`no convention ${conventionId} is running`);
    if (error instanceof WorkflowExecutionAlreadyStartedError)
      throw new Refusal(`convention ${conventionId} is already running`);
    throw error;
  } finally {
    await connection.close();
  }
}
