import { conventionSchema, type Phase } from '../convention';
import { parseWith } from '../fields';
import { frenchReadingRefusal } from '../french/reading';
import { readTypedAmount } from '../money';
import { mendOcr } from './ocr';
import { MAX_CONVENTION_CHARACTERS, type ReadingRefusal } from './refusals';
import { documentOf, fold, folded, lineAt, mendDigits, type DocumentText } from './text';

// The grammar of DINUM's model of "convention de délégation de gestion" (issue 30, item 2): what
// its text says of the convention file (SPEC §3), and nothing more. Its parts, as the seed shows
// them (fixtures/camino-2020.convention.txt):
// - the parties: "<directions>, Représentés par <name>, <title> (<ID>), …, Ci-après dénommée
//   « le délégant »", then the same for « le délégataire »;
// - the startup: "<Name> - … - est une startup d'État", its incubator "« … »", the phase of the
//   délégation ("mener une phase d'accélération");
// - art. 2's table: per UO, its AE column then its CP column, each an amount "au titre du
//   financement <FUNDER> <year>" (or of a convention "de rétablissement" with a co-funder, "à
//   rétablir"), a column closed by "soit un total de : …";
// - art. 5's "Références Chorus : <UO>", with its domaine fonctionnel, sous-action, centre
//   financier, activité(s) and centre de coût.
// Addresses and emails are never in it: they are `missing`, never invented.

/** A convention file as far as its document says it: plain JSON, the shape of SPEC §3. */
export type ConventionRead = Record<string, unknown>;

export interface ConventionReading {
  ok: true;
  convention: ConventionRead;
  /** The field paths the convention file needs that the document does not give (`parties.0.representative.email`). */
  missing: string[];
  /** Each field path filled, to the line of the document it was read on. */
  sources: Record<string, string>;
  /** The field paths whose value was read from text damaged by OCR, to that raw text: a person confirms them. */
  unsure: Record<string, string>;
}

export type ConventionTextResult = ConventionReading | ({ ok: false; reason: string } & ReadingRefusal);

/** A field path: `parties.0.representative.email`. */
type Path = string;

/** A UO, a centre financier, as matched on the folded text: `0113-pebc-eiab`. */
const UO = '\\d{4}-[0-9a-z]{4}-[0-9a-z]{4}';
/** The words that stand before a body's name: "le Secrétariat général", "la Direction générale"… */
const BODY =
  '(?:secretariat|direction|deiegation|service|agence|office|commissariat|inspection|ministere|etabiissement|caisse|institut|centre)';
/** Capitals that are not a party: units and columns. */
const NOT_PARTIES = new Set(['AE', 'CP', 'EUR', 'UO', 'HT', 'TTC', 'CHORUS']);

/** What the reading keeps beside the values: where each came from, and which were damaged. */
class Reading {
  readonly sources: Record<Path, string> = {};
  readonly unsure: Record<Path, string> = {};
  constructor(readonly document: DocumentText) {}

  /** The flow's text from `start` to `end`, trimmed. */
  raw(start: number, end: number): { text: string; at: number } {
    const slice = this.document.flow.slice(start, end);
    const lead = slice.length - slice.trimStart().length;
    return { text: slice.trim(), at: start + lead };
  }

  /** A value found at `at`, or made of what is there (a programme of its UO). */
  code<T>(path: Path, value: T, at: number): T {
    this.sources[path] = lineAt(this.document, at);
    return value;
  }

  /** A code or an amount, from `start` to `end`: its figures mended, and marked unsure when they needed it. */
  figure(path: Path, start: number, end: number): string {
    const raw = this.document.flow.slice(start, end);
    const value = mendDigits(raw);
    this.sources[path] = lineAt(this.document, start);
    if (value !== raw) this.unsure[path] = raw;
    return value;
  }

  /** Words read at `at`: mended of OCR's damage, and marked unsure when they needed it. */
  words(path: Path, raw: string, at: number): string {
    const { value, damaged } = mendOcr(raw);
    this.sources[path] = lineAt(this.document, at);
    if (damaged) this.unsure[path] = raw;
    return value;
  }
}

