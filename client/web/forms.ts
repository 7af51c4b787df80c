import Decimal from 'decimal.js';
import {
  ACCOMPANIMENT_SCOPES,
  COMMITMENTS,
  COMMITTEE_DECISIONS,
  type CommandName,
} from '../../domain/commands';
import { PHASES, type TConvention } from '../../domain/convention';
import { localDateOf } from '../../domain/dates';
import type { ConsoleForm } from '../../domain/access';
import type { Fault } from '../../domain/faults';
import { frenchRule } from '../../domain/french/faults';
import {
  capitalized,
  COMMITMENT_NAMES,
  DECISION_NAMES,
  frenchDate,
  frenchMonth,
  PHASE_NAMES,
  SCOPE_NAMES,
} from '../../domain/french/words';
import { formatEuros } from '../../domain/money';
import type { ConventionStatus } from '../../domain/status';
import { html, type Html } from './html';
import { alert, conventionHref, csrfField, layout, type PageContext } from './layout';

// Every command of SPEC §5 as a form, for the roles that may give it (domain/access.ts): its
// fields, what a link's query chooses in it, and the command its fields make. A refusal shows above
// the form in French, each fault beside its field, and what was typed stays.

/** What a form is shown for: the convention as it stands, its status now, the parties one acts for. */
export interface FormContext {
  convention: TConvention;
  status: ConventionStatus;
  /** The parties this person may act for with the form (signature, notice). */
  parties: string[];
  now: number;
}

/** A choice of a select or of radio buttons; a radio button may explain itself below its label. */
export type Choice = { value: string; label: string; hint?: string };

type Field =
  | {
      kind: 'text' | 'email' | 'url' | 'date' | 'time' | 'month' | 'money' | 'number' | 'textarea';
      name: string;
      label: string;
      hint?: string;
      required?: boolean;
    }
  | { kind: 'select'; name: string; label: string; choices: Choice[]; hint?: string; optional?: string }
  | { kind: 'radio'; name: string; label: string; choices: Choice[] }
  | { kind: 'checkbox'; name: string; label: string }
  | { kind: 'group'; legend: string; hint?: string; fields: Field[] };

type Values = Record<string, string>;

interface FormSpec {
  title: string;
  intro?: (context: FormContext) => string;
  fields: (context: FormContext) => Field[];
  /** The values a link's query chooses, and those the form starts with. */
  preset?: (query: Values, context: FormContext) => Values;
  command: (values: Values, context: FormContext) => { name: CommandName; payload: Record<string, unknown> };
  done: string;
}

const trimmed = (values: Values, name: string) => values[name]?.trim() ?? '';
/** The fields given, those left empty out: the command's own defaults and checks take over. */
const given = (values: Values, ...names: string[]) =>
  Object.fromEntries(names.flatMap((name) => (trimmed(values, name) ? [[name, trimmed(values, name)]] : [])));
const lines = (text = '') =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
const pick = (query: Values, ...names: string[]) =>
  Object.fromEntries(names.flatMap((name) => (query[name] ? [[name, query[name]]] : [])));

/** The committees still to decide, to choose one; `optional` says which one an empty choice means. */
const committeeChoice = (status: ConventionStatus, optional: string): Field => ({
  kind: 'select',
  name: 'committee',
  label: 'Comité',
  optional,
  choices: status.committees
    .filter((c) => !c.decided)
    .map((c) => ({ value: String(c.number), label: `Comité n° ${c.number} du ${frenchDate(c.date)}` })),
});

const uoChoices = (context: FormContext, left: (uo: ConventionStatus['credits'][number]) => string) =>
  context.status.credits.map((line) => ({ value: line.uo, label: `${line.uo} — ${left(line)}` }));

const withEcheancier = (context: FormContext) => [
  ...new Set(context.convention.budget.filter((line) => line.echeancier).map((line) => line.uo)),
];

const money = (name: string, label: string, hint = 'En euros, par exemple 12500.00'): Field => ({
  kind: 'money',
  name,
  label,
  hint,
});

