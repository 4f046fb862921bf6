import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.ts';

/**
 * The reminder kinds as set-based SQL: each statement looks at one batch of users at once, works
 * out in every user's own time zone whether the reminder is due, and inserts the notifications.
 * The unique (user, dedupe key) index makes each reminder exist at most once per user, kind and
 * period, however many workers run the same tick, or how often it is retried.
 */

export interface CreatedNotification {
  id: string;
  user_id: string;
  channels: string[];
}

/** One row per user of the batch with their local time and reminder settings; paused users are left out. */
const batchUsers = (userIds: string[], now: Date) => sql`
  select p.user_id, p.timezone as tz, p.locale, coalesce(s.reminders, '{}'::jsonb) as r,
         (${now.toISOString()}::timestamptz at time zone p.timezone) as local_now
  from profiles p join user_settings s on s.user_id = p.user_id
  where p.user_id = any(${sql.param(userIds)}::uuid[])
    and not coalesce((s.reminders->>'paused')::boolean, false)`;

const enabled = (kind: string) => sql.raw(`coalesce((r->'${kind}'->>'enabled')::boolean, true)`);
const channels = (kind: string, fallback: string) =>
  sql.raw(
    `case when r->'${kind}' ? 'channels' then array(select jsonb_array_elements_text(r->'${kind}'->'channels')) else '${fallback}'::text[] end`,
  );
/** Text in the user's language: Chinese or English. */
const say = (zh: SQL, en: SQL) => sql`case when locale = 'zh-CN' then ${zh} else ${en} end`;

const insert = (select: SQL) => sql`
  insert into notifications (id, user_id, kind, title, body, link, data, dedupe_key, channels, created_at)
  ${select}
  on conflict (user_id, dedupe_key) do nothing
  returning id, user_id, channels`;

/** The nudge to write last week's report, from the user's chosen weekday and hour, if none exists. */
export function weeklyReport(db: Executor, userIds: string[], now: Date) {
  return queryRows<CreatedNotification>(
    db,
    insert(sql`
      select gen_random_uuid(), user_id, 'weekly_report',
        ${say(sql`'该写上周的周报了'`, sql`'Time to write last week’s report'`)},
        ${say(sql`format('%s 至 %s 这一周还没有报告，起草一份只需一分钟。', week_start, week_start + 6)`, sql`format('The week of %s to %s has no report yet. A draft takes a minute.', week_start, week_start + 6)`)},
        '/reports?new=weekly&start=' || week_start,
        jsonb_build_object('periodStart', week_start, 'periodEnd', week_start + 6),
        'weekly_report:' || week_start, ${channels('weeklyReport', '{in_app,email}')}, ${now.toISOString()}::timestamptz
      from (
        select *, (date_trunc('week', local_now)::date - 7) as week_start,
               date_trunc('week', local_now)
                 + make_interval(days => coalesce((r->'weeklyReport'->>'day')::int, 1) - 1, hours => coalesce((r->'weeklyReport'->>'hour')::int, 9)) as due_at
        from (${batchUsers(userIds, now)}) u where ${enabled('weeklyReport')}
      ) w
      where local_now >= due_at
        -- Only for a week the account existed in.
        and (select u2.created_at at time zone w.tz from users u2 where u2.id = w.user_id) < w.week_start + 7
        and not exists (select 1 from reports rp where rp.user_id = w.user_id and rp.deleted_at is null
                        and rp.period_start <= w.week_start + 6 and rp.period_end >= w.week_start)`),
  );
}

