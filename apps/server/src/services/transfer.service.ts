import {
  CAREER_SECTIONS,
  EXPORT_FORMAT_VERSION,
  ExportDocument,
  ExportDocumentV1,
  recurrenceProblem,
  type CareerSection,
  type ExportedCareer,
  type PUBLIC_FIELDS,
} from '@career-anchor/contracts';
import type { Clock } from '../lib/clock.ts';
import { uuidv7 } from '../lib/ids.ts';
import { badRequest, notFound } from '../lib/problem.ts';
import { iso, isoOrNull } from '../lib/text.ts';
import type { Repositories, UserRepositories } from '../repositories/index.ts';
import type { TaggableKind } from '../repositories/tags.repository.ts';
import type { ItemKey } from '../repositories/transfer.repository.ts';
import type { Actor } from '../lib/actor.ts';
import type { CareerRow } from '../repositories/career.repository.ts';
import { toEntry, toStored } from './career-entries.ts';

/** Each older format, upgraded one version at a time to the current one. */
const UPGRADES: Record<number, (doc: Record<string, any>) => Record<string, any>> = {
  // Version 1 kept a report's sections at its top level and called focus items "focus".
  1: (doc) => ({
    ...doc,
    formatVersion: 2,
    focusItems: doc.focusItems ?? doc.focus ?? [],
    focus: undefined,
    reports: (doc.reports ?? []).map((r: Record<string, any>) => {
      const { accomplishments, challenges, learnings, nextFocus, ...rest } = r;
      return { ...rest, sections: r.sections ?? { accomplishments, challenges, learnings, nextFocus } };
    }),
  }),
  // Version 3 added the career sections, achievements' positionId and projectId, and the
  // profile's contact details: a version-2 file has none of them, and each has a default.
  2: (doc) => ({ ...doc, formatVersion: 3 }),
};

/** A validation failure as the problem's `errors`, the first 20. */
const issuesOf = (error: { issues: { path: PropertyKey[]; message: string }[] }) =>
  error.issues.slice(0, 20).map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));

/** The kinds of item a file holds, in the order they are written (plans before the to-dos that link to them). */
const KINDS: readonly { key: ItemKey; kind: TaggableKind }[] = [
  { key: 'plans', kind: 'plan' },
  { key: 'todos', kind: 'todo' },
  { key: 'achievements', kind: 'achievement' },
  { key: 'focusItems', kind: 'focus_item' },
  { key: 'reports', kind: 'report' },
];

