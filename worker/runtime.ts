import { IllegalStateError } from '@temporalio/common';
import { DefaultLogger, Runtime } from '@temporalio/worker';

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
