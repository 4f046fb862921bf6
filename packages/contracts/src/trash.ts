import { z } from 'zod';
import { CareerSectionName } from './career.ts';
import { Id, Timestamp } from './common.ts';

export const TrashKind = z.enum(['todo', 'plan', 'achievement', 'focus_item', 'report', 'career_entry']);
export type TrashKind = z.infer<typeof TrashKind>;

export const TrashItem = z
  .object({
    kind: TrashKind,
    id: Id,
    title: z.string(),
    section: CareerSectionName.optional().describe('For a career entry: its section'),
    deletedAt: Timestamp,
    purgeAfter: Timestamp,
  })
  .meta({ id: 'TrashItem' });

export const TrashParams = z.object({ kind: TrashKind, id: Id });
