import {
  CAREER_FIELDS,
  CAREER_SCHEMAS,
  CAREER_SECTION_INFO,
  CAREER_SECTIONS,
  type CareerEntry,
  type CareerSection,
  type SkillEvidence,
} from '@career-anchor/contracts';
import { iso } from '../lib/text.ts';
import type { CareerRow } from '../repositories/career.repository.ts';
import type { UserRepositories } from '../repositories/index.ts';

/**
 * Career entries between their API shape and their row: a section's fields live in the row's
 * `fields` JSON, except a project's `positionId`, which is a column (`parent_id`) so the link
 * goes when the position does.
 */

/** Fields kept as columns, not in `fields`. */
const COLUMN_FIELDS = new Set(['positionId']);

/** Each section's field names, as the contracts list them. */
const FIELD_NAMES = Object.fromEntries(
  CAREER_SECTIONS.map((section) => [section, Object.keys(CAREER_FIELDS[section]).filter((key) => !COLUMN_FIELDS.has(key))]),
) as Record<CareerSection, string[]>;

/** Each section's fields as a new entry has them (empty text, empty lists, null dates). */
const EMPTY = Object.fromEntries(
  CAREER_SECTIONS.map((section) => {
    const created = CAREER_SCHEMAS[section].create.parse({}) as Record<string, unknown>;
    return [section, Object.fromEntries(FIELD_NAMES[section].map((key) => [key, created[key]]))];
  }),
) as Record<CareerSection, Record<string, unknown>>;

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** "Position", "Education entry": what "… not found." says for a section. */
export const sectionLabel = (section: CareerSection) => capitalized(CAREER_SECTION_INFO[section].noun);

/** An entry's name where it is listed (trash, search): its own, or its section's when it has none. */
export const entryTitle = (section: CareerSection, title: string | null) =>
  title?.trim() ? title : `${capitalized(CAREER_SECTION_INFO[section].noun)} (untitled)`;

/** An entry as the API shows it (a skill's evidence is added by `withEvidence`). */
export function toEntry(row: CareerRow, tags: string[]): CareerEntry {
  const section = row.section;
  const stored = row.fields;
  const fields = Object.fromEntries(
    FIELD_NAMES[section].map((key) => [key, Object.hasOwn(stored, key) ? stored[key] : EMPTY[section][key]]),
  );
  return {
    id: row.id,
    tags,
    isPublic: row.isPublic,
    order: row.position,
    extra: row.extra,
    importId: row.importId,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    ...fields,
    ...(section === 'projects' ? { positionId: row.parentId } : {}),
  } as CareerEntry;
}

/** What a create or an update gives, as the row stores it: `fields` holds only the section's fields given. */
export function toStored(section: CareerSection, input: Record<string, unknown>) {
  const fields: Record<string, unknown> = {};
  for (const key of FIELD_NAMES[section]) if (input[key] !== undefined) fields[key] = input[key];
  if (fields.current === true) fields.endDate = null;
  return {
    fields,
    ...(input.isPublic !== undefined ? { isPublic: input.isPublic as boolean } : {}),
    ...(input.extra !== undefined ? { extra: input.extra as Record<string, unknown> | null } : {}),
    ...(section === 'projects' && input.positionId !== undefined ? { parentId: input.positionId as string | null } : {}),
  };
}

const NO_EVIDENCE: SkillEvidence = { achievements: { count: 0, ids: [] }, todos: { count: 0, ids: [] } };

/** Skills with their evidence (repositories/facts.ts `skillEvidence`), read for all of them at once. */
export async function withEvidence<Entry extends object>(repos: UserRepositories, skills: Entry[]) {
  const nameOf = (skill: Entry) => String((skill as { name?: unknown }).name ?? '');
  const found = await repos.career.skillEvidence([...new Set(skills.map(nameOf))]);
  return skills.map((skill) => {
    const row = found.get(nameOf(skill));
    const evidence: SkillEvidence = row
      ? {
          achievements: { count: row.achievement_count, ids: row.achievement_ids },
          todos: { count: row.todo_count, ids: row.todo_ids },
        }
      : NO_EVIDENCE;
    return { ...skill, evidence };
  });
}