export const FORMS: Record<ConsoleForm, FormSpec> = {
  sign: {
    title: 'Signature de la convention',
    intro: ({ convention }) =>
      `Vous signez la convention « ${convention.title} » au titre de la partie choisie.`,
    fields: ({ parties, status }) => [
      {
        kind: 'select',
        name: 'party',
        label: 'Partie signataire',
        choices: parties.map((party) => ({
          value: party,
          label: status.signatures.find((s) => s.party === party)?.signed ? `${party} (déjà signée)` : party,
        })),
      },
    ],
    preset: (query) => pick(query, 'party'),
    command: ({ party }) => ({ name: 'sign', payload: { party } }),
    done: 'La signature est enregistrée.',
  },
  publish: {
    title: 'Publication de la convention',
    intro: () => 'La convention prend effet le jour de sa publication (articles 7 et 8).',
    fields: () => [
      {
        kind: 'text',
        name: 'where',
        label: 'Lieu de publication',
        hint: 'Par exemple data.gouv.fr',
        required: true,
      },
      { kind: 'url', name: 'url', label: 'Adresse de la publication (facultatif)', hint: 'https://…' },
    ],
    command: (values) => ({ name: 'publish', payload: given(values, 'where', 'url') }),
    done: 'La publication est enregistrée : la convention entre en vigueur ce jour.',
  },
  'confirm-chorus': {
    title: 'Habilitations Chorus',
    intro: () =>
      'Confirmez que les habilitations Chorus demandées à l’AIFE sont ouvertes (article 2) : le délégataire pourra alors engager les dépenses.',
    fields: () => [],
    command: () => ({ name: 'confirm-chorus', payload: {} }),
    done: 'Les habilitations Chorus sont confirmées.',
  },
  decide: {
    title: 'Décision du comité d’investissement',
    fields: ({ status }) => [
      committeeChoice(status, 'Le plus ancien comité en attente de décision'),
      {
        kind: 'select',
        name: 'decision',
        label: 'Décision',
        choices: COMMITTEE_DECISIONS.map((value) => ({ value, label: capitalized(DECISION_NAMES[value]) })),
      },
      {
        kind: 'select',
        name: 'phase',
        label: 'Nouvelle phase',
        optional: 'Inchangée',
        choices: PHASES.map((value) => ({ value, label: capitalized(PHASE_NAMES[value]) })),
      },
      { kind: 'textarea', name: 'notes', label: 'Relevé de décisions' },
      {
        kind: 'textarea',
        name: 'conditions',
        label: 'Conditions',
        hint: 'Une par ligne, pour une poursuite sous conditions',
      },
    ],
    preset: (query) => pick(query, 'committee'),
    command: (values) => ({
      name: 'decide',
      payload: {
        ...given(values, 'decision', 'phase', 'notes'),
        ...(values.committee ? { committee: Number(values.committee) } : {}),
        conditions: lines(values.conditions),
      },
    }),
    done: 'La décision du comité est enregistrée ; le relevé part à toutes les parties.',
  },
  'schedule-committee': {
    title: 'Date, heure et lieu d’un comité',
    intro: () =>
      'La convocation et son invitation portent ce que vous fixez ici ; si elle est déjà partie, chacun reçoit une invitation mise à jour et un message qui dit ce qui change.',
    fields: ({ status }) => [
      committeeChoice(status, 'Le prochain comité en attente de décision'),
      { kind: 'date', name: 'date', label: 'Nouvelle date', hint: 'Vide pour garder la date prévue' },
      { kind: 'time', name: 'time', label: 'Heure' },
      { kind: 'number', name: 'durationMinutes', label: 'Durée en minutes', hint: '120 minutes par défaut' },
      { kind: 'text', name: 'place', label: 'Lieu', hint: 'Adresse et salle' },
      { kind: 'url', name: 'visio', label: 'Lien de visioconférence', hint: 'Une adresse https://' },
    ],
    preset: (query) => pick(query, 'committee'),
    command: (values) => ({
      name: 'schedule-committee',
      payload: {
        ...given(values, 'date', 'time', 'place', 'visio'),
        ...(values.committee ? { committee: Number(values.committee) } : {}),
        ...(trimmed(values, 'durationMinutes') ? { durationMinutes: Number(values.durationMinutes) } : {}),
      },
    }),
    done: 'Le comité est fixé ; la convocation et son invitation le diront, mises à jour si elles sont déjà parties.',
  },
  report: {
    title: 'Compte rendu',
    intro: ({ status }) => {
      const late = status.reports
        .filter((r) => !r.receivedAt && r.daysLate)
        .map((r) => frenchMonth(r.period));
      return late.length
        ? `En retard : ${late.join(', ')}.`
        : 'Le délégataire rend compte chaque mois (article 5).';
    },
    fields: ({ convention }) => [
      { kind: 'month', name: 'period', label: 'Mois concerné', hint: 'Vide pour le compte rendu final' },
      { kind: 'checkbox', name: 'final', label: 'Compte rendu final, au terme de la convention' },
      {
        kind: 'group',
        legend: 'Dépenses de la période',
        fields: [...new Set(convention.budget.map((line) => line.uo))].map((uo) =>
          money(`spent.${uo}`, `Dépensé sur ${uo}`),
        ),
      },
      { kind: 'textarea', name: 'progress', label: 'Avancement', required: true },
      {
        kind: 'textarea',
        name: 'forecast',
        label: 'Prévisions de commande et de consommation',
        required: true,
      },
      { kind: 'checkbox', name: 'replace', label: 'Remplace le compte rendu déjà déposé pour ce mois' },
    ],
    preset: (query) => ({ ...pick(query, 'period'), ...(query.final ? { final: 'true' } : {}) }),
    command: (values) => ({
      name: 'submit-report',
      payload: {
        ...given(values, 'period', 'progress', 'forecast'),
        ...(values.final ? { final: true } : {}),
        replace: values.replace === 'true',
        spent: Object.fromEntries(
          Object.entries(values)
            .filter(([name, value]) => name.startsWith('spent.') && value.trim())
            .map(([name, value]) => [name.slice('spent.'.length), value.trim()]),
        ),
      },
    }),
    done: 'Le compte rendu est déposé ; il est transmis au délégant.',
  },
  engage: {
    title: 'Engagement d’autorisations d’engagement',
    fields: (context) => [
      {
        kind: 'select',
        name: 'uo',
        label: 'UO',
        choices: uoChoices(context, (line) => `AE restantes : ${formatEuros(line.aeLeft)}`),
      },
      money('ae', 'Montant engagé (AE)'),
      {
        kind: 'text',
        name: 'ref',
        label: 'Référence',
        hint: 'Bon de commande ou engagement juridique, par exemple BC-2021-014',
        required: true,
      },
      { kind: 'text', name: 'label', label: 'Libellé (facultatif)' },
    ],
    preset: (query) => pick(query, 'uo'),
    command: (values) => ({ name: 'engage', payload: given(values, 'uo', 'ae', 'ref', 'label') }),
    done: 'L’engagement est enregistré.',
  },
  pay: {
    title: 'Paiement de crédits de paiement',
    fields: (context) => [
      {
        kind: 'select',
        name: 'uo',
        label: 'UO',
        choices: uoChoices(
          context,
          (line) =>
            `CP restants : ${formatEuros(line.cpLeft)}, engagés non payés : ${formatEuros(new Decimal(line.engaged).minus(line.paid))}`,
        ),
      },
      money('cp', 'Montant payé (CP)'),
      {
        kind: 'text',
        name: 'ref',
        label: 'Référence du paiement',
        hint: 'Par exemple DP-2021-003',
        required: true,
      },
      {
        kind: 'text',
        name: 'engagement',
        label: 'Engagement payé (facultatif)',
        hint: 'Sa référence, par exemple BC-2021-014',
      },
    ],
    preset: (query) => pick(query, 'uo'),
    command: (values) => ({ name: 'pay', payload: given(values, 'uo', 'cp', 'ref', 'engagement') }),
    done: 'Le paiement est enregistré.',
  },
  'request-credits': {
    title: 'Demande de mise à disposition de crédits',
    intro: () =>
      'Le délégant met les crédits à disposition selon l’échéancier et à la demande du délégataire (article 2).',
    fields: (context) => [
      {
        kind: 'select',
        name: 'uo',
        label: 'UO',
        choices: withEcheancier(context).map((uo) => {
          const line = context.status.credits.find((l) => l.uo === uo);
          return {
            value: uo,
            label: `${uo} — mis à disposition : ${formatEuros(line?.availability?.ae ?? '0.00')} d’AE`,
          };
        }),
      },
      money('ae', 'AE demandées'),
      money('cp', 'CP demandés'),
      { kind: 'date', name: 'wantedBy', label: 'Souhaités pour le', required: true },
    ],
    command: (values) => ({ name: 'request-credits', payload: given(values, 'uo', 'ae', 'cp', 'wantedBy') }),
    done: 'La demande est enregistrée ; le délégant la reçoit, et un rappel chaque semaine jusqu’à la mise à disposition.',
  },
  'make-available': {
    title: 'Mise à disposition de crédits',
    intro: ({ status }) =>
      status.creditRequests.length
        ? `Demandes en attente : ${status.creditRequests.map((r) => `${r.uo}, ${formatEuros(r.ae)} d’AE et ${formatEuros(r.cp)} de CP pour le ${frenchDate(r.wantedBy)}`).join(' ; ')}.`
        : 'Aucune demande en attente.',
    fields: (context) => [
      {
        kind: 'select',
        name: 'uo',
        label: 'UO',
        choices: withEcheancier(context).map((uo) => ({ value: uo, label: uo })),
      },
      money('ae', 'AE mises à disposition'),
      money('cp', 'CP mis à disposition'),
    ],
    // A link from a request: its UO, and what it asked for.
    preset: (query, { status }) => {
      const request = status.creditRequests.find((r) => r.uo === query.uo);
      return { ...pick(query, 'uo'), ...(request ? { ae: request.ae, cp: request.cp } : {}) };
    },
    command: (values) => ({ name: 'make-available', payload: given(values, 'uo', 'ae', 'cp') }),
    done: 'La mise à disposition est enregistrée ; le délégataire en est informé.',
  },
  'designate-intrapreneur': {
    title: 'Désignation de l’intrapreneur',
    intro: () =>
      'Le délégant désigne un agent disposant du temps et de l’autorité nécessaires pour porter la startup d’État (article 2).',
    fields: () => [
      { kind: 'text', name: 'name', label: 'Prénom et nom', required: true },
      { kind: 'email', name: 'email', label: 'Adresse électronique', required: true },
    ],
    command: (values) => ({ name: 'designate-intrapreneur', payload: given(values, 'name', 'email') }),
    done: 'L’intrapreneur est désigné.',
  },
  amend: {
    title: 'Avenant',
    intro: () =>
      'L’avenant est transmis à toutes les parties et au contrôleur budgétaire et comptable ministériel (article 6).',
    fields: ({ convention, status }) => [
      { kind: 'number', name: 'number', label: 'Numéro de l’avenant', required: true },
      { kind: 'textarea', name: 'summary', label: 'Objet de l’avenant', required: true },
      { kind: 'date', name: 'signedOn', label: 'Date de signature', required: true },
      {
        kind: 'group',
        legend: 'Variations du budget',
        hint: 'En euros, négatives pour une baisse, par exemple 30000.00 ou -5000.00',
        fields: convention.budget.flatMap((line, i) => [
          money(
            `line.${i}.ae`,
            `${line.uo} (${line.funder}, ${yearOfLine(line, status)}) : variation des AE`,
            `Allouées : ${formatEuros(line.ae)}`,
          ),
          money(
            `line.${i}.cp`,
            `${line.uo} (${line.funder}, ${yearOfLine(line, status)}) : variation des CP`,
            `Alloués : ${formatEuros(line.cp)}`,
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
  },
  notice: {
    title: 'Préavis de fin de la délégation',
    intro: () =>
      'Chaque partie peut mettre fin à la délégation moyennant un préavis de trois mois (article 7).',
    fields: ({ parties }) => [
      {
        kind: 'select',
        name: 'party',
        label: 'Partie',
        choices: parties.map((party) => ({ value: party, label: party })),
      },
      {
        kind: 'radio',
        name: 'action',
        label: 'Action',
        choices: [
          { value: 'give', label: 'Donner un préavis' },
          { value: 'withdraw', label: 'Retirer le préavis donné' },
        ],
      },
      { kind: 'textarea', name: 'reason', label: 'Motif (pour un préavis)' },
    ],
    preset: (query) => ({ action: 'give', ...pick(query, 'party', 'action') }),
    command: ({ party, action, reason }) =>
      action === 'withdraw'
        ? { name: 'withdraw-notice', payload: { party } }
        : { name: 'give-notice', payload: { party, ...(reason?.trim() ? { reason: reason.trim() } : {}) } },
    done: 'Le préavis est enregistré ; toutes les parties en sont informées.',
  },
  'end-accompaniment': {
    title: 'Fin de l’accompagnement par la DINUM',
    intro: () =>
      'La DINUM peut mettre fin à son accompagnement, en tout ou partie, si le délégant ne tient pas ses engagements (article 7). Une fin totale vaut préavis.',
    fields: () => [
      {
        kind: 'radio',
        name: 'scope',
        label: 'Étendue',
        choices: ACCOMPANIMENT_SCOPES.map((value) => ({ value, label: `Fin ${SCOPE_NAMES[value]}` })),
      },
      {
        kind: 'select',
        name: 'commitment',
        label: 'Engagement non tenu',
        choices: COMMITMENTS.map((value) => ({ value, label: capitalized(COMMITMENT_NAMES[value]) })),
      },
      { kind: 'textarea', name: 'reason', label: 'Motif', required: true },
    ],
    preset: () => ({ scope: 'partial' }),
    command: (values) => ({
      name: 'end-accompaniment',
      payload: given(values, 'scope', 'commitment', 'reason'),
    }),
    done: 'La fin de l’accompagnement est enregistrée ; toutes les parties en sont informées.',
  },
  'year-end-forecast': {
    title: 'Prévision de fin de gestion',
    intro: ({ status, now, convention }) => {
      const year = currentYear(now, convention);
      const dates = status.credits.flatMap((line) => line.years).find((y) => y.year === year);
      return dates
        ? `Ce que le délégataire prévoit d’engager et de payer sur les crédits de ${year} d’ici la fin de gestion : engagements jusqu’au ${frenchDate(dates.engagementsUntil)}, paiements jusqu’au ${frenchDate(dates.paymentsUntil)}. Elle figure à côté de la projection au rythme constaté.`
        : `La convention n’a pas de crédits pour ${year}.`;
    },
    fields: (context) => [
      {
        kind: 'select',
        name: 'uo',
        label: 'UO',
        choices: context.status.credits.flatMap((line) => {
          const year = line.years.find((y) => y.year === currentYear(context.now, context.convention));
          return year
            ? [
                {
                  value: line.uo,
                  label: `${line.uo} — AE restantes : ${formatEuros(year.aeLeft)}, CP restants : ${formatEuros(year.cpLeft)}`,
                },
              ]
            : [];
        }),
      },
      money('ae', 'AE que le délégataire prévoit d’engager d’ici la fin de gestion'),
      money('cp', 'CP que le délégataire prévoit de payer d’ici la fin de gestion'),
      { kind: 'textarea', name: 'note', label: 'Commentaire (facultatif)' },
    ],
    preset: (query) => pick(query, 'uo'),
    command: (values) => ({ name: 'year-end-forecast', payload: given(values, 'uo', 'ae', 'cp', 'note') }),
    done: 'La prévision est enregistrée ; elle figure dans la console et dans les courriels de fin de gestion.',
  },
};

/** The budget year of an instant, on the convention's clock. */
const currentYear = (now: number, convention: TConvention) =>
  Number(localDateOf(now, convention.schedule.timezone).slice(0, 4));

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
  return {
    name: 'amend',
    payload: {
      ...given(values, 'summary', 'signedOn'),
      ...(values.number ? { number: Number(values.number) } : {}),
      budget,
      ...(Object.keys(schedule).length ? { schedule } : {}),
    },
  };
}

// --- Rendering

/** The field a fault points at: `spent.0113-PEBC-ELAB`, `conditions` for `conditions[2]`. */
export const fieldNameOf = (fault: Fault) =>
  fault.segments.filter((segment) => typeof segment === 'string').join('.');

/** Radio buttons in the design system's fieldset: one name, one legend, the chosen value checked. */
export function radioGroup({
  id,
  legend,
  choices,
  chosen,
  error,
  message = '',
}: {
  id: string;
  legend: string;
  choices: readonly Choice[];
  chosen?: string;
  error?: string;
  message?: Html | string;
}): Html {
  return html`<fieldset class="fr-fieldset ${error ? 'fr-fieldset--error' : ''}" id="${id}">
    <legend class="fr-fieldset__legend">${legend}</legend>
    ${choices.map(
      (choice) =>
        html`<div class="fr-fieldset__element">
          <div class="fr-radio-group">
            <input
              type="radio"
              id="${id}-${choice.value}"
              name="${id}"
              value="${choice.value}"
              ${chosen === choice.value ? 'checked' : ''}
            />
            <label class="fr-label" for="${id}-${choice.value}"
              >${choice.label}${choice.hint ? html`<span class="fr-hint-text">${choice.hint}</span>` : ''}</label
            >
          </div>
        </div>`,
    )}
    ${message}
  </fieldset>`;
}

function input(field: Extract<Field, { name: string }>, values: Values, error: string | undefined): Html {
  const id = field.name;
  const describedBy = [
    field.kind !== 'checkbox' && 'hint' in field && field.hint ? `${id}-hint` : '',
    error ? `${id}-error` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const label = html`<label class="fr-label" for="${id}"
    >${field.label}${'hint' in field && field.hint ? html`<span class="fr-hint-text" id="${id}-hint">${field.hint}</span>` : ''}</label
  >`;
  const message = error ? html`<p class="fr-error-text" id="${id}-error">${error}</p>` : '';
  const aria = describedBy ? html`aria-describedby="${describedBy}"` : '';
  switch (field.kind) {
    case 'select':
      return html`<div class="fr-select-group ${error ? 'fr-select-group--error' : ''}">
        ${label}
        <select class="fr-select" id="${id}" name="${id}" ${aria}>
          ${field.optional !== undefined ? html`<option value="">${field.optional}</option>` : ''}
          ${field.choices.map(
            (choice) =>
              html`<option value="${choice.value}" ${values[id] === choice.value ? 'selected' : ''}>
                ${choice.label}
              </option>`,
          )}
        </select>
        ${message}
      </div>`;
    case 'radio':
      return radioGroup({
        id,
        legend: field.label,
        choices: field.choices,
        chosen: values[id],
        error,
        message,
      });
    case 'checkbox':
      return html`<div class="fr-checkbox-group fr-mb-3w">
        <input type="checkbox" id="${id}" name="${id}" value="true" ${values[id] ? 'checked' : ''} />
        <label class="fr-label" for="${id}">${field.label}</label>
        ${message}
      </div>`;
    case 'textarea':
      return html`<div class="fr-input-group ${error ? 'fr-input-group--error' : ''}">
        ${label}
        <textarea
          class="fr-input"
          id="${id}"
          name="${id}"
          rows="4"
          ${aria}
          ${field.required ? 'required' : ''}
        >
${values[id] ?? ''}</textarea>
        ${message}
      </div>`;
    default: {
      const type = {
        text: 'text',
        email: 'email',
        url: 'url',
        date: 'date',
        time: 'time',
        month: 'month',
        money: 'text',
        number: 'number',
      }[field.kind];
      return html`<div class="fr-input-group ${error ? 'fr-input-group--error' : ''}">
        ${label}
        <input
          class="fr-input"
          type="${type}"
          id="${id}"
          name="${id}"
          value="${values[id] ?? ''}"
          ${field.kind === 'money' ? 'inputmode="decimal"' : ''}
          ${aria}
          ${field.required ? 'required' : ''}
        />
        ${message}
      </div>`;
    }
  }
}

function fieldsHtml(fields: readonly Field[], values: Values, errors: Record<string, string>): Html[] {
  return fields.map((field) =>
    field.kind === 'group'
      ? html`<fieldset class="fr-fieldset">
          <legend class="fr-fieldset__legend">
            ${field.legend}${field.hint ? html`<span class="fr-hint-text">${field.hint}</span>` : ''}
          </legend>
          <div class="fr-fieldset__content">${fieldsHtml(field.fields, values, errors)}</div>
        </fieldset>`
      : input(field, values, errors[field.name]),
  );
}

export interface FormView {
  form: ConsoleForm;
  context: FormContext;
  values: Values;
  /** The refusal, in French, and the faults of its fields by field name. */
  refused?: { text: string; faults: Fault[] };
}

export function formPage(page: PageContext, { form, context, values, refused }: FormView): Html {
  const spec = FORMS[form];
  const fields = spec.fields(context);
  const names = new Set(flatten(fields).map((field) => field.name));
  const errors: Record<string, string> = {};
  for (const fault of refused?.faults ?? []) {
    const name = fieldNameOf(fault);
    if (names.has(name)) errors[name] ??= capitalized(frenchRule(fault));
  }
  const id = context.convention.id;
  return layout(
    `${spec.title} — ${context.convention.startup.name}`,
    page,
    html`<h1>${spec.title}</h1>
      <p class="fr-text--lead">${context.convention.title}</p>
      ${spec.intro ? html`<p>${spec.intro(context)}</p>` : ''}
      ${refused ? alert('error', 'La demande n’a pas été enregistrée', refused.text) : ''}
      <form method="post" action="${conventionHref(id)}/${form}" novalidate>
        ${csrfField(page.csrf)} ${fieldsHtml(fields, values, errors)}
        <ul class="fr-btns-group fr-btns-group--inline-md">
          <li><button class="fr-btn" type="submit">Enregistrer</button></li>
          <li><a class="fr-btn fr-btn--secondary" href="${conventionHref(id)}">Annuler</a></li>
        </ul>
      </form>`,
  );
}

const flatten = (fields: readonly Field[]): Extract<Field, { name: string }>[] =>
  fields.flatMap((field) => (field.kind === 'group' ? flatten(field.fields) : [field]));

/** The form's starting values: what a link's query chose. */
export const presetValues = (form: ConsoleForm, query: Values, context: FormContext): Values =>
  FORMS[form].preset?.(query, context) ?? {};
