import type { CareerBundle } from '@career-anchor/contracts';
import {
  LINKEDIN_ARCHIVE_LIMITS,
  decodeText,
  isFolder,
  isUnsafeName,
  listEntries,
  readCsv,
  readEntry,
  type ArchiveEntry,
  type CsvTable,
  type ImportProblem,
  type ReadBudget,
} from './linkedin/archive.ts';
import { PROFILE_FILES, profileFrom, type ProfileFile } from './linkedin/profile.ts';
import { CsvRow, columnKey } from './linkedin/rows.ts';
import { SECTION_SPECS, checkedEntries, draftsOf, specFor, type Draft } from './linkedin/sections.ts';

export { LINKEDIN_ARCHIVE_LIMITS, type ImportProblem };
export { parseLinkedInDate } from './linkedin/values.ts';

/** What a LinkedIn archive would bring, and what in it could not be read as it was. */
export interface LinkedInImport {
  bundle: CareerBundle;
  problems: ImportProblem[];
}

const COURSES_FILE = 'Courses.csv';

/** Which reader a file is for: a section, a profile file, or the courses; undefined for the rest. */
function readerOf(basename: string): string | undefined {
  const spec = specFor(basename);
  if (spec) return spec.section;
  const key = columnKey(basename);
  const profileFile = Object.entries(PROFILE_FILES).find(([, name]) => columnKey(name) === key);
  if (profileFile) return profileFile[0];
  return key === columnKey(COURSES_FILE) ? 'courses' : undefined;
}

/**
 * Reads the zip LinkedIn's "Get a copy of your data" sends (CSV files, at the top or in a
 * folder) into what an import would bring. Pure: nothing is written, nothing thrown — whatever
 * cannot be read is named in `problems` (with the file, row and column), and every file this
 * import does not read is listed in `bundle.unknown`.
 */
export function fromLinkedInArchive(zip: Uint8Array): LinkedInImport {
  const problems: ImportProblem[] = [];
  const bundle: CareerBundle = { profile: {}, sections: {}, unknown: [] };
  const entries = listEntries(zip, problems);
  if (!entries) return { bundle, problems };

  const chosen = new Map<string, ArchiveEntry>();
  for (const entry of entries) {
    if (isFolder(entry)) continue;
    if (isUnsafeName(entry.path)) {
      problems.push({ path: entry.path, message: 'Left out: its name points outside the archive' });
      continue;
    }
    const reader = readerOf(entry.basename);
    if (!reader) bundle.unknown.push(entry.path);
    else if (chosen.has(reader)) {
      problems.push({ path: entry.path, message: `Left out: ${chosen.get(reader)!.path} was read instead` });
    } else chosen.set(reader, entry);
  }

  // LinkedIn leaves out the files of sections a person has nothing in; Profile.csv it always sends.
  if (chosen.size === 0) {
    problems.push({
      path: '',
      message: 'No file this import reads (Profile.csv, Positions.csv, Education.csv, …): is it LinkedIn’s data export?',
    });
  } else if (!chosen.has('profile')) {
    problems.push({ path: PROFILE_FILES.profile, message: 'Not in the archive: the name, headline and summary were not read' });
  }

  const budget: ReadBudget = { bytesLeft: LINKEDIN_ARCHIVE_LIMITS.maxTotalBytes };
  const tableOf = (reader: string): { table: CsvTable; path: string } | undefined => {
    const entry = chosen.get(reader);
    const bytes = entry && readEntry(zip, entry, budget, problems);
    if (!entry || !bytes) return undefined;
    const table = readCsv(decodeText(bytes, entry.path, problems), entry.path, problems);
    return table ? { table, path: entry.path } : undefined;
  };

  // The profile first: small, and the part a person misses most if the archive runs over its limit.
  const profileTables = Object.fromEntries(
    (Object.keys(PROFILE_FILES) as ProfileFile[]).flatMap((file) => {
      const found = tableOf(file);
      return found ? [[file, found]] : [];
    }),
  );
  bundle.profile = profileFrom(profileTables, problems);

  const drafts = new Map<string, { drafts: Draft[]; path: string }>();
  for (const spec of SECTION_SPECS) {
    const found = tableOf(spec.section);
    if (found) drafts.set(spec.section, { drafts: draftsOf(spec, found.table, found.path, problems), path: found.path });
  }
  addCourses(tableOf('courses'), drafts.get('education')?.drafts ?? [], bundle.unknown);
  for (const spec of SECTION_SPECS) {
    const read = drafts.get(spec.section);
    const entries = read ? checkedEntries(spec, read.drafts, read.path, problems) : [];
    if (entries.length > 0) (bundle.sections as Record<string, unknown[]>)[spec.section] = entries;
  }

  return { bundle, problems };
}

/**
 * Courses.csv (Name, Number) joins the education entry a row names, in any of its other
 * columns; a course that names none has no place here and is listed as unknown.
 */
function addCourses(found: { table: CsvTable; path: string } | undefined, education: Draft[], unknown: string[]): void {
  if (!found) return;
  const byInstitution = new Map(education.map((draft) => [columnKey(String(draft.institution ?? '')), draft]));
  let index = 0;
  for (const record of found.table.rows) {
    const row = new CsvRow(found.table.header, record);
    if (row.isEmpty) continue;
    const name = row.take('Name');
    const number = row.take('Number');
    const course = [number, name].filter(Boolean).join(' - ');
    const target = Object.values(row.rest())
      .map((value) => byInstitution.get(columnKey(value)))
      .find((draft) => draft && draft.institution);
    if (target) target.courses = [...((target.courses as string[] | undefined) ?? []), course];
    else unknown.push(`${found.path}[${index}]`);
    index++;
  }
}
