import { frenchDate, reminder, type Templates } from './french';

// The document's circuit (issue 31): its validation before the signatures, changes asked for, a
// new version. Every text from a person (a comment, a note, a name) is a `{ user }` piece.

export const CIRCUIT_TEMPLATES: Templates<
  | 'validation-request'
  | 'validation-reminder'
  | 'new-version-request'
  | 'new-version-reminder'
  | 'version-added'
> = {
  'validation-request': (data) => ({
    subject: `Validation attendue : version n° ${data.validation.version} de la convention ${data.startup}`,
    paragraphs: [
      ['Madame, Monsieur,'],
      [
        `La version n° ${data.validation.version} de la convention « `,
        { user: data.title },
        ` » est soumise à votre validation depuis le ${frenchDate(data.since)}, au titre de : `,
        { user: data.validation.approverName },
        '.',
      ],
      [
        'Après lecture du document, validez-le ou demandez des modifications en les décrivant. ',
        'La convention n’est présentée à la signature qu’une fois validée par tous.',
      ],
      ['Un rappel vous sera adressé chaque semaine jusqu’à votre réponse.'],
    ],
  }),
  'validation-reminder': (data) => ({
    subject: `${reminder(data)} : validation attendue de la convention ${data.startup} (version n° ${data.validation.version})`,
    paragraphs: [
      ['Madame, Monsieur,'],
      [
        `La version n° ${data.validation.version} de la convention « `,
        { user: data.title },
        ` » attend votre validation depuis le ${frenchDate(data.since)}, au titre de : `,
        { user: data.validation.approverName },
        '.',
      ],
      ['Les signatures ne peuvent commencer qu’une fois le document validé.'],
    ],
  }),
  'new-version-request': (data) => ({
    subject: `Modifications demandées : version n° ${data.changes.version} de la convention ${data.startup}`,
    paragraphs: [
      ['Madame, Monsieur,'],
      [
        `Des modifications de la version n° ${data.changes.version} de la convention « `,
        { user: data.title },
        ` » ont été demandées le ${frenchDate(data.since)} par `,
        { user: data.changes.by },
        ', au titre de : ',
        { user: data.changes.approverName },
        '.',
      ],
      ['Modifications demandées : ', { user: data.changes.comment }],
      ['Merci de déposer une nouvelle version du document : la validation reprendra sur celle-ci.'],
    ],
  }),
  'new-version-reminder': (data) => ({
    subject: `${reminder(data)} : nouvelle version attendue de la convention ${data.startup}`,
    paragraphs: [
      ['Madame, Monsieur,'],
      [
        `Des modifications de la version n° ${data.changes.version} de la convention « `,
        { user: data.title },
        ` » ont été demandées le ${frenchDate(data.since)}. Aucune nouvelle version n’a encore été déposée.`,
      ],
      ['Modifications demandées : ', { user: data.changes.comment }],
    ],
  }),
  'version-added': (data) => ({
    subject: `Nouvelle version n° ${data.version.number} de la convention ${data.startup}`,
    paragraphs: [
      ['Madame, Monsieur,'],
      [
        `Une nouvelle version, n° ${data.version.number}, de la convention « `,
        { user: data.title },
        ` » a été ${data.version.origin === 'model' ? 'rédigée à partir du modèle' : 'déposée'} le ${frenchDate(data.version.on)} par `,
        { user: data.version.addedBy },
        '.',
      ],
      ...(data.version.note ? [['Motif : ', { user: data.version.note }]] : []),
      [`Empreinte SHA-256 du document : ${data.version.sha256}.`],
      [
        data.version.validation
          ? 'Les validations des versions précédentes ne valent plus : la validation reprend sur cette version.'
          : 'C’est désormais cette version qui sera signée.',
      ],
    ],
  }),
};
