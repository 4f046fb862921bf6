import { z } from 'zod';
import { DATE_RANGE, Id, Timestamp } from './common.ts';
import { Tags } from './items.ts';

/**
 * The career itself: the sections of a résumé, each a list the person keeps in their own order.
 * Field names follow JSON Resume v1.0.0 (https://jsonresume.org/schema) wherever it has one, so a
 * résumé maps field for field; anything an import brings that has no field is kept in `extra`.
 */

// --- dates at the precision given ------------------------------------------------------------

export const PARTIAL_DATE_PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
export type DatePrecision = 'year' | 'month' | 'day';

/** The precision a partial date was given at, or null when it is not one. */
export function partialDatePrecision(value: string): DatePrecision | null {
  const match = PARTIAL_DATE_PATTERN.exec(value);
  if (!match) return null;
  const [, year, month, day] = match;
  const y = Number(year);
  if (`${year}-01-01` < DATE_RANGE.min || `${year}-12-31` > DATE_RANGE.max) return null;
  if (month === undefined) return 'year';
  const m = Number(month);
  if (m < 1 || m > 12) return null;
  if (day === undefined) return 'month';
  const d = Number(day);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d >= 1 && d <= last ? 'day' : null;
}

/**
 * A date kept at the precision it was given: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. Never padded:
 * "2024-06" stays June 2024, not the first of June.
 */
export const PartialDate = z
  .string()
  .trim()
  .max(10)
  .refine((value) => partialDatePrecision(value) !== null, {
    error: `Use YYYY, YYYY-MM or YYYY-MM-DD, a real date from ${DATE_RANGE.min.slice(0, 4)} to ${DATE_RANGE.max.slice(0, 4)}`,
  })
  .describe('A date at the precision given: YYYY, YYYY-MM or YYYY-MM-DD');

// --- fields of each section -------------------------------------------------------------------

/** Free text, generous (an import must not cut anything a résumé really holds), always bounded. */
const words = (max: number) => z.string().max(max);
const line = words(1000);
const prose = words(20_000);
const list = (max = 100) => z.array(words(2000)).max(max);
const date = PartialDate.nullable();

/**
 * Each section's own fields, every one optional on create (a résumé may leave any out). Bounds
 * are wide enough for any real résumé and small enough that no request is large.
 */
export const CAREER_FIELDS = {
  positions: {
    name: line.describe('The organisation'),
    position: line.describe('The title held'),
    url: line,
    location: line,
    description: line.describe('What the organisation is, in a line'),
    startDate: date,
    endDate: date,
    current: z.boolean().describe('Still held; then endDate is null'),
    summary: prose,
    highlights: list(),
  },
  education: {
    institution: line,
    url: line,
    area: line,
    studyType: line,
    startDate: date,
    endDate: date,
    score: line,
    courses: list(),
  },
  projects: {
    name: line,
    description: prose,
    highlights: list(),
    keywords: list(),
    roles: list(),
    url: line,
    entity: line,
    type: line,
    startDate: date,
    endDate: date,
    positionId: Id.nullable().describe('The position this project was part of'),
  },
  skills: {
    name: line,
    level: line.nullable().describe('As the person put it; null unless they set one'),
    keywords: list(),
  },
  certificates: { name: line, issuer: line, date, url: line },
  awards: { title: line, awarder: line, date, summary: prose },
  publications: { name: line, publisher: line, releaseDate: date, url: line, summary: prose },
  languages: { language: line, fluency: line },
  volunteering: {
    organization: line,
    position: line,
    url: line,
    startDate: date,
    endDate: date,
    summary: prose,
    highlights: list(),
  },
  interests: { name: line, keywords: list() },
  references: { name: line, reference: prose },
} as const;

export type CareerSection = keyof typeof CAREER_FIELDS;
export const CAREER_SECTIONS = Object.keys(CAREER_FIELDS) as CareerSection[];
export const CareerSectionName = z.enum(CAREER_SECTIONS as [CareerSection, ...CareerSection[]]);

