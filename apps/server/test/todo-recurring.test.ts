import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextOccurrence as stepFrom } from '@career-anchor/quick-add';
import { as, createTestApp, expectProblem, signUp, type TestApp } from './helpers/app.ts';

let t: TestApp;
let now = new Date('2026-03-07T15:00:00Z');
beforeAll(async () => {
  t = await createTestApp({ clock: { now: () => now } });
});
afterAll(() => t.close());

type Api = ReturnType<typeof as>;

async function newUser(timezone = 'America/New_York') {
  const api = as(t.app, await signUp(t.app));
  await api.put('/api/v1/profile', { timezone });
  return api;
}

async function create(api: Api, body: object) {
  const res = await api.post('/api/v1/todos', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** The series' occurrences, every status, by due date. */
async function series(api: Api, seriesId: string) {
  const items: any[] = (await api.get('/api/v1/todos?sort=due&limit=200')).json().items;
  return items.filter((item) => item.seriesId === seriesId);
}

/** Completes the series' open occurrence and returns the one that follows (or undefined). */
async function completeOpen(api: Api, seriesId: string) {
  const open = (await series(api, seriesId)).filter((item) => item.status === 'open');
  expect(open).toHaveLength(1);
  expect((await api.post(`/api/v1/todos/${open[0].id}/complete`, {})).statusCode).toBe(200);
  return (await series(api, seriesId)).find((item) => item.status === 'open');
}

/** The instant a due date and time in `zone` is. */
function instant(day: string, time: string, zone: string): string {
  const guess = new Date(`${day}T${time}:00Z`);
  const shown = new Date(guess.toLocaleString('en-US', { timeZone: zone }));
  const utc = new Date(guess.toLocaleString('en-US', { timeZone: 'UTC' }));
  return new Date(guess.getTime() + (utc.getTime() - shown.getTime())).toISOString();
}

/** The rule's next day after `after`, counting from `start`: the server's own step. */
const nextOccurrence = (rule: string, start: string, after: string) => stepFrom(rule, after, start);

describe('the next day of a rule', () => {
  it('keeps month ends as RFC 5545 says: the 31st skips short months, -1 is each month’s last day', () => {
    expect(nextOccurrence('FREQ=MONTHLY;BYMONTHDAY=31', '2026-01-31', '2026-01-31')).toBe('2026-03-31');
    expect(nextOccurrence('FREQ=MONTHLY', '2026-01-31', '2026-03-31')).toBe('2026-05-31');
    const last = ['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31'];
    for (let i = 0; i < last.length - 1; i++) {
      expect(nextOccurrence('FREQ=MONTHLY;BYMONTHDAY=-1', '2026-01-31', last[i]!)).toBe(last[i + 1]);
    }
    expect(nextOccurrence('FREQ=MONTHLY;BYMONTHDAY=-1', '2028-01-31', '2028-01-31')).toBe('2028-02-29');
    expect(nextOccurrence('FREQ=YEARLY', '2028-02-29', '2028-02-29')).toBe('2032-02-29');
    expect(nextOccurrence('FREQ=MONTHLY;BYMONTHDAY=30', '2026-01-30', '2026-01-30')).toBe('2026-03-30');
  });

  it('ends with COUNT and UNTIL, and steps weekdays, intervals and numbered weekdays', () => {
    expect(nextOccurrence('FREQ=DAILY;COUNT=3', '2026-03-01', '2026-03-02')).toBe('2026-03-03');
    expect(nextOccurrence('FREQ=DAILY;COUNT=3', '2026-03-01', '2026-03-03')).toBeNull();
    expect(nextOccurrence('FREQ=DAILY;UNTIL=20260305', '2026-03-01', '2026-03-04')).toBe('2026-03-05');
    expect(nextOccurrence('FREQ=DAILY;UNTIL=20260305', '2026-03-01', '2026-03-05')).toBeNull();
    expect(nextOccurrence('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', '2026-03-06', '2026-03-06')).toBe('2026-03-09');
    expect(nextOccurrence('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO', '2026-03-02', '2026-03-02')).toBe('2026-03-16');
    expect(nextOccurrence('FREQ=MONTHLY;BYDAY=-1FR', '2026-03-27', '2026-03-27')).toBe('2026-04-24');
  });
});

describe('recurring to-dos', () => {
  it('completing an occurrence records it done and brings the next, at the same local time across both daylight-saving changes', async () => {
    const api = await newUser();
    const first = await create(api, {
      title: 'Water the plants',
      dueOn: '2026-03-01',
      dueTime: '09:00',
      recurrence: 'FREQ=WEEKLY;BYDAY=SU',
      remindBefore: 15,
      tags: ['home'],
      subtasks: [{ title: 'Ferns' }, { title: 'Cactus', done: true }],
    });
    expect(first.seriesId).toBe(first.id);
    const days = ['2026-03-08', '2026-03-15'];
    for (const day of days) {
      const next = await completeOpen(api, first.id);
      expect(next).toMatchObject({
        dueOn: day,
        dueTime: '09:00',
        title: 'Water the plants',
        tags: ['home'],
        remindBefore: 15,
        recurrence: 'FREQ=WEEKLY;BYDAY=SU',
        seriesId: first.id,
        status: 'open',
        summary: '',
      });
      expect(next.subtasks.map((s: any) => [s.title, s.done])).toEqual([
        ['Ferns', false],
        ['Cactus', false],
      ]);
    }
    // 09:00 in New York is 14:00 UTC before 8 March and 13:00 UTC after it.
    expect(instant('2026-03-01', '09:00', 'America/New_York')).toBe('2026-03-01T14:00:00.000Z');
    expect(instant('2026-03-08', '09:00', 'America/New_York')).toBe('2026-03-08T13:00:00.000Z');
    const all = await series(api, first.id);
    expect(all.map((item) => [item.dueOn, item.status])).toEqual([
      ['2026-03-01', 'done'],
      ['2026-03-08', 'done'],
      ['2026-03-15', 'open'],
    ]);

    // November: daily, across 1 November (clocks go back).
    const daily = await create(api, { title: 'Stretch', dueOn: '2026-10-31', dueTime: '07:30', recurrence: 'FREQ=DAILY' });
    expect(await completeOpen(api, daily.id)).toMatchObject({ dueOn: '2026-11-01', dueTime: '07:30' });
    expect(await completeOpen(api, daily.id)).toMatchObject({ dueOn: '2026-11-02', dueTime: '07:30' });
  });

  it('two completions at once make exactly one next occurrence; reopening and completing again makes none', async () => {
    const api = await newUser();
    const first = await create(api, {
      title: 'Standup notes',
      dueOn: '2026-03-09',
      recurrence: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
    });
    const answers = await Promise.all([
      api.post(`/api/v1/todos/${first.id}/complete`, {}),
      api.post(`/api/v1/todos/${first.id}/complete`, {}),
    ]);
    expect(answers.map((res) => res.statusCode)).toEqual([200, 200]);
    let all = await series(api, first.id);
    expect(all.map((item) => [item.dueOn, item.status])).toEqual([
      ['2026-03-09', 'done'],
      ['2026-03-10', 'open'],
    ]);
    await api.post(`/api/v1/todos/${first.id}/reopen`);
    await api.post(`/api/v1/todos/${first.id}/complete`, {});
    all = await series(api, first.id);
    expect(all.map((item) => [item.dueOn, item.status])).toEqual([
      ['2026-03-09', 'done'],
      ['2026-03-10', 'open'],
    ]);
  });

  it('skips an occurrence without recording it, ends after COUNT, and refuses to skip what does not recur', async () => {
    const api = await newUser();
    const first = await create(api, { title: 'Pay rent', dueOn: '2026-01-31', recurrence: 'FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3' });
    const skipped = await api.post(`/api/v1/todos/${first.id}/skip`);
    expect(skipped.statusCode).toBe(200);
    expect(skipped.json()).toMatchObject({ id: first.id, dueOn: '2026-02-28', status: 'open', completedAt: null });
    expect(await completeOpen(api, first.id)).toMatchObject({ dueOn: '2026-03-31' });
    // The third and last: completing it brings nothing, and it cannot be skipped.
    const last = (await series(api, first.id)).find((item) => item.status === 'open');
    expectProblem(await api.post(`/api/v1/todos/${last.id}/skip`), 409);
    expect(await completeOpen(api, first.id)).toBeUndefined();
    expect((await series(api, first.id)).map((item) => item.status)).toEqual(['done', 'done']);

    const plain = await create(api, { title: 'Once', dueOn: '2026-03-01' });
    const refused = await api.post(`/api/v1/todos/${plain.id}/skip`);
    expectProblem(refused, 409);
    expect(refused.json().detail).toMatch(/does not recur/);
    expectProblem(await api.post(`/api/v1/todos/${crypto.randomUUID()}/skip`), 404);
  });

  it('a change to the open occurrence carries on to the following ones; done ones keep theirs', async () => {
    const api = await newUser();
    const first = await create(api, { title: 'Weekly review', dueOn: '2026-03-06', recurrence: 'FREQ=WEEKLY' });
    const second = await completeOpen(api, first.id);
    const moved = await api.patch(`/api/v1/todos/${second.id}`, { title: 'Weekly review (short)', dueOn: '2026-03-14' });
    expect(moved.json()).toMatchObject({ dueOn: '2026-03-14', seriesId: first.id });
    // Moving the date moves the series: weekly from Saturday the 14th now.
    expect(await completeOpen(api, first.id)).toMatchObject({ title: 'Weekly review (short)', dueOn: '2026-03-21' });
    const changed = await api.patch(`/api/v1/todos/${(await series(api, first.id)).at(-1).id}`, { recurrence: 'FREQ=DAILY' });
    expect(changed.statusCode).toBe(200);
    expect(await completeOpen(api, first.id)).toMatchObject({ dueOn: '2026-03-22' });
    expect((await series(api, first.id)).map((item) => item.title)).toEqual([
      'Weekly review',
      'Weekly review (short)',
      'Weekly review (short)',
      'Weekly review (short)',
    ]);
    // Stopping it: the occurrence stays, nothing follows.
    const open = (await series(api, first.id)).at(-1);
    await api.patch(`/api/v1/todos/${open.id}`, { recurrence: null });
    expect(await completeOpen(api, first.id)).toBeUndefined();
  });

  it('a plan counts each completed occurrence as a done to-do and the open one as one to do', async () => {
    const api = await newUser();
    const plan = (await api.post('/api/v1/plans', { title: 'Run a 10k' })).json();
    const first = await create(api, { title: 'Run', dueOn: '2026-03-02', recurrence: 'FREQ=DAILY', planId: plan.id });
    await completeOpen(api, first.id);
    await completeOpen(api, first.id);
    const read = (await api.get(`/api/v1/plans/${plan.id}`)).json();
    expect(read.todoCounts).toEqual({ total: 3, done: 2 });
    expect(read.progress).toBe(67);
    expect(read.status).toBe('in_progress');
  });

  it('refuses rules it cannot keep, and a time or a rule without a date', async () => {
    const api = await newUser();
    const bad = [
      { title: 'x', dueOn: '2026-03-01', recurrence: 'FREQ=HOURLY' },
      { title: 'x', dueOn: '2026-03-01', recurrence: 'FREQ=DAILY;BYHOUR=9' },
      { title: 'x', dueOn: '2026-03-01', recurrence: 'FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30' },
      { title: 'x', dueOn: '2026-03-01', recurrence: 'FREQ=WEEKLY;BYDAY=XX' },
      { title: 'x', dueOn: '2026-03-01', recurrence: 'FREQ=DAILY;COUNT=2;UNTIL=20270101' },
      { title: 'x', dueOn: '2026-03-01', recurrence: `FREQ=WEEKLY;BYDAY=${'MO,'.repeat(70)}MO` },
      { title: 'x', dueOn: '2026-01-30', recurrence: 'FREQ=YEARLY;BYMONTH=2' },
      { title: 'x', recurrence: 'FREQ=DAILY' },
      { title: 'x', dueTime: '09:00' },
      { title: 'x', dueOn: '2026-03-01', dueTime: '25:00' },
      { title: 'x', dueOn: '2026-03-01', remindBefore: 10_081 },
    ];
    for (const body of bad) expectProblem(await api.post('/api/v1/todos', body), 400);
    const todo = await create(api, { title: 'Daily', dueOn: '2026-03-01', dueTime: '08:00', recurrence: 'rrule:freq=daily' });
    expect(todo.recurrence).toBe('FREQ=DAILY');
    const noDate = await api.patch(`/api/v1/todos/${todo.id}`, { dueOn: null });
    expectProblem(noDate, 400);
    expect(noDate.json().errors).toEqual([expect.objectContaining({ path: 'dueOn' })]);
    // Without the rule, the date may go, and its time with it.
    const cleared = await api.patch(`/api/v1/todos/${todo.id}`, { dueOn: null, recurrence: null });
    expect(cleared.json()).toMatchObject({ dueOn: null, dueTime: null, recurrence: null });
    expectProblem(await api.patch(`/api/v1/todos/${todo.id}`, { dueTime: '10:00' }), 400);
    expect((await api.get(`/api/v1/todos/${todo.id}`)).json().dueTime).toBeNull();
  });
});
