import type { TParty } from '../convention';

// The words of DINUM's model of « convention de délégation de gestion » (issue 31, item 1), as the
// seed shows it (../shared/seed/convention-camino-2020.txt), its OCR's defects mended. What a
// convention's data says (parties, startup, amounts, Chorus references, durations) is put in by
// domain/model-document.ts; what every convention of the model says is here, word for word.
// domain/reading/convention-text.ts reads this text back: the sentences that name the parties,
// art. 2's table and art. 5's references keep the shape that grammar reads.

export const MODEL_TITLE = 'Convention de délégation de gestion';
/** The day is written by hand, or by the signature, when the last party signs. */
export const MODEL_DATED = 'en date du ____________';

export const BETWEEN = 'Entre';
export const ON_ONE_SIDE = 'D’une part,';
export const AND = 'Et';

/** `Représentés par` a list of representatives, each `<name>, <title> (<ID>)`. */
export const representedBy = (count: number) => (count > 1 ? 'Représentés par' : 'Représenté par');

/** `Ci-après dénommés « le délégant »`: the shape the reading looks for. */
export const designated = (role: 'delegant' | 'delegataire', count: number) =>
  role === 'delegant'
    ? `Ci-après dénommé${count > 1 ? 's' : ''} « le délégant »,`
    : 'Ci-après dénommé « le délégataire » ou « la DINUM »,';

export const RECITALS = [
  'Vu le décret n° 2004-1085 du 14 octobre 2004 modifié relatif à la délégation de gestion dans les services de l’État,',
  'Vu le décret n° 2012-1246 du 7 novembre 2012 modifié relatif à la gestion budgétaire et comptable publique,',
];

export const AGREED = 'Il a été convenu ce qui suit :';

export const PREAMBLE = 'Préambule';

export const PREAMBLE_BETA = [
  'beta.gouv.fr est un programme de la DINUM qui a pour objectif d’accompagner les administrations publiques à axer leurs services sur les besoins des utilisateurs en constituant des équipes chargées de résoudre des irritants ou des problèmes de politique publique.',
  'Ces équipes suivent une méthode de développement agile surnommée « approche Startup d’État ». Au sein d’un incubateur, les équipes investiguent le problème identifié pour mieux comprendre les besoins des utilisateurs (« phase d’investigation »), puis construisent une première solution minimale pour expérimenter et confronter la solution aux besoins des utilisateurs (« phase de construction »). En cas d’utilité avérée, le service s’améliore, s’étend à de nouveaux périmètres et se déploie (« phase d’accélération ») pour ensuite trouver une solution de pérennisation adaptée (« phase de consolidation »).',
  'Chaque équipe est constituée d’experts du numérique recrutés par beta.gouv.fr et d’un ou plusieurs agents publics issus de l’administration partenaire, agissant en qualité d’intrapreneur(s).',
];

/** The startup and its incubator: `<Name> est une startup d’État … l’incubateur « … »`, as the reading finds them. */
export const preambleStartup = (startup: string, incubator: string) =>
  `${startup} est une startup d’État accompagnée par l’incubateur « ${incubator} ». Le service ${startup} est développé selon la méthode Startup d’État, de manière itérative et incrémentale. Les besoins exprimés par les utilisateurs et la mesure des impacts du service guident la stratégie de développement. Un comité des financeurs décide régulièrement des moyens alloués à l’équipe de la startup d’État ${startup} pour atteindre les objectifs qu’elle se fixe.`;

/** The co-funders, each `<name> (<ID>)` after a semicolon or the colon: the reading names them from there. */
export const preambleCofunders = (startup: string, cofunders: readonly string[]) =>
  `${cofunders.length > 1 ? 'Participent' : 'Participe'} également au financement de ${startup}, sans être partie${cofunders.length > 1 ? 's' : ''} à la présente convention : ${cofunders.join(' ; ')}.`;

/** What each funder gives, `140 000,00 € pour DGALN (P113)`. */
export const preambleFunding = (startup: string, shares: readonly string[]) =>
  `Le comité des financeurs a décidé de financer ${startup} à hauteur de ${shares.join(', ')}.`;

export const fundingShare = (amount: string, funder: string, programs: readonly string[]) =>
  `${amount} pour ${funder} (${programs.join(', ')})`;

export const article = (number: number, title: string) => `Article ${number} : ${title}`;

