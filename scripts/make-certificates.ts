import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Certificates for mutual TLS between our processes and a self-hosted Temporal cluster, and
// between its services: `npm run test:cluster` makes its own; an operator makes those of
// docker-compose.tls.yml with `node --import tsx scripts/make-certificates.ts deploy/tls`.
// Two days for the test's, a year for an operator's: renew them before they expire.

/** The PEM files of a private CA, the cluster's certificate, and a client's, for our processes. */
export interface Certificates {
  ca: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
}

/**
 * A CA, a certificate for the cluster's services (named `names`, and 127.0.0.1), and one for our
 * clients (workers, console, CLI), all signed by the CA.
 */
export function makeCertificates(dir: string, names: readonly string[], days = 2): Certificates {
  mkdirSync(dir, { recursive: true });
  const at = (file: string) => join(dir, file);
  const openssl = (...args: string[]) => {
    const result = spawnSync('openssl', args, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`openssl ${args[0]} failed: ${result.stderr}`);
  };
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    String(days),
    '-subj',
    '/CN=conventions test CA',
    '-keyout',
    at('ca.key'),
    '-out',
    at('ca.pem'),
  );
  // The services present this one to clients and to each other (it authenticates them as clients too).
  const sign = (name: string, subject: string, extensions: string) => {
    writeFileSync(at(`${name}.ext`), extensions);
    openssl(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      subject,
      '-keyout',
      at(`${name}.key`),
      '-out',
      at(`${name}.csr`),
    );
    openssl(
      'x509',
      '-req',
      '-in',
      at(`${name}.csr`),
      '-CA',
      at('ca.pem'),
      '-CAkey',
      at('ca.key'),
      '-CAcreateserial',
      '-days',
      String(days),
      '-extfile',
      at(`${name}.ext`),
      '-out',
      at(`${name}.pem`),
    );
  };
  sign(
    'server',
    `/CN=${names[0]}`,
    `subjectAltName=${[...names.map((name) => `DNS:${name}`), 'IP:127.0.0.1'].join(',')}\nextendedKeyUsage=serverAuth,clientAuth\n`,
  );
  sign('client', '/CN=conventions worker', 'extendedKeyUsage=clientAuth\n');
  return {
    ca: at('ca.pem'),
    serverCert: at('server.pem'),
    serverKey: at('server.key'),
    clientCert: at('client.pem'),
    clientKey: at('client.key'),
  };
}

/** The names docker-compose.yml gives Temporal's services, and the one their peers check. */
export const COMPOSE_SERVER_NAMES = [
  'temporal-frontend',
  'temporal-history',
  'temporal-matching',
  'temporal-worker',
  'temporal-internode',
];

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? 'deploy/tls';
  makeCertificates(dir, COMPOSE_SERVER_NAMES, 365);
  console.log(`certificates written in ${dir}: ca.pem, server.pem and server.key, client.pem and client.key`);
}
