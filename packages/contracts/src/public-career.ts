import { z } from 'zod';
import { CAREER_FIELDS, CAREER_SECTIONS, type CareerEntryFields, type CareerSection } from './career.ts';

/**
 * The career sections as the public page shows them: only entries the person made public, in
 * their order, and only the résumé's own fields — never tags, ids, kept import extras, a skill's
 * evidence (it counts private items) or a project's link to a position (an id).
 */
const publicFieldsOf = (section: CareerSection) => {
  const { positionId: _link, ...fields } = CAREER_FIELDS[section] as Record<string, z.ZodType>;
  return z.object(fields);
};

export const PublicCareer = z
  .object(Object.fromEntries(CAREER_SECTIONS.map((section) => [section, z.array(publicFieldsOf(section)).optional()])))
  .describe('The sections with public entries, each in the person’s order')
  .meta({ id: 'PublicCareer' });

export type PublicCareerEntry<S extends CareerSection> = Omit<CareerEntryFields<S>, 'positionId'>;
export type PublicCareer = { [S in CareerSection]?: PublicCareerEntry<S>[] };