/** Every match of `pattern` (global) in `text`, with its offset shifted by `from`. */
function* matches(text: string, pattern: RegExp, from = 0) {
  for (const match of text.matchAll(pattern)) yield { match, at: match.index + from };
}

/** The offset of group `group` in a match made with the `d` flag. */
const groupAt = (match: RegExpMatchArray, group: number, from = 0) => match.indices![group]![0] + from;

const TITLE = new RegExp(`${folded('convention de délégation de gestion')}\\b`);
const DESIGNATION = new RegExp(
  `${folded('ci-après dénommé')}e?s?\\s*«?\\s*${folded('le')}\\s*(${folded('délégataire')}|${folded('délégant')})`,
  'g',
);
const REPRESENTED = new RegExp(`${folded('représenté')}\\s*\\(?e?\\)?\\s*\\(?s?\\)?\\s*${folded('par')}\\b`);
/** Where a body's name starts, its article included: after a comma, or after "et". */
const ENTITY_START = new RegExp(`(?:^|[,;]\\s*|\\bet\\s+)((?:(?:ie|ia|ies)\\s+|i'\\s*)?${BODY})`, 'gd');

interface Party {
  id?: string;
  name?: string;
  role: 'delegant' | 'delegataire' | 'cofunder';
  representative: { name?: string; title?: string };
}

/** `(DGALN)` closing a text: the party's id. */
const TRAILING_ID = /\s*\(([A-Z][A-Z0-9-]{0,39})\)\s*$/;

