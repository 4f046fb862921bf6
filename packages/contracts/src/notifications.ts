import { z } from 'zod';
import { Id, Timestamp } from './common.ts';

export const NotificationKind = z.enum([
  'weekly_report',
  'due_digest',
  'stale_plan',
  'plan_at_risk',
  'idle_focus',
  'monthly_reflection',
  'todo_due',
]);
export type NotificationKind = z.infer<typeof NotificationKind>;

export const Notification = z
  .object({
    id: Id,
    kind: NotificationKind,
    title: z.string().describe('In the reader’s language (the profile’s), worded from `kind` and `data` when read'),
    body: z.string(),
    link: z.string().nullable().describe('The in-app path of what it is about'),
    data: z.record(z.string(), z.unknown()).describe('The numbers and names the words are made from'),
    readAt: Timestamp.nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof Notification>;

export const NotificationPage = z
  .object({ items: z.array(Notification), nextCursor: z.string().nullable(), unread: z.number().int() })
  .meta({ id: 'NotificationPage' });

export const NotificationQuery = z.object({
  unread: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

export const ReminderChannel = z.enum(['in_app', 'email']);
const Channels = z.array(ReminderChannel).max(2);
const Hour = z.number().int().min(0).max(23);

/** Each reminder kind on or off, where it goes, and when; `paused` silences all of them. */
export const ReminderSettings = z
  .object({
    paused: z.boolean(),
    weeklyReport: z.object({
      enabled: z.boolean(),
      channels: Channels,
      day: z.number().int().min(1).max(7).describe('ISO weekday, 1 = Monday'),
      hour: Hour,
    }),
    dueDigest: z.object({ enabled: z.boolean(), channels: Channels, hour: Hour }),
    stalePlans: z.object({ enabled: z.boolean(), channels: Channels, days: z.number().int().min(3).max(180) }),
    plansAtRisk: z.object({ enabled: z.boolean(), channels: Channels }),
    idleFocus: z.object({ enabled: z.boolean(), channels: Channels, days: z.number().int().min(7).max(365) }),
    monthlyReflection: z.object({ enabled: z.boolean(), channels: Channels }),
    dueTimes: z
      .object({ enabled: z.boolean(), channels: Channels })
      .describe('Reminders at a to-do’s due time, or its `remindBefore` minutes before it'),
  })
  .meta({ id: 'ReminderSettings' });
export type ReminderSettings = z.infer<typeof ReminderSettings>;

export const DEFAULT_REMINDERS: ReminderSettings = {
  paused: false,
  weeklyReport: { enabled: true, channels: ['in_app', 'email'], day: 1, hour: 9 },
  dueDigest: { enabled: true, channels: ['in_app'], hour: 8 },
  stalePlans: { enabled: true, channels: ['in_app'], days: 14 },
  plansAtRisk: { enabled: true, channels: ['in_app'] },
  idleFocus: { enabled: true, channels: ['in_app'], days: 21 },
  monthlyReflection: { enabled: false, channels: ['in_app'] },
  dueTimes: { enabled: true, channels: ['in_app', 'email'] },
};

/** Changes to reminder settings: any kind, any field; the rest keep their value. */
export const ReminderSettingsUpdate = z
  .object({
    paused: z.boolean(),
    weeklyReport: ReminderSettings.shape.weeklyReport.partial(),
    dueDigest: ReminderSettings.shape.dueDigest.partial(),
    stalePlans: ReminderSettings.shape.stalePlans.partial(),
    plansAtRisk: ReminderSettings.shape.plansAtRisk.partial(),
    idleFocus: ReminderSettings.shape.idleFocus.partial(),
    monthlyReflection: ReminderSettings.shape.monthlyReflection.partial(),
    dueTimes: ReminderSettings.shape.dueTimes.partial(),
  })
  .partial()
  .strict()
  .meta({ id: 'ReminderSettingsUpdate' });

export const InsightKind = z.enum(['skills_trending', 'pace', 'streak', 'time_by_plan', 'time_by_tag', 'plan_at_risk']);

export const Insight = z
  .object({
    kind: InsightKind,
    title: z.string().describe('In the reader’s language (the profile’s)'),
    detail: z.string().describe('Plain words, with the numbers behind them'),
    link: z.string().nullable(),
    data: z
      .record(z.string(), z.unknown())
      .describe(
        'The numbers behind it. Shares (time_by_plan, time_by_tag) carry whole-percent `share`s that add up to 100, ' +
          'with `group` "none" (no plan, untagged) and "other" (past the five named); a to-do with several tags is shared among them.',
      ),
  })
  .meta({ id: 'Insight' });
export type Insight = z.infer<typeof Insight>;

export const InsightList = z.object({ items: z.array(Insight), generatedAt: Timestamp }).meta({ id: 'InsightList' });
