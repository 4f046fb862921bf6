import { MAIN_FIELD, joined, textOf as text, type Fields, type Section } from './api/career.js';
import { m } from './i18n.js';
import { formatDateRange } from './partial-date.js';

/**
 * The career sections as the Career page shows and edits them: one description per section (its
 * title, its fields and how each is edited, its one-line add) drives the page.
 */
/** How a field is edited: one line, a paragraph, a web address, a partial date, a list of lines, … */
export type FieldKind = 'line' | 'url' | 'prose' | 'date' | 'list' | 'level' | 'position';

export interface FieldSpec {
  key: string;
  kind: FieldKind;
  label: () => string;
}

export interface SectionSpec {
  title: () => string;
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
    addLabel: m.career_add_skills,
    placeholder: m.career_add_skills_placeholder,
    fields: [f('name', 'line', m.career_f_skill), f('level', 'level', m.career_f_level), keywords],
  },
  certificates: {
    title: m.career_certificates,
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
    addLabel: m.career_add_languages,
    placeholder: m.career_add_languages_placeholder,
    fields: [f('language', 'line', m.career_f_language), f('fluency', 'line', m.career_f_fluency)],
  },
  volunteering: {
    title: m.career_volunteering,
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
    addLabel: m.career_add_interests,
    placeholder: m.career_add_interests_placeholder,
    fields: [f('name', 'line', m.career_f_interest), keywords],
  },
  references: {
    title: m.career_references,
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
  return { [MAIN_FIELD[section]]: line };
}