/** A body's name as the convention file holds it: no article before it, no id after it. */
function bodyName(raw: string, id: string | undefined): { name: string; skipped: number } {
  const withoutId = TRAILING_ID.exec(raw)?.[1] === id ? raw.replace(TRAILING_ID, '') : raw;
  const article = /^(?:l[ea]s?\s+|l['’]\s*)/i.exec(withoutId)?.[0] ?? '';
  const name = withoutId.slice(article.length);
  return { name: name[0]!.toUpperCase() + name.slice(1), skipped: article.length };
}

/** The bodies named before "Représentés par": each from the word that names its kind to the next one. */
function readBodies(reading: Reading, start: number, end: number) {
  const found = [...matches(reading.document.key.slice(start, end), ENTITY_START, start)];
  return found.map(({ match }, i) => {
    const bodyStart = groupAt(match, 1, start);
    const bodyEnd = i + 1 < found.length ? found[i + 1]!.at : end;
    const text = reading.raw(bodyStart, bodyEnd).text.replace(/[\s,]+(et)?$/, '');
    return { text, at: bodyStart, id: TRAILING_ID.exec(text)?.[1] };
  });
}

/** The people of "Représentés par …": `<name>, <title> (<ID>)`, the id left out when there is one body. */
function readRepresentatives(reading: Reading, start: number, end: number) {
  const text = reading.document.flow.slice(start, end);
  const people: {
    name: string;
    nameAt: number;
    title: string;
    titleAt: number;
    id?: { id: string; at: number };
  }[] = [];
  let from = 0;
  const add = (to: number, id?: { id: string; at: number }) => {
    const segment = text.slice(from, to);
    const comma = segment.indexOf(',');
    const lead = segment.search(/[^\s,]|$/);
    if (comma < 0 || comma < lead) return;
    const name = reading.raw(start + from + lead, start + from + comma);
    const title = reading.raw(start + from + comma + 1, start + to);
    const cleanTitle = title.text.replace(/[\s,]+$/, '');
    if (name.text && cleanTitle)
      people.push({
        name: name.text,
        nameAt: name.at,
        title: cleanTitle,
        titleAt: title.at,
        ...(id ? { id } : {}),
      });
  };
  for (const match of text.matchAll(/\(([A-Z][A-Z0-9-]{0,39})\)\s*,?/g)) {
    add(match.index, { id: match[1]!, at: start + match.index + 1 });
    from = match.index + match[0].length;
  }
  add(text.length);
  return people;
}

/** Each block that ends "Ci-après dénommée « le délégant »" (or « le délégataire »): its bodies and their representatives. */
function readParties(reading: Reading): Party[] {
  const { key } = reading.document;
  const parties: Party[] = [];
  let blockStart = Math.max(0, key.search(/\bentre\b/));
  for (const { match, at } of matches(key, DESIGNATION)) {
    const role = match[1] === fold('délégant') ? 'delegant' : 'delegataire';
    const block = key.slice(blockStart, at);
    const represented = REPRESENTED.exec(block);
    const bodiesEnd = blockStart + (represented?.index ?? block.length);
    const address = key.slice(blockStart, bodiesEnd).search(/\badresse\s*:/);
    const bodies = readBodies(reading, blockStart, address < 0 ? bodiesEnd : blockStart + address);
    const people = represented
      ? readRepresentatives(reading, blockStart + represented.index + represented[0].length, at)
      : [];
    for (let i = 0; i < Math.max(bodies.length, people.length); i++) {
      const path = `parties.${parties.length}`;
      const body = bodies[i];
      const person = people[i];
      // In the convention file's order: id, name, role, representative.
      const party = {} as Party;
      const id = person?.id ?? (body?.id ? { id: body.id, at: body.at } : undefined);
      if (id) party.id = reading.code(`${path}.id`, id.id, id.at);
      if (body) {
        const { name, skipped } = bodyName(body.text, id?.id);
        party.name = reading.words(`${path}.name`, name, body.at + skipped);
      }
      party.role = reading.code(`${path}.role`, role, at);
      party.representative = {};
      if (person) {
        party.representative.name = reading.words(`${path}.representative.name`, person.name, person.nameAt);
        party.representative.title = reading.words(
          `${path}.representative.title`,
          person.title,
          person.titleAt,
        );
      }
      parties.push(party);
    }
    blockStart = at + match[0].length;
  }
  return parties;
}

const PHASE_OF_FOLD = new Map<string, Phase>([
  [fold('investigation'), 'investigation'],
  [fold('construction'), 'construction'],
  [fold('accélération'), 'acceleration'],
  [fold('consolidation'), 'consolidation'],
]);

/** The startup d'État, its incubator and the phase the délégation funds (preamble and art. 1). */
function readStartup(reading: Reading) {
  const { key, flow } = reading.document;
  const startup: Record<string, string> = {};
  // Found from "est une startup d'État", then back to its name, "Camino - le cadastre … -".
  const said = /est\s+une\s+start-?\s*up\s+d'\s*etat/.exec(key);
  const from = said ? Math.max(0, said.index - 200) : 0;
  const named =
    said && /([^\s.,;:()«»"-]+)\s*(?:[-–—][^.]{0,160}?[-–—]\s*)?$/d.exec(key.slice(from, said.index));
  if (named)
    startup.name = reading.words(
      'startup.name',
      flow.slice(from + named.indices![1]![0], from + named.indices![1]![1]),
      from + named.indices![1]![0],
    );
  const incubator = new RegExp(`${folded('incubateur')}\\s*,?\\s*«\\s*([^»]{2,120}?)\\s*»`, 'd').exec(key);
  if (incubator)
    startup.incubator = reading.words(
      'startup.incubator',
      flow.slice(...incubator.indices![1]!),
      groupAt(incubator, 1),
    );
  const phase = new RegExp(`(?:mener|conduire|poursuivre)\\s+une\\s+phase\\s+d'\\s*([a-z]+)`, 'd').exec(key);
  const known = phase && PHASE_OF_FOLD.get(phase[1]!);
  if (known) startup.phase = reading.code('startup.phase', known, groupAt(phase!, 1));
  return startup;
}

/** An amount of art. 2's table, and what it is "au titre de". */
interface Entry {
  amount: string;
  at: number;
  end: number;
  restoration: boolean;
  purpose: string;
  purposeAt: number;
}

type Token =
  | { kind: 'uo'; uo: string; at: number; end: number }
  | { kind: 'total'; at: number }
  | ({ kind: 'amount' } & Entry);

/** An amount (its figures, then its cents), its currency, and "(à rétablir)" after it. */
const AMOUNT =
  /(?<!\d)(\d{1,3}(?:\s\d{3})+|\d+)([,.]\d{1,2})?\s*(?:eur(?:os?)?|€)(\s*\(\s*a\s*retabiir\s*\))?/g;
const TOTAL = new RegExp(folded('soit un total de'), 'g');

/** Art. 2's table, from its "AE CP" heading to the next article, as a list of UOs, amounts and totals. */
function tableTokens(reading: Reading): Token[] {
  const { key, flow } = reading.document;
  const heading = /\bae\s*cp\b/.exec(key);
  if (!heading) return [];
  const start = heading.index + heading[0].length;
  const next = key.slice(start).search(new RegExp(`\\b${folded('article')}\\s*\\d`));
  const table = key.slice(start, next < 0 ? undefined : start + next);
  const tokens: Token[] = [
    ...[...matches(table, new RegExp(`\\b${UO}\\b`, 'g'), start)].map(({ at, match }) => ({
      kind: 'uo' as const,
      uo: mendDigits(flow.slice(at, at + match[0].length)),
      at,
      end: at + match[0].length,
    })),
    ...[...matches(table, TOTAL, start)].map(({ at }) => ({ kind: 'total' as const, at })),
    ...[...matches(table, AMOUNT, start)]
      .filter(({ at }) => !/\d-$/.test(key.slice(at - 2, at))) // the digits of a UO are not an amount
      .map(({ match, at }) => ({
        kind: 'amount' as const,
        amount:
          readTypedAmount(mendDigits(flow.slice(at, at + match[1]!.length + (match[2]?.length ?? 0)))) ?? '',
        at,
        end: at + match[1]!.length + (match[2]?.length ?? 0),
        restoration: match[3] !== undefined,
        purpose: '',
        purposeAt: at + match[0].length,
      })),
  ].sort((a, b) => a.at - b.at);
  tokens.forEach((token, i) => {
    if (token.kind !== 'amount') return;
    const end = tokens[i + 1]?.at ?? start + table.length;
    const { text, at } = reading.raw(token.purposeAt, end);
    Object.assign(token, { purpose: text, purposeAt: at });
  });
  return tokens.filter((token) => token.kind !== 'amount' || token.amount !== '');
}

/** Per UO, its AE column and its CP column: split at the first total, or in halves when the table gives none. */
function columnsOf(tokens: Token[]) {
  const uos: { uo: string; at: number; end: number; ae: Entry[]; cp: Entry[] }[] = [];
  let entries: Entry[] = [];
  let totals = 0;
  let afterTotal = false;
  let firstColumn: Entry[] | undefined;
  const close = () => {
    const current = uos.at(-1);
    if (!current) return;
    if (firstColumn) Object.assign(current, { ae: firstColumn, cp: entries });
    else
      Object.assign(current, {
        ae: entries.slice(0, entries.length / 2),
        cp: entries.slice(entries.length / 2),
      });
  };
  for (const token of tokens) {
    if (token.kind === 'uo') {
      close();
      uos.push({ uo: token.uo, at: token.at, end: token.end, ae: [], cp: [] });
      entries = [];
      firstColumn = undefined;
      totals = 0;
    } else if (token.kind === 'total') afterTotal = true;
    else if (afterTotal) {
      // The total's own amount closes a column.
      afterTotal = false;
      if (++totals === 1) {
        firstColumn = entries;
        entries = [];
      }
    } else entries.push(token);
  }
  close();
  return uos.filter(({ ae, cp }) => ae.length > 0 && ae.length === cp.length);
}

/** The party an amount is "au titre de": a known party named in it, else the one capital name that is not the délégataire. */
function funderOf(entry: Entry, known: readonly string[], delegataire: string | undefined) {
  const names = [...entry.purpose.matchAll(/\b[A-Z][A-Z0-9]{1,39}\b/g)].filter(
    ([name]) => !NOT_PARTIES.has(name) && name !== delegataire,
  );
  const found = names.find(([name]) => known.includes(name)) ?? names[0];
  return found && { id: found[0], at: entry.purposeAt + found.index };
}

/** Art. 5's "Références Chorus : <UO>" blocks. */
function readImputations(reading: Reading) {
  const { key, flow } = reading.document;
  /** Per UO, where each of its references is in the flow. */
  const imputations = new Map<string, Record<string, [number, number]>>();
  const blocks = [...matches(key, new RegExp(`${folded('références chorus')}\\s*:?\\s*(${UO})`, 'gd'))];
  const FIELDS: [string, RegExp][] = [
    ['domaineFonctionnel', new RegExp(`${folded('domaine fonctionnel')}\\s*:?\\s*(\\d{4}-\\d{2})\\b`, 'd')],
    ['sousAction', new RegExp(`${folded('sous-action')}\\s*:?\\s*(\\d{4}-\\d{2}-\\d{2})\\b`, 'd')],
    ['centreFinancier', new RegExp(`${folded('centre financier')}\\s*:?\\s*(${UO})`, 'd')],
    [
      'activites',
      new RegExp(
        `${folded('activité')}(?:\\(s\\)|s)?\\s*:?\\s*([0-9a-z]{12}(?:\\s*[,;]?\\s*[0-9a-z]{12}\\b)*)`,
        'd',
      ),
    ],
    ['centreCout', new RegExp(`${folded('centre de coût')}\\s*:?\\s*([0-9a-z]{4,10})\\b`, 'd')],
  ];
  blocks.forEach(({ match }, i) => {
    const start = match.index;
    const end = blocks[i + 1]?.match.index ?? Math.min(key.length, start + 800);
    const block = key.slice(start, end);
    const ranges: Record<string, [number, number]> = {};
    for (const [field, pattern] of FIELDS) {
      const found = pattern.exec(block);
      if (found) ranges[field] = [start + found.indices![1]![0], start + found.indices![1]![1]];
    }
    imputations.set(mendDigits(flow.slice(...match.indices![1]!)), ranges);
  });
  return imputations;
}

/** Art. 2's lines, each with its UO's Chorus references (art. 5); co-funders found on the way are added to `parties`. */
function readBudget(reading: Reading, parties: Party[]) {
  const delegataire = parties.find((party) => party.role === 'delegataire')?.id;
  const imputations = readImputations(reading);
  const budget: Record<string, unknown>[] = [];
  for (const { uo, at, end, ae, cp } of columnsOf(tableTokens(reading))) {
    for (const [i, aeEntry] of ae.entries()) {
      const known = parties.flatMap((party) => (party.id ? [party.id] : []));
      const funder = funderOf(aeEntry, known, delegataire);
      const cpEntry = cp.find((entry) => funderOf(entry, known, delegataire)?.id === funder?.id) ?? cp[i]!;
      const path = `budget.${budget.length}`;
      const line: Record<string, unknown> = {
        uo: reading.figure(`${path}.uo`, at, end),
        program: reading.code(`${path}.program`, `P${uo.slice(1, 4)}`, at),
      };
      if (funder) {
        line.funder = reading.code(`${path}.funder`, funder.id, funder.at);
        if (!known.includes(funder.id)) parties.push(cofunder(reading, funder.id, parties.length, funder.at));
      }
      // The amount read; its raw figures, when OCR damaged them, go to `unsure`.
      reading.figure(`${path}.ae`, aeEntry.at, aeEntry.end);
      line.ae = aeEntry.amount;
      reading.figure(`${path}.cp`, cpEntry.at, cpEntry.end);
      line.cp = cpEntry.amount;
      // "(à rétablir)" beside an amount says it best; "au titre de la convention de rétablissement" says it too.
      const restoring =
        [aeEntry, cpEntry].find((entry) => entry.restoration) ??
        [aeEntry, cpEntry].find((entry) => new RegExp(folded('rétablissement')).test(fold(entry.purpose)));
      line.restoration = reading.code(
        `${path}.restoration`,
        restoring !== undefined,
        (restoring ?? cpEntry).at,
      );
      const year = /\b(20\d\d)\b/.exec(aeEntry.purpose);
      if (year) line.year = reading.code(`${path}.year`, Number(year[1]), aeEntry.purposeAt + year.index);
      const imputation = imputations.get(uo);
      if (imputation)
        line.imputation = Object.fromEntries(
          Object.entries(imputation).map(([field, [start, end]]) => {
            const value = reading.figure(`${path}.imputation.${field}`, start, end);
            return [field, field === 'activites' ? value.split(/[\s,;]+/) : value];
          }),
        );
      budget.push(line);
    }
  }
  return budget;
}

/** A co-funder named only as a line's funder: its name from where the text spells it out, "l'Office national des forêts (ONF)". */
function cofunder(reading: Reading, id: string, index: number, fundsAt: number): Party {
  const { flow } = reading.document;
  const path = `parties.${index}`;
  const party = { id: reading.code(`${path}.id`, id, fundsAt) } as Party;
  // Found from its "(ONF)", then back to the clause's start: a pattern that ran back from every
  // position would read a long text hundreds of times.
  const idAt = flow.indexOf(`(${id})`);
  const before = idAt < 0 ? '' : /[^,;:()]{3,200}$/.exec(flow.slice(Math.max(0, idAt - 200), idAt))?.[0];
  const capital = before?.search(/\p{Lu}/u) ?? -1;
  if (before && capital >= 0) {
    const at = idAt - before.length + capital;
    party.name = reading.words(`${path}.name`, reading.raw(at, idAt).text, at);
  }
  return Object.assign(party, {
    role: reading.code(`${path}.role`, 'cofunder', fundsAt),
    representative: {},
  });
}

const refuse = (refusal: ReadingRefusal): ConventionTextResult => ({
  ok: false,
  ...refusal,
  reason: frenchReadingRefusal(refusal),
});

/** `camino` for `Camino`: an id made of a name, as the convention file's ids are. */
const slug = (name: string) =>
  name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * The paths the convention file needs that `convention` lacks, as the schema says them: every field
 * it requires that is not there. The objects the document never fills (the roles) are laid empty
 * first, so that their fields are named one by one rather than the object as a whole.
 */
function missingPaths(convention: ConventionRead): string[] {
  const laidOut = {
    ...convention,
    startup: convention.startup ?? {},
    roles: { committeeSecretary: {} },
    budget: (convention.budget as Record<string, unknown>[]).map((line) => ({ imputation: {}, ...line })),
  };
  const parsed = parseWith(conventionSchema(), laidOut);
  const missing = parsed.success
    ? []
    : parsed.error.issues
        .filter((issue) => issue.message === 'required')
        .map((issue) => issue.path.join('.'));
  if (!(convention.budget as unknown[]).length) missing.push('budget');
  return missing;
}

/**
 * Reads the text of a convention of DINUM's model (a PDF's, a DOCX's or a plain text's, as
 * client/document-text.ts gives it): the convention file as far as the text says it, what it
 * does not say, the line each value comes from, and the values read from damaged text. Refused
 * when the text is not a convention de délégation de gestion, names no délégant nor délégataire, or
 * is longer than any convention (MAX_CONVENTION_CHARACTERS).
 * Plain JSON in and out: the console and the CLI share it.
 */
export function readConventionText(text: string): ConventionTextResult {
  if (text.length > MAX_CONVENTION_CHARACTERS)
    return refuse({ rule: 'too-long', characters: text.length, max: MAX_CONVENTION_CHARACTERS });
  const document = documentOf(text);
  const title = TITLE.exec(document.key);
  if (!title) return refuse({ rule: 'not-a-delegation' });
  const reading = new Reading(document);
  const parties = readParties(reading);
  if (!parties.length) return refuse({ rule: 'no-parties' });

  const convention: ConventionRead = {};
  const startup = readStartup(reading);
  const dated = new RegExp(`${folded('en date du')}\\b[^.]{0,40}?\\b(20\\d\\d)\\b`, 'd').exec(document.key);
  const year = dated?.[1];
  if (startup.name && year)
    convention.id = reading.code('id', `${slug(startup.name)}-${year}`, groupAt(dated!, 1));
  const heading = document.flow.slice(title.index, title.index + title[0].length);
  convention.title = reading.code(
    'title',
    [heading, startup.name && ` — ${startup.name}`, year && ` (${year})`].filter(Boolean).join(''),
    title.index,
  );
  convention.startup = startup;
  const budget = readBudget(reading, parties);
  convention.parties = parties;
  convention.budget = budget;
  return {
    ok: true,
    convention,
    missing: missingPaths(convention),
    sources: reading.sources,
    unsure: reading.unsure,
  };
}
