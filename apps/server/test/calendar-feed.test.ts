import { sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wallClock, zonedDateTimeToInstant } from '@career-anchor/quick-add';
import { nextOccurrence } from '@career-anchor/quick-add/occurrence';
import type { Todo } from '@career-anchor/contracts';
import { vtimezone } from '../src/lib/ical.ts';
import { as, createTestApp, expectProblem, signUp, TEST_ORIGIN, type TestApp, type TestUser } from './helpers/app.ts';

let t: TestApp;
const logLines: string[] = [];
let now = new Date('2026-03-01T12:00:00Z');
beforeAll(async () => {
  t = await createTestApp({ clock: { now: () => now }, logLines });
});
afterAll(() => t.close());

const ZONE = 'America/New_York';

async function user(timezone = ZONE, locale = 'en') {
  const u = await signUp(t.app, { displayName: 'Ada, the “Analyst”' });
  const api = as(t.app, u);
  await api.put('/api/v1/profile', { timezone, locale });
  return { u, api };
}

/** The feed at an address, fetched as a calendar app does: no cookie, no Origin. */
const fetchFeed = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url: new URL(url).pathname, headers });

async function rotate(u: TestUser) {
  const res = await as(t.app, u).post('/api/v1/calendar-feed/rotate');
  expect(res.statusCode).toBe(200);
  return res.json() as { url: string; createdAt: string; lastFetchedAt: string | null };
}

/** The feed parsed by ical.js, with its VTIMEZONEs registered so times convert by them alone. */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
  return { calendar, events, byUid: new Map(events.map((event) => [event.uid, event])) };
}

/**
 * The instants a local time may mean: one, or two around a change of offset. A time read twice
 * (autumn) may be either; one the spring change skips (02:30 on 8 March in New York) means, by
 * RFC 5545 (3.3.5), the offset before the gap, as the app reads it, while ical.js reads it with
 * the offset after: both are accepted there, and only there.
 */
function readings(date: string, time: string, zone: string): string[] {
  const meant = zonedDateTimeToInstant(date, time, zone).getTime();
  const reads = (t: number) => {
    const wall = wallClock(new Date(t), zone);
    return wall.date === date && `${String(wall.hour).padStart(2, '0')}:${String(wall.minute).padStart(2, '0')}` === time;
  };
  const found = [meant];
  for (const shift of [30, 60].map((minutes) => minutes * 60_000)) {
    if (reads(meant + shift)) found.push(meant + shift);
    if (!reads(meant)) found.push(meant - shift);
  }
  return found.map((t) => new Date(t).toISOString());
}

const ruleParts = (rule: string) => new Set(rule.split(';'));

