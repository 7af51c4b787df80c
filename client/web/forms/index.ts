import { ACCOMPANIMENT_SCOPES, COMMITMENTS, COMMITTEE_DECISIONS } from '../../../domain/commands';
import { PHASES } from '../../../domain/convention';
import type { ConsoleForm } from '../../../domain/access';
import {
  capitalized,
  COMMITMENT_NAMES,
  DECISION_NAMES,
  frenchDate,
  frenchMonth,
  PHASE_NAMES,
  SCOPE_NAMES,
} from '../../../domain/french/words';
import { formatEuros, typedAmount } from '../../../domain/money';
import { fieldWords } from '../../../domain/french/fields';
import { AMEND_FORM } from './amend';
import { SIGN_FORM } from './sign';
import {
  commandForm,
  commandInput,
  commandOf,
  currentYear,
  money,
  pick,
  undecidedCommittees,
  withEcheancier,
  todayOf,
  type Choice,
  type FormContext,
  type FormSpec,
  type Values,
} from './spec';
import { creditsWindow, creditsWindows, type CreditCommandName } from '../../../domain/credits-now';
import { closedCreditsText, closedCreditsTitle, openCreditsText } from '../../../domain/french/credits';

export type { FormContext, Values } from './spec';

// Every command of SPEC §5 as a form, for the roles that may give it (domain/access.ts): its
// fields, what a link's query chooses in it, and the command its fields make; a form that sends one
// command takes that command's fields (`commandForm`). A refusal shows above the form in French,
// each fault beside its field, and what was typed stays (pages/form.ts).

const REPORT_FORM = commandForm('submit-report', {
  title: 'Compte rendu',
  intro: ({ status }) => {
    const late = status.reports.filter((r) => !r.receivedAt && r.daysLate).map((r) => frenchMonth(r.period));
    return late.length
      ? `En retard : ${late.join(', ')}.`
      : 'Le délégataire rend compte chaque mois (article 5).';
  },
  // The final report is given by its box, once the convention has ended (SPEC §4.9): before,
  // the box is not there; with it, the month is not sent.
  fields: ({ convention, status }, input) => [
    input('period'),
    ...(status.state === 'ended' ? [input('final')] : []),
    {
      kind: 'group',
      legend: fieldWords('submit-report', 'spent').label,
      fields: [...new Set(convention.budget.map((line) => line.uo))].map((uo) =>
        money(`spent.${uo}`, `Dépensé sur ${uo}`),
      ),
    },
    input('progress'),
    input('forecast'),
    input('replace'),
  ],
  preset: (query) => (query.final ? { final: 'true' } : pick(query, 'period')),
  done: 'Le compte rendu est déposé ; il est transmis au délégant.',
});

