import Decimal from 'decimal.js';
import { formatEuros } from '../money';
import { amounts, frenchDate, reminder, signedEuros, type Templates } from './french';

// Credits (SPEC §4.6, 4.7, 4.10): alerts, an insufficiency and the suspension it may lead to,
// avenants, and the délégant making credits available on request.

export const CREDIT_TEMPLATES: Templates<
  | 'credit-threshold'
  | 'credit-insufficiency'
  | 'execution-suspended'
  | 'execution-resumed'
  | 'amendment-recorded'
  | 'credits-request'
  | 'credits-request-reminder'
  | 'credits-made-available'
> = {
  'credit-threshold': ({ credit }) => {
    const share = `${new Decimal(credit.threshold).times(100).toFixed(0)} %`;
    return {
      subject: `${share} des AE${credit.year ? ` de ${credit.year}` : ''} de l’UO ${credit.uo} sont engagées`,
      paragraphs: [
        ['Madame, Monsieur,'],
        [
          `Les engagements sur l’UO ${credit.uo} atteignent ${formatEuros(credit.engaged)} sur ${formatEuros(credit.ae)} `,
          `d’autorisations d’engagement allouées${credit.year ? ` au titre de ${credit.year}` : ''}, soit plus de ${share}.`,
        ],
        ['Si un complément est nécessaire, il fait l’objet d’un avenant (article 6).'],
      ],
    };
  },
  'credit-insufficiency': ({ credit }) => ({
    subject: `Crédits insuffisants sur l’UO ${credit.uo}`,
    paragraphs: [
      ['Madame, Monsieur,'],
      [
        `Conformément à l’article 5, le délégataire vous informe sans délai d’une insuffisance de crédits : `,
        `un engagement de ${formatEuros(credit.requested)} est demandé sur l’UO ${credit.uo}, `,
        `alors qu’il reste ${formatEuros(credit.left)} d’autorisations d’engagement.`,
      ],
      [
        `À défaut d’ajustement de la dotation par avenant d’ici le ${frenchDate(credit.graceUntil)} inclus, `,
        'le délégataire suspendra l’exécution de la délégation.',
      ],
    ],
  }),
  'execution-suspended': (data) => ({
    subject: `Exécution de la convention ${data.startup} suspendue`,
    paragraphs: [
      ['Madame, Monsieur,'],
      [
        `Faute d’ajustement de la dotation de l’UO ${data.credit.uo}, l’exécution de la délégation est suspendue `,
        `depuis le ${frenchDate(data.credit.since)} (article 5). Aucun engagement ni paiement n’est plus passé.`,
      ],
      [
        'Les comptes rendus et les comités d’investissement se poursuivent. Un avenant peut rétablir l’exécution.',
      ],
    ],
  }),
  'execution-resumed': (data) => ({
    subject: `Exécution de la convention ${data.startup} rétablie`,
    paragraphs: [
      ['Madame, Monsieur,'],
      [
        `L’avenant n° ${data.credit.amendment} ajuste la dotation de l’UO ${data.credit.uo} : l’exécution de la délégation, `,
        `suspendue depuis le ${frenchDate(data.credit.since)}, reprend.`,
      ],
    ],
  }),
  'amendment-recorded': (data) => {
    const a = data.amendment;
    return {
      subject: `Avenant n° ${a.number} à la convention ${data.startup}`,
      paragraphs: [
        ['Madame, Monsieur,'],
        [
          `L’avenant n° ${a.number}, signé le ${frenchDate(a.signedOn)}, a été enregistré : `,
          { user: a.summary },
        ],
        ...a.changes.map((change) => [
          `UO ${change.uo}${change.funder ? ` (${change.funder})` : ''}`,
          change.year ? `, crédits de ${change.year} : ` : ' : ',
          [change.ae ? `AE ${signedEuros(change.ae)}` : '', change.cp ? `CP ${signedEuros(change.cp)}` : '']
            .filter(Boolean)
            .join(', ') || 'imputation modifiée',
          '.',
        ]),
        ['Un exemplaire est transmis au contrôleur budgétaire et comptable ministériel (article 6).'],
      ],
    };
  },
  'credits-request': (data) => {
    const a = data.availability;
    return {
      subject: `Demande de mise à disposition de crédits sur l’UO ${a.uo} : ${data.startup}`,
      paragraphs: [
        ['Madame, Monsieur,'],
        [
          `Conformément à l’article 2, le délégataire demande la mise à disposition de ${amounts(a)} `,
          `sur l’UO ${a.uo}, pour le ${frenchDate(a.wantedBy)}.`,
        ],
        ['Merci d’enregistrer la mise à disposition dès qu’elle est faite dans Chorus.'],
      ],
    };
  },
  'credits-request-reminder': (data) => {
    const a = data.availability;
    return {
      subject: `${reminder(data)} : crédits attendus sur l’UO ${a.uo} (${data.startup})`,
      paragraphs: [
        ['Madame, Monsieur,'],
        [
          `Le délégataire a demandé le ${frenchDate(a.on)} la mise à disposition de ${amounts(a)} sur l’UO ${a.uo}`,
          `, pour le ${frenchDate(a.wantedBy)}. Elle n’est pas encore enregistrée.`,
        ],
        ['Sans elle, les engagements sur cette UO restent limités à ce qui a déjà été mis à disposition.'],
      ],
    };
  },
  'credits-made-available': (data) => {
    const a = data.availability;
    return {
      subject: `Crédits mis à disposition sur l’UO ${a.uo} : ${data.startup}`,
      paragraphs: [
        ['Madame, Monsieur,'],
        [`Le délégant a mis à disposition, le ${frenchDate(a.on)}, ${amounts(a)} sur l’UO ${a.uo}.`],
        ['Les engagements correspondants peuvent être enregistrés.'],
      ],
    };
  },
};
