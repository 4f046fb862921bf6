import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../src/db/client.ts';
import { defineJob } from '../../src/jobs/definitions.ts';

/** A job kind that exists only in tests: it reports progress, streams text, and can fail. */
export const stepsJob = defineJob({
  kind: 'test.steps',
  payload: z.object({ steps: z.number().int().min(1).max(10), fail: z.boolean().default(false) }),
  retryLimit: 0,
  async run({ steps, fail }, ctx) {
    for (let i = 1; i <= steps; i++) await ctx.progress((i / steps) * 90, `step ${i}. `);
    if (fail) throw new Error('asked to fail');
    return { steps, userId: ctx.userId };
  },
});

export async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('timed out waiting');
}

/** Waits until no job of this kind is waiting or running: what it was queued to do is done. */
export function jobsSettled(db: Db, kind: string): Promise<true> {
  return waitFor(async () => {
    const [row] = await db
      .select({ pending: sql<number>`count(*)::int` })
      .from(sql`pgboss.job`)
      .where(sql`name = ${kind} and state in ('created', 'retry', 'active')`);
    return row?.pending === 0 ? true : undefined;
  });
}
