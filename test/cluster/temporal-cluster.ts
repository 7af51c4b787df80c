import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
// A CommonJS module whose named exports Node cannot see from ESM.
import proto from '@temporalio/proto';
import { stringify } from 'yaml';
import { temporalServerDir, TEMPORAL_SERVER_VERSION } from '../../scripts/build-temporal-server';
import { makeCertificates, type Certificates } from '../../scripts/make-certificates';
import { freeLowPort } from '../helpers/ports';
import type { PostgresServer } from '../helpers/postgres';

// A self-hosted Temporal cluster as production runs one: Temporal's server built from its Go module
// (scripts/build-temporal-server.js), its four services as separate processes, its persistence and
// SQL visibility on PostgreSQL, and mutual TLS on the frontend and between its services, with
// certificates made here by openssl.

export const SERVICES = ['history', 'matching', 'frontend', 'worker'] as const;
export type Service = (typeof SERVICES)[number];

export const CLUSTER_VERSION: string = TEMPORAL_SERVER_VERSION;

export interface TemporalCluster {
  /** The frontend's host:port for our processes (TLS, client certificate required). */
  address: string;
  certificates: Certificates;
  /** The configuration the services run with, as written to their file. */
  config: Record<string, unknown>;
  /** A client connection with our client certificate. */
  connect(): Promise<Connection>;
  /** The end of each service's log: what a failed run prints. */
  logs(): string;
  /** Services that exited on their own and were started again, as compose's `restart: unless-stopped` does. */
  unplannedExits(): string[];
  /** SIGKILLs one service and starts it again on the same configuration. */
  restart(service: Service): Promise<void>;
  stop(): Promise<void>;
}

const binary = (name: string) => join(temporalServerDir, name);

/** Creates Temporal's two databases on `postgres` and brings their schemas to the latest version. */
function setUpSchemas(postgres: PostgresServer): void {
  for (const [database, schema] of [
    ['temporal', 'postgresql/v12/temporal'],
    ['temporal_visibility', 'postgresql/v12/visibility'],
  ] as const) {
    const tool = (...args: string[]) => {
      const result = spawnSync(
        binary('temporal-sql-tool'),
        [
          '--plugin',
          'postgres12',
          '--ep',
          '127.0.0.1',
          '-p',
          String(postgres.port),
          '-u',
          'postgres',
          '--db',
          database,
          ...args,
        ],
        { encoding: 'utf8' },
      );
      if (result.status !== 0) throw new Error(`temporal-sql-tool ${args[0]} ${database}: ${result.stderr}`);
    };
    tool('create-database');
    tool('setup-schema', '-v', '0.0');
    tool('update-schema', '--schema-name', schema);
  }
}

export type ServicePorts = Record<Service, { grpc: number; membership: number }>;

/** The dynamic configuration the cluster runs with. */
export const DYNAMIC_CONFIG = {
  // Search attributes registered by the worker are used by the next request, not 10 s later.
  'system.forceSearchAttributesCacheRefreshOnRead': [{ value: true }],
  'frontend.enableUpdateWorkflowExecution': [{ value: true }],
};

/**
 * The server's configuration: PostgreSQL persistence and visibility, mTLS, one port pair per
 * service. `docker-compose.yml` describes the same (test/deploy/compose.test.ts compares them).
 */
export function clusterConfig({
  postgresPort,
  ports,
  certificates,
  dynamicConfigFile,
}: {
  postgresPort: number;
  ports: ServicePorts;
  certificates: Certificates;
  dynamicConfigFile: string;
}) {
  const datastore = (database: string, maxConns: number) => ({
    sql: {
      pluginName: 'postgres12',
      databaseName: database,
      connectAddr: `127.0.0.1:${postgresPort}`,
      connectProtocol: 'tcp',
      user: 'postgres',
      password: '',
      maxConns,
      maxIdleConns: maxConns,
      maxConnLifetime: '1h',
    },
  });
  const serverTls = {
    certFile: certificates.serverCert,
    keyFile: certificates.serverKey,
    requireClientAuth: true,
    clientCaFiles: [certificates.ca],
  };
  const clientTls = { serverName: 'localhost', rootCaFiles: [certificates.ca] };
  const frontend = `127.0.0.1:${ports.frontend.grpc}`;
  const config = {
    log: { stdout: true, level: 'warn' },
    persistence: {
      defaultStore: 'postgres-default',
      visibilityStore: 'postgres-visibility',
      numHistoryShards: 4,
      datastores: {
        'postgres-default': datastore('temporal', 20),
        'postgres-visibility': datastore('temporal_visibility', 10),
      },
    },
    global: {
      membership: { maxJoinDuration: '30s', broadcastAddress: '127.0.0.1' },
      tls: {
        internode: { server: serverTls, client: clientTls },
        frontend: { server: serverTls, client: clientTls },
      },
    },
    services: Object.fromEntries(
      SERVICES.map((service) => [
        service,
        {
          rpc: {
            grpcPort: ports[service].grpc,
            membershipPort: ports[service].membership,
            bindOnLocalHost: true,
          },
        },
      ]),
    ),
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: {
        active: { enabled: true, initialFailoverVersion: 1, rpcName: 'frontend', rpcAddress: frontend },
      },
    },
    dcRedirectionPolicy: { policy: 'noop' },
    dynamicConfigClient: { filepath: dynamicConfigFile, pollInterval: '10s' },
  };
  return { config, frontend };
}

