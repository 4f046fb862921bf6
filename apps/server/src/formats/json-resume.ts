import { createRequire } from 'node:module';
import {
  CAREER_FIELDS,
  CAREER_SECTION_INFO,
  CAREER_SECTIONS,
  Extra,
  type CareerBundle,
  type CareerDocument,
  type CareerSection,
} from '@career-anchor/contracts';
import type { z } from 'zod';
import { basicsFrom, basicsOf } from './json-resume/basics.ts';
import {
  isEmpty,
  isObject,
  issuesAt,
  layUnder,
  pathOf,
  put,
  unstorableText,
  type ImportProblem,
  type JsonObject,
} from './json-resume/json-values.ts';

/**
 * JSON Resume v1.0.0 (https://jsonresume.org/schema) both ways, without loss.
 *
 * `fromJsonResume(resume)` reads a résumé into a `CareerBundle` (nothing is written) with the
 * problems that would make it unstorable; `toJsonResume(document)` writes one back. For every
 * résumé the import accepts (no problems), export(import(x)) deep-equals x:
 * - each schema field with a place here goes to it as it came: no trimming, dates at the precision
 *   given ("2024-06" stays June 2024), highlights one by one, entries with no name kept;
 * - anything else in an entry (a key the schema lacks, or a field left empty, "" or []) goes to
 *   the entry's `extra` as it came; anything else in `basics` (unknown keys, `username`, profiles
 *   that cannot be links, an image that is not a web address, blank values) and every top-level
 *   key other than `basics` and the sections (`$schema`, `meta`, unknown keys, a section given as
 *   `[]`) go to the profile's `resumeExtra`, in the résumé's own shape;
 * - export writes every field that has a value (not "", [] or null; `level` only when set), then
 *   lays the kept values under them: a kept value fills a key the fields leave out, never replaces
 *   one, so an edit made here wins over what the file said.
 * In `basics`: `name` is proposed as the display name (trimmed, as display names are; the name as
 * written is kept and given back while the display name is unchanged); blank values propose
 * nothing; `location` fills `address` whole and a one-line `location` ("City, Region, CC"), and
 * is exported from `address` (from the one line, as `city`, only when there is no address);
 * `profiles` become links (label from `network`, else `username`) while the profile takes them,
 * and are given back as they came, matched to the links by label and address, so a link deleted
 * here stays deleted and profiles that could not be links keep their places.
 *
 * Documented normalisations: the order of keys within an object is not kept (JSON objects are
 * unordered). That is all: nothing is trimmed, padded, cut, invented or merged. What cannot be
 * kept is refused with a problem instead of being changed: text over the contract's bounds,
 * impossible dates (2021-02-30) or years outside 1900–2200, NUL characters and broken surrogates,
 * a key named `__proto__` (object parsing drops it), more than 20,000 characters of kept JSON in
 * one entry or in `resumeExtra`, nesting deeper than 32 levels.
 *
 * Derived, never exported: a position is `current` when it has a start and no end (JSON Resume's
 * own convention, which themes show as "Present"); a project's `positionId` is null (JSON Resume
 * has no link, and an `entity` naming a company stays text rather than a guess). Export does not
 * add `$schema` or refresh `meta`: both come back as the file had them.
 */

const require = createRequire(import.meta.url);
/** The official schema package, with its own validator (CommonJS, no types). */
const official = require('@jsonresume/schema') as {
  validate(resume: unknown, done: (errors: { path: (string | number)[]; message: string }[] | null) => void): void;
};

export type JsonResume = JsonObject;
export type { ImportProblem };

/** More would only repeat the point; a hostile file could otherwise make millions. */
const MAX_PROBLEMS = 100;

/** The résumé's keys for the sections, in the schema's order. */
const EXPORT_ORDER: CareerSection[] = [
  'positions',
  'volunteering',
  'education',
  'awards',
  'certificates',
  'publications',
  'skills',
  'languages',
  'interests',
  'references',
  'projects',
];
const SECTION_BY_KEY = new Map(CAREER_SECTIONS.map((section) => [CAREER_SECTION_INFO[section].jsonResume, section]));
/** Fields here that JSON Resume does not have: derived on import, never exported. */
const OWN_FIELDS = new Set(['current', 'positionId']);
const RESUME_FIELDS = Object.fromEntries(
  CAREER_SECTIONS.map((section) => [section, Object.keys(CAREER_FIELDS[section]).filter((key) => !OWN_FIELDS.has(key))]),
) as Record<CareerSection, string[]>;
/** Top-level keys the schema defines that have no field here: kept, but not "unknown". */
const DOCUMENT_KEYS = new Set(['$schema', 'meta']);

function schemaErrors(resume: unknown) {
  let found: { path: (string | number)[]; message: string }[] = [];
  official.validate(resume, (errors) => {
    found = errors ?? [];
  });
  return found;
}

/** Where the official schema finds the résumé wrong, each at its path. */
export const jsonResumeSchemaProblems = (resume: unknown): ImportProblem[] =>
  schemaErrors(resume).map((error) => ({ path: pathOf(...error.path), message: error.message }));

/**
 * The résumé without the values the schema refuses: text typed here that no import checked (a
 * web address without a scheme, an e-mail address without a domain) is left out rather than
 * making the whole export invalid. A résumé that came from an import has none.
 */
