import type { AddressInfo } from 'node:net';
import { EventSource } from 'eventsource';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, signUp, type TestApp, type TestUser } from './helpers/app.ts';
import { stepsJob, waitFor } from './helpers/jobs.ts';

/**
 * The job event stream as a standard EventSource sees it, on a listening server: every event has
 * an id, a reconnect resumes after it, and an ended job stops the client instead of replaying.
 */
let t: TestApp;
let base: string;
let owner: TestUser;
let stranger: TestUser;
beforeAll(async () => {
  t = await createTestApp({ extraJobs: [stepsJob] });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  owner = await signUp(t.app);
  stranger = await signUp(t.app);
});
afterAll(() => t.close());

const FULL_TEXT = 'step 1. step 2. step 3. step 4. step 5. ';
const enqueue = () => t.ctx.queue.enqueue(t.ctx.database.db, owner.id, 'test.steps', { steps: 5 });
const eventsUrl = (id: string) => `${base}/api/v1/jobs/${id}/events`;

interface StreamEvent {
  id?: string;
  event?: string;
  data?: string;
  retry?: string;
}

/** Splits an event-stream body into its blocks' fields (comments dropped). */
function parse(body: string): StreamEvent[] {
  return body
    .split('\n\n')
    .filter((block) => block && !block.startsWith(':'))
    .map((block) =>
      Object.fromEntries(block.split('\n').map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)])),
    );
}

const textOf = (events: StreamEvent[]) =>
  events
    .filter((e) => e.event === 'text')
    .map((e) => JSON.parse(e.data!).delta)
    .join('');

const get = (id: string, user: TestUser | null, lastEventId?: string) =>
  fetch(eventsUrl(id), {
    headers: { ...(user ? { cookie: user.cookie } : {}), ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
  });

describe('job events over a real connection', () => {
  it('gives an EventSource the text exactly once and the final state last, then stops it', async () => {
    const id = await enqueue();
    const requests: { lastEventId: string | null; status: number }[] = [];
    const source = new EventSource(eventsUrl(id), {
      fetch: async (url, init) => {
        const headers: Record<string, string> = { ...init.headers, cookie: owner.cookie };
        const res = await fetch(url, { ...init, headers });
        requests.push({ lastEventId: headers['Last-Event-ID'] ?? headers['last-event-id'] ?? null, status: res.status });
        return res;
      },
    });
    const deltas: string[] = [];
    const received: { event: string; id: string; data: string }[] = [];
    source.addEventListener('text', (e) => {
      deltas.push(JSON.parse(e.data).delta);
      received.push({ event: 'text', id: e.lastEventId, data: e.data });
    });
    source.addEventListener('job', (e) => received.push({ event: 'job', id: e.lastEventId, data: e.data }));
    try {
      await waitFor(async () => (source.readyState === EventSource.CLOSED ? true : undefined));

      expect(deltas.join('')).toBe(FULL_TEXT);
      expect(received.at(-1)!.event).toBe('job');
      expect(JSON.parse(received.at(-1)!.data)).toMatchObject({ id, status: 'succeeded', progress: 100 });
      expect(received.every((e) => e.id !== '')).toBe(true);
      // The stream closed after the final event; the one reconnect it made was told 204 and it stopped
      // (CLOSED is final: an EventSource in that state never connects again).
      expect(requests).toEqual([
        { lastEventId: null, status: 200 },
        { lastEventId: received.at(-1)!.id, status: 204 },
      ]);
    } finally {
      source.close();
    }
  });

  it('resumes after the Last-Event-ID with only what the client missed', async () => {
    const id = await enqueue();
    // Read the live stream until its first text event, then drop the connection.
    const controller = new AbortController();
    const res = await fetch(eventsUrl(id), { headers: { cookie: owner.cookie }, signal: controller.signal });
    expect(res.status).toBe(200);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    const firstText = /\nevent: text\ndata: [^\n]*\nid: [^\n]*\n\n/;
    let body = '';
    while (!firstText.test(body)) body += (await reader.read()).value ?? '';
    controller.abort();
    const match = firstText.exec(body)!;
    const before = parse(body.slice(0, match.index + match[0].length));
    expect(before[0]).toEqual({ retry: '2000' });
    const lastId = before.at(-1)!.id!;

    const resumed = await get(id, owner, lastId);
    expect(resumed.status).toBe(200);
    const after = parse(await resumed.text());
    expect(textOf(before) + textOf(after)).toBe(FULL_TEXT);
    expect(JSON.parse(after.at(-1)!.data!)).toMatchObject({ status: 'succeeded' });

    // Caught up with an ended job: nothing more to say.
    expect((await get(id, owner, after.at(-1)!.id)).status).toBe(204);
  });

  it('sends only the text after the offset of an id taken mid-way, with the final state', async () => {
    const id = await enqueue();
    await waitFor(async () =>
      (await as(t.app, owner).get(`/api/v1/jobs/${id}`)).json().status === 'succeeded' ? true : undefined,
    );
    const full = parse(await (await get(id, owner)).text());
    const finalId = full.at(-1)!.id!;
    const [offset, state] = finalId.split('.');
    expect(Number(offset)).toBe(FULL_TEXT.length);

    // Had the first step's text and no state yet: gets the rest and the final job.
    const rest = parse(await (await get(id, owner, '8.-')).text());
    expect(textOf(rest)).toBe(FULL_TEXT.slice(8));
    expect(rest.filter((e) => e.event === 'job')).toHaveLength(1);
    // Had all the text but an older state: gets the final job alone.
    const stateOnly = parse(await (await get(id, owner, `${offset}.-`)).text());
    expect(stateOnly.map((e) => e.event)).toEqual([undefined, 'job']);
    expect(state).toBeTruthy();
    // A malformed id is treated as none: the whole job again.
    expect(textOf(parse(await (await get(id, owner, 'nonsense')).text()))).toBe(FULL_TEXT);
  });

  it('answers 404 to another user and 401 when signed out, even with a Last-Event-ID', async () => {
    const id = await enqueue();
    const foreign = await get(id, stranger, '0.-');
    expect(foreign.status).toBe(404);
    expect(foreign.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await get(id, null, '0.-')).status).toBe(401);
  });
});