export const FORMS: Record<ConsoleForm, FormSpec> = {
  sign: SIGN_FORM,
  publish: commandForm('publish', {
    title: 'Publication de la convention',
    intro: () => 'La convention prend effet le jour de sa publication (articles 7 et 8).',
    fields: (_context, input) => [input('publishedOn'), input('where'), input('url')],
    done: 'La publication est enregistrée : la convention est en vigueur depuis sa date de publication.',
  }),
  'confirm-chorus': commandForm('confirm-chorus', {
    title: 'Habilitations Chorus',
    intro: () =>
      'Confirmez que les habilitations Chorus demandées à l’AIFE sont ouvertes (article 2) : le délégataire pourra alors engager les dépenses.',
    fields: () => [],
    done: 'Les habilitations Chorus sont confirmées.',
  }),
  decide: commandForm('decide', {
    title: 'Décision du comité d’investissement',
    fields: ({ status }, input) => [
      input('committee', { choices: undecidedCommittees(status) }),
      input('decision', {
        choices: COMMITTEE_DECISIONS.map((value) => ({ value, label: capitalized(DECISION_NAMES[value]) })),
      }),
      input('phase', {
        choices: PHASES.map((value) => ({ value, label: capitalized(PHASE_NAMES[value]) })),
      }),
      input('notes'),
      input('conditions'),
      input('heldOn'),
    ],
    preset: (query) => pick(query, 'committee'),
    done: 'La décision du comité est enregistrée ; le relevé de décisions part à toutes les parties.',
  }),
  'schedule-committee': commandForm('schedule-committee', {
    title: 'Date, heure et lieu d’un comité',
    intro: () =>
      'La convocation et son invitation portent ce que vous fixez ici ; si elle est déjà partie, chacun reçoit une invitation mise à jour et un message qui dit ce qui change.',
    fields: ({ status }, input) => [
      input('committee', { choices: undecidedCommittees(status) }),
      ...(['date', 'time', 'durationMinutes', 'place', 'visio'] as const).map((name) => input(name)),
    ],
    preset: (query) => pick(query, 'committee'),
    done: 'Le comité est fixé ; la convocation et son invitation le diront, mises à jour si elles sont déjà parties.',
  }),
  report: {
    ...REPORT_FORM,
    // The box says it all: a month left typed in does not make it a monthly report.
    command: (values, context) =>
      REPORT_FORM.command(values.final === 'true' ? { ...values, period: '' } : values, context),
  },
  engage: commandForm('engage', {
    title: 'Engagement d’autorisations d’engagement',
    intro: (context) => closedIntro('engage', context),
    closed: (context) => closedForm('engage', context),
    fields: (context, input) => [
      input('uo', { choices: openChoices('engage', context) }),
      input('ae'),
      input('ref'),
      input('label'),
    ],
    preset: (query) => pick(query, 'uo'),
    done: 'L’engagement est enregistré.',
  }),
  pay: commandForm('pay', {
    title: 'Paiement de crédits de paiement',
    intro: (context) => closedIntro('pay', context),
    closed: (context) => closedForm('pay', context),
    fields: (context, input) => [
      input('uo', { choices: openChoices('pay', context) }),
      input('cp'),
      input('ref'),
      input('engagement'),
    ],
    preset: (query) => pick(query, 'uo'),
    done: 'Le paiement est enregistré.',
  }),
  'request-credits': commandForm('request-credits', {
    title: 'Demande de mise à disposition de crédits',
    intro: () =>
      'Le délégant met les crédits à disposition selon l’échéancier et à la demande du délégataire (article 2).',
    fields: (context, input) => [
      input('uo', {
        choices: withEcheancier(context).map((uo) => {
          const line = context.status.credits.find((l) => l.uo === uo);
          return {
            value: uo,
            label: `${uo} — mis à disposition : ${formatEuros(line?.availability?.ae ?? '0.00')} d’AE`,
          };
        }),
      }),
      input('ae'),
      input('cp'),
      input('wantedBy'),
    ],
    done: 'La demande est enregistrée ; le délégant la reçoit, et un rappel chaque semaine jusqu’à la mise à disposition.',
  }),
  'make-available': commandForm('make-available', {
    title: 'Mise à disposition de crédits',
    intro: ({ status }) =>
      status.creditRequests.length
        ? `Demandes en attente : ${status.creditRequests.map((r) => `${r.uo}, ${formatEuros(r.ae)} d’AE et ${formatEuros(r.cp)} de CP pour le ${frenchDate(r.wantedBy)}`).join(' ; ')}.`
        : 'Aucune demande en attente.',
    fields: (context, input) => [
      input('uo', {
        choices: withEcheancier(context).map((uo) => ({ value: uo, label: uo })),
      }),
      input('ae'),
      input('cp'),
    ],
    // A link from a request: its UO, and what it asked for.
    preset: (query, { status }) => {
      const request = status.creditRequests.find((r) => r.uo === query.uo);
      return {
        ...pick(query, 'uo'),
        ...(request ? { ae: typedAmount(request.ae), cp: typedAmount(request.cp) } : {}),
      };
    },
    done: 'La mise à disposition est enregistrée ; le délégataire en est informé.',
  }),
  'designate-intrapreneur': commandForm('designate-intrapreneur', {
    title: 'Désignation de l’intrapreneur',
    intro: () =>
      'Le délégant désigne un agent disposant du temps et de l’autorité nécessaires pour porter la startup d’État (article 2).',
    fields: (_context, input) => [input('name'), input('email')],
    done: 'L’intrapreneur est désigné.',
  }),
  amend: AMEND_FORM,
  notice: {
    title: 'Préavis de fin de la délégation',
    intro: () =>
      'Chaque partie peut mettre fin à la délégation moyennant un préavis de trois mois (article 7).',
    fields: ({ parties }) => [
      commandInput('give-notice', 'party', {
        choices: parties.map((party) => ({ value: party, label: party })),
      }),
      {
        kind: 'radio',
        name: 'action',
        label: 'Action',
        choices: [
          { value: 'give', label: 'Donner un préavis' },
          { value: 'withdraw', label: 'Retirer le préavis donné' },
        ],
      },
      commandInput('give-notice', 'reason', { optional: true }),
    ],
    preset: (query) => ({ action: 'give', ...pick(query, 'party', 'action') }),
    command: (values) => commandOf(values.action === 'withdraw' ? 'withdraw-notice' : 'give-notice', values),
    done: 'Le préavis est enregistré ; toutes les parties en sont informées.',
  },
  'end-accompaniment': commandForm('end-accompaniment', {
    title: 'Fin de l’accompagnement par la DINUM',
    intro: () =>
      'La DINUM peut mettre fin à son accompagnement, en tout ou partie, si le délégant ne tient pas ses engagements (article 7). Une fin totale vaut préavis.',
    fields: (_context, input) => [
      input('scope', {
        choices: ACCOMPANIMENT_SCOPES.map((value) => ({ value, label: `Fin ${SCOPE_NAMES[value]}` })),
        radio: true,
      }),
      input('commitment', {
        choices: COMMITMENTS.map((value) => ({ value, label: capitalized(COMMITMENT_NAMES[value]) })),
      }),
      input('reason'),
    ],
    preset: () => ({ scope: 'partial' }),
    done: 'La fin de l’accompagnement est enregistrée ; toutes les parties en sont informées.',
  }),
  'year-end-forecast': commandForm('year-end-forecast', {
    title: 'Prévision de fin de gestion',
    intro: ({ status, now, convention }) => {
      const year = currentYear(now, convention);
      const dates = status.credits.flatMap((line) => line.years).find((y) => y.year === year);
      return dates
        ? `Ce que le délégataire prévoit d’engager et de payer sur les crédits de ${year} d’ici la fin de gestion : engagements jusqu’au ${frenchDate(dates.engagementsUntil)}, paiements jusqu’au ${frenchDate(dates.paymentsUntil)}. Elle figure à côté de la projection au rythme constaté.`
        : `La convention n’a pas de crédits pour ${year}.`;
    },
    fields: (context, input) => [
      input('uo', {
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
      }),
      input('ae'),
      input('cp'),
      input('note'),
    ],
    preset: (query) => pick(query, 'uo'),
    done: 'La prévision est enregistrée ; elle figure dans la console et dans les courriels de fin de gestion.',
  }),
};

