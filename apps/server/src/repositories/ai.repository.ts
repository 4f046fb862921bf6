import { and, asc, eq, gt, gte, lt, lte, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { aiCache, aiCalls } from '../db/schema/index.ts';

export type AiCallRow = typeof aiCalls.$inferSelect;
export type NewAiCall = typeof aiCalls.$inferInsert;

/** Any 32-bit number unique to this app: the first half of the per-user usage lock. */
const AI_USAGE_LOCK = 724_310_552;

/**
 * Holds the user's AI usage lock until the transaction ends, so two processes checking the same
 * user's limits take turns: each sees the other's reserved call.
 */
export async function lockAiUsage(tx: Executor, userId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(${AI_USAGE_LOCK}::int, hashtext(${userId}::text))`);
}

/**
 * Provider calls since `minuteStart` (cache hits cost nothing and are not counted), when the
 * oldest of them was made, and the tokens spent since `dayStart`.
 */
export async function recentAiUsage(db: Executor, userId: string, minuteStart: Date, dayStart: Date) {
  const inMinute = sql`${aiCalls.createdAt} > ${minuteStart} and not ${aiCalls.cached}`;
  const [row] = await db
    .select({
      calls: sql<number>`count(*) filter (where ${inMinute})`.mapWith(Number),
      oldestMs: sql<
        number | null
      >`(extract(epoch from min(${aiCalls.createdAt}) filter (where ${inMinute})) * 1000)::float8`.mapWith(Number),
      tokens:
        sql<number>`coalesce(sum(${aiCalls.inputTokens} + ${aiCalls.outputTokens}) filter (where ${aiCalls.createdAt} >= ${dayStart}), 0)`.mapWith(
          Number,
        ),
    })
    .from(aiCalls)
    .where(and(eq(aiCalls.userId, userId), gte(aiCalls.createdAt, minuteStart < dayStart ? minuteStart : dayStart)));
  return {
    calls: row?.calls ?? 0,
    oldest: row?.oldestMs == null ? undefined : new Date(row.oldestMs),
    tokens: row?.tokens ?? 0,
  };
}

export async function insertAiCall(db: Executor, values: NewAiCall): Promise<string> {
  const [row] = await db.insert(aiCalls).values(values).returning({ id: aiCalls.id });
  return row!.id;
}

export async function updateAiCall(
  db: Executor,
  id: string,
  values: Partial<Pick<NewAiCall, 'inputTokens' | 'outputTokens' | 'estimatedCostUsd' | 'latencyMs' | 'outcome'>>,
) {
  await db.update(aiCalls).set(values).where(eq(aiCalls.id, id));
}

/** The stored answer for a request key, if it belongs to this user and has not expired. */
export async function findCachedAnswer(db: Executor, userId: string, key: string, now: Date): Promise<unknown> {
  const [row] = await db
    .select({ response: aiCache.response })
    .from(aiCache)
    .where(and(eq(aiCache.key, key), eq(aiCache.userId, userId), gt(aiCache.expiresAt, now)))
    .limit(1);
  return row?.response;
}

export async function saveCachedAnswer(
  db: Executor,
  values: { key: string; userId: string; response: unknown; now: Date; expiresAt: Date },
) {
  await db
    .insert(aiCache)
    .values({
      key: values.key,
      userId: values.userId,
      response: values.response,
      createdAt: values.now,
      expiresAt: values.expiresAt,
    })
    .onConflictDoUpdate({
      target: aiCache.key,
      set: { response: values.response, createdAt: values.now, expiresAt: values.expiresAt },
    });
}

export async function deleteExpiredAnswers(db: Executor, now: Date): Promise<number> {
  const rows = await db.delete(aiCache).where(lte(aiCache.expiresAt, now)).returning({ key: aiCache.key });
  return rows.length;
}

/** Sums of one group of calls, as the usage page shows them. */
export interface AiUsageFigures {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  estimatedCostUsd: number;
}

const figures = {
  calls: sql<number>`count(*)`.mapWith(Number),
  inputTokens: sql<number>`coalesce(sum(${aiCalls.inputTokens}), 0)`.mapWith(Number),
  outputTokens: sql<number>`coalesce(sum(${aiCalls.outputTokens}), 0)`.mapWith(Number),
  estimatedCostUsd: sql<number>`coalesce(sum(${aiCalls.estimatedCostUsd}), 0)`.mapWith(Number),
};

/** Calls per UTC day in [from, until), one row per day that had any. */
export async function aiUsageByDay(db: Executor, userId: string, from: Date, until: Date) {
  const day = sql<string>`to_char(${aiCalls.createdAt} at time zone 'UTC', 'YYYY-MM-DD')`;
  return db
    .select({ date: day, ...figures })
    .from(aiCalls)
    .where(and(eq(aiCalls.userId, userId), gte(aiCalls.createdAt, from), lt(aiCalls.createdAt, until)))
    .groupBy(day)
    .orderBy(asc(day));
}

/** Calls per feature in [from, until). */
export async function aiUsageByFeature(db: Executor, userId: string, from: Date, until: Date) {
  return db
    .select({ feature: aiCalls.feature, ...figures })
    .from(aiCalls)
    .where(and(eq(aiCalls.userId, userId), gte(aiCalls.createdAt, from), lt(aiCalls.createdAt, until)))
    .groupBy(aiCalls.feature)
    .orderBy(asc(aiCalls.feature));
}

/** Every call row of a user, newest first (for tests and support). */
export async function listAiCalls(db: Executor, userId: string, limit = 100): Promise<AiCallRow[]> {
  return db
    .select()
    .from(aiCalls)
    .where(eq(aiCalls.userId, userId))
    .orderBy(sql`${aiCalls.createdAt} desc, ${aiCalls.id} desc`)
    .limit(limit);
}

/** The acting user's model calls, summed for the usage page. */
export function aiUsageRepository(db: Executor, userId: string) {
  return {
    byDay: (from: Date, until: Date) => aiUsageByDay(db, userId, from, until),
    byFeature: (from: Date, until: Date) => aiUsageByFeature(db, userId, from, until),
  };
}
