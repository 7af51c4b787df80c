#!/usr/bin/env node
// Runs a command (`npm run test:node24` runs `npm test`) on Node 24, the product's Node, on machines
// that ship Node 20. Node 24's binary comes from the npm registry (the `node-<platform>-<arch>`
// package that `npm install node@24` installs), into .tools/node24 once. better-sqlite3's native
// module is built for it from the installed package's sources, against the headers that package
// ships (its prebuilt binaries are on GitHub, out of reach here), and kept in .tools/node24 for the
// next install. Each Node's module then lives in the per-ABI folder that better-sqlite3's loader
// (`bindings`) looks in, lib/binding/node-v<ABI>-…, so that Node 20 and Node 24 both find theirs.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The last Node 24 whose headers build better-sqlite3 12 sound: from 24.19.0, node::ObjectWrap's
// destructor removes an environment cleanup hook, which aborts the process when V8 collects a
// Statement outside a context (nodejs/node#65446). better-sqlite3 13 (Node-API) does not care,
// but it crashes on Node 20. The Dockerfile runs the same version.
const NODE_VERSION = '24.18.1';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tools = join(root, '.tools', 'node24');
const nodePackage = join(tools, 'node_modules', `node-${process.platform}-${process.arch}`);
const node = join(nodePackage, 'bin', 'node');
const sqlite = join(root, 'node_modules', 'better-sqlite3');

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: node scripts/node24.js COMMAND [ARG…]');
  process.exit(2);
}

function run(cmd, cmdArgs, options = {}) {
  execFileSync(cmd, cmdArgs, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
}

const versionOf = (binary) =>
  existsSync(binary) ? execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim() : null;

/** Where `bindings` finds the module for a Node of this ABI (node-pre-gyp's layout). */
const bindingFor = (abi) =>
  join(sqlite, 'lib', 'binding', `node-v${abi}-${process.platform}-${process.arch}`, 'better_sqlite3.node');

/** Builds better-sqlite3 for Node 24 from a copy of the installed package (node-gyp writes into it). */
function buildFor24(target) {
  const nodeGyp = join(
    dirname(process.env.npm_execpath ?? ''),
    '..',
    'node_modules',
    'node-gyp',
    'bin',
    'node-gyp.js',
  );
  if (!existsSync(nodeGyp))
    throw new Error('node24: run me through npm (npm run test:node24): I use its node-gyp');
  console.log(`node24: building better-sqlite3 for Node ${NODE_VERSION} (a few minutes, once)`);
  const started = Date.now();
  const source = join(tools, 'better-sqlite3');
  rmSync(source, { recursive: true, force: true });
  cpSync(sqlite, source, {
    recursive: true,
    filter: (path) => ![join(sqlite, 'build'), join(sqlite, 'lib', 'binding')].includes(path),
  });
  // node-gyp lets npm's settings (npm_config_*, e.g. a machine-wide nodedir=/usr: Node 20's headers
  // here) override its own arguments: the headers are chosen there.
  const env = { ...process.env, npm_config_nodedir: nodePackage };
  run(node, [nodeGyp, 'rebuild', '--release', '--jobs=max'], { cwd: source, env });
  const module = join(source, 'build', 'Release', 'better_sqlite3.node');
  run(node, ['-e', `require(${JSON.stringify(module)})`]); // fails here, not in the tests, if it is not Node 24's
  cpSync(module, target);
  rmSync(source, { recursive: true, force: true });
  console.log(`node24: better-sqlite3 built in ${Math.round((Date.now() - started) / 1000)} s`);
}

if (versionOf(node) !== `v${NODE_VERSION}`) {
  console.log(`node24: installing Node ${NODE_VERSION} from the npm registry into ${tools}`);
  mkdirSync(tools, { recursive: true });
  run('npm', [
    'install',
    '--prefix',
    tools,
    '--no-audit',
    '--no-fund',
    `${basename(nodePackage)}@${NODE_VERSION}`,
  ]);
}

// npm's install builds better-sqlite3 into build/Release for the Node that ran it; `bindings` looks
// there before the per-ABI folders, so that module moves to its own (build/config.gypi says its ABI).
const built = join(sqlite, 'build', 'Release', 'better_sqlite3.node');
if (existsSync(built)) {
  const config = readFileSync(join(sqlite, 'build', 'config.gypi'), 'utf8');
  const moved = bindingFor(/"node_module_version": (\d+)/.exec(config)[1]);
  mkdirSync(dirname(moved), { recursive: true });
  renameSync(built, moved);
}

const abi = execFileSync(node, ['-p', 'process.versions.modules'], { encoding: 'utf8' }).trim();
const { version } = JSON.parse(readFileSync(join(sqlite, 'package.json'), 'utf8'));
const kept = join(
  tools,
  `better-sqlite3-${version}-node-${NODE_VERSION}-${process.platform}-${process.arch}.node`,
);
if (!existsSync(kept)) buildFor24(kept);
mkdirSync(dirname(bindingFor(abi)), { recursive: true });
cpSync(kept, bindingFor(abi));

// Node 24 first on PATH: npm, tsx, vitest and every process the tests spawn run on it.
const env = { ...process.env, PATH: `${dirname(node)}:${process.env.PATH}` };
const line = [command, ...args].join(' ');
console.log(`node24: ${line}, on Node ${versionOf(node)}`);
const started = Date.now();
const { status } = spawnSync(command, args, { stdio: 'inherit', env });
console.log(`node24: ${line} ended (${status}) in ${Math.round((Date.now() - started) / 1000)} s`);
process.exit(status ?? 1);
