import { z } from 'zod';
import { Achievement, FocusItem, Plan, Todo } from './items.ts';
import { Profile } from './profile.ts';

export const Overview = z
  .object({
    profile: Profile,
    achievements: z.array(Achievement).describe('The most recent ones'),
    achievementCount: z.number().int(),
    focusItems: z.array(FocusItem),
    plans: z.array(Plan),
    todos: z
      .object({
        open: z.number().int(),
        dueToday: z.number().int(),
        overdue: z.number().int(),
        doneThisWeek: z.number().int(),
        next: z.array(Todo).describe('Open to-dos to look at first: overdue, due soon, important'),
      })
      .describe('Counts use today in the profile’s time zone'),
  })
  .meta({ id: 'Overview' });
export type Overview = z.infer<typeof Overview>;