/** Own your data: everything as one JSON document, and the same document back. */
export function createTransferService(repos: Repositories, clock: Clock) {
  return {
    async exportAll(actor: Actor) {
      const mine = repos.for(actor);
      const account = await mine.transfer.account();
      if (!account) throw notFound('Account');
      const [found, settings, tagsOf, rows, career] = await Promise.all([
        mine.profiles.find(),
        mine.settings.find(),
        mine.tags.byItem(),
        mine.transfer.rows(),
        mine.career.all(),
      ]);
      const profile = found?.profile;
      const stamps = (row: { id: string; createdAt: Date; updatedAt: Date; deletedAt: Date | null }) => ({
        id: row.id,
        tags: tagsOf.get(row.id) ?? [],
        createdAt: iso(row.createdAt),
        updatedAt: iso(row.updatedAt),
        deletedAt: isoOrNull(row.deletedAt),
      });
      return {
        formatVersion: EXPORT_FORMAT_VERSION,
        exportedAt: iso(clock.now()),
        account: { email: account.email, displayName: account.displayName, createdAt: iso(account.createdAt) },
        profile: profile && {
          displayName: account.displayName,
          headline: profile.headline,
          summary: profile.summary,
          location: profile.location,
          links: profile.links,
          handle: profile.handle,
          avatarUrl: profile.avatarUrl,
          email: profile.email,
          phone: profile.phone,
          url: profile.url,
          address: profile.address,
          resumeExtra: profile.resumeExtra,
          isPublic: profile.isPublic,
          publicFields: profile.publicFields as (typeof PUBLIC_FIELDS)[number][],
          searchIndexable: profile.searchIndexable,
          locale: profile.locale as 'en' | 'zh-CN',
          timezone: profile.timezone,
        },
        settings: settings && {
          aiEnabled: settings.aiEnabled,
          suggestionsEnabled: settings.suggestionsEnabled,
          suggestionFrequency: settings.suggestionFrequency as 'immediate' | 'daily' | 'weekly',
        },
        plans: rows.plans.map((r) => ({
          ...stamps(r),
          title: r.title,
          description: r.description,
          targetDate: r.targetDate,
          status: r.status,
          progressOverride: r.progressOverride,
          isPublic: r.isPublic,
        })),
        todos: rows.todos.map((r) => ({
          ...stamps(r),
          title: r.title,
          notes: r.notes,
          dueOn: r.dueOn,
          priority: r.priority,
          important: r.important,
          planId: r.planId,
          status: r.status,
          completedAt: isoOrNull(r.completedAt),
          summary: r.summary,
          dueTime: r.dueTime,
          recurrence: r.recurrence,
          seriesId: r.seriesId,
          seriesStart: r.seriesStart,
          subtasks: r.subtasks,
          remindBefore: r.remindBefore,
        })),
        achievements: rows.achievements.map((r) => ({
          ...stamps(r),
          title: r.title,
          description: r.description,
          quantifiableResults: r.quantifiableResults,
          skills: r.skills,
          achievedOn: r.achievedOn,
          isPublic: r.isPublic,
          source: r.source,
          positionId: r.positionId,
          projectId: r.projectId,
        })),
        focusItems: rows.focusItems.map((r) => ({
          ...stamps(r),
          title: r.title,
          description: r.description,
          status: r.status,
          progress: r.progress,
          isPublic: r.isPublic,
        })),
        reports: rows.reports.map((r) => ({
          ...stamps(r),
          type: r.type,
          periodStart: r.periodStart,
          periodEnd: r.periodEnd,
          title: r.title,
          sections: {
            accomplishments: r.accomplishments,
            challenges: r.challenges,
            learnings: r.learnings,
            nextFocus: r.nextFocus,
          },
          status: r.status,
          sourceTodoIds: r.sourceTodoIds,
          generatedBy: r.generatedBy,
          finalizedAt: isoOrNull(r.finalizedAt),
        })),
        career: exportedCareer(career, tagsOf),
        suggestions: rows.suggestions.map(({ userId: _u, dedupeKey: _d, ...rest }) => rest),
        notifications: rows.notifications.map(({ userId: _u, dedupeKey: _d, ...rest }) => rest),
        aiUsage: rows.aiCalls.map(({ userId: _u, ...rest }) => rest),
      };
    },

    /**
     * Imports a document into the signed-in account: upgraded if old, checked whole first, then
     * written in one transaction with new ids and the links between items kept. Items already
     * imported from the same file are skipped, so importing it twice adds nothing.
     */
    async importAll(actor: Actor, body: unknown) {
      if (typeof body !== 'object' || body === null || Array.isArray(body))
        throw badRequest('The file is not an export document.');
      let doc = body as Record<string, any>;
      const from = Number(doc.formatVersion);
      if (!Number.isInteger(from) || from < 1 || from > EXPORT_FORMAT_VERSION) {
        throw badRequest(`Unknown formatVersion: this server reads versions 1 to ${EXPORT_FORMAT_VERSION}.`, [
          { path: 'formatVersion', message: 'Unknown version' },
        ]);
      }
      if (from === 1) {
        // The upgrade reads these fields: they are checked before it runs, never after it failed.
        const v1 = ExportDocumentV1.safeParse(doc);
        if (!v1.success) throw badRequest('The file does not match the export format.', issuesOf(v1.error));
      }
      for (let version = from; version < EXPORT_FORMAT_VERSION; version++) doc = UPGRADES[version]!(doc);
      const parsed = ExportDocument.safeParse(doc);
      if (!parsed.success) {
        throw badRequest('The file does not match the export format.', issuesOf(parsed.error));
      }
      const file = parsed.data;
      const careerTotal = CAREER_SECTIONS.reduce((sum, section) => sum + file.career[section].length, 0);
      const total = KINDS.reduce((sum, k) => sum + file[k.key].length, careerTotal);
      if (total > 20_000) throw badRequest('The file holds more than 20,000 items.');

      // Every link must point inside the file, and every id appear once.
      const seen = new Set<string>();
      const problems: { path: string; message: string }[] = [];
      const lists: [string, { id: string }[]][] = [
        ...KINDS.map(({ key }): [string, { id: string }[]] => [key, file[key]]),
        ...CAREER_SECTIONS.map((section): [string, { id: string }[]] => [`career.${section}`, file.career[section]]),
      ];
      for (const [key, items] of lists) {
        items.forEach((item, i) => {
          if (seen.has(item.id)) problems.push({ path: `${key}.${i}.id`, message: 'This id appears twice' });
          seen.add(item.id);
        });
      }
      const positionIds = new Set(file.career.positions.map((p) => p.id));
      const projectIds = new Set(file.career.projects.map((p) => p.id));
      file.career.projects.forEach(
        (p, i) =>
          p.positionId &&
          !positionIds.has(p.positionId) &&
          problems.push({ path: `career.projects.${i}.positionId`, message: 'No such position in this file' }),
      );
      file.achievements.forEach((a, i) => {
        if (a.positionId && !positionIds.has(a.positionId))
          problems.push({ path: `achievements.${i}.positionId`, message: 'No such position in this file' });
        if (a.projectId && !projectIds.has(a.projectId))
          problems.push({ path: `achievements.${i}.projectId`, message: 'No such project in this file' });
      });
      const planIds = new Set(file.plans.map((p) => p.id));
      const todoIds = new Set(file.todos.map((t) => t.id));
      file.todos.forEach(
        (t, i) =>
          t.planId &&
          !planIds.has(t.planId) &&
          problems.push({ path: `todos.${i}.planId`, message: 'No such plan in this file' }),
      );
      file.todos.forEach((t, i) => {
        if (t.dueTime && !t.dueOn) problems.push({ path: `todos.${i}.dueTime`, message: 'A due time needs a due date' });
        if (!t.recurrence) return;
        const problem = t.dueOn
          ? recurrenceProblem(t.recurrence, t.seriesStart ?? t.dueOn)
          : 'A recurring to-do needs a due date';
        if (problem) problems.push({ path: `todos.${i}.recurrence`, message: problem });
      });
      file.reports.forEach((r, i) =>
        r.sourceTodoIds.forEach(
          (id, j) =>
            !todoIds.has(id) && problems.push({ path: `reports.${i}.sourceTodoIds.${j}`, message: 'No such to-do in this file' }),
        ),
      );
      file.reports.forEach(
        (r, i) => r.periodStart > r.periodEnd && problems.push({ path: `reports.${i}.periodEnd`, message: 'Before periodStart' }),
      );
      if (problems.length) throw badRequest('Some links in the file point nowhere.', problems.slice(0, 20));

      const now = clock.now();
      const imported = { achievements: 0, focusItems: 0, plans: 0, todos: 0, reports: 0, careerEntries: 0 };
      const skipped = { ...imported };
      await repos.transaction(actor, async (mine) => {
        const idMap = new Map<string, string>();
        // The occurrences of a recurring to-do share a new series id, whichever of them comes first.
        const seriesIds = new Map<string, string>();
        const newTags: { kind: TaggableKind; itemId: string; names: string[] }[] = [];
        // The career first: projects name positions, achievements name both.
        for (const section of CAREER_SECTIONS) {
          const entries = file.career[section];
          if (entries.length === 0) continue;
          for (const [fileId, id] of await mine.career.existing(entries.map((entry) => entry.id))) idMap.set(fileId, id);
          const fresh = entries.filter((entry) => !idMap.has(entry.id));
          skipped.careerEntries += entries.length - fresh.length;
          imported.careerEntries += fresh.length;
          // After the person's own entries, in the file's order.
          const after = await mine.career.lastPosition(section);
          const rows = fresh.map((entry, index) => {
            const id = uuidv7();
            idMap.set(entry.id, id);
            newTags.push({ kind: 'career_entry', itemId: id, names: entry.tags });
            return careerRowFor(section, entry, id, idMap, now, after + index);
          });
          await mine.career.insertMany(rows);
        }
        for (const { key, kind } of KINDS) {
          const items = file[key];
          if (items.length === 0) continue;
          // Items imported from this file before keep their place; only new ones are added.
          const existing = await mine.transfer.existing(
            key,
            items.map((item) => item.id),
          );
          for (const [fileId, id] of existing) idMap.set(fileId, id);
          const fresh = items.filter((item) => !idMap.has(item.id));
          skipped[key] = items.length - fresh.length;
          imported[key] = fresh.length;
          const rows = fresh.map((item, index) => {
            const id = uuidv7();
            idMap.set(item.id, id);
            newTags.push({ kind, itemId: id, names: item.tags });
            return rowFor(key, item as never, id, idMap, now, index, seriesIds);
          });
          await mine.transfer.insert(key, rows);
        }
        await mine.tags.attach(newTags);
        if (file.profile) await importProfile(mine, file.profile, now);
        if (file.settings) await mine.settings.update(file.settings, now);
      });
      return { imported, skipped, upgradedFrom: from < EXPORT_FORMAT_VERSION ? from : null };
    },
  };
}
export type TransferService = ReturnType<typeof createTransferService>;