export const ARTICLE_TITLES = {
  1: 'Objet de la délégation',
  2: 'Obligations du délégant',
  3: 'Obligations du délégataire',
  4: 'Déroulement des travaux',
  5: 'Exécution financière de la délégation',
  6: 'Modification du document',
  7: 'Durée et résiliation de la convention',
  8: 'Publication de la délégation',
} as const;

/** `une phase d’accélération`: the reading takes the phase from « mener une phase d’… ». */
export const article1Object = (phaseWithOf: string, startup: string) =>
  `La présente convention a pour objet de définir la répartition des responsabilités et les modalités de participation financière du délégant et de la DINUM afin de mener une phase ${phaseWithOf} du service numérique ${startup}.`;

export const ARTICLE_1_DECREE =
  'Conformément à l’article 2 du décret n° 2004-1085 du 14 octobre 2004 visé en référence, la présente convention précise les obligations respectives des parties et les modalités d’exécution financière de l’action.';

export const article1Authorization = (uos: string) =>
  `Pour assurer ses missions, le délégant autorise la DINUM à consommer des crédits hors titre 2 rattachés aux unités opérationnelles (UO) ${uos}, dont le responsable est le délégant.`;

export const ARTICLE_1_COVERS = [
  'Cette autorisation couvre les opérations de dépenses liées à la phase du service visée par la présente convention.',
  'Elle précise également le montant alloué au projet et les imputations budgétaires et analytiques à renseigner dans Chorus.',
];

export const ARTICLE_2_UNDERTAKES = 'Le délégant s’engage à :';

/** What the délégant undertakes, before what its intrapreneur is. */
export const ARTICLE_2_COMMITMENTS = [
  'respecter le manifeste du programme beta.gouv.fr pour l’émergence de services publics numériques, détaillé à l’annexe 1 ;',
  'désigner pour le service visé par la présente convention un agent « intrapreneur » qui aura le rôle d’expert métier dans l’équipe ;',
];

/** And after it, the committees at the convention's own rhythm. */
export const article2Committee = (committeeEveryMonths: number) =>
  `organiser un comité d’investissement tous les ${committeeEveryMonths} mois pour évaluer les résultats obtenus par l’équipe incubée et pour déterminer la suite à donner. Ce comité d’investissement est présidé par le représentant du délégant.`;

export const ARTICLE_2_INTRAPRENEUR = [
  'est un agent qui connaît son administration et maîtrise son sujet ;',
  'a du temps à consacrer au produit ;',
  'a autorité pour prendre des décisions stratégiques et opérationnelles sur le service de manière indépendante, sans avoir à les faire valider par ses supérieurs hiérarchiques (notamment la validation des devis et des services faits pour les commandes passées dans le cadre du développement du service numérique) ;',
  'possède les conditions matérielles nécessaires à un travail efficace dans un environnement numérique : ordinateur portable, accès à un internet « libre », télétravail autorisé (ou a minima toléré) ;',
  'est prêt à être accompagné et formé pour acquérir de nouvelles compétences en gestion de produit, méthodologies agiles et management horizontal.',
];

export const ARTICLE_2_INTRAPRENEUR_LEAD = 'En particulier, l’intrapreneur :';

export const ARTICLE_2_FORECASTS =
  'Le délégant s’engage à fournir, en temps utile et notamment en fin de gestion, tous les éléments de prévision et de suivi budgétaire demandés par le délégataire. En particulier, les intrapreneurs fournissent à l’équipe de la DINUM en charge du programme beta.gouv.fr toutes les informations utiles à la passation des commandes et à la validation des services faits.';

export const ARTICLE_2_ON_SIGNATURE = 'Dès la signature de la présente convention, le délégant :';

export const article2Availability = (uos: string) => [
  'procède aux demandes de paramétrage d’habilitations de Chorus auprès de l’agence pour l’informatique financière de l’État ;',
  `met à disposition les montants maximums suivants, progressivement, en autorisations d’engagement et crédits de paiement sur les UO ${uos}, selon l’échéancier prévisionnel et indicatif suivant et sur demande du délégataire :`,
];

/** Art. 2's table: its head reads « AE CP », where the reading starts the table. */
export const BUDGET_HEAD = ['Unité opérationnelle', 'AE', 'CP'] as const;
/** What an amount of the table is given for: the reading takes its funder from the capitals here. */
export const budgetPurpose = (funder: string, year: number | undefined) =>
  `au titre du financement ${funder}${year ? ` ${year}` : ''}`;
