import { CAREER_SCHEMAS, type CareerSection } from '@career-anchor/contracts';
import type { CsvTable, ImportProblem } from './archive.ts';
import { CsvRow, columnKey } from './rows.ts';
import { parseLinkedInDate, personName, type ParsedDate } from './values.ts';

/** An entry as read from a row, before the section's schema checks it. */
export type Draft = Record<string, unknown> & { extra: Record<string, unknown> | null };

/**
 * How one LinkedIn file fills one section. Column names are LinkedIn's (compared without regard
 * to case); a field listed under several columns takes the first that has a value.
 */
export interface SectionSpec {
  section: CareerSection;
  /** The names LinkedIn has given the file, folders aside. */
  files: readonly string[];
  text: Record<string, string>;
  dates?: Record<string, string>;
  /** Fields made from more than one column, or from how the dates read. */
  finish?: (draft: Draft, row: CsvRow, dates: Record<string, ParsedDate>) => void;
}

/**
 * Column names from LinkedIn's "Get a copy of your data" archive (see README, "LinkedIn import").
 * Columns not named here are kept in each entry's `extra` under their own name.
 */
export const SECTION_SPECS: readonly SectionSpec[] = [
  {
    section: 'positions',
    files: ['Positions.csv'],
    text: { 'Company Name': 'name', Title: 'position', Description: 'summary', Location: 'location' },
    dates: { 'Started On': 'startDate', 'Finished On': 'endDate' },
    // LinkedIn has no "current" column: a role it gives a start but no end is one still held.
    finish: (draft, _row, dates) => {
      const end = dates['Finished On']!.kind;
      draft.current = end === 'present' || (end === 'none' && dates['Started On']!.kind !== 'none');
    },
  },
  {
    section: 'education',
    files: ['Education.csv'],
    text: { 'School Name': 'institution', 'Degree Name': 'studyType', 'Field Of Study': 'area' },
    dates: { 'Start Date': 'startDate', 'End Date': 'endDate' },
  },
  { section: 'skills', files: ['Skills.csv'], text: { Name: 'name' } },
  {
    section: 'certificates',
    files: ['Certifications.csv'],
    // "Finished On" (when it lapses) and "License Number" have no field: kept in extra.
    text: { Name: 'name', Authority: 'issuer', Url: 'url' },
    dates: { 'Started On': 'date' },
  },
  {
    section: 'projects',
    files: ['Projects.csv'],
    text: { Title: 'name', Description: 'description', Url: 'url' },
    dates: { 'Started On': 'startDate', 'Finished On': 'endDate' },
  },
  { section: 'languages', files: ['Languages.csv'], text: { Name: 'language', Proficiency: 'fluency' } },
  {
    section: 'awards',
    files: ['Honors.csv'],
    text: { Title: 'title', Issuer: 'awarder', Description: 'summary' },
    dates: { 'Issued On': 'date' },
  },
  {
    section: 'publications',
    files: ['Publications.csv'],
    text: { Name: 'name', Publisher: 'publisher', Url: 'url', Description: 'summary' },
    dates: { 'Published On': 'releaseDate' },
  },
  {
    section: 'volunteering',
    files: ['Volunteering.csv', 'Volunteering Experiences.csv'],
    text: { 'Company Name': 'organization', Role: 'position', Description: 'summary' },
    dates: { 'Started On': 'startDate', 'Finished On': 'endDate' },
  },
  {
    section: 'references',
    files: ['Recommendations_Received.csv'],
    text: { Text: 'reference' },
    finish: (draft, row) => {
      draft.name = personName(row.take('First Name'), row.take('Last Name'));
    },
  },
];

/** Drafts of a file's rows, one per row that holds anything; dates LinkedIn wrote oddly are reported. */
export function draftsOf(spec: SectionSpec, table: CsvTable, path: string, problems: ImportProblem[]): Draft[] {
  const drafts: Draft[] = [];
  for (const record of table.rows) {
    const row = new CsvRow(table.header, record);
    if (row.isEmpty) continue;
    const at = `${path}[${drafts.length}]`;
    const draft: Draft = { extra: null };
    for (const [column, field] of Object.entries(spec.text)) {
      const value = row.take(column);
      if (value !== '' || draft[field] === undefined) draft[field] = value;
    }
    const dates: Record<string, ParsedDate> = {};
    const unreadDates: Record<string, string> = {};
    for (const [column, field] of Object.entries(spec.dates ?? {})) {
      const raw = row.take(column);
      const parsed = parseLinkedInDate(raw);
      dates[column] = parsed;
      draft[field] = parsed.kind === 'date' ? parsed.value : null;
      if (parsed.kind === 'invalid') {
        unreadDates[column] = raw;
        problems.push({ path: `${at}.${column}`, message: `Not a date this import reads ("${raw}"); kept as written` });
      }
    }
    spec.finish?.(draft, row, dates);
    const extra = { ...row.rest(), ...unreadDates };
    draft.extra = Object.keys(extra).length > 0 ? extra : null;
    drafts.push(draft);
  }
  return drafts;
}

/**
 * The drafts that pass their section's schema, as the create inputs an import writes. One that
 * does not (a field longer than any résumé needs) is left out and reported, never cut short.
 */
export function checkedEntries(spec: SectionSpec, drafts: Draft[], path: string, problems: ImportProblem[]): unknown[] {
  const columnOf = (field: string) => Object.entries({ ...spec.text, ...spec.dates }).find(([, f]) => f === field)?.[0] ?? field;
  const entries: unknown[] = [];
  drafts.forEach((draft, index) => {
    const checked = CAREER_SCHEMAS[spec.section].create.safeParse(draft);
    if (checked.success) {
      entries.push(checked.data);
      return;
    }
    for (const issue of checked.error.issues) {
      const [field, ...deeper] = issue.path.map(String);
      const where = [columnOf(field ?? ''), ...deeper].filter(Boolean).join('.');
      problems.push({ path: `${path}[${index}]${where ? `.${where}` : ''}`, message: `Left out: ${issue.message}` });
    }
  });
  return entries;
}

/** The spec that reads a file of this name, if any. */
export function specFor(basename: string): SectionSpec | undefined {
  const key = columnKey(basename);
  return SECTION_SPECS.find((spec) => spec.files.some((file) => columnKey(file) === key));
}
