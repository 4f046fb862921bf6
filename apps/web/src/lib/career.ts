import { api, call, type Schemas } from './api/client.js';
import { m } from './i18n.js';
import { formatDateRange } from './partial-date.js';

/**
 * The career sections of a résumé, as the Career page shows and edits them. Each is a list in the
 * person's order behind the same kind of API route (`/api/v1/{section}`), so one description per
 * section drives the page: its fields, its quick-add field, and how an entry is named.
 */
export const SECTIONS = [
  'positions',
  'education',
  'projects',
  'skills',
  'certificates',
  'awards',
  'publications',
  'languages',
  'volunteering',
  'interests',
  'references',
] as const;
export type Section = (typeof SECTIONS)[number];

/** Each section's entry as the API sends it. */
export interface EntryOf {
  positions: Schemas['Position'];
  education: Schemas['EducationEntry'];
  projects: Schemas['Project'];
  skills: Schemas['Skill'];
  certificates: Schemas['Certificate'];
  awards: Schemas['Award'];
  publications: Schemas['Publication'];
  languages: Schemas['Language'];
  volunteering: Schemas['VolunteeringEntry'];
  interests: Schemas['Interest'];
  references: Schemas['Reference'];
}
/** An entry of any section, read field by field by the generic editor and view. */
export type Entry = EntryOf[Section];
export type Fields = Record<string, unknown>;

/** How a field is edited: one line, a paragraph, a web address, a partial date, a list of lines, … */
export type FieldKind = 'line' | 'url' | 'prose' | 'date' | 'list' | 'level' | 'position';

export interface FieldSpec {
  key: string;
  kind: FieldKind;
  label: () => string;
}

export interface SectionSpec {
  title: () => string;
  /** The field a quick add fills. */
  main: string;
  addLabel: () => string;
  placeholder: () => string;
  fields: FieldSpec[];
  /** The start and end dates shown as one range, when the section has them. */
  range?: [string, string];
}

const f = (key: string, kind: FieldKind, label: () => string): FieldSpec => ({ key, kind, label });
const url = f('url', 'url', m.career_f_url);
const start = f('startDate', 'date', m.career_f_start);
const end = f('endDate', 'date', m.career_f_end);
const summary = f('summary', 'prose', m.career_f_summary);
const highlights = f('highlights', 'list', m.career_f_highlights);
const keywords = f('keywords', 'list', m.career_f_keywords);

