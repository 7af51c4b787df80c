import Decimal from 'decimal.js';
import { z } from 'zod';
import { isMoneyString } from './money';
import {
  email,
  intBetween,
  isShare,
  listUpTo,
  localDate,
  monthDay,
  moneyString,
  plainCharacters,
  shortText,
  share,
  timeZone,
} from './fields';

// The convention file (SPEC §3). This schema is the single source of truth for the type
// `Convention`; the workflow stores the parsed value, so a change here must stay readable by
// running conventions (add optional fields with defaults, never rename). Schemas are reached
// through functions, never exported as values (domain/fields.ts says why).

const strictlyDecreasing = (values: readonly number[]) =>
  values.every((value, i) => i === 0 || value < values[i - 1]!);
/** Shares in increasing order; one that is not a share is refused by its own field, not here. */
const strictlyIncreasing = (values: readonly string[]) =>
  values.every(
    (value, i) =>
      i === 0 || !isShare(value) || !isShare(values[i - 1]!) || new Decimal(value).gt(values[i - 1]!),
  );

const ZPersonSchema = z.strictObject({
  name: shortText(),
  email: email(),
});

const ZRepresentativeSchema = ZPersonSchema.extend({
  title: shortText(),
});

/** The phases of a startup d'État (preamble of the seed), or its abandon. */
export const PHASES = ['investigation', 'construction', 'acceleration', 'consolidation', 'abandon'] as const;
export type Phase = (typeof PHASES)[number];

export const PARTY_ROLES = ['delegant', 'delegataire', 'cofunder'] as const;

const partyId = () =>
  z.string().regex(/^[A-Z][A-Z0-9-]{0,39}$/, 'expected an upper-case party id such as "DGALN"');

const ZPartySchema = z.strictObject({
  id: partyId(),
  name: shortText(),
  role: z.enum(PARTY_ROLES, { error: `expected one of ${PARTY_ROLES.join(', ')}` }),
  representative: ZRepresentativeSchema,
  contacts: listUpTo(email(), 20, 'contacts').min(
    1,
    'at least one contact must receive this party’s reminders',
  ),
});

const UO_PATTERN = /^(\d{4})-[A-Z0-9]{4}-[A-Z0-9]{4}$/;

/** The Chorus references of a UO (art. 5 of the seed). */
const ZImputationSchema = z.strictObject({
  domaineFonctionnel: z.string().regex(/^\d{4}-\d{2}$/, 'expected a domaine fonctionnel such as "0113-07"'),
  sousAction: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a sous-action such as "0113-07-16"'),
  centreFinancier: z.string().regex(UO_PATTERN, 'expected a centre financier such as "0113-PEBC-ELAB"'),
  activites: listUpTo(
    z.string().regex(/^[0-9A-Z]{12}$/, 'expected a 12-character activité such as "011301MB0601"'),
    50,
    'activités',
  ).min(1),
  centreCout: z.string().regex(/^[0-9A-Z]{4,10}$/, 'expected a centre de coût such as "DININCUB75"'),
});

/** A date by which the délégant makes part of a line's credits available (art. 2 of the seed). */
const ZEcheanceSchema = z.strictObject({ date: localDate(), ae: moneyString(), cp: moneyString() });

const ZBudgetLineSchema = z
  .strictObject({
    uo: z.string().regex(UO_PATTERN, 'expected a UO such as "0113-PEBC-ELAB"'),
    program: z.string().regex(/^P\d{3}$/, 'expected a programme such as "P113"'),
    funder: plainCharacters(z.string().max(300, 'at most 300 characters')),
    ae: moneyString(),
    cp: moneyString(),
    restoration: z.boolean().default(false),
    imputation: ZImputationSchema,
    /** Progressive availability: without it, the whole line is available once Chorus is confirmed. */
    echeancier: listUpTo(ZEcheanceSchema, 60, 'échéances').min(1).optional(),
    /** The budget year whose credits the line gives (SPEC §11); the effective date's year when absent. */
    year: intBetween(2000, 2100, 'a budget year').optional(),
  })
  .superRefine((line, ctx) => {
    const programDigits = UO_PATTERN.exec(line.uo)?.[1];
    if (programDigits && line.program !== `P${programDigits.slice(1)}`)
      ctx.addIssue({
        code: 'custom',
        path: ['program'],
        message: `UO ${line.uo} belongs to programme P${programDigits.slice(1)}, not ${line.program}`,
      });
    if (line.imputation.centreFinancier !== line.uo)
      ctx.addIssue({
        code: 'custom',
        path: ['imputation', 'centreFinancier'],
        message: `must be the UO itself (${line.uo})`,
      });
    if (line.echeancier) checkEcheancier(line, ctx);
    if (!line.imputation.sousAction.startsWith(`${line.imputation.domaineFonctionnel}-`))
      ctx.addIssue({
        code: 'custom',
        path: ['imputation', 'sousAction'],
        message: `must belong to the domaine fonctionnel ${line.imputation.domaineFonctionnel}`,
      });
  });

