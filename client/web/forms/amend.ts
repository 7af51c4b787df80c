import type { CommandName } from '../../../domain/commands';
import type { TConvention } from '../../../domain/convention';
import { localDateOf } from '../../../domain/dates';
import { formatEuros } from '../../../domain/money';
import type { ConventionStatus } from '../../../domain/status';
import { commandInput, commandOf, money, trimmed, type FormSpec, type Values } from './spec';

// The avenant's form (admins): budget variations per line and year, a new year's credits per UO,
// a new UO with its imputation, schedule changes.

export const AMEND_FORM: FormSpec = {
  title: 'Avenant',
  intro: () =>
    'L’avenant est transmis à toutes les parties et au contrôleur budgétaire et comptable ministériel (article 6).',
  fields: ({ convention, status }) => [
    commandInput('amend', 'number'),
    commandInput('amend', 'summary'),
    commandInput('amend', 'signedOn'),
    {
      kind: 'group',
      legend: 'Variations du budget',
      hint: 'En euros, négatives pour une baisse, par exemple 30 000,00 ou -5 000,00',
      fields: convention.budget.flatMap((line, i) => [
        money(
          `line.${i}.ae`,
          `${line.uo} (${line.funder}, ${yearOfLine(line, status)}) : variation des AE`,
          `Allouées : ${formatEuros(line.ae)}`,
          true,
        ),
        money(
          `line.${i}.cp`,
          `${line.uo} (${line.funder}, ${yearOfLine(line, status)}) : variation des CP`,
          `Alloués : ${formatEuros(line.cp)}`,
          true,
        ),
      ]),
    },
    {
      kind: 'group',
      legend: 'Crédits d’un nouvel exercice (facultatif)',
      hint: 'Les lignes de l’année donnée, pour chaque UO de la convention et son premier financeur',
      fields: [
        { kind: 'number', name: 'next.year', label: 'Exercice', hint: 'Par exemple 2028' },
        ...[...new Set(convention.budget.map((line) => line.uo))].flatMap((uo) => [
          money(`next.${uo}.ae`, `${uo} : AE de l’exercice`),
          money(`next.${uo}.cp`, `${uo} : CP de l’exercice`),
        ]),
      ],
    },
    {
      kind: 'group',
      legend: 'Nouvelle UO (facultatif)',
      fields: [
        { kind: 'text', name: 'new.uo', label: 'UO', hint: 'Par exemple 0181-CPRI-ELAB' },
        { kind: 'text', name: 'new.program', label: 'Programme', hint: 'Par exemple P181' },
        {
          kind: 'select',
          name: 'new.funder',
          label: 'Financeur',
          optional: '—',
          choices: convention.parties.map((party) => ({ value: party.id, label: party.id })),
        },
        money('new.ae', 'AE'),
        money('new.cp', 'CP'),
        {
          kind: 'text',
          name: 'new.domaineFonctionnel',
          label: 'Domaine fonctionnel',
          hint: 'Par exemple 0181-10',
        },
        { kind: 'text', name: 'new.sousAction', label: 'Sous-action', hint: 'Par exemple 0181-10-04' },
        {
          kind: 'text',
          name: 'new.activites',
          label: 'Activités',
          hint: 'Séparées par des virgules, par exemple 018110020101',
        },
        { kind: 'text', name: 'new.centreCout', label: 'Centre de coût', hint: 'Par exemple DININCUB75' },
      ],
    },
    {
      kind: 'group',
      legend: 'Calendrier (facultatif)',
      fields: [
        { kind: 'date', name: 'schedule.endsOn', label: 'Nouvelle date de fin' },
        { kind: 'number', name: 'schedule.committeeEveryMonths', label: 'Mois entre deux comités' },
        { kind: 'number', name: 'schedule.reminderEveryDays', label: 'Jours entre deux rappels' },
      ],
    },
  ],
  preset: (query, { status, now, convention }) => ({
    number: String(Math.max(0, ...status.amendments.map((a) => a.number)) + 1),
    signedOn: localDateOf(now, convention.schedule.timezone),
  }),
  command: (values, { convention, status }) => amendCommand(values, convention, status),
  done: 'L’avenant est enregistré ; toutes les parties et le CBCM le reçoivent.',
};

/** The year of a line: its own, or the effective date's (the start's, before publication). */
const yearOfLine = (line: TConvention['budget'][number], status: ConventionStatus) =>
  line.year ?? Number((status.publication?.effectiveDate ?? status.startedAt).slice(0, 4));

/**
 * An avenant from its form: each line changed by its UO, funder and year, a new year's credits per
 * UO, a new UO with its imputation, the schedule.
 */
function amendCommand(
  values: Values,
  convention: TConvention,
  status: ConventionStatus,
): { name: CommandName; payload: Record<string, unknown> } {
  const amountsOf = (prefix: string) =>
    Object.fromEntries(
      (['ae', 'cp'] as const).flatMap((field) => {
        const value = trimmed(values, `${prefix}.${field}`);
        return value ? [[field, value]] : [];
      }),
    );
  const budget: Record<string, unknown>[] = convention.budget.flatMap((line, i) => {
    const amounts = amountsOf(`line.${i}`);
    return Object.keys(amounts).length
      ? [{ uo: line.uo, funder: line.funder, year: yearOfLine(line, status), ...amounts }]
      : [];
  });
  const nextYear = trimmed(values, 'next.year');
  for (const uo of new Set(convention.budget.map((line) => line.uo))) {
    const amounts = amountsOf(`next.${uo}`);
    if (Object.keys(amounts).length)
      budget.push({ uo, ...(nextYear ? { year: Number(nextYear) } : {}), ...amounts });
  }
  const newUo = trimmed(values, 'new.uo');
  if (newUo)
    budget.push({
      uo: newUo,
      ...Object.fromEntries(
        (['program', 'funder', 'ae', 'cp'] as const).flatMap((field) => {
          const value = trimmed(values, `new.${field}`);
          return value ? [[field, value]] : [];
        }),
      ),
      imputation: {
        domaineFonctionnel: trimmed(values, 'new.domaineFonctionnel'),
        sousAction: trimmed(values, 'new.sousAction'),
        centreFinancier: newUo,
        activites: trimmed(values, 'new.activites')
          .split(',')
          .map((activite) => activite.trim())
          .filter(Boolean),
        centreCout: trimmed(values, 'new.centreCout'),
      },
    });
  const schedule = Object.fromEntries(
    (['endsOn', 'committeeEveryMonths', 'reminderEveryDays'] as const).flatMap((key) => {
      const value = trimmed(values, `schedule.${key}`);
      return value ? [[key, key === 'endsOn' ? value : Number(value)]] : [];
    }),
  );
  const { name, payload } = commandOf('amend', values);
  return { name, payload: { ...payload, budget, ...(Object.keys(schedule).length ? { schedule } : {}) } };
}