export const SECTION_SPECS: Record<Section, SectionSpec> = {
  positions: {
    title: m.career_positions,
    main: 'position',
    addLabel: m.career_add_positions,
    placeholder: m.career_add_positions_placeholder,
    fields: [
      f('position', 'line', m.career_f_title),
      f('name', 'line', m.career_f_organisation),
      f('location', 'line', m.career_f_location),
      start,
      end,
      summary,
      highlights,
      url,
      f('description', 'line', m.career_f_org_description),
    ],
    range: ['startDate', 'endDate'],
  },
  education: {
    title: m.career_education,
    main: 'institution',
    addLabel: m.career_add_education,
    placeholder: m.career_add_education_placeholder,
    fields: [
      f('institution', 'line', m.career_f_institution),
      f('studyType', 'line', m.career_f_study_type),
      f('area', 'line', m.career_f_area),
      start,
      end,
      f('score', 'line', m.career_f_score),
      f('courses', 'list', m.career_f_courses),
      url,
    ],
    range: ['startDate', 'endDate'],
  },
  projects: {
    title: m.career_projects,
    main: 'name',
    addLabel: m.career_add_projects,
    placeholder: m.career_add_projects_placeholder,
    fields: [
      f('name', 'line', m.career_f_name),
      f('positionId', 'position', m.career_f_position_link),
      f('description', 'prose', m.career_f_description),
      f('roles', 'list', m.career_f_roles),
      start,
      end,
      highlights,
      keywords,
      f('entity', 'line', m.career_f_entity),
      f('type', 'line', m.career_f_type),
      url,
    ],
    range: ['startDate', 'endDate'],
  },
  skills: {
    title: m.career_skills,
    main: 'name',
    addLabel: m.career_add_skills,
    placeholder: m.career_add_skills_placeholder,
    fields: [f('name', 'line', m.career_f_skill), f('level', 'level', m.career_f_level), keywords],
  },
  certificates: {
    title: m.career_certificates,
    main: 'name',
    addLabel: m.career_add_certificates,
    placeholder: m.career_add_certificates_placeholder,
    fields: [
      f('name', 'line', m.career_f_certificate),
      f('issuer', 'line', m.career_f_issuer),
      f('date', 'date', m.career_f_date),
      url,
    ],
  },
  awards: {
    title: m.career_awards,
    main: 'title',
    addLabel: m.career_add_awards,
    placeholder: m.career_add_awards_placeholder,
    fields: [
      f('title', 'line', m.career_f_award),
      f('awarder', 'line', m.career_f_awarder),
      f('date', 'date', m.career_f_date),
      summary,
    ],
  },
  publications: {
    title: m.career_publications,
    main: 'name',
    addLabel: m.career_add_publications,
    placeholder: m.career_add_publications_placeholder,
    fields: [
      f('name', 'line', m.career_f_publication),
      f('publisher', 'line', m.career_f_publisher),
      f('releaseDate', 'date', m.career_f_release),
      url,
      summary,
    ],
  },
  languages: {
    title: m.career_languages,
    main: 'language',
    addLabel: m.career_add_languages,
    placeholder: m.career_add_languages_placeholder,
    fields: [f('language', 'line', m.career_f_language), f('fluency', 'line', m.career_f_fluency)],
  },
  volunteering: {
    title: m.career_volunteering,
    main: 'organization',
    addLabel: m.career_add_volunteering,
    placeholder: m.career_add_volunteering_placeholder,
    fields: [
      f('organization', 'line', m.career_f_organisation),
      f('position', 'line', m.career_f_role),
      start,
      end,
      summary,
      highlights,
      url,
    ],
    range: ['startDate', 'endDate'],
  },
  interests: {
    title: m.career_interests,
    main: 'name',
    addLabel: m.career_add_interests,
    placeholder: m.career_add_interests_placeholder,
    fields: [f('name', 'line', m.career_f_interest), keywords],
  },
  references: {
    title: m.career_references,
    main: 'name',
    addLabel: m.career_add_references,
    placeholder: m.career_add_references_placeholder,
    fields: [f('name', 'line', m.career_f_reference_name), f('reference', 'prose', m.career_f_reference)],
  },
};

/** A section's name by its key; imports may also count achievements. */
export function sectionName(key: string): string {
  if (key in SECTION_SPECS) return SECTION_SPECS[key as Section].title();
  if (key === 'achievements') return m.nav_achievements();
  return key;
}

const text = (entry: Fields, key: string) => {
  const value = entry[key];
  return typeof value === 'string' ? value.trim() : '';
};
const joined = (...parts: string[]) => parts.filter(Boolean).join(' · ');

/** An entry's name in one line, for its heading and for the labels of its buttons. */
export function entryTitle(section: Section, entry: Fields): string {
  const title =
    section === 'positions'
      ? joined(text(entry, 'position'), text(entry, 'name'))
      : section === 'volunteering'
        ? joined(text(entry, 'organization'), text(entry, 'position'))
        : text(entry, SECTION_SPECS[section].main);
  return title || m.career_untitled();
}

