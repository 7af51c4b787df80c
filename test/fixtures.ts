import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { readScenarioFile } from '../client/files';
import { conventionSchema, type TConvention, type TConventionInput } from '../domain/convention';
import type { TScenario } from '../domain/scenario';

export const CAMINO_PATH = fileURLToPath(new URL('../fixtures/camino-2020.yaml', import.meta.url));

/** The seed's signed text as OCR gave it (../shared/seed/convention-camino-2020.txt), defects kept. */
export const CAMINO_TEXT_PATH = fileURLToPath(
  new URL('../fixtures/camino-2020.convention.txt', import.meta.url),
);

/** A fresh, mutable copy of the seed convention as written in its file. */
export function caminoInput(): TConventionInput {
  return parse(readFileSync(CAMINO_PATH, 'utf8')) as TConventionInput;
}

/** The seed convention, validated (defaults applied). */
export function camino(): TConvention {
  return conventionSchema().parse(caminoInput());
}

/**
 * A fin de gestion on 31 December (SPEC §11), for the tests that run on the real clock: they run in
 * December too, past the seed's indicative last days for engagements and payments.
 */
export const YEAR_ROUND = { lastEngagementDay: '12-31', lastPaymentDay: '12-31' } as const;

/** The seed as written, taking engagements and payments until 31 December. */
export function caminoYearRoundInput(): TConventionInput {
  const input = caminoInput();
  return {
    ...input,
    schedule: { ...input.schedule, yearEnd: { ...input.schedule?.yearEnd, ...YEAR_ROUND } },
  };
}

/** The seed, validated, taking engagements and payments until 31 December. */
export const caminoYearRound = (): TConvention => conventionSchema().parse(caminoYearRoundInput());

/** A scenario that comes with the seed, read and checked: `seedScenario('two-years')` reads fixtures/camino-2020.two-years.scenario.yaml. */
export function seedScenario(name: string): TScenario {
  const result = readScenarioFile(
    fileURLToPath(new URL(`../fixtures/camino-2020.${name}.scenario.yaml`, import.meta.url)),
  );
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.value;
}

/** The seed's people, by what they do. */
export const PEOPLE = {
  admin: 'admin@example.org',
  sgRepresentative: 'sg.representant@example.org',
  dgalnRepresentative: 'dgaln.representant@example.org',
  dgprRepresentative: 'dgpr.representant@example.org',
  dinumRepresentative: 'dinum.representant@example.org',
  onfRepresentative: 'onf.representant@example.org',
  dinumContact: 'dinum.betagouv@example.org',
  dgalnContact: 'dgaln.budget@example.org',
  secretary: 'comite.camino@example.org',
} as const;

/** The seed's signatories with their representatives, in the order of the file. */
export const SIGNATORIES = [
  ['SG', PEOPLE.sgRepresentative],
  ['DGALN', PEOPLE.dgalnRepresentative],
  ['DGPR', PEOPLE.dgprRepresentative],
  ['DINUM', PEOPLE.dinumRepresentative],
] as const;
