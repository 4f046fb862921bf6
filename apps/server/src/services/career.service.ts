import { CAREER_SECTIONS, type CareerEntry, type CareerSection } from '@career-anchor/contracts';
import type { Actor } from '../lib/actor.ts';
import type { Clock } from '../lib/clock.ts';
import { notFound } from '../lib/problem.ts';
import type { CareerFilter } from '../repositories/career.repository.ts';
import type { Repositories, UserRepositories } from '../repositories/index.ts';
import { sectionLabel, toEntry, toStored, withEvidence } from './career-entries.ts';
import { createItemCrud } from './item-crud.ts';
import { moveAfter } from './item-order.ts';

type Input = Record<string, unknown> & { tags?: string[] | undefined };
export type CareerListQuery = CareerFilter & { limit: number; cursor?: string | undefined };

/**
 * A project's position must be a live position of the same user; an achievement's position and
 * project likewise (achievements.service.ts). Anything else reads as "… not found", as another
 * user's item always does.
 */
export async function assertEntry(scoped: UserRepositories, section: CareerSection, id: string | null | undefined) {
  if (id && !(await scoped.career.section(section).find(id))) throw notFound(sectionLabel(section));
}

/** One section's entries: the same rules for all eleven, in the person's order. */
function sectionService(repos: Repositories, clock: Clock, section: CareerSection) {
  const crud = createItemCrud({
    repos,
    clock,
    pick: (r) => r.career.section(section),
    label: sectionLabel(section),
    toDto: toEntry,
    complete: section === 'skills' ? withEvidence : undefined,
  });
  const checkLinks = (actor: Actor, input: Input) =>
    section === 'projects'
      ? assertEntry(repos.for(actor), 'positions', input.positionId as string | null | undefined)
      : undefined;

  return {
    get: crud.get,
    remove: crud.remove,

    /** In the person's order. */
    list: (actor: Actor, query: CareerListQuery) => crud.list(actor, query, 'position', query),

    /** Added last in its section; an entry that is `current` has no end date. */
    async create(actor: Actor, input: Input): Promise<CareerEntry> {
      await checkLinks(actor, input);
      return crud.create(actor, { tags: input.tags, ...toStored(section, input) });
    },

    /** Changes the fields given and keeps the rest (merged in the database; see the repository). */
    async update(actor: Actor, id: string, input: Input): Promise<CareerEntry> {
      await checkLinks(actor, input);
      const { fields, ...stored } = toStored(section, input);
      return crud.update(actor, id, { tags: input.tags, ...stored, ...(Object.keys(fields).length ? { fields } : {}) });
    },

    /** Places the entry right after another of its section (or first). */
    move(actor: Actor, id: string, afterId: string | null): Promise<CareerEntry> {
      return repos.transaction(actor, async (scoped) => {
        const entries = scoped.career.section(section);
        const list = { ...entries, findIn: (entryId: string) => crud.findIn(entries, entryId) };
        return crud.shapeOne(scoped, await moveAfter(list, id, afterId, clock.now()));
      });
    },
  };
}
export type CareerSectionService = ReturnType<typeof sectionService>;

/** The career sections (positions, education, projects, skills…), each a list the person keeps. */
export function createCareerService(repos: Repositories, clock: Clock) {
  const sections = Object.fromEntries(
    CAREER_SECTIONS.map((section) => [section, sectionService(repos, clock, section)]),
  ) as Record<CareerSection, CareerSectionService>;
  return { section: (section: CareerSection) => sections[section] };
}
export type CareerService = ReturnType<typeof createCareerService>;
