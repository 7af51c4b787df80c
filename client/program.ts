import type { Client } from '@temporalio/client';
import { Command, CommanderError } from 'commander';
import { openRegister } from '../store/open';
import type { CommandName } from '../domain/commands';
import { formatEuros, sumMoney } from '../domain/money';
import { workflowIdFor } from '../workflows/messages';
import { loadSettings } from '../config';
import { ZScenarioSchema } from '../domain/scenario';
import { addCommandOptions, payloadOf, type FieldsFile } from './command-options';
import { readConventionFile, readHistoryFile, readOrRefuse, readScenarioFile } from './files';
import { writeDocument, type DocumentOptions } from './document';
import { publishPayload, signPayload, versionPayload, type ProofOptions } from './document-commands';
import { importDocument } from './import';
import { startBroughtIn, startConvention } from './start';
import {
  creditsText,
  DEFAULT_ZONE,
  emailsPerPersonText,
  historyText,
  listText,
  refusalSentence,
  registerCsv,
  registerText,
  reportsText,
  statusText,
  timelineText,
} from './format';
import { conventionHistory } from './history';
import { listConventions } from './list';
import { continueAsNewNow, oldBranches } from './releases';
import {
  checkCommand,
  conventionStatus,
  executeCommand,
  Refusal,
  Unreachable,
  withTemporal,
} from './temporal';

// The `convention` command (SPEC §6). Exit codes: 0 success, 1 refused or invalid input,
// 2 usage error, 3 cannot reach Temporal.
export const EXIT = { ok: 0, refused: 1, usage: 2, unreachable: 3 } as const;

/** Whether `zone` is a time zone this Node knows (an IANA name such as Europe/Paris). */
function knownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The reader's time zone: `--timezone`, else TZ (an IANA name), else Europe/Paris. */
export function readerZone(option: string | undefined, tz = process.env.TZ): string {
  if (option !== undefined) {
    if (!knownZone(option))
      throw new Refusal(
        `--timezone ${option}: expected a time zone name such as Europe/Paris or America/Cayenne`,
      );
    return option;
  }
  return tz && knownZone(tz) ? tz : DEFAULT_ZONE;
}

/** Who uses which commands: the headings of `convention --help`. */
const GROUPS = {
  admins: 'Admins — start, amend and follow the conventions:',
  people: 'The people of a convention — act on it (--as EMAIL: who acts; an admin may act for anyone):',
  engineers: 'Engineers — releases and rehearsals:',
} as const;
const GROUP_OF: Record<string, keyof typeof GROUPS> = {
  validate: 'admins',
  import: 'admins',
  document: 'admins',
  'upload-version': 'admins',
  start: 'admins',
  amend: 'admins',
  list: 'admins',
  status: 'admins',
  history: 'admins',
  register: 'admins',
  credits: 'admins',
  reports: 'admins',
  'old-branches': 'engineers',
  'continue-as-new': 'engineers',
  simulate: 'engineers',
};

/** Sends a command to a running convention and prints where it stands afterwards. */
async function sendCommand(
  id: string,
  name: CommandName,
  payload: Record<string, unknown>,
  /** What completes the payload once connected (a signature's proof, verified and kept). */
  complete: (client: Client, payload: Record<string, unknown>) => Promise<Record<string, unknown>> = async (
    _client,
    given,
  ) => given,
): Promise<void> {
  // Before connecting: a refused payload needs no Temporal.
  checkCommand(name, payload);
  await withTemporal(id, async (client) => {
    const completed = await complete(client, payload);
    const result = await executeCommand(client.workflow.getHandle(workflowIdFor(id)), name, completed);
    console.log(`${name} accepted (register entry ${result.registerSeq}); ${id} is now ${result.state}`);
  });
}