/** Starts the cluster on `postgres`; resolves once the frontend answers over mTLS and `default` exists. */
export async function startTemporalCluster(postgres: PostgresServer, dir: string): Promise<TemporalCluster> {
  mkdirSync(dir, { recursive: true });
  const certificates = makeCertificates(join(dir, 'tls'), ['localhost']);
  setUpSchemas(postgres);
  const ports = Object.fromEntries(
    await Promise.all(
      SERVICES.map(async (service) => [
        service,
        { grpc: await freeLowPort(), membership: await freeLowPort() },
      ]),
    ),
  ) as ServicePorts;
  const dynamicConfigFile = join(dir, 'dynamicconfig.yaml');
  writeFileSync(dynamicConfigFile, stringify(DYNAMIC_CONFIG));
  const { config, frontend } = clusterConfig({
    postgresPort: postgres.port,
    ports,
    certificates,
    dynamicConfigFile,
  });
  const configFile = join(dir, 'temporal.yaml');
  writeFileSync(configFile, stringify(config));

  const processes = new Map<Service, ChildProcess>();
  /** Services up and watched: one that exits on its own is started again. */
  const supervised = new Set<Service>();
  const unplannedExits: string[] = [];
  const spawnService = (service: Service) => {
    const log = createWriteStream(join(dir, `${service}.log`), { flags: 'a' });
    const child = spawn(
      binary('temporal-server'),
      ['--config-file', configFile, '--allow-no-auth', 'start', '--service', service],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    processes.set(service, child);
    // As production's orchestrator does (docker-compose.yml: restart: unless-stopped), a service
    // that exits on its own — one that cannot join its ring in time, say — is started again.
    child.once('exit', (code, signal) => {
      if (!supervised.has(service) || processes.get(service) !== child) return;
      unplannedExits.push(`${service} exited on its own (${code ?? signal}) at ${new Date().toISOString()}`);
      setTimeout(() => supervised.has(service) && spawnService(service), 1_000);
    });
    return child;
  };
  /** Starts a service and resolves once it listens; it fails with the logs if it exits first. */
  const start = async (service: Service) => {
    const child = spawnService(service);
    await untilAnswers(
      async () => {
        if (child.exitCode !== null || child.signalCode !== null)
          throw new Error(`the ${service} service exited (${child.exitCode ?? child.signalCode})`);
        await listening(ports[service].grpc);
      },
      () => logsOf(dir),
    );
    if (child.exitCode !== null) throw new Error(`the ${service} service exited\n${logsOf(dir)}`);
    supervised.add(service);
  };
  const kill = async (service: Service) => {
    supervised.delete(service);
    const child = processes.get(service);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  };
  // One after the other: services starting together on empty databases race to write the cluster's
  // metadata, and the loser exits ("duplicate key value violates cluster_metadata_info_pkey").
  for (const service of SERVICES) await start(service);

  const connect = () =>
    Connection.connect({
      address: frontend,
      tls: {
        serverNameOverride: 'localhost',
        serverRootCACertificate: readFileSync(certificates.ca),
        clientCertPair: {
          crt: readFileSync(certificates.clientCert),
          key: readFileSync(certificates.clientKey),
        },
      },
      connectTimeout: '2s',
    });
  const connection = await untilAnswers(connect, () => logsOf(dir));
  try {
    await untilAnswers(
      async () => {
        await connection.workflowService
          .registerNamespace({
            namespace: 'default',
            workflowExecutionRetentionPeriod: proto.google.protobuf.Duration.fromObject({ seconds: 86_400 }),
          })
          .catch((error: { code?: number }) => {
            if (error.code !== 6) throw error; // ALREADY_EXISTS: registered by an earlier attempt
          });
        // The frontend's namespace cache sees it a few seconds later: a visibility query says when.
        await connection.workflowService.listWorkflowExecutions({ namespace: 'default', pageSize: 1 });
      },
      () => logsOf(dir),
    );
  } finally {
    await connection.close();
  }

  return {
    // By name, as the certificate says: a TLS client must not send an IP address as the server's name.
    address: frontend.replace('127.0.0.1', 'localhost'),
    certificates,
    config,
    connect,
    logs: () => logsOf(dir),
    unplannedExits: () => [...unplannedExits],
    async restart(service) {
      await kill(service);
      await start(service);
    },
    async stop() {
      for (const service of SERVICES) await kill(service);
    },
  };
}

/** Resolves when something accepts TCP connections on this loopback port; rejects otherwise. */
function listening(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('error', reject);
  });
}

function logsOf(dir: string): string {
  return SERVICES.map((service) => {
    try {
      return `--- ${service}\n${readFileSync(join(dir, `${service}.log`), 'utf8').slice(-2_000)}`;
    } catch {
      return '';
    }
  }).join('\n');
}

/** Retries `attempt` for up to two minutes (the services join their ring first). */
async function untilAnswers<T>(attempt: () => Promise<T>, logs: () => string): Promise<T> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`the Temporal cluster did not answer: ${String(error)}\n${logs()}`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