/** A database row for an imported item: a new id, links mapped to the new ids, the old id kept as origin. */
function rowFor(
  key: ItemKey,
  item: Record<string, any>,
  id: string,
  idMap: Map<string, string>,
  now: Date,
  index: number,
  seriesIds: Map<string, string>,
) {
  const {
    id: originId,
    tags: _tags,
    createdAt,
    updatedAt,
    deletedAt,
    sections,
    sourceTodoIds,
    planId,
    completedAt,
    finalizedAt,
    positionId,
    projectId,
    ...fields
  } = item;
  const base = {
    ...fields,
    id,
    originId,
    createdAt: createdAt ? new Date(createdAt) : now,
    updatedAt: updatedAt ? new Date(updatedAt) : now,
    deletedAt: deletedAt ? new Date(deletedAt) : null,
  };
  switch (key) {
    case 'todos':
      return {
        ...base,
        position: index,
        planId: planId ? idMap.get(planId)! : null,
        status: fields.status,
        completedAt: fields.status === 'done' ? new Date(completedAt ?? now) : null,
        ...seriesOf(item, id, seriesIds),
      };
    case 'reports':
      return {
        ...base,
        ...sections,
        sourceTodoIds: (sourceTodoIds as string[]).map((todoId) => idMap.get(todoId)!),
        finalizedAt: finalizedAt ? new Date(finalizedAt) : null,
      };
    case 'plans':
    case 'focusItems':
      return { ...base, position: index };
    case 'achievements':
      return {
        ...base,
        positionId: positionId ? idMap.get(positionId)! : null,
        projectId: projectId ? idMap.get(projectId)! : null,
      };
    default:
      return base;
  }
}