/** What each section is called in the API's paths and in JSON Resume. */
export const CAREER_SECTION_INFO: Record<
  CareerSection,
  { path: string; noun: string; operationNoun: string; jsonResume: string; publicByDefault: boolean }
> = {
  positions: { path: '/positions', noun: 'position', operationNoun: 'Position', jsonResume: 'work', publicByDefault: true },
  education: {
    path: '/education',
    noun: 'education entry',
    operationNoun: 'EducationEntry',
    jsonResume: 'education',
    publicByDefault: true,
  },
  projects: { path: '/projects', noun: 'project', operationNoun: 'Project', jsonResume: 'projects', publicByDefault: true },
  skills: { path: '/skills', noun: 'skill', operationNoun: 'Skill', jsonResume: 'skills', publicByDefault: true },
  certificates: {
    path: '/certificates',
    noun: 'certificate',
    operationNoun: 'Certificate',
    jsonResume: 'certificates',
    publicByDefault: true,
  },
  awards: { path: '/awards', noun: 'award', operationNoun: 'Award', jsonResume: 'awards', publicByDefault: true },
  publications: {
    path: '/publications',
    noun: 'publication',
    operationNoun: 'Publication',
    jsonResume: 'publications',
    publicByDefault: true,
  },
  languages: { path: '/languages', noun: 'language', operationNoun: 'Language', jsonResume: 'languages', publicByDefault: true },
  volunteering: {
    path: '/volunteering',
    noun: 'volunteering entry',
    operationNoun: 'VolunteeringEntry',
    jsonResume: 'volunteer',
    publicByDefault: true,
  },
  interests: { path: '/interests', noun: 'interest', operationNoun: 'Interest', jsonResume: 'interests', publicByDefault: true },
  references: {
    path: '/references',
    noun: 'reference',
    operationNoun: 'Reference',
    jsonResume: 'references',
    publicByDefault: false,
  },
};

/** Empty values of each field type, the defaults of a new entry. */
function emptyOf(schema: z.ZodType): unknown {
  if (schema instanceof z.ZodNullable) return null;
  if (schema instanceof z.ZodArray) return [];
  if (schema instanceof z.ZodBoolean) return false;
  return '';
}

/**
 * Kept from an import with no field here: a JSON object, bounded, exported again as it came.
 * Its values are any JSON (`z.unknown()`: a body is JSON already, and `z.json()`'s recursive
 * schema has no place in the OpenAPI document's components).
 */
export const EXTRA_MAX_KEYS = 200;
export const Extra = z
  .record(z.string().max(200), z.unknown())
  .refine((value) => Object.keys(value).length <= EXTRA_MAX_KEYS, { error: `At most ${EXTRA_MAX_KEYS} keys` })
  .refine((value) => JSON.stringify(value).length <= 20_000, { error: 'At most 20,000 characters of JSON' })
  .meta({ maxProperties: EXTRA_MAX_KEYS })
  .nullable()
  .describe('Kept from an import with no field here; exported again as it came');

/** The evidence for a skill: achievements that list it, and done to-dos those achievements came from. */
export const SkillEvidence = z
  .object({
    achievements: z.object({ count: z.number().int(), ids: z.array(Id).describe('The most recent, at most 20') }),
    todos: z.object({ count: z.number().int(), ids: z.array(Id).describe('The most recent, at most 20') }),
  })
  .meta({ id: 'SkillEvidence' });
export type SkillEvidence = z.infer<typeof SkillEvidence>;

const common = {
  id: Id,
  tags: z.array(z.string()),
  isPublic: z.boolean(),
  // Not `position`: positions and volunteering have a `position` of their own (the title held).
  order: z.number().describe('Order among the section’s entries, as the person arranged them (see the move route)'),
  extra: Extra,
  importId: Id.nullable().describe('The import that brought it (POST /imports/{id}/undo takes it out again, for 30 days)'),
  createdAt: Timestamp,
  updatedAt: Timestamp,
};

