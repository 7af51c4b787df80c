import type { CommitteeNoticeData } from './data';
import { DECISION_NAMES, frenchDate, PHASE_NAMES, reminder, type Paragraph, type Templates } from './french';

// The investment committee (SPEC §4.4): convocation, reminders, the decision awaited, the minutes.

function exhaustionWarning({ committee }: CommitteeNoticeData): Paragraph[] {
  return (committee.exhaustion ?? []).map(({ uo, exhaustsOn }) => [
    `Attention : au rythme actuel des engagements, les crédits de l’UO ${uo} seraient épuisés vers le `,
    `${frenchDate(exhaustsOn)}, avant ce comité. Il devrait se tenir 30 à 45 jours avant l’épuisement des crédits.`,
  ]);
}

export const COMMITTEE_TEMPLATES: Templates<
  'committee-convocation' | 'committee-reminder' | 'committee-decision-overdue' | 'committee-minutes'
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
          ` se tiendra le ${frenchDate(c.date)}. Il évalue les résultats obtenus et décide de la suite à donner `,
          '(article 2 de la convention). Il est présidé par le représentant du délégant.',
        ],
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
          ` se tient le ${frenchDate(c.date)}.`,
        ],
        ['Une invitation est jointe à ce message.'],
      ],
    };
  },
  'committee-decision-overdue': (data) => {
    const c = data.committee;
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
    const c = data.committee;
    return {
      subject: `Relevé de décision du comité d’investissement n° ${c.number} : ${DECISION_NAMES[c.decision]}`,
      paragraphs: [
        ['Madame, Monsieur,'],
        [
          `Le comité d’investissement n° ${c.number} (${frenchDate(c.date)}) a décidé : ${DECISION_NAMES[c.decision]}.`,
        ],
        ...(c.phase ? [[`Phase de la startup d’État : ${PHASE_NAMES[c.phase]}.`]] : []),
        ...(c.conditions.length ? [['Conditions : ', { user: c.conditions.join(' ; ') }]] : []),
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
};
