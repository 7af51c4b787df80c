import {
  Client,
  Connection,
  type WorkflowHandle,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import {
  parseCommand,
  type CommandInput,
  type CommandName,
  type Refusal as DomainRefusal,
} from '../domain/commands';
import type { ConventionStatus } from '../domain/status';
import { commandUpdates, statusQuery, type CommandResult } from '../workflows/messages';
import { conventionDataConverter } from '../crypto/codec';
import { loadSettings, temporalConnectionOptions, type TSettings } from '../config';

/** A refusal or invalid input: printed on stderr without a stack trace, exit 1. */
export class Refusal extends Error {
  constructor(
    message: string,
    /** The domain's refusal, when it is one: its code and figures (the console renders them in French). */
    readonly refusal?: DomainRefusal,
  ) {
    super(message);
  }
}

/** The domain's refusal a command's failure carries (its code and figures ride in the failure's details). */
export function refusalOf(error: WorkflowUpdateFailedError): DomainRefusal | undefined {
  const cause = error.cause;
  if (!(cause instanceof ApplicationFailure) || !cause.type) return undefined;
  const [details] = cause.details ?? [];
  const { code, figures } = (details ?? {}) as { code?: string; figures?: unknown };
  if (!code) return undefined;
  return { type: cause.type, code, figures, message: cause.message } as DomainRefusal;
}

/**
 * Checks a command here, as the workflow would: a malformed or oversized payload is refused with
 * its field named, without a round trip, and never reaches Temporal's payload limits.
 */
export function checkCommand<C extends CommandName>(
  name: C,
  payload: unknown,
): asserts payload is CommandInput<C> {
  const parsed = parseCommand(name, payload);
  if (!parsed.ok) throw new Refusal(parsed.refusal.message, parsed.refusal);
}

/** Sends a checked command to a convention's workflow as its Update. */
export function executeCommand<C extends CommandName>(
  handle: WorkflowHandle,
  name: C,
  payload: unknown,
): Promise<CommandResult> {
  checkCommand(name, payload);
  return handle.executeUpdate(commandUpdates[name], { args: [payload] });
}

/** A convention's status as of `at` (now by default), not as of the workflow's last wake-up. */
export function conventionStatus(handle: WorkflowHandle, at = Date.now()): Promise<ConventionStatus> {
  return handle.query(statusQuery, { at });
}

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
      throw new Refusal(error.cause?.message ?? error.message, refusalOf(error));
    if (error instanceof WorkflowNotFoundError) throw new Refusal(`no convention ${conventionId} is running`);
    throw error;
  } finally {
    await connection.close();
  }
}
