// Builds Temporal's own server (`temporal-server`, each service a process) and its schema tool
// (`temporal-sql-tool`) from its Go module, for `npm run test:cluster`: no Docker, nothing but the
// Go module proxy. Its go directive is newer than our machines' Go, so the go command fetches the
// toolchain it names through that same proxy (GOTOOLCHAIN). Cached in .tools/temporal-server/<version>;
// a cold build takes minutes (the module graph is ~250 MB), and the script says how long it took.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TEMPORAL_SERVER_VERSION = '1.32.2';
const GO_TOOLCHAIN = 'go1.26.10';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const temporalServerDir = join(root, '.tools', 'temporal-server', TEMPORAL_SERVER_VERSION);
const binaries = { server: 'temporal-server', sql: 'temporal-sql-tool' };

export function buildTemporalServer(): void {
  if (Object.values(binaries).every((name) => existsSync(join(temporalServerDir, name)))) {
    console.log(`temporal server ${TEMPORAL_SERVER_VERSION}: already built in ${temporalServerDir}`);
    return;
  }
  const started = Date.now();
  const staging = `${temporalServerDir}.building`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  console.log(
    `temporal server ${TEMPORAL_SERVER_VERSION}: building with ${GO_TOOLCHAIN} (minutes when cold)…`,
  );
  execFileSync(
    'go',
    [
      'install',
      // As its Makefile builds it: no cgo, without the gRPC modules it does not ship.
      '-tags',
      'disable_grpc_modules',
      ...Object.keys(binaries).map(
        (command) =>
          `go.temporal.io/server/cmd/${command === 'sql' ? 'tools/sql' : command}@v${TEMPORAL_SERVER_VERSION}`,
      ),
    ],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: {
        ...process.env,
        GOTOOLCHAIN: GO_TOOLCHAIN,
        CGO_ENABLED: '0',
        GOBIN: staging,
        GOFLAGS: '-buildvcs=false',
      },
    },
  );
  for (const [built, name] of Object.entries(binaries)) renameSync(join(staging, built), join(staging, name));
  rmSync(temporalServerDir, { recursive: true, force: true });
  renameSync(staging, temporalServerDir);
  console.log(
    `temporal server ${TEMPORAL_SERVER_VERSION}: built in ${Math.round((Date.now() - started) / 1000)} s, in ${temporalServerDir}`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) buildTemporalServer();
