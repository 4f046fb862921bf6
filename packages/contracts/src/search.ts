import { z } from 'zod';
import { CareerSectionName } from './career.ts';
import { CalendarDate, Id, PageQuery } from './common.ts';
import { TAG_MAX } from './items.ts';

export const SearchKind = z.enum(['todo', 'plan', 'achievement', 'focus_item', 'report', 'career_entry', 'tag']);
export type SearchKind = z.infer<typeof SearchKind>;

export const SEARCH_QUERY_MAX = 200;
/** Terms of a query (search, and the `q` filter of lists) that count; later ones are ignored. */
export const SEARCH_TERMS_MAX = 8;
/** Characters of a term that count; a longer one is cut. */
export const SEARCH_TERM_MAX = 100;

export const SearchQuery = PageQuery.extend({
  q: z
    .string()
    .trim()
    .max(SEARCH_QUERY_MAX)
    .optional()
    .describe(
      `Words or any part of one, in any order, each found anywhere in the item (all must be); "a quoted phrase" is matched as written. Chinese works with or without spaces. Ignoring case and accents; %, _ and \\ are plain characters. The first ${SEARCH_TERMS_MAX} terms count, the rest are ignored; a term longer than ${SEARCH_TERM_MAX} characters is cut.`,
    ),
  kind: SearchKind.optional(),
  tag: z.string().trim().min(1).max(TAG_MAX).optional(),
  from: CalendarDate.optional(),
  to: CalendarDate.optional(),
}).refine((query) => Boolean(query.q) || Boolean(query.tag), {
  message: 'Give q, or a tag to list everything with it',
  path: ['q'],
});

const Marks = z.array(z.tuple([z.number().int(), z.number().int()]));

export const SearchHit = z
  .object({
    kind: SearchKind,
    id: Id,
    section: CareerSectionName.optional().describe('For a career entry: its section'),
    title: z.string(),
    titleMarks: Marks.describe('[start, end) of each match of a term in the title, in UTF-16 code units'),
    snippet: z.string().describe('Plain text around the matches, showing as many of the terms as fit'),
    marks: Marks.describe('[start, end) of each match of a term in the snippet, in UTF-16 code units'),
    score: z.number(),
  })
  .meta({ id: 'SearchHit' });
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchPage = z.object({ items: z.array(SearchHit), nextCursor: z.string().nullable() }).meta({ id: 'SearchPage' });

/** Most used first, then by name; a page at a time. */
export const TagQuery = PageQuery.extend({
  q: z.string().trim().max(TAG_MAX).optional().describe('Tags starting with this, for autocomplete'),
});

const TagName = z.string().trim().min(1).max(TAG_MAX);
export const TagRename = z.object({ from: TagName, to: TagName }).meta({ id: 'TagRename' });
export const TagMerge = z.object({ from: z.array(TagName).min(1).max(20), into: TagName }).meta({ id: 'TagMerge' });

export const ActivityQuery = z.object({
  from: CalendarDate.optional().describe('Default: a year before `to`'),
  to: CalendarDate.optional().describe('Default: today in the profile’s time zone'),
  bucket: z.enum(['day', 'week']).default('day'),
});
export const Activity = z
  .object({
    from: CalendarDate,
    to: CalendarDate,
    bucket: z.enum(['day', 'week']),
    points: z
      .array(z.object({ date: CalendarDate, count: z.number().int() }))
      .describe('Only days (or weeks, by their Monday) with completions'),
    total: z.number().int(),
  })
  .meta({ id: 'Activity' });

export const PlanHistory = z
  .object({
    planId: Id,
    points: z.array(
      z.object({ date: CalendarDate, done: z.number().int(), total: z.number().int(), progress: z.number().int() }),
    ),
  })
  .meta({ id: 'PlanHistory' });

export const SkillsOverTime = z
  .object({
    months: z.array(z.string().describe('YYYY-MM')),
    skills: z.array(
      z.object({ skill: z.string(), counts: z.array(z.number().int()).describe('One per month'), total: z.number().int() }),
    ),
  })
  .meta({ id: 'SkillsOverTime' });