type ExportedEntry = ExportedCareer[CareerSection][number];

/** The career as the export holds it: each section a list in the person's order, trash included. */
function exportedCareer(rows: CareerRow[], tagsOf: Map<string, string[]>) {
  const career = Object.fromEntries(CAREER_SECTIONS.map((section) => [section, [] as object[]]));
  for (const row of rows) {
    const { order: _order, importId: _importId, ...entry } = toEntry(row, tagsOf.get(row.id) ?? []);
    career[row.section]!.push({ ...entry, deletedAt: isoOrNull(row.deletedAt) });
  }
  return career as ExportedCareer;
}

/** A database row for an imported career entry: a new id, a project's position mapped, the old id kept as origin. */
function careerRowFor(
  section: CareerSection,
  entry: ExportedEntry,
  id: string,
  idMap: Map<string, string>,
  now: Date,
  position: number,
) {
  const {
    id: originId,
    tags: _tags,
    createdAt,
    updatedAt,
    deletedAt,
    ...input
  } = entry as ExportedEntry & {
    positionId?: string | null;
  };
  const positionId = input.positionId ? idMap.get(input.positionId)! : null;
  return {
    ...toStored(section, { ...input, positionId }),
    id,
    section,
    originId,
    position,
    createdAt: createdAt ? new Date(createdAt) : now,
    updatedAt: updatedAt ? new Date(updatedAt) : now,
    deletedAt: deletedAt ? new Date(deletedAt) : null,
  };
}

async function importProfile(mine: UserRepositories, profile: NonNullable<ExportDocument['profile']>, now: Date) {
  const { displayName, handle, ...fields } = profile;
  if (displayName) await mine.profiles.updateDisplayName(displayName, now);
  // A handle someone else holds is left out rather than failing the whole import.
  const free = handle && !(await mine.profiles.isHandleTaken(handle));
  await mine.profiles.update({ ...fields, ...(free ? { handle } : {}) }, now);
}

/** An imported to-do's series: its occurrences share one new id; a recurring one without a series starts its own. */
function seriesOf(item: Record<string, any>, id: string, seriesIds: Map<string, string>) {
  const original: string | null = item.seriesId ?? (item.recurrence ? item.id : null);
  if (!original) return { seriesId: null, seriesStart: item.seriesStart ?? null };
  if (!seriesIds.has(original)) seriesIds.set(original, id);
  return { seriesId: seriesIds.get(original)!, seriesStart: item.seriesStart ?? (item.recurrence ? item.dueOn : null) };
}
