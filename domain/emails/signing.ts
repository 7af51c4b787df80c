import { frenchDate, reminder, type Templates } from './french';

// Signing, Chorus habilitations and publication (SPEC §4.1–4.3): until the convention is in force.

export const SIGNING_TEMPLATES: Templates<
  | 'signature-request'
  | 'signature-reminder'
  | 'chorus-habilitation-request'
  | 'chorus-habilitation-reminder'
  | 'publication-request'
  | 'publication-reminder'
  | 'convention-in-force'
> = {
  'signature-request': (data) => ({
    subject: `Signature attendue : convention ${data.startup} (${data.party.id})`,
    paragraphs: [
      // To the representative and the party's contacts: nobody is greeted by another's name.
      ['Madame, Monsieur,'],
      ['La convention « ', { user: data.title }, ' » est prête à être signée.'],
      ['Signature attendue au titre de : ', { user: data.party.name }, '.'],
      ['Signataire : ', { user: data.party.representative }, ', qui représente cette partie.'],
      ['Un rappel vous sera adressé chaque semaine jusqu’à la signature.'],
    ],
  }),
  'signature-reminder': (data) => ({
    subject: `${reminder(data)} : signature attendue de la convention ${data.startup} (${data.party.id})`,
    paragraphs: [
      ['Madame, Monsieur,'],
      [
        'La convention « ',
        { user: data.title },
        ` » a été transmise pour signature le ${frenchDate(data.since)}. La signature au titre de : `,
        { user: data.party.name },
        ' est toujours attendue.',
      ],
      ['Signataire : ', { user: data.party.representative }, ', qui représente cette partie.'],
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
        ` » est signée par toutes les parties depuis le ${frenchDate(data.since)}.`,
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
        ` » est signée depuis le ${frenchDate(data.since)}, mais les habilitations Chorus n’ont pas encore été confirmées.`,
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
        ` » est signée par toutes les parties depuis le ${frenchDate(data.since)}.`,
      ],
      [
        'Elle prend effet à sa publication (articles 7 et 8), notamment sur data.gouv.fr. ',
        'Dès qu’elle est faite, merci d’enregistrer la date de publication (la convention prend effet ce jour-là), ',
        'le lieu de publication et, s’il y en a une, l’adresse de la publication.',
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
        ` » est signée depuis le ${frenchDate(data.since)} mais n’est pas encore publiée.`,
      ],
      [
        'Elle n’entre en vigueur qu’à sa publication. Une fois publiée, merci d’enregistrer la date et le lieu ',
        'de publication (et son adresse, s’il y en a une) : la convention prend effet à cette date.',
      ],
    ],
  }),
  'convention-in-force': (data) => ({
    subject: `La convention ${data.startup} est en vigueur depuis le ${frenchDate(data.since)}`,
    paragraphs: [
      ['Madame, Monsieur,'],
      [
        'La convention « ',
        { user: data.title },
        ` » a été publiée le ${frenchDate(data.since)} (`,
        { user: data.publication.where },
        ') et prend effet à cette date.',
      ],
      ...(data.publication.url ? [['Publication : ', { user: data.publication.url }]] : []),
      ['Une copie est adressée au contrôleur budgétaire et comptable ministériel (article 3).'],
    ],
  }),
};