/** The line under an entry's name: where, what kind, how well, when. */
export function entryDetails(section: Section, entry: Fields, positionTitle?: (id: string) => string | undefined): string {
  const spec = SECTION_SPECS[section];
  const when = spec.range
    ? formatDateRange(
        (entry[spec.range[0]] as string | null) ?? null,
        (entry[spec.range[1]] as string | null) ?? null,
        entry.current === true,
        m.career_present(),
      )
    : '';
  const date = (key: string) => (entry[key] ? formatDateRange(entry[key] as string, null, false, '') : '');
  switch (section) {
    case 'positions':
      return joined(when, text(entry, 'location'));
    case 'education':
      return joined(text(entry, 'studyType'), text(entry, 'area'), when, text(entry, 'score'));
    case 'projects': {
      const position = typeof entry.positionId === 'string' ? positionTitle?.(entry.positionId) : undefined;
      return joined(((entry.roles as string[] | undefined) ?? []).join(', '), text(entry, 'entity'), position ?? '', when);
    }
    case 'skills':
      return text(entry, 'level');
    case 'certificates':
      return joined(text(entry, 'issuer'), date('date'));
    case 'awards':
      return joined(text(entry, 'awarder'), date('date'));
    case 'publications':
      return joined(text(entry, 'publisher'), date('releaseDate'));
    case 'languages':
      return text(entry, 'fluency');
    case 'volunteering':
      return when;
    case 'interests':
    case 'references':
      return '';
  }
}

/** What a one-line quick add creates: the main field, and for a position “Title @ Organisation”. */
export function quickFields(section: Section, line: string): Fields {
  if (section === 'positions') {
    const at = line.indexOf('@');
    if (at > 0) return { position: line.slice(0, at).trim(), name: line.slice(at + 1).trim() };
  }
  return { [SECTION_SPECS[section].main]: line };
}

// --- the API: eleven sections behind routes of one shape --------------------------------------

/*
 * The generated client types each section's path on its own; the sections' routes are alike, so
 * the calls below name the positions routes for the compiler and pass the section's own path.
 */
type ListPath = '/api/v1/positions';
type ItemPath = '/api/v1/positions/{id}';
type MovePath = '/api/v1/positions/{id}/move';
const listPath = (section: Section) => `/api/v1/${section}` as ListPath;
const itemPath = (section: Section) => `/api/v1/${section}/{id}` as ItemPath;
const movePath = (section: Section) => `/api/v1/${section}/{id}/move` as MovePath;
const byId = (id: string) => ({ params: { path: { id } } });

/** Every entry of a section, in the person's order (page after page; a career is short). */
export async function listEntries<S extends Section>(section: S): Promise<EntryOf[S][]> {
  const items: Entry[] = [];
  let cursor: string | undefined;
  do {
    const page = await call(api.GET(listPath(section), { params: { query: { limit: 200, cursor } } }));
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items as EntryOf[S][];
}

export async function getEntry<S extends Section>(section: S, id: string): Promise<EntryOf[S]> {
  return (await call(api.GET(itemPath(section), byId(id)))) as EntryOf[S];
}

export async function createEntry<S extends Section>(section: S, fields: Fields): Promise<EntryOf[S]> {
  return (await call(api.POST(listPath(section), { body: fields as never }))) as EntryOf[S];
}

export async function updateEntry<S extends Section>(section: S, id: string, fields: Fields): Promise<EntryOf[S]> {
  return (await call(api.PATCH(itemPath(section), { ...byId(id), body: fields as never }))) as EntryOf[S];
}

export async function deleteEntry(section: Section, id: string): Promise<void> {
  await call(api.DELETE(itemPath(section), byId(id)));
}

export async function moveEntry(section: Section, id: string, afterId: string | null): Promise<void> {
  await call(api.POST(movePath(section), { ...byId(id), body: { afterId } }));
}

// --- what achievements link to -----------------------------------------------------------------

export interface CareerChoices {
  positions: { id: string; title: string }[];
  projects: { id: string; title: string; positionId: string | null }[];
}

/** The positions and projects an achievement can belong to, by name. */
export async function careerChoices(): Promise<CareerChoices> {
  const [positions, projects] = await Promise.all([listEntries('positions'), listEntries('projects')]);
  return {
    positions: positions.map((entry) => ({ id: entry.id, title: entryTitle('positions', entry as unknown as Fields) })),
    projects: projects.map((entry) => ({
      id: entry.id,
      title: entryTitle('projects', entry as unknown as Fields),
      positionId: entry.positionId,
    })),
  };
}
