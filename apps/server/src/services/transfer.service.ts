import { and, eq, inArray, sql } from 'drizzle-orm';
import { EXPORT_FORMAT_VERSION, ExportDocument } from '@career-anchor/contracts';
import { queryRows, type Db, type Executor } from '../db/client.ts';
import {
  achievements,
  aiCalls,
  focusItems,
  notifications,
  plans,
  profiles,
  reports,
  suggestions,
  tags,
  taggings,
  todos,
  userSettings,
  users,
  type TaggableKind,
} from '../db/schema/index.ts';
import type { Clock } from '../lib/clock.ts';
import { uuidv7 } from '../lib/ids.ts';
import { badRequest, notFound } from '../lib/problem.ts';
import { iso, isoOrNull } from '../lib/text.ts';
import type { Actor } from '../lib/actor.ts';

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
};

const KINDS = [
  { key: 'plans', kind: 'plan', table: plans },
  { key: 'todos', kind: 'todo', table: todos },
  { key: 'achievements', kind: 'achievement', table: achievements },
  { key: 'focusItems', kind: 'focus_item', table: focusItems },
  { key: 'reports', kind: 'report', table: reports },
] as const;
type Key = (typeof KINDS)[number]['key'];

const CHUNK = 500;
const chunks = <T>(list: T[]) =>
  Array.from({ length: Math.ceil(list.length / CHUNK) }, (_, i) => list.slice(i * CHUNK, (i + 1) * CHUNK));