describe('the calendar feed', () => {
  let owner: Awaited<ReturnType<typeof user>>;
  let feedUrl: string;
  const made: Record<string, Todo> = {};

  beforeAll(async () => {
    now = new Date('2026-03-01T12:00:00Z');
    owner = await user();
    const add = async (key: string, body: object) => {
      const res = await owner.api.post('/api/v1/todos', body);
      expect(res.statusCode).toBe(201);
      made[key] = res.json();
    };
    await add('timed', {
      title: 'Review RFC 5545, part 1; with \\ a backslash',
      notes: 'Line one\nLine two, with a comma; 以及中文，还有一行\r\n最后',
      dueOn: '2026-03-06',
      dueTime: '15:00',
    });
    await add('allDay', { title: 'Pay rent', dueOn: '2026-03-10' });
    // Across the change to summer time on 8 March.
    await add('weekly', { title: 'Team sync', dueOn: '2026-03-02', dueTime: '09:00', recurrence: 'FREQ=WEEKLY;BYDAY=MO' });
    await add('monthEnd', { title: 'Close the books', dueOn: '2026-03-31', recurrence: 'FREQ=MONTHLY;BYMONTHDAY=-1' });
    await add('until', {
      title: 'Stretch',
      dueOn: '2026-03-02',
      dueTime: '07:30',
      recurrence: 'FREQ=DAILY;UNTIL=20260320',
    });
    await add('counted', { title: 'Physio', dueOn: '2026-03-02', dueTime: '18:00', recurrence: 'FREQ=DAILY;INTERVAL=2;COUNT=5' });
    await add('long', { title: '准备季度汇报🎯'.repeat(12), dueOn: '2026-03-04', dueTime: '23:45' });
    await add('gap', { title: 'In the skipped hour', dueOn: '2026-03-08', dueTime: '02:30' });
    await add('noDate', { title: 'Someday' });
    await add('deleted', { title: 'Gone', dueOn: '2026-03-05' });
    await owner.api.delete(`/api/v1/todos/${made.deleted!.id}`);
    await add('oldDone', { title: 'Finished long ago', dueOn: '2026-03-01' });
    await owner.api.post(`/api/v1/todos/${made.oldDone!.id}/complete`, {});
    // Finished 40 days ago: it has left the feed's window of 30.
    await t.ctx.database.db.execute(
      sql`update todos set completed_at = completed_at - interval '40 days' where id = ${made.oldDone!.id}`,
    );
    await add('done', { title: 'Filed taxes', dueOn: '2026-02-27' });
    await owner.api.post(`/api/v1/todos/${made.done!.id}/complete`, {});
    // The counted series' first occurrence is done: four are left.
    const completed = await owner.api.post(`/api/v1/todos/${made.counted!.id}/complete`, {});
    expect(completed.statusCode).toBe(200);
    const plan = await owner.api.post('/api/v1/plans', { title: 'Ship, v2; the big one', targetDate: '2026-06-30' });
    expect(plan.statusCode).toBe(201);
    feedUrl = (await rotate(owner.u)).url;
  });

  it('is an RFC 5545 calendar at a private address, with cache headers and an entity tag', async () => {
    expect(feedUrl).toMatch(new RegExp(`^${TEST_ORIGIN}/ical/[A-Za-z0-9_-]{43}\\.ics$`));
    expect((await owner.api.get('/api/v1/calendar-feed')).json()).toMatchObject({ url: feedUrl, lastFetchedAt: null });
    const res = await fetchFeed(feedUrl);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['cache-control']).toBe('private, max-age=300');
    expect(res.headers['set-cookie']).toBeUndefined();
    const again = await fetchFeed(feedUrl, { 'if-none-match': String(res.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect((await owner.api.get('/api/v1/calendar-feed')).json().lastFetchedAt).toBe(now.toISOString());

    const { calendar } = parse(res.body);
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//Career Anchor//Calendar feed//EN');
    // An X- property: ical.js leaves its TEXT as written, escaped.
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Career Anchor · Ada\\, the “Analyst”');
    expect(calendar.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe(ZONE);
  });

  it('round-trips every to-do’s date, time, time zone, rule and text, as the API gives them', async () => {
    const { body } = await fetchFeed(feedUrl);
    const { byUid, events } = parse(body);
    const listed: Todo[] = (await owner.api.get('/api/v1/todos?view=all&limit=100')).json().items;
    const cutoff = new Date(now.getTime() - 30 * 86_400_000);
    const expected = listed.filter((todo) => todo.dueOn && (todo.status === 'open' || new Date(todo.completedAt!) >= cutoff));
    expect(expected.length).toBeGreaterThanOrEqual(10);
    // One event per to-do shown, and one for the plan.
    expect(
      events
        .filter((e) => e.uid.startsWith('todo-'))
        .map((e) => e.uid)
        .sort(),
    ).toEqual(expected.map((todo) => `todo-${todo.id}@127.0.0.1`).sort());
    for (const name of ['noDate', 'deleted', 'oldDone'] as const)
      expect(byUid.has(`todo-${made[name]!.id}@127.0.0.1`)).toBe(false);

    for (const todo of expected) {
      const event = byUid.get(`todo-${todo.id}@127.0.0.1`)!;
      expect(event.summary).toBe(todo.status === 'done' ? `✓ ${todo.title}` : todo.title);
      if (todo.notes) expect(event.description).toBe(todo.notes.replace(/\r\n/g, '\n'));
      const start = event.startDate;
      expect(start.toString().slice(0, 10)).toBe(todo.dueOn);
      if (todo.dueTime) {
        expect(start.isDate).toBe(false);
        expect(event.component.getFirstProperty('dtstart')!.getParameter('tzid')).toBe(ZONE);
        expect(start.zone?.tzid).toBe(ZONE);
        expect(start.toString().slice(11, 16)).toBe(todo.dueTime);
        // Converted by the feed's own VTIMEZONE, it is the instant the app means.
        expect(readings(todo.dueOn!, todo.dueTime, ZONE)).toContain(start.toJSDate().toISOString());
      } else {
        expect(start.isDate).toBe(true);
      }
      const rrule = event.component.getFirstPropertyValue('rrule') as InstanceType<typeof ICAL.Recur> | null;
      if (!todo.recurrence || todo.status === 'done') {
        expect(rrule).toBeNull();
        continue;
      }
      const parts = ruleParts(rrule!.toString());
      const wanted = ruleParts(todo.recurrence);
      for (const part of wanted) {
        if (part.startsWith('UNTIL=') || part.startsWith('COUNT=')) continue;
        expect(parts).toContain(part);
      }
      // ical.js expands the rule to the same days, at the same instants, as the app steps through them.
      const iterator = event.iterator();
      const seriesStart = Object.values(made).find((m) => m.id === todo.seriesId)!.dueOn!;
      let day = todo.dueOn!;
      for (let i = 0; i < 6; i++) {
        const next = iterator.next();
        if (!day) {
          expect(next).toBeFalsy();
          break;
        }
        expect(next.toString().slice(0, 10)).toBe(day);
        if (todo.dueTime) expect(readings(day, todo.dueTime, ZONE)).toContain(next.toJSDate().toISOString());
        day = nextOccurrence(todo.recurrence, day, seriesStart)!;
      }
    }
  });

  it('carries what is left of a counted series, and UNTIL in the form its start needs', async () => {
    const { byUid } = parse((await fetchFeed(feedUrl)).body);
    const listed: Todo[] = (await owner.api.get('/api/v1/todos?view=all&limit=100')).json().items;
    const counted = listed.find((todo) => todo.seriesId === made.counted!.id && todo.status === 'open')!;
    expect(counted.dueOn).toBe('2026-03-04');
    const event = byUid.get(`todo-${counted.id}@127.0.0.1`)!;
    const rule = String(event.component.getFirstPropertyValue('rrule'));
    expect(rule).toContain('COUNT=4');
    const days: string[] = [];
    for (let iterator = event.iterator(), next = iterator.next(); next; next = iterator.next())
      days.push(next.toString().slice(0, 10));
    expect(days).toEqual(['2026-03-04', '2026-03-06', '2026-03-08', '2026-03-10']);

    const until = byUid.get(`todo-${made.until!.id}@127.0.0.1`)!;
    // A timed start takes a UTC UNTIL: the end of 20 March in New York.
    expect(String(until.component.getFirstPropertyValue('rrule'))).toContain('UNTIL=20260321T035959Z');
    let last = '';
    for (let iterator = until.iterator(), next = iterator.next(); next; next = iterator.next())
      last = next.toString().slice(0, 10);
    expect(last).toBe('2026-03-20');
  });

  it('writes plan target dates all day, and escapes and folds user text without splitting a character', async () => {
    const { body } = await fetchFeed(feedUrl);
    const { events } = parse(body);
    const plan = events.find((event) => event.uid.startsWith('plan-'))!;
    expect(plan.summary).toBe('Plan target: Ship, v2; the big one');
    expect(plan.startDate.isDate).toBe(true);
    expect(plan.startDate.toString()).toBe('2026-06-30');

    expect(body.endsWith('\r\n')).toBe(true);
    expect(body.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = body.split('\r\n').slice(0, -1);
    for (const line of lines) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      expect(line.isWellFormed()).toBe(true);
    }
    expect(lines.filter((line) => line.startsWith(' ')).length).toBeGreaterThanOrEqual(3);
    // Escaped as RFC 5545 asks, before folding.
    const unfolded = body.replace(/\r\n /g, '');
    expect(unfolded).toContain('SUMMARY:Review RFC 5545\\, part 1\\; with \\\\ a backslash\r\n');
    expect(unfolded).toContain('DESCRIPTION:Line one\\nLine two\\, with a comma\\; 以及中文，还有一行\\n最后\r\n');
    expect(unfolded).toContain(`SUMMARY:${'准备季度汇报🎯'.repeat(12)}\r\n`);
  });

  it('answers 404 to a rotated, deleted, unknown or malformed address, and never logs the token', async () => {
    const fresh = await rotate(owner.u);
    expect(fresh.url).not.toBe(feedUrl);
    expectProblem(await fetchFeed(feedUrl), 404);
    expect((await fetchFeed(fresh.url)).statusCode).toBe(200);
    expect((await owner.api.delete('/api/v1/calendar-feed')).json()).toEqual({ url: null, createdAt: null, lastFetchedAt: null });
    expectProblem(await fetchFeed(fresh.url), 404);
    expect((await owner.api.get('/api/v1/calendar-feed')).json().url).toBeNull();
    expectProblem(await t.app.inject({ method: 'GET', url: `/ical/${'A'.repeat(43)}.ics` }), 404);
    expectProblem(await t.app.inject({ method: 'GET', url: '/ical/short.ics' }), 404);
    expectProblem(await t.app.inject({ method: 'GET', url: `/ical/${new URL(fresh.url).pathname.slice(6, -4)}` }), 404);
    const tokens = [feedUrl, fresh.url].map((url) => new URL(url).pathname.slice(6, -4));
    expect(logLines.some((line) => line.includes('/ical/…'))).toBe(true);
    for (const token of tokens) expect(logLines.filter((line) => line.includes(token))).toEqual([]);
  });

  it('is each user’s own: another user’s address shows only theirs, and the routes need the session', async () => {
    const other = await user('Asia/Shanghai', 'zh-CN');
    await other.api.post('/api/v1/todos', { title: '他的待办', dueOn: '2026-04-10', dueTime: '10:00' });
    const mine = await rotate(owner.u);
    const theirs = await rotate(other.u);
    expect(theirs.url).not.toBe(mine.url);
    const { events, calendar } = parse((await fetchFeed(theirs.url)).body);
    expect(events.map((event) => event.summary)).toEqual(['他的待办']);
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('职业锚点 · Ada\\, the “Analyst”');
    expect(events[0]!.startDate.zone?.tzid).toBe('Asia/Shanghai');
    expect(events[0]!.startDate.toJSDate().toISOString()).toBe('2026-04-10T02:00:00.000Z');
    expect((await fetchFeed(mine.url)).body).not.toContain('他的待办');
    expectProblem(await as(t.app, null).get('/api/v1/calendar-feed'), 401);
    expectProblem(await as(t.app, null).post('/api/v1/calendar-feed/rotate'), 401);
  });
});

describe('the VTIMEZONE', () => {
  // Northern and southern summer time, half-hour offsets, none, and a zone whose rules are not yearly.
  const zones = [
    'Europe/Berlin',
    'America/New_York',
    'Australia/Sydney',
    'Asia/Kolkata',
    'Asia/Shanghai',
    'Australia/Lord_Howe',
    'America/Santiago',
  ];
  const times = [
    '2026-01-15 12:00',
    '2026-03-29 03:30',
    '2026-04-05 01:30',
    '2026-07-01 08:00',
    '2026-10-25 01:30',
    '2026-11-01 00:30',
    '2027-06-15 12:00',
  ];

  it.each(zones)('converts local times in %s as the runtime’s zone data does', (zone) => {
    const text = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...vtimezone(zone, 2026), 'END:VCALENDAR'].join('\r\n');
    const calendar = new ICAL.Component(ICAL.parse(text));
    const timezone = new ICAL.Timezone(calendar.getFirstSubcomponent('vtimezone')!);
    for (const local of times) {
      const [date, time] = local.split(' ') as [string, string];
      const icalTime = ICAL.Time.fromDateTimeString(`${date}T${time}:00`);
      icalTime.zone = timezone;
      expect(readings(date, time, zone), `${zone} ${local}`).toContain(icalTime.toJSDate().toISOString());
    }
  });
});

describe('the feed address under load', () => {
  it('is limited per IP, like the API’s anonymous requests', async () => {
    const limited = await createTestApp({ env: { RATE_LIMIT_PER_MIN: '3' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++)
        statuses.push((await limited.app.inject({ method: 'GET', url: `/ical/${'B'.repeat(43)}.ics` })).statusCode);
      expect(statuses).toEqual([404, 404, 404, 429]);
    } finally {
      await limited.close();
    }
  });
});
