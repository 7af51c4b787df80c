import { z } from 'zod';
import { COMMANDS, type CommandName } from './commands';
import { monthDay } from './fields';

// A simulation scenario (SPEC §7). Only its frame is checked here — days, command names, the
// actor; the fields of each command go to the workflow as given, so that a bad one shows up in
// the timeline as the refusal a real caller would get. A report's `period` may also read `current`
// or `previous` (the month of the event's day, or the one before), an avenant's `signedOn`, a
// committee's `heldOn` and a publication's `publishedOn` may read `today`: the simulation makes
// them real dates.

const commandNames = COMMANDS as [CommandName, ...CommandName[]];

export const ZScenarioEventSchema = z.looseObject({
  day: z
    .number({ error: 'expected a day offset from the start, e.g. 3 or 12.5' })
    .min(0, 'a day offset from the start, 0 or more'),
  command: z.enum(commandNames, { error: `expected one of ${commandNames.join(', ')}` }),
  as: z.string({ error: 'expected the email of the person giving the command' }),
});

/** When the simulation starts: now, or the first day of next month at the reminder hour (so that months line up). */
export const SCENARIO_STARTS = ['now', 'next-month'] as const;

/** Or the next occurrence of a day of the year, at the reminder hour: `{ next: '09-01' }` (a budget year's end ahead). */
const ZNextDaySchema = z.strictObject({ next: monthDay() });

export const ZScenarioSchema = z
  .strictObject({
    start: z
      .union([z.enum(SCENARIO_STARTS), ZNextDaySchema], {
        error: `expected one of ${SCENARIO_STARTS.join(', ')}, or { next: MM-DD }`,
      })
      .default('now'),
    until: z
      .number({ error: 'expected the number of days to simulate' })
      .positive()
      .max(3650, 'at most 3650 days (ten years)'),
    events: z.array(ZScenarioEventSchema).default([]),
  })
  .superRefine((scenario, ctx) => {
    scenario.events.forEach((event, i) => {
      if (event.day > scenario.until)
        ctx.addIssue({
          code: 'custom',
          path: ['events', i, 'day'],
          message: `day ${event.day} is after the end of the simulation (until: ${scenario.until})`,
        });
    });
  });

export type TScenario = z.output<typeof ZScenarioSchema>;
export type TScenarioStart = TScenario['start'];
export type TScenarioEvent = z.output<typeof ZScenarioEventSchema>;

/** The command's payload: the event without its frame. */
export function eventPayload({
  day: _day,
  command: _command,
  ...payload
}: TScenarioEvent): Record<string, unknown> {
  return payload;
}
