import type { CalendarEvent } from './calendar';
import type { TConvention } from './convention';
import { localDateOf } from './dates';
import { conventionName, frenchMonth, of } from './french/words';
import { committeeEvent } from './invitation';
import { sameEmail } from './roles';
import type { ConventionStatus } from './status';

// A person's calendar feed (SPEC §10): every dated obligation of their conventions, as events
// whose UID stays when the date moves — committees (the same UID as their invitations, SEQUENCE
// from the secretary's changes), monthly and final reports due, the end a notice gives, the
// expiry, the end of a grace period after an insufficiency of credits, the fin de gestion's days;
// none before the convention takes effect, each named after its convention.

const uid = (conventionId: string, what: string) => `${conventionId}.${what}@conventions.beta.gouv.fr`;

/** `2026-12-01T09:30:00.000Z` → `20261201T093000000Z`: an instant as a UID part. */
const compact = (iso: string) => iso.replace(/[-:.]/g, '');

/** The dated obligations of one convention, as its status at `issuedAt` gives them. */
export function obligationsOf(
  status: ConventionStatus,
  convention: TConvention,
  issuedAt: number,
): CalendarEvent[] {
  const { id, title, startup } = status;
  const tz = convention.schedule.timezone;
  const day = (what: string, date: string, summary: string, sequence = 0): CalendarEvent => ({
    uid: uid(id, what),
    sequence,
    issuedAt,
    when: { day: date },
    summary: `${summary} — ${conventionName(title, startup)}`,
    description: `${convention.title} (convention ${id}).`,
  });
  const over = status.state === 'closed';
  // Nothing is due before the convention takes effect (its publication): a fin de gestion
  // already past when it is published, say. Unpublished, it takes effect today at the earliest.
  const takesEffect = status.publication?.effectiveDate ?? localDateOf(issuedAt, tz);
  const dayOf = ({ when }: CalendarEvent) => ('day' in when ? when.day : localDateOf(when.start, tz));
  return [
    ...status.committees.map((committee) =>
      committeeEvent(
        {
          conventionId: id,
          title,
          startup,
          committee: { ...committee, timezone: tz },
        },
        issuedAt,
      ),
    ),
    ...status.reports
      .filter((report) => !report.receivedAt && !over)
      .map((report) =>
        day(
          `report-${report.period}`,
          report.dueOn,
          `Compte rendu ${of(frenchMonth(report.period))} attendu`,
        ),
      ),
    ...(status.finalReport && !status.finalReport.receivedAt
      ? [day('final-report', status.finalReport.dueOn, 'Compte rendu final attendu')]
      : []),
    ...(status.notice
      ? [
          day(
            `notice-${compact(status.notice.givenAt)}`,
            status.notice.effectiveOn,
            'Fin de la convention au terme du préavis',
          ),
        ]
      : []),
    // An avenant may move the end: each one recorded counts in the SEQUENCE.
    ...(convention.schedule.endsOn && !status.end
      ? [day('expiry', convention.schedule.endsOn, 'Terme de la convention', status.amendments.length)]
      : []),
    // The fin de gestion of each year still open (SPEC §11); an avenant may move its days.
    ...(over ? [] : openYears(status)).flatMap((y) => [
      day(
        `year-end-${y.year}-engagements`,
        y.engagementsUntil,
        `Fin de gestion ${y.year} : derniers engagements`,
        status.amendments.length,
      ),
      day(
        `year-end-${y.year}-payments`,
        y.paymentsUntil,
        `Fin de gestion ${y.year} : derniers paiements`,
        status.amendments.length,
      ),
    ]),
    ...status.gracePeriods.map((grace) =>
      day(
        `grace-${grace.uo}-${compact(grace.at)}`,
        localDateOf(Date.parse(grace.graceUntil) - 1, tz),
        `Fin du délai de grâce des crédits de l’UO ${grace.uo}`,
      ),
    ),
  ].filter((event) => dayOf(event) >= takesEffect);
}

/** The name a person's own feed shows in their calendar: theirs as a convention gives it, else their address. */
export function feedName(product: string, email: string, conventions: readonly TConvention[]): string {
  const named = conventions
    .flatMap(({ parties, roles }) => [
      ...parties.map((party) => party.representative),
      roles.committeeSecretary,
      ...(roles.intrapreneur ? [roles.intrapreneur] : []),
    ])
    .find((person) => sameEmail(person.email, email));
  return `${product} — échéances de ${named?.name ?? email}`;
}

/** The budget years not closed yet, once each (their days are the same for every UO). */
function openYears(status: ConventionStatus) {
  const years = status.credits.flatMap((line) => line.years).filter((year) => !year.statedAt);
  return [...new Map(years.map((year) => [year.year, year])).values()];
}
