import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// The real worker process (worker/main.ts), for the fault tests that kill it, and a process that
// holds the register's write lock, as a backup or an admin's sqlite3 shell would.

const WORKER_MAIN = fileURLToPath(new URL('../../worker/main.ts', import.meta.url));

export interface WorkerProcessOptions {
  temporalAddress: string;
  taskQueue: string;
  smtpUrl: string;
  /** The register's SQLite file, unless `env` gives DATABASE_URL. */
  registerPath?: string;
  /** More settings (TLS, DATABASE_URL, PAYLOAD_KEYS, LOG_LEVEL…). */
  env?: Record<string, string>;
  /** The caller reads the worker's log lines on stdout (it must: an unread pipe fills and stalls the worker). */
  readLogs?: boolean;
}

export function startWorkerProcess(options: WorkerProcessOptions): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', WORKER_MAIN], {
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: options.temporalAddress,
      TEMPORAL_TASK_QUEUE: options.taskQueue,
      SMTP_URL: options.smtpUrl,
      ...(options.registerPath ? { REGISTER_PATH: options.registerPath } : {}),
      LOG_LEVEL: 'WARN',
      ...options.env,
    },
    stdio: ['ignore', options.readLogs ? 'pipe' : 'ignore', 'pipe'],
  });
}

export const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
  );

export interface RegisterLock {
  release(): Promise<void>;
}

/** Takes the register's write lock from another process and holds it until released. */
export async function lockRegister(path: string): Promise<RegisterLock> {
  const holder = spawn(
    process.execPath,
    [
      '-e',
      `const db = new (require('better-sqlite3'))(${JSON.stringify(path)});
       db.exec('BEGIN IMMEDIATE');
       console.log('locked');
       process.stdin.once('data', () => { db.exec('COMMIT'); db.close(); process.exit(0); });`,
    ],
    { stdio: ['pipe', 'pipe', 'inherit'], cwd: fileURLToPath(new URL('../..', import.meta.url)) },
  );
  await new Promise<void>((resolve, reject) => {
    holder.stdout!.once('data', () => resolve());
    holder.once('exit', (code) => reject(new Error(`the lock holder exited with ${code}`)));
  });
  return {
    async release() {
      holder.stdin!.write('release\n');
      await exited(holder);
    },
  };
}