/** The commands that act on a convention, as the command line offers them; their options follow from their schemas. */
const ACTING_COMMANDS: { name: CommandName; description: string; file?: FieldsFile }[] = [
  {
    name: 'add-version',
    description:
      "add a version of the convention's document by its SHA-256, before any signature (an admin): earlier approvals no longer count",
  },
  {
    name: 'approve',
    description:
      "approve the document's current version (DINUM's financial unit first, then each délégant party's contacts)",
  },
  {
    name: 'request-changes',
    description: "ask for changes to the document's current version, saying which: a new version is awaited",
  },
  {
    name: 'sign',
    description: 'record the signature of a party (its representative, or an admin), in its turn',
    file: {
      hint: "read the signature (party, and its proof: evidence) from a JSON or YAML file, the signed PDF's verification's",
      mandatory: false,
    },
  },
  {
    name: 'publish',
    description:
      'record the publication (a contact of the délégataire): the convention takes effect that day',
  },
  {
    name: 'confirm-chorus',
    description: 'confirm that the Chorus habilitations were obtained (a contact of the délégant)',
  },
  {
    name: 'decide',
    description: 'record the decision of the investment committee (its secretary, or an admin)',
  },
  {
    name: 'schedule-committee',
    description:
      'set or move a committee: its day, time, length, place or visio link (its secretary, or an admin)',
  },
  {
    name: 'submit-report',
    description: 'submit the report of a month (or the final report with --final)',
    file: {
      hint: 'read the report (period, spent, progress, forecast…) from a JSON or YAML file',
      mandatory: false,
    },
  },
  { name: 'engage', description: 'record an engagement of AE on a UO (a contact of the délégataire)' },
  { name: 'pay', description: 'record a payment of CP on a UO (a contact of the délégataire)' },
  {
    name: 'request-credits',
    description: 'ask the délégant to make credits of a UO available (a contact of the délégataire; art. 2)',
  },
  {
    name: 'make-available',
    description: 'record credits of a UO made available in Chorus (a contact of the délégant)',
  },
  {
    name: 'year-end-forecast',
    description:
      "record what the délégataire expects to engage and pay of a UO's credits of the year before its fin de gestion (a contact of the délégataire)",
  },
  {
    name: 'end-accompaniment',
    description:
      "end DINUM's accompaniment (its representative, or an admin; art. 7): every party is told, and when whole DINUM gives notice",
  },
  {
    name: 'designate-intrapreneur',
    description:
      "designate the startup's intrapreneur, replacing the one named before (a contact of the délégant)",
  },
  {
    name: 'amend',
    description: 'record an avenant (an admin): number, summary, signedOn, budget deltas, schedule changes',
    file: {
      hint: 'the avenant, a JSON or YAML file (its budget and schedule are written there)',
      mandatory: true,
    },
  },
  {
    name: 'give-notice',
    description:
      "end the délégation with notice (art. 7): effective noticeMonths later (a party's representative, or an admin)",
  },
  {
    name: 'withdraw-notice',
    description: 'withdraw a notice before it takes effect (the party that gave it)',
  },
];