/** The UOs a credits command can draw on today, each with what it can take and until when. */
function openChoices(command: CreditCommandName, context: FormContext): Choice[] {
  const today = todayOf(context);
  return context.status.credits.flatMap((line) => {
    const window = creditsWindow(line, command, today);
    return window.open ? [{ value: line.uo, label: `${line.uo} — ${openCreditsText(command, window)}` }] : [];
  });
}

/** The UOs a credits command cannot draw on today, with why. */
const closedUos = (command: CreditCommandName, context: FormContext) =>
  creditsWindows(context.status.credits, command, todayOf(context)).flatMap(({ uo, window }) =>
    window.open ? [] : [{ uo, window }],
  );

/** When no UO can be drawn on today, the page says why and when instead of offering the form. */
function closedForm(command: CreditCommandName, context: FormContext) {
  const closed = closedUos(command, context);
  return closed.length && closed.length === context.status.credits.length
    ? { title: closedCreditsTitle(command), text: closedCreditsText(command, closed) }
    : undefined;
}

/** When some UOs can be drawn on today and others not, the form says why not for those. */
function closedIntro(command: CreditCommandName, context: FormContext): string {
  const closed = closedUos(command, context);
  return closed.length < context.status.credits.length ? closedCreditsText(command, closed) : '';
}

/** The form's starting values: what a link's query chose. */
export const presetValues = (form: ConsoleForm, query: Values, context: FormContext): Values =>
  FORMS[form].preset?.(query, context) ?? {};