function withoutInvalid(resume: JsonObject): JsonObject {
  let errors = schemaErrors(resume);
  if (!errors.length) return resume;
  const copy = structuredClone(resume); // kept values are shared with the document: never edit those
  const REMOVED = Symbol('removed');
  for (let round = 0; errors.length && round < 3; round++) {
    const lists = new Set<unknown[]>();
    for (const { path } of errors) {
      const parent = path.slice(0, -1).reduce<unknown>((value, key) => (value as JsonObject | undefined)?.[key], copy);
      const key = path.at(-1);
      // Items of a list are marked first and dropped after, so no index moves while others are read.
      if (Array.isArray(parent) && typeof key === 'number') {
        parent[key] = REMOVED;
        lists.add(parent);
      } else if (isObject(parent) && key !== undefined) delete parent[key];
    }
    for (const list of lists) list.splice(0, list.length, ...list.filter((item) => item !== REMOVED));
    errors = schemaErrors(copy);
  }
  return copy;
}

/** One entry of a section: its fields, and everything else kept verbatim in `extra`. */
function entryFrom(section: CareerSection, item: JsonObject, path: string, problems: ImportProblem[]) {
  const fields = CAREER_FIELDS[section] as Record<string, z.ZodType>;
  const known = RESUME_FIELDS[section];
  const entry: JsonObject = {};
  const extra: JsonObject = {};
  for (const [key, value] of Object.entries(item)) {
    if (!known.includes(key) || isEmpty(value)) {
      put(extra, key, value);
      continue;
    }
    const checked = fields[key]!.safeParse(value);
    if (!checked.success) problems.push(...issuesAt(pathOf(path, key), checked.error));
    entry[key] = value; // as it came: the contract's schemas would trim dates
  }
  if (section === 'positions') entry.current = Boolean(entry.startDate) && !entry.endDate;
  if (section === 'projects') entry.positionId = null;
  const kept = Object.keys(extra).length ? extra : null;
  const checked = Extra.safeParse(kept);
  if (!checked.success) problems.push(...issuesAt(path, checked.error));
  entry.extra = kept;
  return entry;
}

/**
 * A JSON Resume read into what the import would add, and the problems that make it unstorable
 * (paths relative to the résumé, '' for the whole). Never throws; with problems, the bundle is
 * not to be written.
 */
export function fromJsonResume(resume: unknown): { bundle: CareerBundle; problems: ImportProblem[] } {
  const empty: CareerBundle = { profile: {}, sections: {}, unknown: [] };
  const scanned = unstorableText(resume, MAX_PROBLEMS);
  if (scanned.tooDeep) return { bundle: empty, problems: scanned.problems };
  const invalid = jsonResumeSchemaProblems(resume);
  if (invalid.length) return { bundle: empty, problems: [...invalid, ...scanned.problems].slice(0, MAX_PROBLEMS) };

  const problems = scanned.problems;
  const unknown: string[] = [];
  const resumeExtra: JsonObject = {};
  const sections: Record<string, JsonObject[]> = {};
  let profile: CareerBundle['profile'] = {};
  for (const [key, value] of Object.entries(resume as JsonObject)) {
    const section = SECTION_BY_KEY.get(key);
    if (key === 'basics') {
      const basics = basicsFrom(value as JsonObject, problems, unknown);
      profile = basics.profile;
      if (basics.kept) put(resumeExtra, key, basics.kept);
    } else if (section && (value as unknown[]).length) {
      sections[section] = (value as JsonObject[]).map((item, index) => entryFrom(section, item, pathOf(key, index), problems));
    } else {
      // `$schema`, `meta`, a section given as [] and keys the schema does not know
      if (!section && !DOCUMENT_KEYS.has(key)) unknown.push(key);
      put(resumeExtra, key, value);
    }
  }
  const kept = Object.keys(resumeExtra).length ? resumeExtra : null;
  const checked = Extra.safeParse(kept);
  if (!checked.success) {
    // Too much kept as a whole: named by the key that holds the most.
    const size = (key: string) => JSON.stringify(resumeExtra[key]).length;
    const largest = Object.keys(resumeExtra).sort((a, b) => size(b) - size(a))[0]!;
    problems.push(...issuesAt('', checked.error).map((problem) => ({ ...problem, path: problem.path || largest })));
  }
  profile.resumeExtra = kept;
  return {
    bundle: { profile, sections: sections as CareerBundle['sections'], unknown },
    problems: problems.slice(0, MAX_PROBLEMS),
  };
}

/** One entry as a résumé item: the fields that have a value, with its `extra` laid under them. */
function itemOf(section: CareerSection, entry: JsonObject): JsonObject {
  const item: JsonObject = {};
  for (const key of RESUME_FIELDS[section]) {
    const value = entry[key];
    if (value === null || value === undefined || isEmpty(value)) continue;
    item[key] = Array.isArray(value) ? [...value] : value;
  }
  return isObject(entry.extra) ? layUnder(item, entry.extra) : item;
}

/**
 * The career as a JSON Resume v1.0.0 document, always valid under the official schema: every
 * section given, entries in the document's order. Choosing what to include (public or private
 * entries) is the caller's.
 */
export function toJsonResume(document: CareerDocument): JsonResume {
  const kept = isObject(document.profile.resumeExtra) ? document.profile.resumeExtra : {};
  const resume: JsonObject = {};
  if (Object.hasOwn(kept, '$schema')) resume.$schema = kept.$schema;
  const basics = basicsOf(document.profile);
  if (basics) resume.basics = basics;
  for (const section of EXPORT_ORDER) {
    const entries = document.sections[section] as unknown as JsonObject[] | undefined;
    if (entries?.length) resume[CAREER_SECTION_INFO[section].jsonResume] = entries.map((entry) => itemOf(section, entry));
  }
  return withoutInvalid(layUnder(resume, Object.fromEntries(Object.entries(kept).filter(([key]) => key !== 'basics'))));
}