export const TO_RESTORE = '(à rétablir)';
export const budgetTotal = (amount: string) => `soit un total de : ${amount}`;

export const ARTICLE_3_UNDERTAKES = 'La DINUM s’engage à :';
export const ARTICLE_3_COMMUNITY =
  'intégrer l’équipe du service visé par la présente convention à la communauté beta.gouv.fr :';
export const ARTICLE_3_COMMUNITY_ITEMS = [
  'mise en avant du service sur le site internet beta.gouv.fr ;',
  'relais des campagnes de recrutement sur les réseaux beta.gouv.fr (site internet, réseaux sociaux) ;',
  'communication plus globale sur le service ;',
  'invitation des membres de l’équipe aux « clubs » beta.gouv.fr (réseaux de partage d’expérience entre coachs, intrapreneurs ou chefs de produit, développeurs, designers, chargés de déploiement, etc.) ;',
  'intégration des membres de l’équipe aux réflexions transverses (exemple : trajectoire RH des intrapreneurs, apprentissages sur les reprises par les DSI, etc.) ;',
  'possibilité d’accueillir ponctuellement l’équipe dans les locaux de l’incubateur de la DINUM (échanges, revues de portefeuille, ateliers) ;',
  'possibilité de faire appel ponctuellement aux ressources transverses de beta.gouv.fr : experts juridiques, experts en matière de sécurité, de données, de design de service, etc. ;',
  'mise en lien des différentes équipes entre elles pour favoriser le partage de bonnes pratiques.',
];
export const ARTICLE_3_SUPPORTS =
  'La DINUM utilise les supports contractuels à sa disposition pour accompagner, mettre en œuvre et garantir l’amélioration continue du service visé par la présente convention, au travers des prestations d’accompagnement, de coaching, de développement et le cas échéant de prestations complémentaires (ex. : chargés de déploiement, expertise UX/UI, webdesigner). Les frais encourus sont déterminés en annexe 2.';
export const article3Management = (uos: string) =>
  `Dans l’utilisation de ces supports contractuels, le délégataire assure les actes de gestion permettant de consommer les AE et les CP, hors titre 2, des UO ${uos} dans le respect des règles budgétaires et comptables.`;
export const ARTICLE_3_REST = [
  'Le délégataire est chargé, dans le respect des règles de la commande publique en vigueur, de la passation, de la signature et de l’exécution des marchés et conventions qui s’avèrent nécessaires à la réalisation du projet.',
  'Il s’engage à renseigner dans le système d’information Chorus les imputations budgétaires indiquées à l’article 5.',
  'Il adresse une copie du présent document au contrôleur budgétaire et comptable ministériel (CBCM) auprès des ministères économiques et financiers et au CBCM du Premier ministre.',
];

export const ARTICLE_4 = [
  'Les codes sources documentés seront publiés en open source, ainsi que les bases de données, la documentation, les dossiers CNIL éventuels, les dossiers d’homologation RGS et tous les éléments permettant de poursuivre les partenariats engagés sur les développements existants ou à venir. Le code source étant ouvert, il sera à disposition de toutes les parties et pourra être utilisé dans le cadre de développements de nouveaux services numériques.',
  'Les développements du service numérique sont effectués de manière à garantir au délégant, conformément aux orientations de la circulaire du Premier ministre 5608/SG du 19 septembre 2012 :',
];
export const ARTICLE_4_FREEDOMS = [
  'la liberté d’utiliser le service pour tous usages ;',
  'la liberté d’en étudier le fonctionnement et de l’adapter à ses besoins ;',
  'la liberté d’en redistribuer des copies ;',
  'la possibilité de l’améliorer et de distribuer les améliorations au public.',
];
export const ARTICLE_4_PRACTICES = [
  'Une vigilance particulière devra être accordée par l’ensemble des parties prenantes au respect des règles de protection des données à caractère personnel.',
  'Les partenaires s’engagent à respecter les bonnes pratiques recommandées par la DINUM en matière de conception de services numériques, et notamment :',
];
export const ARTICLE_4_PRACTICE_ITEMS = [
  'dès la phase de construction, prévoir l’organisation d’ateliers d’analyse de risques en suivant la démarche recommandée par la DINUM et l’ANSSI ;',
  'être transparent sur l’impact des services développés en s’assurant que chaque équipe met en ligne une page /stats ouverte au public, avec les indicateurs clés d’impact ;',
  'pour les services nécessitant d’authentifier des usagers, prévoir l’intégration de FranceConnect ;',
  'pour les démarches en ligne, prévoir l’intégration du bouton « Je donne mon avis ».',
];

