import type { TrashKind } from '@career-anchor/contracts';
import type { Clock } from '../lib/clock.ts';
import { notFound } from '../lib/problem.ts';
import { iso } from '../lib/text.ts';
import { decodeCursor, encodeCursor, pageFrom } from '../repositories/paging.ts';
import type { Repositories } from '../repositories/index.ts';
import type { Actor } from '../lib/actor.ts';
import { entryTitle } from './career-entries.ts';

export const TRASH_DAYS = 30;
const DAY_MS = 86_400_000;

/** Deleted items wait here for 30 days, restorable, before a scheduled purge removes them. */
export function createTrashService(repos: Repositories, clock: Clock) {
  return {
    /** Newest deletion first, a page at a time (keyset on the deletion time to the microsecond, then id). */
    async list(actor: Actor, page: { limit: number; cursor?: string | undefined }) {
      const after = page.cursor ? decodeCursor(page.cursor, 'timestamptz') : undefined;
      const rows = await repos.for(actor).trash.list({ after, limit: page.limit });
      const shown = pageFrom(rows, page.limit, (last) => encodeCursor(last.key, last.id));
      return {
        items: shown.rows.map((row) => {
          const deletedAt = new Date(row.deleted_at);
          return {
            kind: row.kind,
            id: row.id,
            ...(row.section ? { title: entryTitle(row.section, row.title), section: row.section } : { title: row.title }),
            deletedAt: iso(deletedAt),
            purgeAfter: iso(new Date(deletedAt.getTime() + TRASH_DAYS * DAY_MS)),
          };
        }),
        nextCursor: shown.nextCursor,
      };
    },

    async restore(actor: Actor, kind: TrashKind, id: string) {
      if (!(await repos.for(actor).trash.restore(kind, id, clock.now()))) throw notFound('Deleted item');
    },

    /** Removes for good what has been in the trash longer than the retention period. */
    purge: (): Promise<number> => repos.system.trash.purge(new Date(clock.now().getTime() - TRASH_DAYS * DAY_MS)),
  };
}
export type TrashService = ReturnType<typeof createTrashService>;
