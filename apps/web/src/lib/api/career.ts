import { m } from '../i18n.js';
import { api, call, type Schemas } from './client.js';

/**
 * The career sections of a résumé behind routes of one shape (`/api/v1/{section}`): each a list
 * of entries in the person's order. The Career page's descriptions of each section's fields are
 * in lib/career.ts; this is what other pages need too (names, lists, what an achievement links to).
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

/** The field that names an entry, and that a one-line add fills. */
export const MAIN_FIELD: Record<Section, string> = {
  positions: 'position',
  education: 'institution',
  projects: 'name',
  skills: 'name',
  certificates: 'name',
  awards: 'title',
  publications: 'name',
  languages: 'language',
  volunteering: 'organization',
  interests: 'name',
  references: 'name',
};

export const textOf = (entry: Fields, key: string) => {
  const value = entry[key];
  return typeof value === 'string' ? value.trim() : '';
};
export const joined = (...parts: string[]) => parts.filter(Boolean).join(' · ');

/** An entry's name in one line, for its heading and for the labels of its buttons. */
export function entryTitle(section: Section, entry: Fields): string {
  const title =
    section === 'positions'
      ? joined(textOf(entry, 'position'), textOf(entry, 'name'))
      : section === 'volunteering'
        ? joined(textOf(entry, 'organization'), textOf(entry, 'position'))
        : textOf(entry, MAIN_FIELD[section]);
  return title || m.career_untitled();
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
