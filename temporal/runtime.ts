import { IllegalStateError } from '@temporalio/common';
import { DefaultLogger, Runtime, type LogEntry } from '@temporalio/worker';
import { conventionIdOf } from '../workflows/messages';
import { hostPort, type TSettings } from '../config';

/**
 * For in-process workers (simulation, tests): warnings and errors only, on stderr. The SDK's core
 * otherwise prints to stdout — which would corrupt `--json` output — and warns that the test
 * server lacks a capability it does not need.
 */
export function installQuietRuntime(): void {
  try {
    Runtime.install({
      logger: new DefaultLogger('WARN'),
      telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } },
    });
  } catch (error) {
    // Installed already in this process (a runtime is a singleton).
    if (!(error instanceof IllegalStateError)) throw error;
  }
}

const ignore = () => {};

/** The workflow bundler lists every module it packs at INFO; keep its warnings and errors. */
export const quietBundlerLogger = {
  trace: ignore,
  debug: ignore,
  info: ignore,
  log: ignore,
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};

/** Metadata values JSON cannot hold as they are: bigints and errors. */
function jsonValue(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}

/**
 * One log line as JSON: time, level, message, then the SDK's metadata (workflowId, activityType,
 * taskQueue…). A line about a convention's workflow or activity also carries `conventionId`, so
 * that one convention's story can be read with a single filter.
 */
export function jsonLogLine({ level, message, timestampNanos, meta: allMeta = {} }: LogEntry): string {
  // A task token lets whoever holds it complete the activity: it has no place in logs.
  const meta = Object.fromEntries(Object.entries(allMeta).filter(([key]) => key !== 'taskToken'));
  const workflowId = typeof meta.workflowId === 'string' ? meta.workflowId : undefined;
  const conventionId = meta.conventionId ?? (workflowId ? conventionIdOf(workflowId) : undefined);
  const time = new Date(Number(timestampNanos / 1_000_000n)).toISOString();
  return JSON.stringify(
    { time, level, message, ...(conventionId ? { conventionId } : {}), ...meta },
    jsonValue,
  );
}

/**
 * For the worker process: JSON lines on stdout at `LOG_LEVEL` (the SDK's core forwarded to the same
 * logger from WARN up), and Temporal's Prometheus metrics on `METRICS_PORT` when it is set.
 */
export function installWorkerRuntime(
  settings: Pick<TSettings, 'LOG_LEVEL' | 'METRICS_PORT' | 'LISTEN_HOST'>,
): void {
  Runtime.install({
    logger: new DefaultLogger(settings.LOG_LEVEL, (entry) => process.stdout.write(`${jsonLogLine(entry)}\n`)),
    telemetryOptions: {
      logging: { filter: { core: 'WARN', other: 'WARN' }, forward: {} },
      ...(settings.METRICS_PORT
        ? { metrics: { prometheus: { bindAddress: hostPort(settings.LISTEN_HOST, settings.METRICS_PORT) } } }
        : {}),
    },
  });
}
