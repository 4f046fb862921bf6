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
  handlers: {
    onJob: (job: Job) => void;
    /** Text as it arrives; with `restart`, a retried job's text starts again and replaces what came before. */
    onText?: (delta: string, restart: boolean) => void;
    onError: (error: unknown) => void;
  },
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

  // How much of the job's text has been handed on. An event's id starts with the text's length
  // after it, so text already seen (a replay by a server or proxy that lost the id) is skipped.
  let textLength = 0;
  // A restart's text is all of the new attempt's so far, to replace what was shown: handed on whole.
  const unseen = (delta: string, eventId: string, restart: boolean) => {
    const end = Number.parseInt(eventId, 10);
    if (!Number.isFinite(end)) {
      textLength += delta.length;
      return delta;
    }
    if (restart) {
      textLength = Math.max(textLength, end);
      return delta;
    }
    const fresh = end > textLength ? delta.slice(Math.max(0, delta.length - (end - textLength))) : '';
    textLength = Math.max(textLength, end);
    return fresh;
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
      const message = event as MessageEvent<string>;
      const { delta, restart = false } = JSON.parse(message.data) as { delta?: string; restart?: boolean };
      const fresh = unseen(delta ?? '', message.lastEventId, restart);
      if (fresh || restart) handlers.onText?.(fresh, restart);
    });
    source.onerror = () => {
      if (stopped || !source) return;
      // A dropped stream is reopened by the browser itself, sending the last event's id, and the
      // server resumes after it. Closed means refused (gone, not ours, server trouble): ask instead.
      if (source.readyState !== EventSource.CLOSED) return;
      source.close();
      source = null;
      poll();
    };
  }
  return stop;
}
