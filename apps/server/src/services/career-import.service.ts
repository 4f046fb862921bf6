import {
  CAREER_SCHEMAS,
  CAREER_SECTIONS,
  IMPORT_PROFILE_FIELDS,
  ProfileUpdate,
  type CareerBundle,
  type CareerDocument,
  type CareerEntry,
  type CareerProfileFields,
  type CareerSection,
  type ImportDone,
  type ImportPreview,
  type ImportProfileField,
} from '@career-anchor/contracts';
import type { Actor } from '../lib/actor.ts';
import type { Clock } from '../lib/clock.ts';
import { uuidv7 } from '../lib/ids.ts';
import { badRequest, conflict, notFound } from '../lib/problem.ts';
import { iso } from '../lib/text.ts';
import type { Repositories, UserRepositories } from '../repositories/index.ts';
import type { ImportSource } from '../repositories/career.repository.ts';
import { toEntry, toStored, withEvidence } from './career-entries.ts';
import { assertEntry } from './career.service.ts';

/** How long an import can be undone. */
export const IMPORT_UNDO_DAYS = 30;
const DAY_MS = 86_400_000;
/** Entries one import may bring: far more than any résumé, few enough for one transaction. */
export const IMPORT_MAX_ENTRIES = 5000;

/** The profile fields a résumé may bring, each checked as PUT /profile checks it. */
const ImportedProfile = ProfileUpdate.pick(
  Object.fromEntries(IMPORT_PROFILE_FIELDS.map((field) => [field, true])) as Record<ImportProfileField, true>,
);

type Profile = Omit<CareerProfileFields, never>;
type CheckedEntry = Record<string, unknown> & { tags: string[] };
interface CheckedBundle {
  profile: Partial<Record<ImportProfileField, unknown>>;
  sections: Partial<Record<CareerSection, CheckedEntry[]>>;
}

/** A value that says nothing: a résumé that leaves a field out does not offer to clear the person's. */
const isEmpty = (value: unknown) =>
  value === undefined ||
  value === null ||
  value === '' ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === 'object' && Object.values(value as object).every(isEmpty));

/**
 * The bundle checked whole, as the API checks what it is sent: each entry by its section's
 * create schema (defaults filled in), the profile fields by the profile's. A résumé that does not
 * fit is refused before anything is shown or written, with a path for each problem.
 */
function check(bundle: CareerBundle): CheckedBundle {
  const errors: { path: string; message: string }[] = [];
  const issues = (prefix: string, error: { issues: { path: PropertyKey[]; message: string }[] }) =>
    error.issues.forEach((issue) => errors.push({ path: [prefix, ...issue.path.map(String)].join('.'), message: issue.message }));
  const sections: CheckedBundle['sections'] = {};
  let total = 0;
  for (const section of CAREER_SECTIONS) {
    const entries = (bundle.sections[section] ?? []) as unknown[];
    total += entries.length;
    sections[section] = entries.flatMap((entry, i) => {
      const parsed = CAREER_SCHEMAS[section].create.safeParse(entry);
      if (parsed.success) return [parsed.data as CheckedEntry];
      issues(`sections.${section}.${i}`, parsed.error);
      return [];
    });
  }
  if (total > IMPORT_MAX_ENTRIES) errors.push({ path: 'sections', message: `More than ${IMPORT_MAX_ENTRIES} entries` });
  // A field the file leaves empty is one it does not bring (a résumé without a name keeps the person's).
  const given = Object.entries(bundle.profile ?? {}).filter(([, value]) => !isEmpty(value));
  const profile = ImportedProfile.safeParse(Object.fromEntries(given));
  if (!profile.success) issues('profile', profile.error);
  if (errors.length) throw badRequest('The résumé has values this app cannot keep.', errors.slice(0, 20));
  return { profile: profile.data as CheckedBundle['profile'], sections };
}

/** JSON with object keys in order, so equal values compare equal however their keys were written. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value ?? null);
}

/** The profile as a résumé knows it. */
async function profileOf(mine: UserRepositories): Promise<Profile & { handle: string | null; locale: string }> {
  const found = await mine.profiles.find();
  if (!found) throw notFound('Profile');
  const { profile } = found;
  return {
    displayName: found.displayName,
    headline: profile.headline,
    summary: profile.summary,
    location: profile.location,
    links: profile.links,
    avatarUrl: profile.avatarUrl,
    email: profile.email,
    phone: profile.phone,
    url: profile.url,
    address: profile.address,
    resumeExtra: profile.resumeExtra ?? null,
    handle: profile.handle,
    locale: profile.locale,
  };
}

/** Writes profile fields (the display name is the account's). */
async function writeProfile(mine: UserRepositories, values: Record<string, unknown>, now: Date) {
  const { displayName, ...fields } = values;
  if (typeof displayName === 'string') await mine.profiles.updateDisplayName(displayName, now);
  if (Object.keys(fields).length) await mine.profiles.update(fields, now);
}

