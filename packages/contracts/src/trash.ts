import { z } from 'zod';
import { Id, Timestamp } from './common.ts';

export const TrashKind = z.enum(['todo', 'plan', 'achievement', 'focus_item', 'report']);
export type TrashKind = z.infer<typeof TrashKind>;

export const TrashItem = z
  .object({ kind: TrashKind, id: Id, title: z.string(), deletedAt: Timestamp, purgeAfter: Timestamp })
  .meta({ id: 'TrashItem' });

export const TrashParams = z.object({ kind: TrashKind, id: Id });
