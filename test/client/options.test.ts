import type { Command, Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { payloadOf } from '../../client/command-options';
import { buildProgram } from '../../client/program';
import { commandFields } from '../../domain/command-fields';
import { COMMANDS, type CommandName } from '../../domain/commands';

// Each command's options on the command line against its schema: a field added to a schema or
// taken away, made required or optional, given other choices or another type, must show on the
// command line the same way.

const program = buildProgram();

/** The command line's command that sends `name`. */
function cliCommand(name: CommandName): Command {
  const [parent, child] = name === 'submit-report' ? ['report', 'submit'] : [name];
  const command = program.commands.find((c) => c.name() === parent);
  const found = child ? command?.commands.find((c) => c.name() === child) : command;
  if (!found) throw new Error(`no command on the command line sends ${name}`);
  return found;
}

/** What the command line says of an option, as the schema would say it of its field. */
const described = (option: Option) => ({
  required: option.mandatory,
  choices: option.argChoices,
  number: option.parseArg === Number,
  flag: option.isBoolean(),
});

describe('the command line takes each command with the fields of its schema', () => {
  it.each(COMMANDS)('%s', (name) => {
    const command = cliCommand(name);
    const byName = new Map(command.options.map((option) => [option.attributeName(), option]));
    const file = byName.get('file');
    expect(byName.get('as')?.mandatory).toBe(true);

    const fields = commandFields(name).filter((field) => field.kind !== 'structured');
    for (const field of fields) {
      // A list is given one item at a time, its option in the singular.
      const option = byName.get(field.name) ?? byName.get(field.name.replace(/s$/, ''));
      expect(option, `--${field.name}`).toBeDefined();
      expect(described(option!), field.name).toEqual({
        // With a file that may carry the fields, no field's option is mandatory.
        required: field.required && !file,
        choices: field.choices,
        number: field.kind === 'integer',
        flag: field.kind === 'flag',
      });
    }
    const others = [...byName.keys()].filter(
      (option) => !fields.some((field) => option === field.name || `${option}s` === field.name),
    );
    // `sign` also takes the files its proof is made from, verified before the command is sent.
    const proofFiles = name === 'sign' ? ['scan', 'signedFile', 'signedOn'] : [];
    expect(others.sort()).toEqual([...(file ? ['as', 'file'] : ['as']), ...proofFiles].sort());
    // Fields only a file can carry need a file, which must be given when one of them is required.
    const structured = commandFields(name).filter((field) => field.kind === 'structured');
    if (structured.length) expect(file).toBeDefined();
    if (structured.some((field) => field.required)) expect(file?.mandatory).toBe(true);
  });
});

describe('amounts on the command line', () => {
  it('takes them as the console does, French style too, and leaves the rest for the schema to refuse', () => {
    const byName = new Map(cliCommand('engage').options.map((option) => [option.attributeName(), option]));
    const ae = byName.get('ae')!;
    expect(ae.parseArg!('12 500,00', undefined)).toBe('12500.00');
    expect(ae.parseArg!('12500.00', undefined)).toBe('12500.00');
    expect(ae.parseArg!('12.500', undefined)).toBe('12.500');
    const spent = payloadOf('submit-report', { spent: ['0113-PEBC-ELAB=12 500 €'], as: 'x@example.org' });
    expect(spent.spent).toEqual({ '0113-PEBC-ELAB': '12500.00' });
  });
});