/** Own your data: everything as one JSON document, and the same document back. */
export function createTransferService(db: Db, clock: Clock) {
  async function tagMap(userId: string) {
    const rows = await db
      .select({ kind: taggings.itemKind, itemId: taggings.itemId, name: tags.name })
      .from(taggings)
      .innerJoin(tags, eq(tags.id, taggings.tagId))
      .where(eq(taggings.userId, userId))
      .orderBy(sql`lower(${tags.name})`);
    const map = new Map<string, string[]>();
    for (const row of rows) map.set(row.itemId, [...(map.get(row.itemId) ?? []), row.name]);
    return map;
  }

  return {
    async exportAll(actor: Actor) {
      const userId = actor.userId;
      const [account] = await db.select().from(users).where(eq(users.id, userId));
      if (!account) throw notFound('Account');
      const [profile] = await db.select().from(profiles).where(eq(profiles.userId, userId));
      const [settings] = await db.select().from(userSettings).where(eq(userSettings.userId, userId));
      const tagsOf = await tagMap(userId);
      const stamps = (row: { id: string; createdAt: Date; updatedAt: Date; deletedAt: Date | null }) => ({
        id: row.id,
        tags: tagsOf.get(row.id) ?? [],
        createdAt: iso(row.createdAt),
        updatedAt: iso(row.updatedAt),
        deletedAt: isoOrNull(row.deletedAt),
      });
      const [planRows, todoRows, achievementRows, focusRows, reportRows, suggestionRows, notificationRows, aiRows] =
        await Promise.all([
          db.select().from(plans).where(eq(plans.userId, userId)).orderBy(plans.position),
          db.select().from(todos).where(eq(todos.userId, userId)).orderBy(todos.position),
          db.select().from(achievements).where(eq(achievements.userId, userId)).orderBy(achievements.createdAt),
          db.select().from(focusItems).where(eq(focusItems.userId, userId)).orderBy(focusItems.position),
          db.select().from(reports).where(eq(reports.userId, userId)).orderBy(reports.periodStart),
          db.select().from(suggestions).where(eq(suggestions.userId, userId)).orderBy(suggestions.createdAt),
          db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(notifications.createdAt),
          db.select().from(aiCalls).where(eq(aiCalls.userId, userId)).orderBy(aiCalls.createdAt),
        ]);
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
          isPublic: profile.isPublic,
          publicFields: profile.publicFields as ('headline' | 'summary' | 'location' | 'links' | 'avatarUrl')[],
          searchIndexable: profile.searchIndexable,
          locale: profile.locale as 'en' | 'zh-CN',
          timezone: profile.timezone,
        },
        settings: settings && {
          aiEnabled: settings.aiEnabled,
          suggestionsEnabled: settings.suggestionsEnabled,
          suggestionFrequency: settings.suggestionFrequency as 'immediate' | 'daily' | 'weekly',
        },
        plans: planRows.map((r) => ({
          ...stamps(r),
          title: r.title,
          description: r.description,
          targetDate: r.targetDate,
          status: r.status,
          progressOverride: r.progressOverride,
          isPublic: r.isPublic,
        })),
        todos: todoRows.map((r) => ({
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
        })),
        achievements: achievementRows.map((r) => ({
          ...stamps(r),
          title: r.title,
          description: r.description,
          quantifiableResults: r.quantifiableResults,
          skills: r.skills,
          achievedOn: r.achievedOn,
          isPublic: r.isPublic,
          source: r.source,
        })),
        focusItems: focusRows.map((r) => ({
          ...stamps(r),
          title: r.title,
          description: r.description,
          status: r.status,
          progress: r.progress,
          isPublic: r.isPublic,
        })),
        reports: reportRows.map((r) => ({
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
        suggestions: suggestionRows.map(({ userId: _u, dedupeKey: _d, ...rest }) => rest),
        notifications: notificationRows.map(({ userId: _u, dedupeKey: _d, ...rest }) => rest),
        aiUsage: aiRows.map(({ userId: _u, ...rest }) => rest),
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
      for (let version = from; version < EXPORT_FORMAT_VERSION; version++) doc = UPGRADES[version]!(doc);
      const parsed = ExportDocument.safeParse(doc);
      if (!parsed.success) {
        throw badRequest(
          'The file does not match the export format.',
          parsed.error.issues.slice(0, 20).map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
        );
      }
      const file = parsed.data;
      const total = KINDS.reduce((sum, k) => sum + file[k.key].length, 0);
      if (total > 20_000) throw badRequest('The file holds more than 20,000 items.');

      // Every link must point inside the file, and every id appear once.
      const seen = new Set<string>();
      const problems: { path: string; message: string }[] = [];
      for (const { key } of KINDS) {
        file[key].forEach((item, i) => {
          if (seen.has(item.id)) problems.push({ path: `${key}.${i}.id`, message: 'This id appears twice' });
          seen.add(item.id);
        });
      }
      const planIds = new Set(file.plans.map((p) => p.id));
      const todoIds = new Set(file.todos.map((t) => t.id));
      file.todos.forEach(
        (t, i) =>
          t.planId &&
          !planIds.has(t.planId) &&
          problems.push({ path: `todos.${i}.planId`, message: 'No such plan in this file' }),
      );
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

      const userId = actor.userId;
      const now = clock.now();
      const imported = { achievements: 0, focusItems: 0, plans: 0, todos: 0, reports: 0 };
      const skipped = { ...imported };
      await db.transaction(async (tx) => {
        const idMap = new Map<string, string>();
        const newTags: { kind: TaggableKind; itemId: string; names: string[] }[] = [];
        for (const { key, kind, table } of KINDS) {
          const items = file[key];
          if (items.length === 0) continue;
          // Items imported from this file before keep their place; only new ones are added.
          for (const part of chunks(items.map((item) => item.id))) {
            const existing: { id: string; originId: string }[] = await (tx as any)
              .select({ id: table.id, originId: table.originId })
              .from(table)
              .where(and(eq(table.userId, userId), inArray(table.originId, part)));
            for (const row of existing) idMap.set(row.originId, row.id);
            // The account's own items, when it imports its own export.
            const own: { id: string }[] = await (tx as any)
              .select({ id: table.id })
              .from(table)
              .where(and(eq(table.userId, userId), inArray(table.id, part)));
            for (const row of own) idMap.set(row.id, row.id);
          }
          const fresh = items.filter((item) => !idMap.has(item.id));
          skipped[key as Key] = items.length - fresh.length;
          imported[key as Key] = fresh.length;
          const rows = fresh.map((item, index) => {
            const id = uuidv7();
            idMap.set(item.id, id);
            newTags.push({ kind, itemId: id, names: item.tags });
            return { item, id, index };
          });
          const values = rows.map(({ item, id, index }) => rowFor(key, item as never, id, userId, idMap, now, index));
          for (const part of chunks(values)) await (tx as any).insert(table).values(part);
        }
        await importTags(tx, userId, newTags);
        if (file.profile) await importProfile(tx, userId, file.profile, now);
        if (file.settings)
          await tx
            .update(userSettings)
            .set({ ...file.settings, updatedAt: now })
            .where(eq(userSettings.userId, userId));
      });
      return { imported, skipped, upgradedFrom: from < EXPORT_FORMAT_VERSION ? from : null };
    },
  };
}
export type TransferService = ReturnType<typeof createTransferService>;

/** A database row for an imported item: a new id, links mapped to the new ids, the old id kept as origin. */
function rowFor(
  key: Key,
  item: Record<string, any>,
  id: string,
  userId: string,
  idMap: Map<string, string>,
  now: Date,
  index: number,
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
    ...fields
  } = item;
  const base = {
    ...fields,
    id,
    userId,
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
    default:
      return base;
  }
}

async function importTags(tx: Executor, userId: string, items: { kind: TaggableKind; itemId: string; names: string[] }[]) {
  const names = [...new Map(items.flatMap((i) => i.names).map((n) => [n.toLowerCase(), n])).values()];
  if (names.length === 0) return;
  await tx.execute(sql`
    insert into tags (id, user_id, name)
    select x.id, ${userId}, x.name from unnest(${sql.param(names)}::text[], ${sql.param(names.map(() => uuidv7()))}::uuid[]) as x(name, id)
    on conflict (user_id, lower(name)) do nothing`);
  const ids = new Map(
    (await queryRows<{ id: string; name: string }>(tx, sql`select id, name from tags where user_id = ${userId}`)).map((t) => [
      t.name.toLowerCase(),
      t.id,
    ]),
  );
  const links = items.flatMap((item) =>
    item.names.map((name) => ({ tagId: ids.get(name.toLowerCase())!, userId, itemKind: item.kind, itemId: item.itemId })),
  );
  for (const part of chunks(links)) await tx.insert(taggings).values(part).onConflictDoNothing();
}

async function importProfile(tx: Executor, userId: string, profile: NonNullable<ExportDocument['profile']>, now: Date) {
  const { displayName, handle, ...fields } = profile;
  if (displayName) await tx.update(users).set({ displayName, updatedAt: now }).where(eq(users.id, userId));
  // A handle someone else holds is left out rather than failing the whole import.
  const free =
    handle &&
    !(await queryRows(tx, sql`select 1 from profiles where lower(handle) = lower(${handle}) and user_id <> ${userId}`)).length;
  await tx
    .update(profiles)
    .set({ ...fields, ...(free ? { handle } : {}), updatedAt: now })
    .where(eq(profiles.userId, userId));
}