function schemasOf<S extends CareerSection>(section: S) {
  const fields = CAREER_FIELDS[section] as Record<string, z.ZodType>;
  const { operationNoun, publicByDefault } = CAREER_SECTION_INFO[section];
  const responseFields = Object.fromEntries(
    Object.entries(fields).map(([key, schema]) => [key, schema]),
  ) as (typeof CAREER_FIELDS)[S];
  const entry = z
    .object({
      ...common,
      ...responseFields,
      // Skills also carry their evidence (typed in `CareerEntry`).
      ...((section === 'skills' ? { evidence: SkillEvidence } : {}) as {}),
    })
    .meta({ id: operationNoun });
  const withDefaults = Object.fromEntries(
    Object.entries(fields).map(([key, schema]) => [key, (schema as z.ZodType).default(emptyOf(schema) as never)]),
  ) as { [K in keyof (typeof CAREER_FIELDS)[S]]: z.ZodDefault<Extract<(typeof CAREER_FIELDS)[S][K], z.ZodType>> };
  const create = z
    .object({
      ...withDefaults,
      tags: Tags.default([]),
      isPublic: z.boolean().default(publicByDefault),
      extra: Extra.default(null),
    })
    .meta({ id: `${operationNoun}Create` });
  const update = z
    .object({ ...(fields as (typeof CAREER_FIELDS)[S]), tags: Tags, isPublic: z.boolean(), extra: Extra })
    .partial()
    .meta({ id: `${operationNoun}Update` });
  return { entry, create, update };
}

export const CAREER_SCHEMAS = {
  positions: schemasOf('positions'),
  education: schemasOf('education'),
  projects: schemasOf('projects'),
  skills: schemasOf('skills'),
  certificates: schemasOf('certificates'),
  awards: schemasOf('awards'),
  publications: schemasOf('publications'),
  languages: schemasOf('languages'),
  volunteering: schemasOf('volunteering'),
  interests: schemasOf('interests'),
  references: schemasOf('references'),
} satisfies Record<CareerSection, ReturnType<typeof schemasOf>>;

export type CareerEntry<S extends CareerSection = CareerSection> = z.infer<(typeof CAREER_SCHEMAS)[S]['entry']> &
  (S extends 'skills' ? { evidence: SkillEvidence } : unknown);
export type CareerEntryCreate<S extends CareerSection = CareerSection> = z.input<(typeof CAREER_SCHEMAS)[S]['create']>;
export type CareerEntryFields<S extends CareerSection = CareerSection> = z.infer<z.ZodObject<(typeof CAREER_FIELDS)[S]>>;

export const Position = CAREER_SCHEMAS.positions.entry;
export type Position = CareerEntry<'positions'>;
export const Skill = CAREER_SCHEMAS.skills.entry;
export type Skill = CareerEntry<'skills'>;

/** `POST /{section}/{id}/move`: place an entry right after another of the same section, or first. */
export const CareerMove = z
  .object({ afterId: Id.nullable().describe('Place the entry right after this one; null puts it first') })
  .meta({ id: 'CareerMove' });