/** Once a day after the chosen hour: what is due today and what is overdue. */
export function dueDigest(db: Executor, userIds: string[], now: Date) {
  return queryRows<CreatedNotification>(
    db,
    insert(sql`
      select gen_random_uuid(), user_id, 'due_digest',
        ${say(sql`format('今天到期 %s 项，已逾期 %s 项', due_today, overdue)`, sql`format('%s due today, %s overdue', due_today, overdue)`)},
        ${say(sql`'看看今天要完成的待办。'`, sql`'A look at what needs doing today.'`)},
        case when overdue > 0 then '/todos?due=overdue' else '/todos?due=today' end,
        jsonb_build_object('dueToday', due_today, 'overdue', overdue, 'date', today),
        'due_digest:' || today, ${channels('dueDigest', '{in_app}')}, ${now.toISOString()}::timestamptz
      from (
        select u.*, local_now::date as today, c.due_today, c.overdue
        from (${batchUsers(userIds, now)}) u
        cross join lateral (
          select count(*) filter (where t.due_on = u.local_now::date)::int as due_today,
                 count(*) filter (where t.due_on < u.local_now::date)::int as overdue
          from todos t where t.user_id = u.user_id and t.status = 'open' and t.deleted_at is null and t.due_on <= u.local_now::date
        ) c
        where ${enabled('dueDigest')} and extract(hour from local_now) >= coalesce((r->'dueDigest'->>'hour')::int, 8)
      ) d
      where due_today + overdue > 0`),
  );
}

/** Plans in progress with no linked activity for the chosen number of days; at most weekly per plan. */
export function stalePlans(db: Executor, userIds: string[], now: Date) {
  return queryRows<CreatedNotification>(
    db,
    insert(sql`
      select gen_random_uuid(), u.user_id, 'stale_plan',
        ${say(sql`format('计划“%s”已有 %s 天没有进展', pl.title, idle_days)`, sql`format('“%s” has had no activity for %s days', pl.title, idle_days)`)},
        ${say(sql`'添加一个下一步，或者更新它的状态。'`, sql`'Add a next step, or update its status.'`)},
        '/plans#' || pl.id, jsonb_build_object('planId', pl.id, 'idleDays', idle_days),
        'stale_plan:' || pl.id || ':' || to_char(local_now, 'IYYY-IW'), ${channels('stalePlans', '{in_app}')}, ${now.toISOString()}::timestamptz
      from (${batchUsers(userIds, now)}) u
      join plans pl on pl.user_id = u.user_id and pl.deleted_at is null and pl.status in ('planned', 'in_progress')
      cross join lateral (
        select greatest(pl.updated_at, (select max(t.updated_at) from todos t where t.user_id = pl.user_id and t.plan_id = pl.id and t.deleted_at is null)) as last_activity
      ) a
      cross join lateral (select floor(extract(epoch from (${now.toISOString()}::timestamptz - a.last_activity)) / 86400)::int as idle_days) d
      where ${enabled('stalePlans')} and idle_days >= coalesce((r->'stalePlans'->>'days')::int, 14)`),
  );
}

/**
 * Plans whose projected finish, at the pace of the last 28 days, falls after their target date
 * (and the target is within 30 days, or passed). Shared by the reminder and the insight.
 */
export function plansAtRiskQuery(users: SQL) {
  return sql`
    select u.*, pl.id as plan_id, pl.title, pl.target_date, pl.todo_total as total, pl.todo_done as done, c.recent,
           case when c.recent = 0 then null
                else (u.local_now::date + ceil((pl.todo_total - pl.todo_done) * 28.0 / c.recent)::int) end as projected
    from (${users}) u
    join plans pl on pl.user_id = u.user_id and pl.deleted_at is null and pl.status in ('planned', 'in_progress') and pl.target_date is not null
    cross join lateral (
      select count(*)::int as recent
      from todos t where t.user_id = pl.user_id and t.plan_id = pl.id and t.deleted_at is null
        and t.status = 'done' and t.completed_at >= u.local_now - interval '28 days'
    ) c
    where pl.todo_total > pl.todo_done and pl.target_date <= u.local_now::date + 30
      and (c.recent = 0 or u.local_now::date + ceil((pl.todo_total - pl.todo_done) * 28.0 / c.recent)::int > pl.target_date)`;
}

