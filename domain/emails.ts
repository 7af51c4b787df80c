import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { fr } from 'date-fns/locale/fr';
import { consolePathFor } from './access';
import type { UnconsumedCredits } from './closing';
import type { CommitteeDecision } from './commands';
import type { Phase } from './convention';
import type { LocalDate, Period } from './dates';
import Decimal from 'decimal.js';
import { formatEuros, type MoneyString } from './money';

// The emails, written in French for French civil servants (SPEC §1). `X-Convention-Kind` carries
// the kind. Everything that comes from a person (names, titles, places) is escaped in the HTML part.

export const EMAIL_KINDS = [
  'signature-request',
  'signature-reminder',
  'chorus-habilitation-request',
  'chorus-habilitation-reminder',
  'publication-request',
  'publication-reminder',
  'convention-in-force',
  'committee-convocation',
  'committee-reminder',
  'committee-decision-overdue',
  'committee-minutes',
  'report-due',
  'report-overdue',
  'report-received',
  'credit-threshold',
  'credit-insufficiency',
  'execution-suspended',
  'execution-resumed',
  'amendment-recorded',
  'termination-notice',
  'termination-reminder',
  'termination-effective',
  'termination-withdrawn',
  'convention-expired',
  'final-report-due',
  'final-report-overdue',
  'unconsumed-credits',
  'convention-closed',
  'credits-request',
  'credits-request-reminder',
  'credits-made-available',
  'accompaniment-ended',
  'commitment-warning',
] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

