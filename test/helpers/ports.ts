import { createServer } from 'node:net';

const listenOn = (port: number) =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address() as { port: number };
      server.close(() => resolve(bound));
    });
    server.once('error', reject);
  });

/** A TCP port free on loopback right now, for a server the test starts itself. */
export function freePort(): Promise<number> {
  return listenOn(0);
}

/**
 * A free port below 32768, outside the ephemeral range (32768–60999) the system takes the local
 * port of every outgoing connection from: a server stopped and started again on it (a restart in
 * the middle of a test) finds it free, where an ephemeral port may have become one end of any of
 * the hundreds of connections opened meanwhile. Temporal also keeps its services' membership ports
 * in a PostgreSQL smallint.
 */
export async function freeLowPort(): Promise<number> {
  for (;;) {
    const candidate = 20_000 + Math.floor(Math.random() * 12_000);
    const bound = await listenOn(candidate).catch(() => undefined);
    if (bound) return bound;
  }
}