export const CareerQuery = z.object({
  tag: z.string().max(40).optional(),
  q: z.string().max(200).optional().describe('Words in any of the entry’s text'),
  isPublic: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

// --- the person's contact details a résumé carries ----------------------------------------------

/** JSON Resume's `basics.location`, kept whole (the profile's one-line location is its own field). */
export const ResumeLocation = z
  .object({ address: line, postalCode: line, city: line, countryCode: line, region: line })
  .partial()
  .meta({ id: 'ResumeLocation' });

// --- imports: what a résumé would bring, before anything is written ----------------------------

/** A profile field an import may change, each offered as "keep mine / take theirs". */
export const IMPORT_PROFILE_FIELDS = [
  'displayName',
  'headline',
  'summary',
  'location',
  'links',
  'avatarUrl',
  'email',
  'phone',
  'url',
  'address',
  'resumeExtra',
] as const;
export const ImportProfileField = z.enum(IMPORT_PROFILE_FIELDS);
export type ImportProfileField = z.infer<typeof ImportProfileField>;

export const ImportPreview = z
  .object({
    adds: z.record(z.string(), z.number().int()).describe('Entries each section would gain'),
    changes: z
      .array(z.object({ field: ImportProfileField, mine: z.unknown(), theirs: z.unknown() }))
      .describe('Profile fields the file would change; each changes only if named in `take`'),
    unknown: z.array(z.string()).describe('Paths in the file with no place here; kept in `extra` where they belong to an entry'),
    problems: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .describe('What an archive holds that could not be read as written (by file, row and column); the rest imports'),
  })
  .meta({ id: 'ImportPreview' });

/** A JSON Resume document, whole: checked against the official schema by the server. */
const ResumeDocument = z.record(z.string(), z.unknown()).describe('A JSON Resume (schema v1.0.0) document');
const Take = z
  .array(ImportProfileField)
  .max(IMPORT_PROFILE_FIELDS.length)
  .describe('Profile fields to take from the file; every other keeps its value here');

export const JsonResumePreviewRequest = z.object({ resume: ResumeDocument }).meta({ id: 'JsonResumePreviewRequest' });
export const JsonResumeImportRequest = z
  .object({ resume: ResumeDocument, take: Take.default([]) })
  .meta({ id: 'JsonResumeImportRequest' });

/** An archive's import names the fields to take in the query (the body is the zip itself): `take=headline,summary`. */
export const ArchiveImportQuery = z.object({
  take: z
    .string()
    .max(200)
    .optional()
    .transform((value) => (value ? value.split(',').map((field) => field.trim()) : []))
    .pipe(Take),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportDone = z
  .object({
    importId: Id,
    counts: z.record(z.string(), z.number().int()),
    undoUntil: Timestamp,
  })
  .meta({ id: 'ImportDone' });
export type ImportDone = z.infer<typeof ImportDone>;

// --- what imports bring and exports read --------------------------------------------------------

/** The profile as a résumé knows it: the profile's own fields and the contact details beside them. */
export interface CareerProfileFields {
  displayName: string;
  headline: string;
  summary: string;
  location: string;
  links: { label: string; url: string }[];
  avatarUrl: string | null;
  email: string;
  phone: string;
  url: string;
  address: z.infer<typeof ResumeLocation>;
  /** Fields of the résumé's `basics` (and its `meta`) with no place here, kept as they came. */
  resumeExtra: Record<string, unknown> | null;
}

/**
 * What a résumé file (JSON Resume, a LinkedIn archive) would bring, read but not yet written: the
 * import service previews it, and writes it only when the person confirms.
 */
export interface CareerBundle {
  profile: Partial<CareerProfileFields>;
  sections: { [S in CareerSection]?: CareerEntryCreate<S>[] };
  /** Paths in the file with no place here (and not kept in an entry's `extra`). */
  unknown: string[];
}

/** Everything a résumé is made from, as stored: read by the JSON Resume export and the PDF. */
export interface CareerDocument {
  profile: CareerProfileFields & { handle: string | null; locale: string };
  sections: { [S in CareerSection]: CareerEntry<S>[] };
}

/** `GET /export/resume.pdf`: which template and paper, and whether private entries go in too. */
export const ResumePdfQuery = z.object({
  template: z.enum(['classic', 'modern']).default('classic').describe('One column (classic) or two (modern)'),
  paper: z.enum(['a4', 'letter']).default('a4'),
  entries: z.enum(['all', 'public']).default('all').describe('Every entry, or only those shown on the public page'),
});
