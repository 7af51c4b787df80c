import type { CommandName } from '../../domain/commands';
import type { TConvention } from '../../domain/convention';
import { applyCommand, startRecord, type ConventionRecord } from '../../domain/lifecycle';
import { camino, PEOPLE, SIGNATORIES } from '../fixtures';

// Records at a given stage of the seed convention, built by the domain's own commands.

export function apply(
  record: ConventionRecord,
  name: CommandName,
  payload: unknown,
  at: number,
): ConventionRecord {
  const outcome = applyCommand(record, name, payload, at);
  if (!outcome.ok) throw new Error(outcome.refusal.message);
  return outcome.record;
}

export function refusalOf(record: ConventionRecord, name: CommandName, payload: unknown, at: number) {
  const outcome = applyCommand(record, name, payload, at);
  if (outcome.ok) throw new Error(`${name} was accepted`);
  return outcome.refusal;
}

/** Signed by all an hour after `startedAt`, published at `publishedAt` (Chorus confirmed too). */
export function inForce(
  startedAt: number,
  publishedAt: number,
  convention: TConvention = camino(),
): ConventionRecord {
  let record = startRecord(convention, startedAt);
  for (const [party, as] of SIGNATORIES) record = apply(record, 'sign', { as, party }, startedAt + 3_600_000);
  record = apply(record, 'confirm-chorus', { as: PEOPLE.dgalnContact }, publishedAt);
  return apply(record, 'publish', { as: PEOPLE.dinumContact, where: 'data.gouv.fr' }, publishedAt);
}

export const report = (period: string | undefined, extra: Record<string, unknown> = {}) => ({
  as: PEOPLE.dinumContact,
  ...(period ? { period } : {}),
  spent: { '0113-PEBC-ELAB': '10000.00' },
  progress: 'Itérations livrées',
  forecast: 'Commandes stables',
  ...extra,
});

/**
 * The seed in force since 26 March 2020, March's report in on 3 April: April's is due on 10 May,
 * its reminder goes on the 7th (« Prochaine échéance », issue 29).
 */
export const marchReportIn = (): ConventionRecord =>
  apply(
    inForce(Date.parse('2020-03-02T09:00:00Z'), Date.parse('2020-03-26T09:00:00Z')),
    'submit-report',
    report('2020-03'),
    Date.parse('2020-04-03T09:00:00Z'),
  );
