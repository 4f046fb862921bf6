import { expect } from 'vitest';
import { livenessFor, RETRY_DELAY_SECONDS } from '../../src/jobs/queue.ts';
import { startFakeModel, type FakeModel } from './fake-model.ts';
import { waitFor } from './jobs.ts';
import { startServerProcess, type ServerProcess } from './server-process.ts';

/**
 * What the job-recovery files share: server processes running report drafts against a fake model
 * that can hang, and a person using them over HTTP.
 */

/**
 * The silence limit (JOB_SILENCE_S) the recovery tests run with: a fifth of the default, with the
 * beat and the look scaled alike (0.6 s and 1 s), so every wait keeps its proportion to the others.
 */
export const TEST_JOB_SILENCE_S = 3;
export const TEST_LIVENESS = livenessFor(TEST_JOB_SILENCE_S);

/**
 * How soon after a kill another worker must have finished the job, as the README counts it: the
 * silence, at most one look, the longest first retry delay (twice the base), and 6 s for the retry
 * itself. At the default settings (15 s, a look every 5 s) this is the 30 s the README promises.
 */
export const takeoverDeadlineMs = (liveness = TEST_LIVENESS) =>
  (liveness.silentAfterSeconds + liveness.sweepSeconds + 2 * RETRY_DELAY_SECONDS + 6) * 1000;

/** What the fake model answers a draft request with. */
const DRAFT = {
  accomplishments: [{ text: 'Shipped the search page', refs: ['T1'] }],
  challenges: [],
  learnings: [],
  nextFocus: [],
};

/** A person using server processes over HTTP, as a browser does: one session, on any of them. */
export async function personOn(server: ServerProcess) {
  const headers = (target: ServerProcess, cookie?: string) => ({
    'content-type': 'application/json',
    origin: target.url,
    ...(cookie ? { cookie } : {}),
  });
  const res = await fetch(`${server.url}/api/v1/auth/register`, {
    method: 'POST',
    headers: headers(server),
    body: JSON.stringify({ email: `crash${Date.now()}@example.com`, password: 'correct horse battery', displayName: 'Crash' }),
  });
  expect(res.status).toBe(201);
  const cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;
  const call = async (target: ServerProcess, method: string, path: string, body?: unknown) => {
    const answer = await fetch(`${target.url}/api/v1${path}`, {
      method,
      headers: headers(target, cookie),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!answer.ok) throw new Error(`${method} ${path}: ${answer.status} ${await answer.text()}`);
    return answer.json();
  };
  return {
    cookie,
    call,
    /** Finishes a to-do today and asks for a draft of the week up to today; answers the job id. */
    async requestDraft(target: ServerProcess): Promise<string> {
      const todo = await call(target, 'POST', '/todos', { title: 'Ship the search page' });
      await call(target, 'POST', `/todos/${todo.id}/complete`, { summary: 'p99 down to 120 ms' });
      const today = new Date().toISOString().slice(0, 10);
      const weekAgo = new Date(Date.now() - 6 * 86_400_000).toISOString().slice(0, 10);
      const { jobId } = await call(target, 'POST', '/reports/drafts', { type: 'custom', periodStart: weekAgo, periodEnd: today });
      return jobId;
    },
  };
}

/** Waits for `probe` until `deadline` (epoch ms). */
export const until = <T>(deadline: number, probe: () => Promise<T | undefined>) => waitFor(probe, deadline - Date.now());

/**
 * A fake model answering drafts, and server processes using it as their model, with the test's
 * liveness settings; whatever a test leaves behind (processes, folders, databases) goes in `close`.
 */
export async function draftServers() {
  const fake: FakeModel = await startFakeModel();
  fake.setDefault(() => DRAFT);
  const cleanups: (() => Promise<unknown> | void)[] = [];
  return {
    fake,
    /** Runs `cleanup` when the file ends, after everything started later has gone. */
    later(cleanup: () => Promise<unknown> | void) {
      cleanups.push(cleanup);
    },
    /** Starts a server process, killed at the end of the file if the test has not stopped it. */
    async start(extra: Record<string, string>) {
      const server = await startServerProcess({
        AI_PROVIDER: 'openai-compatible',
        AI_MODEL: 'fake-model',
        AI_BASE_URL: fake.baseUrl,
        LOG_LEVEL: 'warn',
        JOB_SILENCE_S: String(TEST_JOB_SILENCE_S),
        ...extra,
      });
      cleanups.push(() => server.kill('SIGKILL'));
      return server;
    },
    async close() {
      for (const cleanup of cleanups.reverse()) await cleanup();
      await fake.close();
    },
  };
}