/** Dates in order, and never more made available than the line allocates. */
function checkEcheancier(
  line: { ae: string; cp: string; echeancier?: { date: string; ae: string; cp: string }[] },
  ctx: z.core.$RefinementCtx,
): void {
  const echeancier = line.echeancier!;
  echeancier.forEach((echeance, i) => {
    if (i > 0 && echeance.date <= echeancier[i - 1]!.date)
      ctx.addIssue({
        code: 'custom',
        path: ['echeancier', i, 'date'],
        message: `must come after ${echeancier[i - 1]!.date} (dates in order, without repeats)`,
      });
  });
  for (const amount of ['ae', 'cp'] as const) {
    const valid = echeancier.every((echeance) => isMoneyString(echeance[amount]));
    if (!valid || !isMoneyString(line[amount])) continue;
    const total = echeancier.reduce((sum, echeance) => sum.plus(echeance[amount]), new Decimal(0));
    if (total.gt(line[amount]))
      ctx.addIssue({
        code: 'custom',
        path: ['echeancier'],
        message: `its ${amount.toUpperCase()} add up to ${total.toFixed(2)}, more than the line's ${line[amount]}`,
      });
  }
}

/**
 * The fin de gestion (SPEC §11): each year, the last day Chorus takes engagements and the last day
 * it takes payments, as the yearly circular of the budget directorate sets them (the defaults are
 * indicative), and how many days before each the délégataire and the délégant are told.
 */
const ZYearEndSchema = z
  .strictObject({
    lastEngagementDay: monthDay().default('12-01'),
    lastPaymentDay: monthDay().default('12-15'),
    noticeDays: listUpTo(intBetween(1, 120, 'a number of days before the date'), 5, 'notices')
      .min(1)
      .refine(strictlyDecreasing, 'expected days before the date in decreasing order, e.g. [45, 15]')
      .default([45, 15]),
    /** The délégant is told when a tenth of a UO's credits of the year would lapse, and again at each further tenth. */
    lapseStep: share().default('0.10'),
  })
  .refine(({ lastEngagementDay, lastPaymentDay }) => lastEngagementDay <= lastPaymentDay, {
    path: ['lastPaymentDay'],
    message: 'payments close on or after engagements (lastPaymentDay ≥ lastEngagementDay)',
  });

const ZScheduleSchema = z.strictObject({
  timezone: timeZone().default('Europe/Paris'),
  reminderHour: intBetween(0, 23, 'an hour').default(9),
  reminderEveryDays: intBetween(1, 365, 'a number of days').default(7),
  /** Reminders of one series without action before the next ones copy the acting party's representative. */
  escalateAfter: intBetween(1, 20, 'a number of reminders').default(3),
  /** The longest interval between two reminders once they space out (after `escalateAfter`). */
  reminderCeilingDays: intBetween(1, 365, 'a number of days').default(28),
  committeeEveryMonths: intBetween(1, 24, 'a number of months').default(6),
  committeeNoticeDays: listUpTo(intBetween(1, 365, 'a number of days before the committee'), 10, 'notices')
    .min(1)
    .refine(
      strictlyDecreasing,
      'expected days before the committee in decreasing order, without repeats, e.g. [30, 7]',
    )
    .default([30, 7]),
  reportDueDay: intBetween(1, 28, 'a day of the month that every month has').default(10),
  reportReminderDaysBefore: intBetween(0, 27, 'a number of days').default(3),
  noticeMonths: intBetween(1, 24, 'a number of months').default(3),
  terminationReminderDaysBefore: intBetween(1, 90, 'a number of days').default(15),
  creditAlertThresholds: listUpTo(share(), 10, 'thresholds')
    .refine(strictlyIncreasing, 'expected increasing shares without repeats, e.g. ["0.80", "0.95"]')
    .default(['0.80', '0.95']),
  creditGraceDays: intBetween(1, 365, 'a number of days').default(30),
  workingDaysOnly: z.boolean().default(true),
  endsOn: localDate().optional(),
  yearEnd: ZYearEndSchema.default(() => ZYearEndSchema.parse({})),
});