export const ARTICLE_5_LEAD =
  'Le délégataire est chargé, en sa qualité de pouvoir adjudicateur, de la passation, de la signature et de l’exécution des actes juridiques (marchés publics, accords-cadres, conventions, etc.) nécessaires au développement des services numériques visés par la présente convention.';
export const article5Credits = (uos: string) =>
  `Pour assurer ses missions, le délégataire se voit confier par le délégant la gestion de crédits rattachés aux unités opérationnelles ${uos}.`;
export const ARTICLE_5_INFORMATION =
  'Le délégant fournit en temps utile tous les éléments d’information dont le délégataire a besoin pour l’exercice de sa délégation, notamment les références d’imputation de la dépense et tout élément relatif à la certification du service fait.';

/** Art. 5's references of a UO, as the reading finds them: `Références Chorus : <UO>`, then `<label> : <value>`. */
export const chorusReferences = (uo: string) => `Références Chorus : ${uo}`;
export const CHORUS_LABELS = {
  domaineFonctionnel: 'Domaine fonctionnel',
  sousAction: 'Sous-action',
  centreFinancier: 'Centre financier',
  activites: 'Activité(s)',
  centreCout: 'Centre de coût',
} as const;

export const ARTICLE_5_REPORTING = [
  'Le délégataire est chargé de retranscrire les opérations de dépenses dans le système d’information financier de l’État Chorus, en lien avec le centre de services partagés financiers des services du Premier ministre.',
  'Le comptable assignataire de la dépense est le contrôleur budgétaire et comptable ministériel (CBCM) des services du Premier ministre. Une copie de la convention est transmise au CBCM des services du Premier ministre et au CBCM du délégant.',
  'Le délégataire s’engage à rendre compte au délégant, mensuellement ainsi qu’au terme de la convention, des dépenses réalisées et de l’avancement des travaux, et à présenter à cette occasion les prévisions de commande et de consommation du budget.',
  'La somme des crédits engagés par le délégataire ne pourra dépasser la limite du montant alloué par le délégant. En cas d’insuffisance des crédits, le délégataire informe le délégant sans délai. À défaut d’ajustement de la dotation, le délégataire suspend l’exécution de la délégation. Dans l’hypothèse où les crédits mis à disposition par le délégant ne seraient pas entièrement consommés par le délégataire, celui-ci s’engage à en informer le délégant dans les meilleurs délais.',
];

export const ARTICLE_6 =
  'Toute modification des conditions ou modalités d’exécution de la présente délégation, définie d’un commun accord entre les parties, fait l’objet d’un avenant dont un exemplaire est transmis au contrôleur budgétaire et comptable ministériel du Premier ministre et au CBCM du délégant.';

export const article7 = (noticeMonths: number) => [
  'La présente convention prend effet à la date de sa publication.',
  'La période d’effet de la convention couvre l’engagement des dépenses, la réalisation des prestations et le paiement des dépenses effectuées dans le cadre de la délégation de gestion sur les UO qu’elle désigne.',
  'De plus, la durée d’exécution du ou des bons de commande sur marchés, passés dans le cadre de cette convention, devra être conforme aux règles édictées dans le marché utilisé.',
  'La DINUM se réserve le droit de mettre fin totalement ou partiellement à l’accompagnement d’une équipe et à son intégration au sein de la communauté beta.gouv.fr (mise en avant sur le site internet beta.gouv.fr, accompagnement opérationnel et stratégique, etc.) dès lors qu’elle constate un manquement aux engagements cités à l’article 2 et notamment aux principes détaillés dans le manifeste (annexe 1).',
  `Conformément à l’article 5 du décret n° 2004-1085 du 14 octobre 2004 visé en référence, il peut être mis fin à tout moment à la délégation de gestion par l’une des parties, sous réserve du respect d’un préavis de ${noticeMonths} mois.`,
  'La résiliation de la convention entraîne de plein droit la résiliation des services associés.',
];