export function plansAtRisk(db: Executor, userIds: string[], now: Date) {
  return queryRows<CreatedNotification>(
    db,
    insert(sql`
      select gen_random_uuid(), user_id, 'plan_at_risk',
        ${say(sql`format('计划“%s”可能无法按期完成', title)`, sql`format('“%s” may miss its target date', title)`)},
        ${say(
          sql`case when projected is null then format('目标日期 %s，还剩 %s 项待办，近 28 天没有完成任何一项。', target_date, total - done)
                   else format('目标日期 %s；按近 28 天完成 %s 项的速度，预计 %s 完成。', target_date, recent, projected) end`,
          sql`case when projected is null then format('Target %s with %s left to do and none finished in the last 28 days.', target_date, total - done)
                   else format('Target %s; at the pace of the last 28 days (%s done) it would finish on %s.', target_date, recent, projected) end`,
        )},
        '/plans#' || plan_id,
        jsonb_build_object('planId', plan_id, 'targetDate', target_date, 'projected', projected, 'remaining', total - done, 'recent', recent),
        'plan_at_risk:' || plan_id || ':' || to_char(local_now, 'IYYY-IW'), channels, ${now.toISOString()}::timestamptz
      from (${plansAtRiskQuery(sql`select *, ${channels('plansAtRisk', '{in_app}')} as channels from (${batchUsers(userIds, now)}) b where ${enabled('plansAtRisk')}`)}) risk`),
  );
}

/** Active focus items untouched for the chosen number of weeks; a gentle note, at most weekly. */
export function idleFocus(db: Executor, userIds: string[], now: Date) {
  return queryRows<CreatedNotification>(
    db,
    insert(sql`
      select gen_random_uuid(), u.user_id, 'idle_focus',
        ${say(sql`format('“%s”还是你当前的重点吗？', f.title)`, sql`format('Is “%s” still a focus?', f.title)`)},
        ${say(sql`format('它已经 %s 天没有更新了：更新进度，或者暂停它。', idle_days)`, sql`format('It has not changed in %s days: update its progress, or pause it.', idle_days)`)},
        '/', jsonb_build_object('focusItemId', f.id, 'idleDays', idle_days),
        'idle_focus:' || f.id || ':' || to_char(local_now, 'IYYY-IW'), ${channels('idleFocus', '{in_app}')}, ${now.toISOString()}::timestamptz
      from (${batchUsers(userIds, now)}) u
      join focus_items f on f.user_id = u.user_id and f.deleted_at is null and f.status = 'active'
      cross join lateral (select floor(extract(epoch from (${now.toISOString()}::timestamptz - f.updated_at)) / 86400)::int as idle_days) d
      where ${enabled('idleFocus')} and idle_days >= coalesce((r->'idleFocus'->>'days')::int, 21)`),
  );
}

/** Users, in id order after `after`, for the next batch. */
export async function nextUserBatch(db: Executor, after: string | null, size: number): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select id from users ${after ? sql`where id > ${after}::uuid` : sql``} order by id limit ${size}`,
  );
  return rows.map((row) => row.id);
}

/** Users whose monthly reflection for last month is due (opt-in) and not written yet. */
export function reflectionsDue(db: Executor, userIds: string[], now: Date) {
  return queryRows<{ user_id: string; month: string }>(
    db,
    sql`select user_id, to_char(local_now - interval '1 month', 'YYYY-MM') as month
        from (${batchUsers(userIds, now)}) u
        where coalesce((r->'monthlyReflection'->>'enabled')::boolean, false)
          and local_now >= date_trunc('month', local_now) + interval '9 hours'
          and (select u2.created_at at time zone u.tz from users u2 where u2.id = u.user_id) < date_trunc('month', local_now)
          and not exists (select 1 from notifications n where n.user_id = u.user_id
                          and n.dedupe_key = 'monthly_reflection:' || to_char(u.local_now - interval '1 month', 'YYYY-MM'))`,
  );
}