/** Every field of a schedule at its default. */
export const scheduleDefaults = () => ZScheduleSchema.parse({});

/** Changes to a schedule (an amendment's): any of its fields, none of them defaulted. */
const ZScheduleChangesSchema = z.strictObject(
  Object.fromEntries(
    Object.entries(ZScheduleSchema.shape).map(([key, field]) => [
      key,
      (field instanceof z.ZodDefault ? field.unwrap() : field).optional(),
    ]),
  ),
) as unknown as z.ZodType<Partial<z.output<typeof ZScheduleSchema>>>;

export const EVIDENCE_RULES = ['required', 'optional'] as const;

/**
 * How the document is signed (issue 31): groups of signatory parties that sign one group after the
 * other, and whether a signature must carry its proof (a signed PDF or a scan). Without `order`, the
 * délégant parties sign first and the délégataire (DINUM) last; without `evidence`, a proof is
 * required once the convention has a document.
 */
const ZSigningSchema = z.strictObject({
  order: listUpTo(listUpTo(partyId(), 30, 'parties').min(1, 'a group names at least one party'), 30, 'groups')
    .min(1, 'at least one group')
    .optional(),
  evidence: z.enum(EVIDENCE_RULES, { error: `expected one of ${EVIDENCE_RULES.join(', ')}` }).optional(),
  /** The délégant parties' contacts approve the document before it is signed: by default, when a financial unit is named. */
  partnerValidation: z.boolean().optional(),
});

const eventNotInput = (what: string) =>
  z
    .undefined({ error: `${what} is recorded by the workflow when it happens; remove it from the file` })
    .optional();

const ZConventionSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a lower-case slug such as "camino-2020"')
      .max(100),
    title: shortText(),
    startup: z.strictObject({
      name: shortText(),
      incubator: shortText(),
      phase: z.enum(PHASES, { error: `expected one of ${PHASES.join(', ')}` }).default('investigation'),
    }),
    signedAt: eventNotInput('signedAt'),
    publishedAt: eventNotInput('publishedAt'),
    parties: listUpTo(ZPartySchema, 30, 'parties').min(
      2,
      'a convention binds at least a délégant and a délégataire',
    ),
    roles: z.strictObject({
      committeeSecretary: ZPersonSchema,
      /** Designated later (`designate-intrapreneur`) when absent; the délégant is warned meanwhile. */
      intrapreneur: ZPersonSchema.optional(),
      cbcm: listUpTo(email(), 20, 'addresses').default([]),
      admins: listUpTo(email(), 20, 'admins').min(1, 'at least one admin'),
      /** The délégant party whose representative chairs the committees: the first délégant when absent. */
      committeeChair: shortText().optional(),
      /** DINUM's pôle commande publique et affaires financières: approves the document first (issue 31). */
      financialUnit: listUpTo(email(), 20, 'addresses').min(1, 'at least one address').optional(),
    }),
    signing: ZSigningSchema.optional(),
    budget: listUpTo(ZBudgetLineSchema, 100, 'budget lines').min(1, 'at least one budget line'),
    schedule: ZScheduleSchema.default(() => scheduleDefaults()),
  })
  .superRefine((convention, ctx) => {
    const partyIds = new Set<string>();
    convention.parties.forEach((party, i) => {
      if (partyIds.has(party.id))
        ctx.addIssue({
          code: 'custom',
          path: ['parties', i, 'id'],
          message: `duplicate party id ${party.id}`,
        });
      partyIds.add(party.id);
    });
    const chair = convention.roles.committeeChair;
    if (chair !== undefined && !convention.parties.some((p) => p.id === chair && p.role === 'delegant'))
      ctx.addIssue({
        code: 'custom',
        path: ['roles', 'committeeChair'],
        message: `expected the id of a délégant party, one of ${convention.parties
          .filter((p) => p.role === 'delegant')
          .map((p) => p.id)
          .join(', ')}`,
      });
    const count = (role: string) => convention.parties.filter((party) => party.role === role).length;
    if (count('delegant') === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['parties'],
        message: 'expected at least one party with role delegant',
      });
    if (count('delegataire') !== 1)
      ctx.addIssue({
        code: 'custom',
        path: ['parties'],
        message: `expected exactly one party with role delegataire, found ${count('delegataire')}`,
      });

    checkSigningOrder(convention, ctx);

    const lines = new Set<string>();
    const imputationOfUo = new Map<string, string>();
    convention.budget.forEach((line, i) => {
      const party = convention.parties.find((p) => p.id === line.funder);
      if (!party)
        ctx.addIssue({
          code: 'custom',
          path: ['budget', i, 'funder'],
          message: `unknown party ${JSON.stringify(line.funder)}; expected one of ${[...partyIds].join(', ')}`,
        });
      else if (party.role === 'delegataire')
        ctx.addIssue({
          code: 'custom',
          path: ['budget', i, 'funder'],
          message: 'the délégataire spends the credits, it does not fund them',
        });
      else if (line.restoration && party.role !== 'cofunder')
        ctx.addIssue({
          code: 'custom',
          path: ['budget', i, 'restoration'],
          message: `only a co-funder's line is "à rétablir"; ${party.id} is a ${party.role}`,
        });

      const key = `${line.uo} ${line.funder} ${line.year ?? ''}`;
      if (lines.has(key))
        ctx.addIssue({
          code: 'custom',
          path: ['budget', i],
          message: `duplicate line for UO ${line.uo} and funder ${line.funder}${line.year ? ` in ${line.year}` : ''}`,
        });
      lines.add(key);

      const imputation = JSON.stringify(line.imputation);
      const known = imputationOfUo.get(line.uo);
      if (known === undefined) imputationOfUo.set(line.uo, imputation);
      else if (known !== imputation)
        ctx.addIssue({
          code: 'custom',
          path: ['budget', i, 'imputation'],
          message: `differs from the imputation given earlier for UO ${line.uo}; a UO has one imputation`,
        });
    });
  });

/** Each signatory party in exactly one group of `signing.order`, and no other party. */
function checkSigningOrder(
  convention: { parties: { id: string; role: string }[]; signing?: { order?: string[][] } },
  ctx: z.core.$RefinementCtx,
): void {
  const order = convention.signing?.order;
  if (!order) return;
  const signatoryIds = convention.parties.filter((p) => p.role !== 'cofunder').map((p) => p.id);
  const seen = new Set<string>();
  order.forEach((group, g) =>
    group.forEach((id, i) => {
      const path = ['signing', 'order', g, i];
      if (!signatoryIds.includes(id))
        ctx.addIssue({
          code: 'custom',
          path,
          message: `${JSON.stringify(id)} does not sign; expected one of ${signatoryIds.join(', ')}`,
        });
      else if (seen.has(id)) ctx.addIssue({ code: 'custom', path, message: `${id} is listed twice` });
      seen.add(id);
    }),
  );
  const missing = signatoryIds.filter((id) => !seen.has(id));
  if (missing.length)
    ctx.addIssue({
      code: 'custom',
      path: ['signing', 'order'],
      message: `every signatory signs in one group: ${missing.join(', ')} missing`,
    });
}

export const conventionSchema = () => ZConventionSchema;
/** An imputation, as an avenant gives it for a new UO. */
export const imputationSchema = () => ZImputationSchema;
/** Changes to a schedule, as an avenant gives them. */
export const scheduleChangesSchema = () => ZScheduleChangesSchema;

/** A convention file as written (defaults may be left out). */
export type TConventionInput = z.input<typeof ZConventionSchema>;
/** A validated convention, defaults applied. */
export type TConvention = z.output<typeof ZConventionSchema>;
export type TParty = TConvention['parties'][number];
export type TBudgetLine = TConvention['budget'][number];
export type TSchedule = TConvention['schedule'];
export type TYearEnd = TSchedule['yearEnd'];
export type TSigning = NonNullable<TConvention['signing']>;
export type EvidenceRule = (typeof EVIDENCE_RULES)[number];
