import type { Achievement } from '@career-anchor/contracts';
import { JOB } from '../jobs/kinds.ts';
import type { JobQueue } from '../jobs/queue.ts';
import type { Actor } from '../lib/actor.ts';
import type { Clock } from '../lib/clock.ts';
import { iso } from '../lib/text.ts';
import type { AchievementFilter, AchievementRow } from '../repositories/achievements.repository.ts';
import type { Repositories } from '../repositories/index.ts';
import { assertEntry } from './career.service.ts';
import { createItemCrud } from './item-crud.ts';

const toDto = (row: AchievementRow, tags: string[]): Achievement => ({
  id: row.id,
  title: row.title,
  description: row.description,
  quantifiableResults: row.quantifiableResults,
  skills: row.skills,
  achievedOn: row.achievedOn,
  tags,
  isPublic: row.isPublic,
  source: row.source as Achievement['source'],
  positionId: row.positionId,
  projectId: row.projectId,
  createdAt: iso(row.createdAt),
  updatedAt: iso(row.updatedAt),
});

type Links = { positionId?: string | null | undefined; projectId?: string | null | undefined };

export function createAchievementsService(repos: Repositories, clock: Clock, queue: JobQueue) {
  const crud = createItemCrud({ repos, clock, pick: (r) => r.achievements, label: 'Achievement', toDto });

  /** An achievement belongs only to a live position and project of the same user. */
  async function assertLinks(actor: Actor, input: Links) {
    const scoped = repos.for(actor);
    await assertEntry(scoped, 'positions', input.positionId);
    await assertEntry(scoped, 'projects', input.projectId);
  }

  return {
    get: crud.get,
    remove: crud.remove,

    async update(actor: Actor, id: string, input: object & Links & { tags?: string[] | undefined }): Promise<Achievement> {
      await assertLinks(actor, input);
      return crud.update(actor, id, input);
    },

    /** An achievement the user adds (not one accepted from a suggestion) prompts a suggestion. */
    async create(
      actor: Actor,
      input: object & Links & { tags?: string[] },
      extra: Partial<AchievementRow> = {},
    ): Promise<Achievement> {
      await assertLinks(actor, input);
      return crud.create(actor, input, extra, async (_repos, tx, row) => {
        if (row.source !== 'suggestion')
          await queue.enqueue(tx, actor.userId, JOB.suggestion, { kind: 'achievement_added', id: row.id });
      });
    },

    /** Newest first. */
    list: (actor: Actor, query: AchievementFilter & { limit: number; cursor?: string | undefined }) =>
      crud.list(actor, query, 'newest', query),
  };
}
export type AchievementsService = ReturnType<typeof createAchievementsService>;
