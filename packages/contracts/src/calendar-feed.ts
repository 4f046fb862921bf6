import { z } from 'zod';
import { Timestamp } from './common.ts';

/** The private calendar (iCalendar) feed of a user: its address while it is on, null when off. */
export const CalendarFeed = z
  .object({
    url: z
      .url()
      .nullable()
      .describe('The feed’s address, `…/ical/{token}.ics`: anyone holding it can read the feed. Null when there is no feed'),
    createdAt: Timestamp.nullable().describe('When this address was made (by the last rotation)'),
    lastFetchedAt: Timestamp.nullable().describe('When a calendar last read the feed'),
  })
  .meta({ id: 'CalendarFeed' });
export type CalendarFeed = z.infer<typeof CalendarFeed>;