export const ARTICLE_8 =
  'La présente convention sera publiée selon les modalités propres de chaque département ministériel concerné, conformément à l’article 2 du décret n° 2004-1085 du 14 octobre 2004. Elle sera notamment publiée par la direction des services administratifs et financiers du Premier ministre sur l’intranet Matignon Infos Services et par le délégataire sur data.gouv.fr.';

export const SIGNED_AT = 'Fait à Paris, le';
export const FOR_THE_DELEGANT = 'Pour le délégant,';
export const FOR_THE_DELEGATAIRE = 'Pour le délégataire,';
/** A signatory in the signature block: its body, then who signs for it. */
export const signatory = (party: Pick<TParty, 'id' | 'name' | 'representative'>) => [
  `${party.name} (${party.id})`,
  party.representative.name,
  party.representative.title,
];

export const ANNEXES = 'Annexes';
export const ANNEX_1_TITLE = 'Annexe 1 : le manifeste beta.gouv.fr';
export const AS_A_PARTNER = 'En tant que partenaire :';

/** The manifesto's principles: each its statement, then what the partner undertakes. */
export const MANIFESTO: readonly { principle: string; text: string; undertakings: string[] }[] = [
  {
    principle: '1. Les besoins des utilisateurs sont prioritaires.',
    text: 'Que ce soient des usagers (citoyens, entreprises, associations, etc.) ou des agents publics, l’objectif premier est de construire un service utile et facile à utiliser et qui contribue à la mise en œuvre d’une politique publique de manière mesurable. La feuille de route opérationnelle est donc guidée par les besoins des utilisateurs finaux.',
    undertakings: [
      'Je m’engage à ne pas exiger de mise en ligne ou de lancement de service avant la fin de la période d’investigation (6 mois).',
      'J’accepte qu’une idée de solution imaginée au départ soit invalidée par le terrain et non retenue par l’équipe pour résoudre le problème identifié.',
      'J’accepte que les besoins de reporting de mon administration ne constituent pas les priorités de l’équipe par rapport aux besoins des utilisateurs.',
    ],
  },
  {
    principle:
      '2. L’équipe travaille de manière incrémentale, sans suivre un cahier des charges, en se confrontant le plus rapidement possible à de premiers utilisateurs.',
    text: 'Dans un premier temps, la nature et l’étendue des besoins à satisfaire ne sont pas déterminées avec précision. Cela induit des incertitudes et des risques qui sont plus forts que dans les projets habituels de la structure : incertitudes sur l’usage, sur l’impact, sur l’investissement nécessaire. L’équipe lance rapidement une première version du service de façon à tester son utilité et à l’ajuster selon les retours du terrain par des améliorations successives, appelées « itérations » ; le service conçu par l’équipe s’améliore en continu pour élargir progressivement le périmètre couvert et maximiser son impact.',
    undertakings: [
      'Je m’engage à piloter l’équipe sur ses résultats d’impact (impact = résolution du problème de départ, objectivée par un indicateur de suivi) et non sur des livrables attendus.',
      'Je m’engage à contribuer à la réflexion de l’équipe sur la mesure d’impact qu’elle met en place (choix des indicateurs et de la méthodologie) tout au long du développement de la solution.',
    ],
  },
  {
    principle: '3. Le mode de gestion de l’équipe repose sur la confiance.',
    text: 'Une fois l’objectif d’impact déterminé, une autonomie maximale est accordée à l’équipe : elle a toute latitude pour prendre les décisions nécessaires au succès du service et rendre compte auprès du sponsor ; elle a la main sur les décisions opérationnelles (recrutement, communication avec les utilisateurs, définition et priorisation des fonctionnalités, organisation interne, gestion du budget alloué). Les commanditaires veillent à n’imposer aucune des contraintes inhérentes à la structure (comitologie, reporting, communication, achat, standard technologique, hébergement) afin de garantir à l’équipe un espace de liberté pour innover. En contrepartie de cette autonomie, l’équipe assure une transparence maximale sur son travail : code source ouvert, mesure de l’impact publique, suivi du projet mené sur des outils collaboratifs partagés ou publics lorsque c’est possible, documentation systématique et facilement accessible, etc.',
    undertakings: [
      'Je m’engage à donner à l’équipe une pleine autonomie sur ses choix de recrutement (choix des expertises et des profils).',
      'Je m’engage à donner à l’équipe une pleine autonomie sur le choix de ses outils de travail, y compris les solutions d’hébergement du produit ou les logiciels de travail collaboratif.',
      'Je m’engage à donner à l’équipe une pleine autonomie sur le choix de sa stratégie de développement de l’outil et sur la priorisation de ses travaux.',
      'Je m’engage à protéger le temps de travail effectif de l’équipe en limitant les réunions de suivi ou de reporting aux rituels ou échéances prévus par la convention.',
    ],
  },
];

