import type { Overview } from '@career-anchor/contracts';
import type { Actor } from './actor.ts';
import type { AchievementsService } from './achievements.service.ts';
import type { FocusItemsService } from './focus-items.service.ts';
import type { PlansService } from './plans.service.ts';
import type { ProfileService } from './profile.service.ts';
import type { TodosService } from './todos.service.ts';

const RECENT_ACHIEVEMENTS = 6;
const NEXT_TODOS = 8;
const MAX_ITEMS = 200;

/** Everything the anchor page shows, in one call. */
export function createOverviewService(deps: {
  profile: ProfileService;
  achievements: AchievementsService;
  focusItems: FocusItemsService;
  plans: PlansService;
  todos: TodosService;
}) {
  return {
    async get(actor: Actor): Promise<Overview> {
      const profile = await deps.profile.get(actor);
      const [achievements, achievementCount, focusItems, plans, todoCounts] = await Promise.all([
        deps.achievements.list(actor, { limit: RECENT_ACHIEVEMENTS }),
        deps.achievements.count(actor),
        deps.focusItems.list(actor, { limit: MAX_ITEMS }),
        deps.plans.list(actor, { limit: MAX_ITEMS }),
        deps.todos.summary(actor, profile.timezone, NEXT_TODOS),
      ]);
      return {
        profile,
        achievements: achievements.items,
        achievementCount,
        focusItems: focusItems.items,
        plans: plans.items,
        todos: todoCounts,
      };
    },
  };
}
export type OverviewService = ReturnType<typeof createOverviewService>;