export function buildProgram(): Command {
  const program = new Command('convention')
    .description('Lifecycle of conventions de délégation de gestion, run as durable Temporal workflows.')
    .option('--timezone <zone>', `the time zone of the times printed (default: TZ, else ${DEFAULT_ZONE})`)
    .exitOverride()
    .showHelpAfterError();
  /** The reader's zone, once the command line is parsed. */
  const zone = () => readerZone(program.opts<{ timezone?: string }>().timezone);

  program
    .command('validate')
    .description('check a convention file (JSON or YAML) and list every fault with its path')
    .argument('<file>', 'the convention file')
    .action((file: string) => {
      const convention = readOrRefuse(file, readConventionFile(file));
      const ae = formatEuros(sumMoney(convention.budget.map((line) => line.ae)));
      console.log(
        `${file}: valid convention ${convention.id} (${convention.parties.length} parties, ` +
          `${convention.budget.length} budget lines, ${ae} of AE)`,
      );
    });

  program
    .command('import')
    .description(
      "read a convention of DINUM's model from its document (PDF with a text layer, DOCX or text): print the convention file it says, with what is missing to complete",
    )
    .argument('<document>', 'the convention’s document')
    .option('--json', 'print { convention, missing, sources, unsure } as JSON')
    .action(async (document: string, options: { json?: boolean }) => {
      console.log(await importDocument(document, options));
    });

  program
    .command('document')
    .description(
      "write a file of a convention kept in its register's database: a version of its document (the last by default) or the signed document; with --model, the model's PDF drafted from a convention file, without any server",
    )
    .argument('<id>', 'the convention id (with --model: a convention file)')
    .option('--version <n>', 'the version of that number (1 is the first kept)')
    .option('--signed', 'the last document signed')
    .option('--model', "draft the model's PDF from the convention file given instead of an id")
    .requiredOption('--out <file>', 'where to write it')
    .action(async (id: string, options: DocumentOptions) => {
      console.log(await writeDocument(id, options));
    });

  program
    .command('start')
    .description('start the workflow of a convention (id convention-<id>)')
    .argument('<file>', 'the convention file')
    .option(
      '--history <file>',
      'its past, to bring in a convention already signed or further (see the README)',
    )
    .option('--as <email>', 'with --history: the admin of the convention who brings it in')
    .action(async (file: string, options: { history?: string; as?: string }) => {
      const convention = readOrRefuse(file, readConventionFile(file));
      const history = options.history && readOrRefuse(options.history, readHistoryFile(options.history));
      if (history && !options.as) throw new Refusal('--history needs --as EMAIL: the admin who brings it in');
      await withTemporal(convention.id, async (client, settings) => {
        // The register's database, where a convention that Temporal has forgotten left its traces.
        const register = await openRegister(settings);
        const deps = { client, taskQueue: settings.TEMPORAL_TASK_QUEUE, register };
        try {
          if (!history) {
            await startConvention(deps, { convention });
            console.log(
              `started ${convention.id} (workflow ${workflowIdFor(convention.id)}); signature requests go out now`,
            );
            return;
          }
          const { record, facts } = await startBroughtIn(deps, convention, history, options.as!);
          console.log(
            `started ${convention.id} (workflow ${workflowIdFor(convention.id)}) with its past: ${facts} entries brought in, ${record.state} now; the emails of the past left unsent, a late report owed once`,
          );
        } finally {
          await register.close();
        }
      });
    });

  const report = program.command('report').description('monthly and final reports of the délégataire');
  for (const { name, description, file } of ACTING_COMMANDS) {
    // On the command line, a report is submitted under `report`.
    const command = name === 'submit-report' ? report.command('submit') : program.command(name);
    command.description(description).argument('<id>', 'the convention id, e.g. camino-2020');
    if (name === 'sign')
      command
        .option(
          '--signed-file <pdf>',
          'the PDF signed by the party’s representative (PAdES): verified, then kept',
        )
        .option(
          '--scan <file>',
          'the scan of the paper original (PDF, PNG or JPEG; an admin), with --signed-on',
        )
        .option('--signed-on <date>', 'the day the paper original was signed (YYYY-MM-DD)');
    addCommandOptions(command, name, file).action((id: string, options: Record<string, unknown>) =>
      sendCommand(id, name, payloadOf(name, options), (client, payload) =>
        name === 'sign'
          ? signPayload(client, id, payload, options as ProofOptions)
          : name === 'publish'
            ? publishPayload(client, id, payload)
            : Promise.resolve(payload),
      ),
    );
  }

  program
    .command('upload-version')
    .description(
      "add a version of the convention's document from a file (PDF or DOCX; an admin): kept in the register's database, its SHA-256 in the register",
    )
    .argument('<id>', 'the convention id')
    .requiredOption('--file <file>', 'the version, a PDF or a DOCX')
    .option('--note <text>', 'why this version (what changed)')
    .requiredOption('--as <email>', 'the person giving the command')
    .action(async (id: string, options: { file: string; note?: string; as: string }) => {
      const { file, ...given } = options;
      await sendCommand(id, 'add-version', await versionPayload(id, file, given));
    });

  program
    .command('reports')
    .description('the monthly reports of a convention: due dates, received, days late')
    .argument('<id>', 'the convention id')
    .option('--json', 'print them as JSON')
    .action(async (id: string, options: { json?: boolean }) => {
      await withTemporal(id, async (client) => {
        const status = await conventionStatus(client.workflow.getHandle(workflowIdFor(id)));
        const reports = { reports: status.reports, finalReport: status.finalReport };
        console.log(options.json ? JSON.stringify(reports, null, 2) : reportsText(status, zone()));
      });
    });

  program
    .command('credits')
    .description('the credits per UO: allocated, engaged, paid, left, consumption, projected exhaustion')
    .argument('<id>', 'the convention id')
    .option('--json', 'print them as JSON')
    .action(async (id: string, options: { json?: boolean }) => {
      await withTemporal(id, async (client) => {
        const status = await conventionStatus(client.workflow.getHandle(workflowIdFor(id)));
        const { credits, creditWarnings, gracePeriods, suspension } = status;
        console.log(
          options.json
            ? JSON.stringify({ credits, creditWarnings, gracePeriods, suspension }, null, 2)
            : creditsText(status, zone()),
        );
      });
    });

  program
    .command('status')
    .description('where a convention stands and who we are waiting on')
    .argument('<id>', 'the convention id')
    .option('--json', 'print the status as JSON')
    .action(async (id: string, options: { json?: boolean }) => {
      await withTemporal(id, async (client) => {
        const status = await conventionStatus(client.workflow.getHandle(workflowIdFor(id)));
        console.log(options.json ? JSON.stringify(status, null, 2) : statusText(status, zone()));
      });
    });

  program
    .command('list')
    .description('the conventions, from the search attributes their workflows keep current')
    .option('--state <state>', 'only those in this state, e.g. in-force')
    .option('--waiting-on <party>', 'only those waiting on this party (or committee-secretary)')
    .option('--json', 'print them as JSON')
    .action(async (options: { state?: string; waitingOn?: string; json?: boolean }) => {
      await withTemporal(undefined, async (client) => {
        const conventions = await listConventions(client, options);
        console.log(options.json ? JSON.stringify(conventions, null, 2) : listText(conventions, zone()));
      });
    });

  program
    .command('history')
    .description("a convention's timeline rebuilt from Temporal's event history, across its runs")
    .argument('<id>', 'the convention id')
    .option('--json', 'print it as JSON (instants in UTC)')
    .action(async (id: string, options: { json?: boolean }) => {
      const reader = zone();
      await withTemporal(id, async (client) => {
        const history = await conventionHistory(client, workflowIdFor(id));
        console.log(options.json ? JSON.stringify(history, null, 2) : historyText(history, reader));
      });
    });

  program
    .command('old-branches')
    .description('running conventions still on a patch\'s old branch (README, "Changing workflow code")')
    .option('--patch <id>', 'this patch only, rather than each of workflows/patches.ts')
    .option('--json', 'print them as JSON')
    .action(async (options: { patch?: string; json?: boolean }) => {
      await withTemporal(undefined, async (client) => {
        const branches = await oldBranches(client, options.patch ? [options.patch] : undefined);
        if (options.json) console.log(JSON.stringify(branches, null, 2));
        else if (!branches.length) console.log('no patch in the workflow since 1.0.0');
        else
          for (const { patch, conventions } of branches)
            console.log(
              `${patch}: ${conventions.length ? conventions.join(', ') : 'none on its old branch'}`,
            );
      });
    });

  program
    .command('continue-as-new')
    .description('make a convention continue as new now, leaving old branches behind (an admin)')
    .argument('<id>', 'the convention id')
    .requiredOption('--as <email>', 'the person giving the command')
    .action(async (id: string, options: { as: string }) => {
      await withTemporal(id, async (client) => {
        const { from, to } = await continueAsNewNow(client, id, options.as);
        console.log(
          to
            ? `${id} continued as new: run ${from} → run ${to}`
            : `${id} will continue as new once the emails due are sent (run ${from})`,
        );
      });
    });

  program
    .command('register')
    .description(
      'read the decision register of a convention (DATABASE_URL or REGISTER_PATH) and check its hash chain',
    )
    .argument('<id>', 'the convention id')
    .option('--csv', 'print the entries as CSV (instants in UTC, payloads as JSON)')
    .option('--verify', 'check the hash chain; exit 1 if an entry was altered')
    .action(async (id: string, options: { csv?: boolean; verify?: boolean }) => {
      const reader = zone();
      const register = await openRegister(loadSettings());
      try {
        if (options.verify) {
          const check = await register.verify(id);
          if (!check.ok)
            throw new Refusal(
              `The register of ${id} was altered: its chain breaks at entry ${check.brokenAt} (${check.reason}).`,
            );
          console.log(`register of ${id}: chain intact, ${check.entries} entries`);
          return;
        }
        const entries = await register.entries(id);
        console.log(options.csv ? registerCsv(entries) : registerText(entries, reader));
      } finally {
        await register.close();
      }
    });

  program
    .command('simulate')
    .description("run a convention on Temporal's time-skipping test server and print its timeline")
    .argument('<file>', 'the convention file')
    .option('--scenario <file>', 'commands to apply at day offsets (default: 60 days, no commands)')
    .option('--json', 'print { timeline, final } as JSON')
    .action(async (file: string, options: { scenario?: string; json?: boolean }) => {
      const convention = readOrRefuse(file, readConventionFile(file));
      const scenario = options.scenario
        ? readOrRefuse(options.scenario, readScenarioFile(options.scenario))
        : ZScenarioSchema.parse({ until: 60 });
      // Loaded here only: the worker and the test server weigh on every other command's start.
      const { installQuietRuntime } = await import('../temporal/runtime');
      const { simulate } = await import('./simulate');
      installQuietRuntime();
      const simulation = await simulate(convention, scenario);
      const { timeline, final, runs } = simulation;
      const runsText = `${runs} workflow run${runs > 1 ? 's' : ''}`;
      console.log(
        options.json
          ? JSON.stringify(simulation, null, 2)
          : `${timelineText(timeline, zone())}\n\nfinal state: ${final.state} (${runsText})\n\n${emailsPerPersonText(simulation.emailsPerPerson)}`,
      );
    });

  for (const command of program.commands) command.helpGroup(GROUPS[GROUP_OF[command.name()] ?? 'people']);
  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  /** For a refusal's instants: the reader's zone, or the default when that is what was refused. */
  const zone = () => {
    try {
      return readerZone(program.opts<{ timezone?: string }>().timezone);
    } catch {
      return DEFAULT_ZONE;
    }
  };
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are not errors; anything else commander refuses is a usage error.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof Refusal) {
      // A file's faults come as a list under their count; anything else is said in a sentence.
      console.error(error.message.includes('\n') ? error.message : refusalSentence(error.message, zone()));
      return EXIT.refused;
    }
    if (error instanceof Unreachable) {
      console.error(refusalSentence(error.message));
      return EXIT.unreachable;
    }
    console.error(`error: ${(error as Error).message ?? String(error)}`);
    return EXIT.refused;
  }
}