/** What a template needs; plain JSON, as it travels from the workflow to the activity. */
export interface EmailData {
  conventionId: string;
  title: string;
  startup: string;
  party?: { id: string; name: string; representative: string };
  /** The day of the event the email is about (signature requested, all signed, published). */
  since?: LocalDate;
  reminderNumber?: number;
  publication?: { where: string; url?: string };
  committee?: {
    number: number;
    date: LocalDate;
    secretary: string;
    /** For a convocation or a reminder: how many days before the committee. */
    daysBefore?: number;
    /** UOs whose credits should run out before the committee at the pace of engagements. */
    exhaustion?: { uo: string; exhaustsOn: LocalDate }[];
    decision?: CommitteeDecision;
    phase?: Phase;
    notes?: string;
    conditions?: string[];
  };
  report?: {
    /** Absent for the final report. */
    period?: Period;
    dueOn: LocalDate;
    version?: number;
    spent?: { uo: string; amount: MoneyString }[];
    progress?: string;
    forecast?: string;
    by?: string;
  };
  /** The last day the convention was in force. */
  endedOn?: LocalDate;
  credit?: {
    uo: string;
    /** A share of the AE, "0.80". */
    threshold?: string;
    ae?: MoneyString;
    engaged?: MoneyString;
    requested?: MoneyString;
    left?: MoneyString;
    graceUntil?: LocalDate;
    since?: LocalDate;
    amendment?: number;
  };
  notice?: { party: string; partyName: string; reason: string; givenOn: LocalDate; effectiveOn: LocalDate };
  amendment?: {
    number: number;
    summary: string;
    signedOn: LocalDate;
    changes: { uo: string; funder?: string; ae?: MoneyString; cp?: MoneyString }[];
  };
  unconsumed?: UnconsumedCredits[];
  /** DINUM ended its accompaniment (art. 7). */
  accompaniment?: { scope: 'whole' | 'partial'; commitment: string; reason: string; on: LocalDate };
  /** A breach of the délégant's commitments: no intrapreneur, or a committee's decision this late. */
  breach?: { commitment: 'intrapreneur' | 'committee'; daysLate?: number };
  /** Credits asked for, or made available, on a UO (`on`: the day of the request or of the availability). */
  availability?: { uo: string; ae: MoneyString; cp: MoneyString; wantedBy?: LocalDate; on: LocalDate };
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** `26 mars 2020`. */
export function frenchDate(date: LocalDate): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return format(new TZDate(year, month - 1, day, 'UTC'), 'd MMMM yyyy', { locale: fr });
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`,
  );
}

/** A paragraph is a list of pieces: plain strings are ours, `{ user }` pieces came from a person. */
type Piece = string | { user: string };
type Paragraph = Piece[];
interface Template {
  subject: string;
  paragraphs: Paragraph[];
}

const since = (data: EmailData) => (data.since ? frenchDate(data.since) : '');
const reminder = (data: EmailData) => `Rappel n° ${data.reminderNumber ?? 1}`;
const partyOf = (data: EmailData) => data.party ?? { id: '', name: '', representative: '' };
const creditOf = (data: EmailData) => data.credit ?? { uo: '' };
const availabilityOf = (data: EmailData) => data.availability ?? { uo: '', ae: '0', cp: '0', on: '' };

/** `40 000,00 € d’AE et 25 000,00 € de CP`. */
const amounts = ({ ae, cp }: { ae: MoneyString; cp: MoneyString }) =>
  `${formatEuros(ae)} d’autorisations d’engagement et ${formatEuros(cp)} de crédits de paiement`;
const noticeOf = (data: EmailData) =>
  data.notice ?? { party: '', partyName: '', reason: '', givenOn: '', effectiveOn: '' };

/** `+30 000,00 €` or `-5 000,00 €`: an amendment's change. */
const signedEuros = (delta: MoneyString) =>
  delta.startsWith('-') ? formatEuros(new Decimal(delta)) : `+${formatEuros(delta)}`;

function exhaustionWarning(committee: NonNullable<EmailData['committee']>): Paragraph[] {
  return (committee.exhaustion ?? []).map(({ uo, exhaustsOn }) => [
    `Attention : au rythme actuel des engagements, les crédits de l’UO ${uo} seraient épuisés vers le `,
    `${frenchDate(exhaustsOn)}, avant ce comité. Il devrait se tenir 30 à 45 jours avant l’épuisement des crédits.`,
  ]);
}

const committeeOf = (data: EmailData) => data.committee ?? { number: 0, date: '', secretary: '' };
const reportOf = (data: EmailData) => data.report ?? { dueOn: '' };

const DECISIONS: Record<CommitteeDecision, string> = {
  continue: 'poursuite',
  'continue-with-conditions': 'poursuite sous conditions',
  pivot: 'pivot',
  stop: 'arrêt',
};

const PHASE_NAMES: Record<Phase, string> = {
  investigation: 'investigation',
  construction: 'construction',
  acceleration: 'accélération',
  consolidation: 'consolidation (pérennisation)',
  abandon: 'abandon',
};

/** `mars 2021` (a report without a period is the final one). */
export function frenchMonth(period: Period | undefined): string {
  if (!period) return 'la fin de la convention';
  return frenchDate(`${period}-01`).replace(/^1 /, '');
}

function spentText(spent: { uo: string; amount: MoneyString }[] | undefined): string {
  if (!spent?.length) return 'aucune.';
  return spent.map(({ uo, amount }) => `${uo} : ${formatEuros(amount)}`).join(' ; ') + '.';
}

const TEMPLATES: Record<EmailKind, (data: EmailData) => Template> = {
  'signature-request': (data) => ({
    subject: `Signature attendue : convention ${data.startup} (${partyOf(data).id})`,
    paragraphs: [
      ['Madame, Monsieur ', { user: partyOf(data).representative }, ','],
      [
        'La convention de délégation de gestion « ',
        { user: data.title },
        ' » est prête à être signée. Votre signature est attendue au titre de : ',
        { user: partyOf(data).name },
        '.',
      ],
      ['Un rappel vous sera adressé chaque semaine jusqu’à la signature.'],
    ],
  }),
  'signature-reminder': (data) => ({
    subject: `${reminder(data)} : signature attendue de la convention ${data.startup} (${partyOf(data).id})`,
    paragraphs: [
      ['Madame, Monsieur ', { user: partyOf(data).representative }, ','],
      [
        'La convention « ',
        { user: data.title },
        ` » vous a été transmise pour signature le ${since(data)}. La signature de `,
        { user: partyOf(data).name },
        ' est toujours attendue.',
      ],
      [
        'Les autres parties ne peuvent engager aucune dépense tant que la convention n’est pas signée et publiée.',
      ],
    ],
  }),
  'chorus-habilitation-request': (data) => ({
    subject: `Habilitations Chorus à demander : convention ${data.startup}`,
    paragraphs: [
      ['Madame, Monsieur,'],
      [
        'La convention « ',
        { user: data.title },
        ` » est signée par toutes les parties depuis le ${since(data)}.`,
      ],
      [
        'Conformément à son article 2, le délégant procède dès la signature aux demandes de paramétrage ',
        'd’habilitations Chorus auprès de l’AIFE. Merci de confirmer l’ouverture des habilitations dès ',
        'qu’elle est faite : aucun engagement ne peut être passé avant.',
      ],
    ],
  }),
  'chorus-habilitation-reminder': (data) => ({
    subject: `${reminder(data)} : habilitations Chorus toujours attendues (convention ${data.startup})`,
    paragraphs: [
      ['Madame, Monsieur,'],
      [
        'La convention « ',
        { user: data.title },
        ` » est signée depuis le ${since(data)}, mais les habilitations Chorus n’ont pas encore été confirmées.`,
      ],
      ['Tant qu’elles ne le sont pas, la DINUM ne peut engager aucune dépense.'],
    ],
  }),
  'publication-request': (data) => ({
    subject: `Convention signée, publication à effectuer : ${data.startup}`,
    paragraphs: [
      ['Madame, Monsieur,'],
      [
        'La convention « ',
        { user: data.title },
        ` » est signée par toutes les parties depuis le ${since(data)}.`,
      ],
      [
        'Elle prend effet à sa publication (articles 7 et 8), notamment sur data.gouv.fr. ',
        'Merci d’indiquer la date et le lieu de publication dès qu’elle est faite.',
      ],
    ],
  }),
  'publication-reminder': (data) => ({
    subject: `${reminder(data)} : publication attendue de la convention ${data.startup}`,
    paragraphs: [
      ['Madame, Monsieur,'],
      [
        'La convention « ',
        { user: data.title },
        ` » est signée depuis le ${since(data)} mais n’est pas encore publiée.`,
      ],
      ['Elle n’entre en vigueur qu’à sa publication.'],
    ],
  }),
  'convention-in-force': (data) => ({
    subject: `La convention ${data.startup} est en vigueur depuis le ${since(data)}`,
    paragraphs: [
      ['Madame, Monsieur,'],
      [
        'La convention « ',
        { user: data.title },
        ` » a été publiée le ${since(data)} (`,
        { user: data.publication?.where ?? '' },
        ') et prend effet à cette date.',
      ],
      ...(data.publication?.url ? [['Publication : ', { user: data.publication.url }]] : []),
      ['Une copie est adressée au contrôleur budgétaire et comptable ministériel (article 3).'],
    ],
  }),
  'committee-convocation': (data) => {
    const c = committeeOf(data);
    return {
      subject: `Convocation : comité d’investissement n° ${c.number} du ${frenchDate(c.date)}`,
      paragraphs: [
        ['Madame, Monsieur,'],
        [
          `Le comité d’investissement n° ${c.number} de la startup d’État `,
          { user: data.startup },
          ` se tiendra le ${frenchDate(c.date)}. Il évalue les résultats obtenus et décide de la suite à donner `,
          '(article 2 de la convention). Il est présidé par le représentant du délégant.',
        ],
        ...exhaustionWarning(c),
        ['Une invitation est jointe à ce message.'],
      ],
    };
  },
  'committee-reminder': (data) => {
    const c = committeeOf(data);
    return {
      subject: `Rappel : comité d’investissement n° ${c.number} dans ${c.daysBefore} jours (${frenchDate(c.date)})`,
      paragraphs: [
        ['Madame, Monsieur,'],
        [
          `Pour mémoire, le comité d’investissement n° ${c.number} de `,
          { user: data.startup },
          ` se tient le ${frenchDate(c.date)}.`,
        ],
        ['Une invitation est jointe à ce message.'],
      ],
    };
  },
  'committee-decision-overdue': (data) => {
    const c = committeeOf(data);
    return {
      subject: `${reminder(data)} : décision du comité n° ${c.number} à enregistrer`,
      paragraphs: [
        ['Madame, Monsieur ', { user: c.secretary }, ','],
        [
          `Le comité d’investissement n° ${c.number} devait se réunir le ${frenchDate(c.date)}. Sa décision `,
          '(poursuite, poursuite sous conditions, pivot ou arrêt) n’a pas encore été enregistrée.',
        ],
        ['Tant qu’elle ne l’est pas, les parties ne reçoivent pas le relevé de décision.'],
      ],
    };
  },
  'committee-minutes': (data) => {
    const c = committeeOf(data);
    return {
      subject: `Relevé de décision du comité d’investissement n° ${c.number} : ${DECISIONS[c.decision ?? 'continue']}`,
      paragraphs: [
        ['Madame, Monsieur,'],
        [
          `Le comité d’investissement n° ${c.number} (${frenchDate(c.date)}) a décidé : ${DECISIONS[c.decision ?? 'continue']}.`,
        ],
        ...(c.phase ? [[`Phase de la startup d’État : ${PHASE_NAMES[c.phase]}.`]] : []),
        ...(c.conditions?.length ? [['Conditions : ', { user: c.conditions.join(' ; ') }]] : []),
        ...(c.notes ? [['Notes : ', { user: c.notes }]] : []),
        ...(c.decision === 'stop'
          ? [
              [
                'Conformément à l’article 7, il sera mis fin à la délégation moyennant un préavis de trois mois.',
              ],
            ]
          : []),
      ],
    };
  },
  'report-due': (data) => {
    const r = reportOf(data);
    return {
      subject: `Compte rendu mensuel de ${frenchMonth(r.period)} attendu le ${frenchDate(r.dueOn)}`,
      paragraphs: [
        ['Madame, Monsieur,'],
        [
          `Conformément à l’article 5, le délégataire rend compte chaque mois au délégant des dépenses réalisées, `,
          `de l’avancement des travaux et des prévisions de commande et de consommation. Le compte rendu de `,
          `${frenchMonth(r.period)} est attendu au plus tard le ${frenchDate(r.dueOn)}.`,
        ],
      ],
    };
  },
  'report-overdue': (data) => {
    const r = reportOf(data);
    return {
      subject: `${reminder(data)} : compte rendu de ${frenchMonth(r.period)} en retard`,
      paragraphs: [
        ['Madame, Monsieur,'],
        [
          `Le compte rendu mensuel de ${frenchMonth(r.period)}, attendu le ${frenchDate(r.dueOn)}, n’a pas été reçu.`,
        ],
      ],
    };
  },
  'report-received': (data) => {
    const r = reportOf(data);
    const which = r.period ? `compte rendu mensuel de ${frenchMonth(r.period)}` : 'compte rendu final';
    const version = (r.version ?? 1) > 1 ? ` (version ${r.version})` : '';
    return {
      subject: `${which[0]!.toUpperCase()}${which.slice(1)}${version}`,
      paragraphs: [
        ['Madame, Monsieur,'],
        [`Le délégataire a transmis son ${which}${version} (`, { user: r.by ?? '' }, ').'],
        [r.period ? 'Dépenses du mois : ' : 'Dépenses de la dernière période : ', spentText(r.spent)],
        ['Avancement : ', { user: r.progress ?? '' }],
        ['Prévisions de commande et de consommation : ', { user: r.forecast ?? '' }],
      ],
    };
  },
  'convention-expired': (data) => ({
    subject: `La convention ${data.startup} a pris fin le ${frenchDate(data.endedOn ?? '')}`,
    paragraphs: [
      ['Madame, Monsieur,'],
      [
        'La convention « ',
        { user: data.title },
        ` » est arrivée à son terme le ${frenchDate(data.endedOn ?? '')}.`,
      ],
      [
        'Les services associés prennent fin avec elle. Le délégataire rend compte de son exécution dans un ',
        `compte rendu final attendu le ${frenchDate(reportOf(data).dueOn)}.`,
      ],
    ],
  }),
  'final-report-due': (data) => ({
    subject: `Compte rendu final attendu le ${frenchDate(reportOf(data).dueOn)}`,
    paragraphs: [
      ['Madame, Monsieur,'],
      [
        `La convention a pris fin le ${frenchDate(data.endedOn ?? '')}. Conformément à l’article 5, le délégataire `,
        `rend compte au terme de la convention des dépenses réalisées et de l’avancement des travaux, au plus `,
        `tard le ${frenchDate(reportOf(data).dueOn)}.`,
      ],
    ],
  }),
  'final-report-overdue': (data) => ({
    subject: `${reminder(data)} : compte rendu final en retard`,
    paragraphs: [
      ['Madame, Monsieur,'],
      [`Le compte rendu final, attendu le ${frenchDate(reportOf(data).dueOn)}, n’a pas été reçu.`],
    ],
  }),
  'unconsumed-credits': (data) => ({
    subject: `Crédits non consommés au terme de la convention ${data.startup}`,
    paragraphs: [
      ['Madame, Monsieur,'],
      [
        'Conformément à l’article 5, le délégataire vous informe que les crédits mis à disposition ',
        'n’ont pas été entièrement consommés :',
      ],
      ...(data.unconsumed ?? []).map((uo) => [
        `${uo.uo} : ${formatEuros(uo.aeLeft)} d’AE et ${formatEuros(uo.cpLeft)} de CP non consommés `,
        `(${formatEuros(uo.engaged)} engagés sur ${formatEuros(uo.ae)} d’AE, ${formatEuros(uo.paid)} payés sur ${formatEuros(uo.cp)} de CP).`,
      ]),
    ],
  }),
  'convention-closed': (data) => ({
    subject: `La convention ${data.startup} est close`,
    paragraphs: [
      ['Madame, Monsieur,'],
      [
        'Le compte rendu final de la convention « ',
        { user: data.title },
        ' » a été reçu. La convention est close ; son registre des décisions reste consultable.',
      ],
    ],
  }),
  'credit-threshold': (data) => {
    const c = creditOf(data);
    const share = `${new Decimal(c.threshold ?? '0').times(100).toFixed(0)} %`;
    return {
      subject: `${share} des AE de l’UO ${c.uo} sont engagées`,
      paragraphs: [
        ['Madame, Monsieur,'],
        [
          `Les engagements sur l’UO ${c.uo} atteignent ${formatEuros(c.engaged ?? '0')} sur ${formatEuros(c.ae ?? '0')} `,
          `d’autorisations d’engagement allouées, soit plus de ${share}.`,
        ],
        ['Si un complément est nécessaire, il fait l’objet d’un avenant (article 6).'],
      ],
    };
  },
  'credit-insufficiency': (data) => {
    const c = creditOf(data);
    return {
      subject: `Crédits insuffisants sur l’UO ${c.uo}`,
      paragraphs: [
        ['Madame, Monsieur,'],
        [
          `Conformément à l’article 5, le délégataire vous informe sans délai d’une insuffisance de crédits : `,
          `un engagement de ${formatEuros(c.requested ?? '0')} est demandé sur l’UO ${c.uo}, `,
          `alors qu’il reste ${formatEuros(c.left ?? '0')} d’autorisations d’engagement.`,
        ],
        [
          `À défaut d’ajustement de la dotation par avenant d’ici le ${frenchDate(c.graceUntil ?? '')} inclus, `,
          'le délégataire suspendra l’exécution de la délégation.',
        ],
      ],
    };
  },
  'credits-request': (data) => {
    const a = availabilityOf(data);
    return {
      subject: `Demande de mise à disposition de crédits sur l’UO ${a.uo} : ${data.startup}`,
      paragraphs: [
        ['Madame, Monsieur,'],
        [
          `Conformément à l’article 2, le délégataire demande la mise à disposition de ${amounts(a)} `,
          `sur l’UO ${a.uo}${a.wantedBy ? `, pour le ${frenchDate(a.wantedBy)}` : ''}.`,
        ],
        ['Merci d’enregistrer la mise à disposition dès qu’elle est faite dans Chorus.'],
      ],
    };
  },
  'credits-request-reminder': (data) => {
    const a = availabilityOf(data);
    return {
      subject: `${reminder(data)} : crédits attendus sur l’UO ${a.uo} (${data.startup})`,
      paragraphs: [
        ['Madame, Monsieur,'],
        [
          `Le délégataire a demandé le ${frenchDate(a.on)} la mise à disposition de ${amounts(a)} sur l’UO ${a.uo}`,
          `${a.wantedBy ? `, pour le ${frenchDate(a.wantedBy)}` : ''}. Elle n’est pas encore enregistrée.`,
        ],
        ['Sans elle, les engagements sur cette UO restent limités à ce qui a déjà été mis à disposition.'],
      ],
    };
  },
  'credits-made-available': (data) => {
    const a = availabilityOf(data);
    return {
      subject: `Crédits mis à disposition sur l’UO ${a.uo} : ${data.startup}`,
      paragraphs: [
        ['Madame, Monsieur,'],
        [`Le délégant a mis à disposition, le ${frenchDate(a.on)}, ${amounts(a)} sur l’UO ${a.uo}.`],
        ['Les engagements correspondants peuvent être enregistrés.'],
      ],
    };
  },
  'accompaniment-ended': (data) => {
    const a = data.accompaniment ?? { scope: 'whole', commitment: '', reason: '', on: '' };
    const breached = {
      intrapreneur: 'la désignation d’un intrapreneur disposant du temps et de l’autorité nécessaires',
      committee: 'la tenue du comité d’investissement semestriel',
      other: 'les engagements de l’article 2',
    }[a.commitment];
    return {
      subject: `Fin ${a.scope === 'whole' ? 'de l’accompagnement' : 'partielle de l’accompagnement'} de ${data.startup} par la DINUM`,
      paragraphs: [
        ['Madame, Monsieur,'],
        [
          `Conformément à l’article 7, la DINUM met fin ${a.scope === 'whole' ? '' : 'partiellement '}à son `,
          `accompagnement à compter du ${frenchDate(a.on)}, le délégant n’ayant pas respecté ${breached}.`,
        ],
        ['Motif : ', { user: a.reason }],
        a.scope === 'whole'
          ? [
              'La DINUM donne en conséquence son préavis : la convention prendra fin au terme du délai de préavis.',
            ]
          : ['La convention se poursuit pour le reste.'],
      ],
    };
  },
  'commitment-warning': (data) => {
    const b = data.breach ?? { commitment: 'intrapreneur' };
    return {
      subject: `Engagements du délégant à tenir : ${data.startup}`,
      paragraphs: [
        ['Madame, Monsieur,'],
        b.commitment === 'intrapreneur'
          ? [
              'Aucun intrapreneur n’est désigné pour la startup d’État, alors que l’article 2 engage le délégant à ',
              'désigner un agent disposant du temps et de l’autorité nécessaires.',
            ]
          : [
              `La décision du comité d’investissement n° ${data.committee?.number ?? ''} du `,
              `${frenchDate(data.committee?.date ?? '')} n’est toujours pas enregistrée, ${b.daysLate ?? ''} jours après.`,
            ],
        ['Faute d’y remédier, la DINUM peut mettre fin à son accompagnement, en tout ou partie (article 7).'],
      ],
    };
  },
  'execution-suspended': (data) => {
    const c = creditOf(data);
    return {
      subject: `Exécution de la convention ${data.startup} suspendue`,
      paragraphs: [
        ['Madame, Monsieur,'],
        [
          `Faute d’ajustement de la dotation de l’UO ${c.uo}, l’exécution de la délégation est suspendue `,
          `depuis le ${frenchDate(c.since ?? '')} (article 5). Aucun engagement ni paiement n’est plus passé.`,
        ],
        [
          'Les comptes rendus et les comités d’investissement se poursuivent. Un avenant peut rétablir l’exécution.',
        ],
      ],
    };
  },
  'execution-resumed': (data) => {
    const c = creditOf(data);
    return {
      subject: `Exécution de la convention ${data.startup} rétablie`,
      paragraphs: [
        ['Madame, Monsieur,'],
        [
          `L’avenant n° ${c.amendment} ajuste la dotation de l’UO ${c.uo} : l’exécution de la délégation, `,
          `suspendue depuis le ${frenchDate(c.since ?? '')}, reprend.`,
        ],
      ],
    };
  },
  'amendment-recorded': (data) => {
    const a = data.amendment ?? { number: 0, summary: '', signedOn: '', changes: [] };
    return {
      subject: `Avenant n° ${a.number} à la convention ${data.startup}`,
      paragraphs: [
        ['Madame, Monsieur,'],
        [
          `L’avenant n° ${a.number}, signé le ${frenchDate(a.signedOn)}, a été enregistré : `,
          { user: a.summary },
        ],
        ...a.changes.map((change) => [
          `UO ${change.uo}${change.funder ? ` (${change.funder})` : ''} : `,
          [change.ae ? `AE ${signedEuros(change.ae)}` : '', change.cp ? `CP ${signedEuros(change.cp)}` : '']
            .filter(Boolean)
            .join(', ') || 'imputation modifiée',
          '.',
        ]),
        ['Un exemplaire est transmis au contrôleur budgétaire et comptable ministériel (article 6).'],
      ],
    };
  },
  'termination-notice': (data) => {
    const n = noticeOf(data);
    return {
      subject: `Préavis de résiliation : la convention ${data.startup} prendra fin le ${frenchDate(n.effectiveOn)}`,
      paragraphs: [
        ['Madame, Monsieur,'],
        [
          `Conformément à l’article 7, `,
          { user: n.partyName },
          ` a mis fin à la délégation de gestion le ${frenchDate(n.givenOn)}, moyennant un préavis de trois mois. `,
          `La convention prendra fin le ${frenchDate(n.effectiveOn)}.`,
        ],
        ['Motif : ', { user: n.reason }],
        ['La résiliation entraîne de plein droit celle des services associés.'],
      ],
    };
  },
  'termination-reminder': (data) => {
    const n = noticeOf(data);
    return {
      subject: `Rappel : la convention ${data.startup} prend fin le ${frenchDate(n.effectiveOn)}`,
      paragraphs: [
        ['Madame, Monsieur,'],
        [
          `Le préavis donné le ${frenchDate(n.givenOn)} par `,
          { user: n.partyName },
          ` arrive à son terme : la convention prend fin le ${frenchDate(n.effectiveOn)}, et avec elle les services associés.`,
        ],
        ['Le délégataire rendra compte de son exécution dans un compte rendu final.'],
      ],
    };
  },
  'termination-effective': (data) => {
    const n = noticeOf(data);
    return {
      subject: `La convention ${data.startup} a pris fin`,
      paragraphs: [
        ['Madame, Monsieur,'],
        [
          `Au terme du préavis donné le ${frenchDate(n.givenOn)} par `,
          { user: n.partyName },
          `, la convention prend fin ce ${frenchDate(n.effectiveOn)}, ainsi que les services associés `,
          '(comités d’investissement, comptes rendus mensuels, engagements et paiements).',
        ],
        ['Le délégataire rend compte de son exécution dans un compte rendu final.'],
      ],
    };
  },
  'termination-withdrawn': (data) => {
    const n = noticeOf(data);
    return {
      subject: `Préavis retiré : la convention ${data.startup} se poursuit`,
      paragraphs: [
        ['Madame, Monsieur,'],
        [
          `Le préavis donné le ${frenchDate(n.givenOn)} par `,
          { user: n.partyName },
          ' a été retiré. La convention se poursuit.',
        ],
      ],
    };
  },
};

const SIGNATURE =
  'Ce message est envoyé automatiquement par l’outil de suivi des conventions de beta.gouv.fr.';

/**
 * The email of `kind` in French, text and HTML. With `consoleUrl`, it links to the web console's
 * form or page where its reader acts on it.
 */
export function renderEmail(kind: EmailKind, data: EmailData, consoleUrl?: string): RenderedEmail {
  const { subject, paragraphs } = TEMPLATES[kind](data);
  const plain = (paragraph: Paragraph) =>
    paragraph.map((piece) => (typeof piece === 'string' ? piece : piece.user)).join('');
  const html = (paragraph: Paragraph) =>
    paragraph.map((piece) => escapeHtml(typeof piece === 'string' ? piece : piece.user)).join('');
  const reference = `Référence : ${data.conventionId}`;
  const link = consoleUrl ? new URL(consolePathFor(kind, data.conventionId), consoleUrl).href : undefined;
  const linkIntro = 'En ligne, pour agir ou consulter la convention : ';
  return {
    subject: `[${data.startup}] ${subject}`,
    text:
      [...paragraphs.map(plain), ...(link ? [linkIntro + link] : []), reference, '--', SIGNATURE].join(
        '\n\n',
      ) + '\n',
    html:
      '<!doctype html><html lang="fr"><body>' +
      [
        ...paragraphs.map(html),
        ...(link ? [`${escapeHtml(linkIntro)}<a href="${escapeHtml(link)}">${escapeHtml(link)}</a>`] : []),
        escapeHtml(reference),
      ]
        .map((p) => `<p>${p}</p>`)
        .join('') +
      `<hr><p><small>${escapeHtml(SIGNATURE)}</small></p></body></html>`,
  };
}
