import { Command, CommanderError } from 'commander';
import { formatEuros, sumMoney } from '../domain/money';
import { readConventionFile } from './files';

// Exit codes of SPEC §6.
export const EXIT = { ok: 0, refused: 1, usage: 2, unreachable: 3 } as const;

/** A refusal or invalid input: printed on stderr without a stack trace, exit 1. */
export class Refusal extends Error {}

function buildProgram(): Command {
  const program = new Command('convention')
    .description('Lifecycle of conventions de délégation de gestion, run as durable Temporal workflows.')
    .exitOverride()
    .showHelpAfterError();

  program
    .command('validate')
    .description('check a convention file (JSON or YAML) and list every fault with its path')
    .argument('<file>', 'the convention file')
    .action((file: string) => {
      const result = readConventionFile(file);
      if (!result.ok) {
        const faults = result.errors.length === 1 ? '1 fault' : `${result.errors.length} faults`;
        throw new Refusal(`${file}: ${faults}\n${result.errors.map((error) => `  ${error}`).join('\n')}`);
      }
      const convention = result.value;
      const ae = formatEuros(sumMoney(convention.budget.map((line) => line.ae)));
      console.log(
        `${file}: valid convention ${convention.id} (${convention.parties.length} parties, ` +
          `${convention.budget.length} budget lines, ${ae} of AE)`,
      );
    });

  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are not errors; anything else commander refuses is a usage error.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof Refusal) {
      console.error(error.message);
      return EXIT.refused;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
