import { frenchDate, type Templates } from './french';

// The end of the délégation before its term (SPEC §4.8, 4.11, art. 7): a notice and what follows
// it, and the délégant's commitments whose breach lets DINUM end its accompaniment.

export const NOTICE_TEMPLATES: Templates<
  | 'termination-notice'
  | 'termination-reminder'
  | 'termination-effective'
  | 'termination-withdrawn'
  | 'accompaniment-ended'
  | 'commitment-warning'
> = {
  'termination-notice': (data) => {
    const n = data.notice;
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
    const n = data.notice;
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
    const n = data.notice;
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
    const n = data.notice;
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
  'accompaniment-ended': (data) => {
    const a = data.accompaniment;
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
  'commitment-warning': (data) => ({
    subject: `Engagements du délégant à tenir : ${data.startup}`,
    paragraphs: [
      ['Madame, Monsieur,'],
      'committee' in data
        ? [
            `La décision du comité d’investissement n° ${data.committee.number} du `,
            `${frenchDate(data.committee.date)} n’est toujours pas enregistrée, ${data.breach.daysLate} jours après.`,
          ]
        : [
            'Aucun intrapreneur n’est désigné pour la startup d’État, alors que l’article 2 engage le délégant à ',
            'désigner un agent disposant du temps et de l’autorité nécessaires.',
          ],
      ['Faute d’y remédier, la DINUM peut mettre fin à son accompagnement, en tout ou partie (article 7).'],
    ],
  }),
};
