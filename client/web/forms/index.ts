import Decimal from 'decimal.js';
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
import { formatEuros } from '../../../domain/money';
import { AMEND_FORM } from './amend';
import {
  committeeChoice,
  currentYear,
  given,
  lines,
  money,
  pick,
  trimmed,
  uoChoices,
  withEcheancier,
  type FormContext,
  type FormSpec,
  type Values,
} from './spec';

export type { FormContext, Values } from './spec';

// Every command of SPEC §5 as a form, for the roles that may give it (domain/access.ts): its
// fields, what a link's query chooses in it, and the command its fields make. A refusal shows above
// the form in French, each fault beside its field, and what was typed stays (pages/form.ts).

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
  amend: AMEND_FORM,
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

/** The form's starting values: what a link's query chose. */
export const presetValues = (form: ConsoleForm, query: Values, context: FormContext): Values =>
  FORMS[form].preset?.(query, context) ?? {};
