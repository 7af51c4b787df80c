import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/convention.js', import.meta.url));

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `convention` command in a child process, as a user would. */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = process.env): CliRun {
  const { status, stdout, stderr } = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env });
  return { status, stdout, stderr };
}
