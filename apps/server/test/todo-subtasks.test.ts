import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, expectProblem, signUp, type TestApp } from './helpers/app.ts';

let t: TestApp;
// 01:30 on Thursday 11 June in Shanghai, still the 10th in UTC.
const now = new Date('2026-06-10T17:30:00Z');
beforeAll(async () => {
  t = await createTestApp({ clock: { now: () => now } });
});
afterAll(() => t.close());

async function newUser() {
  return as(t.app, await signUp(t.app));
}

describe('subtasks', () => {
  it('are a checklist in the to-do: ids from the server, kept across edits, reordered by the array, ticked', async () => {
    const api = await newUser();
    const created = await api.post('/api/v1/todos', {
      title: 'Prepare the talk',
      subtasks: [{ title: 'Outline' }, { title: 'Slides', done: true }, { title: 'Rehearse', id: 'made-up' }],
    });
    expect(created.statusCode).toBe(201);
    const todo = created.json();
    const [outline, slides, rehearse] = todo.subtasks;
    expect(todo.subtasks.map((s: any) => [s.title, s.done])).toEqual([
      ['Outline', false],
      ['Slides', true],
      ['Rehearse', false],
    ]);
    // Ids are the server's: distinct, and never one the client made up for a new subtask.
    expect(new Set(todo.subtasks.map((s: any) => s.id)).size).toBe(3);
    expect(rehearse.id).not.toBe('made-up');

    const edited = await api.patch(`/api/v1/todos/${todo.id}`, {
      subtasks: [{ ...rehearse, done: true }, { ...outline, title: 'Outline, 5 points' }, { title: 'Book the room' }],
    });
    expect(edited.statusCode).toBe(200);
    const after = edited.json().subtasks;
    expect(after.map((s: any) => [s.id === rehearse.id, s.id === outline.id, s.title, s.done])).toEqual([
      [true, false, 'Rehearse', true],
      [false, true, 'Outline, 5 points', false],
      [false, false, 'Book the room', false],
    ]);
    expect(after.map((s: any) => s.id)).not.toContain(slides.id);
    // The list reads them the same as the item.
    const listed = (await api.get('/api/v1/todos')).json().items[0];
    expect(listed.subtasks).toEqual(after);
    // The completion note stays on the parent.
    const done = await api.post(`/api/v1/todos/${todo.id}/complete`, { summary: 'Gave it; 40 people' });
    expect(done.json()).toMatchObject({ summary: 'Gave it; 40 people', subtasks: after });
  });

  it('refuses more than 100, empty or over-long titles, and changes nothing', async () => {
    const api = await newUser();
    const { id } = (await api.post('/api/v1/todos', { title: 'Keep', subtasks: [{ title: 'one' }] })).json();
    const many = Array.from({ length: 101 }, (_, i) => ({ title: `s${i}` }));
    for (const subtasks of [many, [{ title: '' }], [{ title: 'x'.repeat(501) }], [{ title: 'ok', done: 'yes' }], 'none']) {
      expectProblem(await api.patch(`/api/v1/todos/${id}`, { subtasks }), 400);
      expectProblem(await api.post('/api/v1/todos', { title: 'New', subtasks }), 400);
    }
    expect((await api.get(`/api/v1/todos/${id}`)).json().subtasks.map((s: any) => s.title)).toEqual(['one']);
    expect((await api.get('/api/v1/todos')).json().items).toHaveLength(1);
  });
});

describe('quick add', () => {
  it('reads the text on the user’s calendar, with their plans, and writes nothing', async () => {
    const api = await newUser();
    await api.put('/api/v1/profile', { timezone: 'Asia/Shanghai' });
    const plan = (await api.post('/api/v1/plans', { title: 'Ledger' })).json();
    const res = await api.post('/api/v1/todos/parse', { text: 'Review RFC tomorrow 3pm #ledger !1 +Ledger every weekday' });
    expect(res.statusCode).toBe(200);
    const parsed = res.json();
    // Tomorrow of the 11th there (it is still the 10th in UTC).
    expect(parsed).toMatchObject({
      title: 'Review RFC',
      dueOn: '2026-06-12',
      dueTime: '15:00',
      tags: ['ledger'],
      priority: 'high',
      planId: plan.id,
      recurrence: expect.stringContaining('FREQ=WEEKLY'),
    });
    expect(parsed.spans.map((span: any) => span.kind)).toEqual(
      expect.arrayContaining(['date', 'tag', 'priority', 'plan', 'recurrence']),
    );
    // A removed chip keeps its text literal.
    const tag = parsed.spans.find((span: any) => span.kind === 'tag');
    const kept = (
      await api.post('/api/v1/todos/parse', { text: 'Review RFC tomorrow 3pm #ledger !1 +Ledger every weekday', keep: [tag] })
    ).json();
    expect(kept.tags).toEqual([]);
    expect(kept.title).toContain('#ledger');

    expect((await api.post('/api/v1/todos/parse', { text: '版本2.0发布', locale: 'zh' })).json()).toMatchObject({
      title: '版本2.0发布',
      dueOn: null,
    });
    expect((await api.get('/api/v1/todos')).json().items).toEqual([]);
    expectProblem(await api.post('/api/v1/todos/parse', { text: 'x'.repeat(501) }), 400);
    expectProblem(await api.post('/api/v1/todos/parse', { text: 'x', locale: 'fr' }), 400);
  });
});
