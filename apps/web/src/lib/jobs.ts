import { ApiError, api, call, type Schemas } from './api/client.js';

export type Job = Schemas['Job'];

const POLL_MS = 1000;
const isDone = (job: Job) => job.status === 'succeeded' || job.status === 'failed';

/**
 * Follows a background job: its state on every change and, for jobs that write, the text as it
 * arrives. Listens on the job's event stream and falls back to asking every second when the
 * stream is unavailable. Stops by itself when the job ends; the returned function stops it early.
 */
export function followJob(
  id: string,
  handlers: { onJob: (job: Job) => void; onText?: (delta: string) => void; onError: (error: unknown) => void },
): () => void {
  let stopped = false;
  let source: EventSource | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const stop = () => {
    stopped = true;
    source?.close();
    source = null;
    clearTimeout(timer);
  };

  const deliver = (job: Job) => {
    if (stopped) return;
    handlers.onJob(job);
    if (isDone(job)) stop();
  };

  const poll = async () => {
    if (stopped) return;
    try {
      deliver(await call(api.GET('/api/v1/jobs/{id}', { params: { path: { id } } })));
    } catch (err) {
      // A refusal (gone, not ours) ends it; a dropped connection is asked again.
      if (err instanceof ApiError && err.problem.status < 500 && err.problem.status !== 429) {
        stop();
        handlers.onError(err);
        return;
      }
    }
    if (!stopped) timer = setTimeout(poll, POLL_MS);
  };

  if (typeof EventSource === 'undefined') {
    poll();
  } else {
    source = new EventSource(`/api/v1/jobs/${encodeURIComponent(id)}/events`);
    source.addEventListener('job', (event) => deliver(JSON.parse((event as MessageEvent<string>).data) as Job));
    source.addEventListener('text', (event) => {
      if (stopped) return;
      const { delta } = JSON.parse((event as MessageEvent<string>).data) as { delta?: string };
      if (delta) handlers.onText?.(delta);
    });
    source.onerror = () => {
      if (stopped) return;
      // The stream broke before the job ended: keep following it by asking.
      source?.close();
      source = null;
      poll();
    };
  }
  return stop;
}