export const ANNEX_2_TITLE = 'Annexe 2 : détermination des frais encourus';
export const ANNEX_2_LEAD =
  'Le financement consenti par les partenaires sera exclusivement utilisé pour financer les dépenses de tout ordre directement liées à la construction de services numériques suivant la démarche préconisée par beta.gouv.fr (« approche Startup d’État »). Ces dépenses seront engagées notamment dans le cadre de deux marchés publics de la DINUM (marché Coaching et marché Développement / déploiement / design / hébergement).';
export const COVERS = 'Cette prestation recouvre notamment :';

/** The services of annex 2: each its name, what it covers. */
export const SERVICES: readonly { name: string; lead: string; items: string[]; after?: string }[] = [
  {
    name: 'Devops',
    lead: COVERS,
    items: [
      'la conception et l’amélioration continue d’un service numérique sur l’ensemble de la pile technique (exploitation, configuration serveur, front et back end, interface utilisateur…) ;',
      'l’interaction régulière avec des utilisateurs afin de comprendre au mieux leurs besoins (participation aux tests utilisateurs, prise en charge d’une partie du support utilisateur…) ;',
      'la conception et la mise en place systématiques de tests automatisés pour assurer la qualité et la non-régression du service ;',
      'le développement et la mise à jour de scripts de déploiement automatisés ;',
      'l’outillage de la croissance du service, notamment par le désendettement technique de l’application et la prise en compte itérative des mesures de sécurité nécessaires ;',
      'la rédaction et la mise à jour de la documentation nécessaire.',
    ],
  },
  {
    name: 'Design',
    lead: COVERS,
    items: [
      'la recherche utilisateur ;',
      'la conception d’expériences utilisateurs en fonction de l’observation de leurs besoins ;',
      'la conception d’interfaces qui reflètent ces apprentissages et optimisent le niveau de satisfaction des utilisateurs.',
    ],
  },
  {
    name: 'Déploiement',
    lead: COVERS,
    items: [
      'la mise en œuvre d’une stratégie de croissance du service, s’appuyant sur des leviers organiques de la diffusion du service ;',
      'le suivi continu des métriques d’usage ;',
      'l’animation d’une communauté de partenaires engagés dans le déploiement du service ;',
      'l’amélioration continue du support utilisateur ;',
      'toute activité visant à améliorer le tunnel de conversion du service, notamment sur les volets juridiques.',
    ],
    after:
      'L’apprentissage consolidé au contact des utilisateurs sera utilisé dans le cadre de la priorisation de l’amélioration continue du service.',
  },
  {
    name: 'Coaching',
    lead: 'Le coach a pour missions de :',
    items: [
      'sécuriser la mobilisation de profils adéquats au sein de l’équipe ;',
      'aider l’équipe dans sa prise de fonction et sa progression en visant l’autonomie ;',
      'accompagner l’équipe dans la définition de la proposition de valeur de son service et d’une vision cible ;',
      'accompagner les équipes dans leurs décisions et la priorisation de leurs tâches ;',
      'accompagner l’amélioration continue du service ;',
      's’assurer de la prise en compte des attentes des utilisateurs, des partenaires et de l’administration ;',
      'accompagner l’équipe dans la définition d’indicateurs de suivi et de mesure d’impact compatibles avec les pratiques agiles ;',
      'rappeler les bonnes pratiques agiles et lean startup ;',
      'faciliter la communication entre l’administration et l’équipe ;',
      's’assurer de la bonne orientation et de la faisabilité des services ;',
      's’assurer de la mobilisation des autres ressources et compétences qui peuvent être disponibles au sein de l’organisme public, autant que nécessaire.',
    ],
  },
];

/** The foot of each page. */
export const pageOf = (page: number, pages: number) => `Page ${page} sur ${pages}`;

/** The PDF's own properties (its title is the convention's). */
export const DOCUMENT_SUBJECT =
  'Convention de délégation de gestion, projet établi selon le modèle de la DINUM';
export const DOCUMENT_AUTHOR = 'Direction interministérielle du numérique';
