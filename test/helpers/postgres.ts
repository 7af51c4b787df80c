import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { postgresBinDir } from '../../scripts/postgres-binaries.js';
import { freeLowPort } from './ports';

// A throwaway PostgreSQL server of the machine's own installation (Debian's postgresql package):
// a fresh cluster in a temporary folder, on a free port of loopback, owned by the tests. Run as
// root (CI), its files belong to the `postgres` user, since initdb and postgres refuse root.

export interface PostgresServer {
  port: number;
  /** The URL of one of its databases (`postgres` by default). */
  url(database?: string): string;
  /** Creates a database and gives its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops it as an operator would (fast shutdown: connections are cut) and starts it again, same data. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** The folder of `initdb` and `postgres` (scripts/postgres-binaries.js), or why there is none. */
export function postgresBinaries(): string {
  const found = postgresBinDir();
  if (!found)
    throw new Error(
      'PostgreSQL is not installed: `npm install` installs Debian’s postgresql package (as root), or set PG_BIN to the folder of initdb',
    );
  return found;
}

/** The major version of that PostgreSQL, e.g. 15. */
export function postgresMajorVersion(): number {
  const printed = spawnSync(join(postgresBinaries(), 'postgres'), ['--version'], { encoding: 'utf8' }).stdout;
  return Number(/PostgreSQL\) (\d+)/.exec(printed)![1]);
}

const asRoot = userInfo().uid === 0;

/** Runs a PostgreSQL program as the user that may run it. */
function command(program: string, args: string[]): [string, string[]] {
  const path = join(postgresBinaries(), program);
  return asRoot ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, args];
}

export async function startPostgres(): Promise<PostgresServer> {
  const dir = mkdtempSync(join(tmpdir(), 'convention-postgres-'));
  if (asRoot) {
    const { uid, gid } = postgresUser();
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const init = spawnSync(
    ...command('initdb', [
      '-D',
      data,
      '-U',
      'postgres',
      '-A',
      'trust',
      '--no-sync',
      '-E',
      'UTF8',
      '--locale',
      'C',
    ]),
    { encoding: 'utf8' },
  );
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  // Outside the ephemeral range: restarted on the same port, it must find it free (see ports.ts).
  const port = await freeLowPort();
  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;

  let server: ChildProcess | undefined;
  const start = async () => {
    server = spawn(
      ...command('postgres', [
        '-D',
        data,
        '-p',
        String(port),
        '-k',
        dir,
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'fsync=off',
        '-c',
        'max_connections=300',
      ]),
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let log = '';
    server.stderr!.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
    await waitForConnections(url(), () => (server && hasExited(server) ? log : undefined));
  };
  const stop = async () => {
    const running = server;
    if (!running || hasExited(running)) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    // The postmaster itself (runuser does not pass SIGINT on): fast shutdown, connections cut.
    process.kill(Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]), 'SIGINT');
    await exited;
  };
  await start();
  return {
    port,
    url,
    async createDatabase(name) {
      const client = new pg.Client(url());
      await client.connect();
      await client.query(`CREATE DATABASE "${name}"`);
      await client.end();
      return url(name);
    },
    async restart() {
      await stop();
      await start();
    },
    async stop() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string) =>
    Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  return { uid: id('-u'), gid: id('-g') };
}

async function waitForConnections(url: string, exitedWith: () => string | undefined): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt++) {
    const died = exitedWith();
    if (died !== undefined) throw new Error(`postgres exited: ${died}`);
    const client = new pg.Client(url);
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`postgres did not accept connections at ${url}`);
}