/**
 * Résumé files brought in (JSON Resume, LinkedIn archives, read by formats/ into a CareerBundle):
 * a preview that writes nothing, the import the person confirms, and its undo for 30 days. Also
 * everything a résumé is made from, for the exports.
 */
export function createCareerImportService(repos: Repositories, clock: Clock) {
  /** Projects may name a position: only a live one of the same user. */
  async function checkLinks(mine: UserRepositories, checked: CheckedBundle) {
    for (const project of checked.sections.projects ?? [])
      await assertEntry(mine, 'positions', project.positionId as string | null);
  }

  const countsOf = (checked: CheckedBundle) =>
    Object.fromEntries(CAREER_SECTIONS.map((section) => [section, checked.sections[section]?.length ?? 0]));

  return {
    /**
     * What the bundle would add per section, which profile fields it would change (each with the
     * person's value and the file's; fields the file leaves empty are not offered), and what in
     * the file has no place here. Writes nothing.
     */
    async preview(actor: Actor, bundle: CareerBundle): Promise<ImportPreview> {
      const checked = check(bundle);
      const mine = repos.for(actor);
      await checkLinks(mine, checked);
      const current = await profileOf(mine);
      const changes = IMPORT_PROFILE_FIELDS.flatMap((field) => {
        const theirs = checked.profile[field];
        if (theirs === undefined || canonical(current[field]) === canonical(theirs)) return [];
        return [{ field, mine: (current[field] ?? null) as never, theirs: theirs as never }];
      });
      return { adds: countsOf(checked), changes, unknown: bundle.unknown };
    },

    /**
     * Writes the bundle in one transaction: every entry, marked with the import and placed after
     * the person's own in its section; and only the profile fields named in `take`, their values
     * before kept with the import so undo can put them back.
     */
    async apply(
      actor: Actor,
      bundle: CareerBundle,
      take: readonly ImportProfileField[],
      source: ImportSource,
    ): Promise<ImportDone> {
      const checked = check(bundle);
      const now = clock.now();
      const undoUntil = new Date(now.getTime() + IMPORT_UNDO_DAYS * DAY_MS);
      const counts = countsOf(checked);
      return repos.transaction(actor, async (mine) => {
        await checkLinks(mine, checked);
        const current = await profileOf(mine);
        const taken = [...new Set(take)].filter((field) => checked.profile[field] !== undefined);
        const importId = uuidv7();
        await mine.career.addImport({
          id: importId,
          source,
          counts,
          profileBefore: Object.fromEntries(taken.map((field) => [field, current[field] ?? null])),
          createdAt: now,
          undoUntil,
        });
        const rows: Parameters<typeof mine.career.insertMany>[0] = [];
        const tags: { kind: 'career_entry'; itemId: string; names: string[] }[] = [];
        for (const section of CAREER_SECTIONS) {
          const entries = checked.sections[section] ?? [];
          if (entries.length === 0) continue;
          const after = await mine.career.lastPosition(section);
          entries.forEach((entry, i) => {
            const id = uuidv7();
            rows.push({
              id,
              section,
              position: after + i,
              importId,
              createdAt: now,
              updatedAt: now,
              ...toStored(section, entry),
            });
            tags.push({ kind: 'career_entry', itemId: id, names: entry.tags });
          });
        }
        await mine.career.insertMany(rows);
        await mine.tags.attach(tags);
        await writeProfile(mine, Object.fromEntries(taken.map((field) => [field, checked.profile[field]])), now);
        return { importId, counts, undoUntil: iso(undoUntil) };
      });
    },

    /**
     * Undoes an import whole, in one transaction: its entries go for good (edited or not, trash
     * included), and the profile fields it changed get back the values they had before it.
     */
    async undo(actor: Actor, importId: string): Promise<void> {
      await repos.transaction(actor, async (mine) => {
        const found = await mine.career.lockImport(importId);
        if (!found) throw notFound('Import');
        if (found.undoneAt) throw conflict('This import was already undone.');
        const now = clock.now();
        if (now > found.undoUntil) throw conflict(`An import can be undone for ${IMPORT_UNDO_DAYS} days; this one is older.`);
        await mine.career.undoImport(importId, now);
        await writeProfile(mine, found.profileBefore, now);
      });
    },

    /** Everything a résumé is made from: the profile with its contact details, and each section's live entries in the person's order. */
    async document(actor: Actor): Promise<CareerDocument> {
      const mine = repos.for(actor);
      const [profile, rows] = await Promise.all([profileOf(mine), mine.career.allLive()]);
      const sections = Object.fromEntries(CAREER_SECTIONS.map((section) => [section, [] as CareerEntry[]])) as Record<
        CareerSection,
        CareerEntry[]
      >;
      for (const row of rows) sections[row.section].push(toEntry(row, row.tagNames));
      sections.skills = await withEvidence(mine, sections.skills);
      return { profile, sections: sections as CareerDocument['sections'] };
    },
  };
}
export type CareerImportService = ReturnType<typeof createCareerImportService>;
