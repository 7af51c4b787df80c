import { COMMANDS, parseCommand } from '../../domain/commands';

// A workflow for the isolation test only (test/workflows/preloaded.test.ts): it reads a module the
// worker preloads, parses a command with it, then tries to leave a mark there for the next workflow.

export interface PreloadedState {
  /** Frozen: the module is the worker's shared copy, not one evaluated for this workflow. */
  frozen: boolean;
  commandsSeen: readonly string[];
  /** What the attempt to change the shared module answered. */
  tamperingRefused: string;
  parsedDecision: string;
}

export async function readAndTamper(mark: string): Promise<PreloadedState> {
  const commandsSeen = [...COMMANDS];
  let tamperingRefused = 'accepted';
  try {
    (COMMANDS as string[]).push(mark);
  } catch (error) {
    tamperingRefused = (error as Error).constructor.name;
  }
  const parsed = parseCommand('decide', { as: 'secretaire@example.org', decision: 'continue' });
  return {
    frozen: Object.isFrozen(COMMANDS),
    commandsSeen,
    tamperingRefused,
    parsedDecision: parsed.ok ? parsed.command.decision : parsed.refusal.message,
  };
}
