#!/usr/bin/env node
// Runs a command (`npm run test:node24` runs `npm test`) on Node 24, the product's Node, on machines
// that ship Node 20. Node 24's binary comes from the npm registry (the `node-<platform>-<arch>`
// package that `npm install node@24` installs), into .tools/node24 once. better-sqlite3's native
// module is built for it from the installed package's sources, against the headers that package
// ships (its prebuilt binaries are on GitHub, out of reach here). Each Node's module then lives in
// the per-ABI folder that better-sqlite3's loader (`bindings`) looks in, lib/binding/node-v<ABI>-…,
// so that Node 20 and Node 24 both find theirs, whichever ran last.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const NODE_VERSION = '24.21.0';

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

function versionOf(binary) {
  return existsSync(binary) ? execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim() : null;
}

function abiOf(binary) {
  return execFileSync(binary, ['-p', 'process.versions.modules'], { encoding: 'utf8' }).trim();
}

/** Where `bindings` finds the module for a Node of this ABI (node-pre-gyp's layout). */
function bindingFor(abi) {
  return join(
    sqlite,
    'lib',
    'binding',
    `node-v${abi}-${process.platform}-${process.arch}`,
    'better_sqlite3.node',
  );
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
    `${nodePackage.split('/').pop()}@${NODE_VERSION}`,
  ]);
}

// npm's install builds better-sqlite3 into build/Release for the Node that ran it; `bindings` looks
// there before the per-ABI folders, so that module moves to its own (build/config.gypi says its ABI).
const built = join(sqlite, 'build', 'Release', 'better_sqlite3.node');
if (existsSync(built)) {
  const abi = /"node_module_version": (\d+)/.exec(
    readFileSync(join(sqlite, 'build', 'config.gypi'), 'utf8'),
  )[1];
  mkdirSync(dirname(bindingFor(abi)), { recursive: true });
  renameSync(built, bindingFor(abi));
}

const binding = bindingFor(abiOf(node));
if (!existsSync(binding)) {
  const source = join(tools, 'better-sqlite3');
  const nodeGyp = join(
    dirname(process.env.npm_execpath ?? ''),
    '..',
    'node_modules',
    'node-gyp',
    'bin',
    'node-gyp.js',
  );
  if (!existsSync(nodeGyp))
    throw new Error('node24: run me through npm (npm run test:node24), whose node-gyp builds better-sqlite3');
  console.log(`node24: building better-sqlite3 for Node ${NODE_VERSION} (a few minutes, once)`);
  const started = Date.now();
  rmSync(source, { recursive: true, force: true });
  cpSync(sqlite, source, {
    recursive: true,
    filter: (path) =>
      !path.startsWith(join(sqlite, 'build')) && !path.startsWith(join(sqlite, 'lib', 'binding')),
  });
  run(
    node,
    [nodeGyp, 'rebuild', '--release', `--nodedir=${nodePackage}`, `--jobs=${process.env.JOBS ?? 'max'}`],
    { cwd: source },
  );
  mkdirSync(dirname(binding), { recursive: true });
  cpSync(join(source, 'build', 'Release', 'better_sqlite3.node'), binding);
  rmSync(source, { recursive: true, force: true });
  console.log(`node24: built in ${Math.round((Date.now() - started) / 1000)} s`);
}

// Node 24 first on PATH: npm, tsx, vitest and every process the tests spawn run on it.
const env = { ...process.env, PATH: `${dirname(node)}:${process.env.PATH}` };
console.log(`node24: ${[command, ...args].join(' ')} on Node ${versionOf(node)}`);
const started = Date.now();
const { status } = spawnSync(command, args, { stdio: 'inherit', env });
console.log(`node24: ${command} ${args.join(' ')} ended in ${Math.round((Date.now() - started) / 1000)} s`);
process.exit(status ?? 1);
