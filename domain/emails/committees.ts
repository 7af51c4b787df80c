import type { CommitteeNoticeData } from './data';
import {
  DECISION_NAMES,
  frenchDate,
  frenchTime,
  PHASE_NAMES,
  of,
  reminder,
  type Paragraph,
  type Piece,
  type Templates,
} from './french';

// The investment committee (SPEC §4.4): convocation, reminders, the decision awaited, the minutes.

function exhaustionWarning({ committee }: CommitteeNoticeData): Paragraph[] {
  return (committee.exhaustion ?? []).map(({ uo, exhaustsOn }) => [
    `Attention : au rythme actuel des engagements, les crédits de l’UO ${uo} seraient épuisés vers le `,
    `${frenchDate(exhaustsOn)}, avant ce comité. Il devrait se tenir 30 à 45 jours avant l’épuisement des crédits.`,
  ]);
}

/** `le 28 septembre 2020 à 14 h 30`: the committee's day, and its time once set. */
const when = ({ date, time }: CommitteeNoticeData['committee']) =>
  `le ${frenchDate(date)}${time ? ` à ${frenchTime(time)}` : ''}`;

/**
 * Where it meets, once set: the place and the visio link are the secretary's words. What is not set
 * yet is said to be the secretary's to set.
 */
function where({ time, place, visio }: CommitteeNoticeData['committee']): Paragraph[] {
  const unset =
    !time && !place && !visio
      ? 'L’heure et le lieu (ou le lien de visioconférence) seront fixés'
      : !time
        ? 'L’heure sera fixée'
        : !place && !visio
          ? 'Le lieu ou le lien de visioconférence sera fixé'
          : undefined;
  return [
    ...(place ? [['Lieu : ', { user: place }]] : []),
    ...(visio ? [['Visioconférence : ', { user: visio }]] : []),
    ...(unset
      ? [[`${unset} par le secrétariat du comité ; une invitation mise à jour vous sera alors adressée.`]]
      : []),
  ];
}

/** Who chairs: the délégant's representative the convention names. */
function chairedBy({ chair }: CommitteeNoticeData['committee']): Piece[] {
  return chair
    ? [' Il est présidé par ', { user: `${chair.name}, ${chair.title} (${chair.party})` }, '.']
    : [' Il est présidé par le représentant du délégant.'];
}

const FIELD_WORDS = {
  date: 'date',
  time: 'heure',
  durationMinutes: 'durée',
  place: 'lieu',
  visio: 'lien de visioconférence',
} as const;

/** A setting's value as an email writes it. */
function settingText(field: keyof typeof FIELD_WORDS, value: string): Piece {
  if (field === 'date') return frenchDate(value);
  if (field === 'time') return frenchTime(value);
  if (field === 'durationMinutes') return `${value} minutes`;
  return { user: value };
}

export const COMMITTEE_TEMPLATES: Templates<
  | 'committee-convocation'
  | 'committee-reminder'
  | 'committee-decision-overdue'
  | 'committee-minutes'
  | 'committee-rescheduled'
> = {
  'committee-convocation': (data) => {
    const c = data.committee;
    return {
      subject: `Convocation : comité d’investissement n° ${c.number} du ${frenchDate(c.date)}`,
      paragraphs: [
        ['Madame, Monsieur,'],
        [
          `Le comité d’investissement n° ${c.number} de la startup d’État `,
          { user: data.startup },
          ` se tiendra ${when(c)}. Il évalue les résultats obtenus et décide de la suite à donner `,
          '(article 2 de la convention).',
          ...chairedBy(c),
        ],
        ...where(c),
        ...exhaustionWarning(data),
        ['Une invitation est jointe à ce message.'],
      ],
    };
  },
  'committee-reminder': (data) => {
    const c = data.committee;
    return {
      subject: `Rappel : comité d’investissement n° ${c.number} dans ${c.daysBefore} jours (${frenchDate(c.date)})`,
      paragraphs: [
        ['Madame, Monsieur,'],
        [
          `Pour mémoire, le comité d’investissement n° ${c.number} de `,
          { user: data.startup },
          ` se tient ${when(c)}.`,
        ],
        ...where(c),
        ['Une invitation est jointe à ce message.'],
      ],
    };
  },
  'committee-decision-overdue': (data) => {
    const c = data.committee;
    return {
      subject: `${reminder(data)} : décision du comité n° ${c.number} à enregistrer`,
      paragraphs: [
        ['Madame, Monsieur,'],
        [
          `Le comité d’investissement n° ${c.number} devait se réunir le ${frenchDate(c.date)}. Sa décision `,
          '(poursuite, poursuite sous conditions, pivot ou arrêt) n’a pas encore été enregistrée.',
        ],
        ['Tant qu’elle ne l’est pas, les parties ne reçoivent pas le relevé de décisions.'],
      ],
    };
  },
  'committee-minutes': (data) => {
    const c = data.committee;
    return {
      subject: `Relevé de décisions du comité d’investissement n° ${c.number} : ${DECISION_NAMES[c.decision]}`,
      paragraphs: [
        ['Madame, Monsieur,'],
        [
          c.heldOn && c.heldOn !== c.date
            ? `Le comité d’investissement n° ${c.number}, réuni le ${frenchDate(c.heldOn)} (il était prévu le ${frenchDate(c.date)}), a décidé : ${DECISION_NAMES[c.decision]}.`
            : `Le comité d’investissement n° ${c.number} (${frenchDate(c.date)}) a décidé : ${DECISION_NAMES[c.decision]}.`,
        ],
        ...(c.phase ? [[`Phase de la startup d’État : ${PHASE_NAMES[c.phase]}.`]] : []),
        ...(c.conditions.length ? [['Conditions : ', { user: c.conditions.join(' ; ') }]] : []),
        ...(c.notes ? [['Relevé de décisions : ', { user: c.notes }]] : []),
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
  'committee-rescheduled': (data) => {
    const c = data.committee;
    const changes = c.changes ?? [];
    const words = changes.map(({ field }) => of(FIELD_WORDS[field]));
    const what = words.length > 1 ? `${words.slice(0, -1).join(', ')} et ${words.at(-1)}` : (words[0] ?? '');
    return {
      subject: `Comité d’investissement n° ${c.number} : changement ${what}`,
      paragraphs: [
        ['Madame, Monsieur,'],
        [
          `Le secrétariat du comité a modifié le comité d’investissement n° ${c.number} de la startup d’État `,
          { user: data.startup },
          ' :',
        ],
        // A field set for the first time has no "before".
        ...changes.map(({ field, before, after }, i): Paragraph => [
          `– ${FIELD_WORDS[field]} : `,
          ...(before === undefined ? [] : [settingText(field, before), ' → ']),
          settingText(field, after!),
          i === changes.length - 1 ? '.' : ' ;',
        ]),
        [`Il se tiendra ${when(c)}.`],
        ...where(c),
        ['L’invitation jointe remplace la précédente dans votre agenda.'],
      ],
    };
  },
};
