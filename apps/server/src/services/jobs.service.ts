import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { Job, ReportDraftRequest } from '@career-anchor/contracts';
import { JOB } from '../jobs/kinds.ts';
import { toJobDto, type JobQueue } from '../jobs/queue.ts';
import type { Actor } from '../lib/actor.ts';
import { notFound } from '../lib/problem.ts';
import type { Repositories } from '../repositories/index.ts';
import type { JobRunRow } from '../repositories/jobs.repository.ts';

const POLL_MS = 500;
const HEARTBEAT_MS = 15_000;
/** How long an EventSource waits before reconnecting after a dropped stream. */
const RETRY_MS = 2000;

const isEnded = (row: JobRunRow) => row.status === 'succeeded' || row.status === 'failed';

/** A short digest of the job's visible state: a client's id says which state it has seen. */
const stateOf = (row: JobRunRow) =>
  createHash('sha256')
    .update(JSON.stringify(toJobDto(row)))
    .digest('base64url')
    .slice(0, 12);

/**
 * An event's id: how much of the streamed text the client has (its length, which only grows, so
 * ids never go backwards within a stream) and which job state it has seen (`-` before the first).
 */
const eventId = (textLength: number, state: string) => `${textLength}.${state || '-'}`;

function parseEventId(id: string | undefined): { offset: number; state: string } | undefined {
  const match = /^(\d{1,9})\.([\w-]{12}|-)$/.exec(id?.trim() ?? '');
  if (!match) return undefined;
  return { offset: Number(match[1]), state: match[2] === '-' ? '' : match[2]! };
}

/** What an event stream needs of the connection it is sent on. */
export interface StreamConnection {
  once(event: 'close', listener: () => void): unknown;
}

/** Where a stream reports a failure (the request's logger). */
export interface StreamLog {
  warn(details: object, message: string): void;
}

/** The jobs a user starts and follows: their state, and a live stream of it. */
export function createJobsService(deps: { repos: Repositories; queue: Pick<JobQueue, 'enqueue' | 'onChange'> }) {
  const { repos, queue } = deps;

  async function get(actor: Actor, id: string): Promise<Job> {
    const row = await repos.for(actor).jobs.find(id);
    if (!row) throw notFound('Job');
    return toJobDto(row);
  }

  return {
    get,

    /** Queues a report draft; the job's result will hold the new draft's id. */
    async requestReportDraft(actor: Actor, request: z.infer<typeof ReportDraftRequest>): Promise<{ jobId: string }> {
      const jobId = await repos.transaction(actor, (_, tx) => queue.enqueue(tx, actor.userId, JOB.reportDraft, request));
      return { jobId };
    },

    /**
     * The job as Server-Sent Events: a `job` event whenever it changes, `text` events with the
     * text it streams (a retried job's text starts again: a `restart` event's text replaces what the
     * client had), until it succeeds or fails (the last event is then the final `job`) or
     * `connection` closes. Every event's id is a resume point (see `eventId`): a client that
     * reconnects with it as `lastEventId` gets only what it missed, and `null` (204, which tells
     * an EventSource to stop) when the job has ended and it already has everything. Changes made
     * in this process wake the stream at once; those of other processes are seen by polling the
     * row. A job the actor cannot see is a 404 before any stream starts.
     */
    async events(
      actor: Actor,
      id: string,
      lastEventId: string | undefined,
      connection: StreamConnection,
      log: StreamLog,
    ): Promise<ReadableStream<Uint8Array> | null> {
      const jobs = repos.for(actor).jobs;
      const first = await jobs.find(id);
      if (!first) throw notFound('Job');
      const resume = parseEventId(lastEventId);
      let sentText = Math.min(resume?.offset ?? 0, first.partial?.length ?? 0);
      let sentState = resume?.state ?? '';
      if (resume && isEnded(first) && sentText === (first.partial?.length ?? 0) && sentState === stateOf(first)) return null;

      const encoder = new TextEncoder();
      let cleanup = () => {};
      // Set once the stream is closed here or cancelled by the reader (the client went away).
      let closed = false;
      return new ReadableStream<Uint8Array>({
        start(controller) {
          let busy = false;
          const write = (chunk: string) => !closed && controller.enqueue(encoder.encode(chunk));
          // The id comes last, so readers that take a block's first lines as event and data still work.
          const send = (event: string, data: string) =>
            write(`event: ${event}\ndata: ${data}\nid: ${eventId(sentText, sentState)}\n\n`);
          const finish = () => {
            if (closed) return;
            cleanup();
            closed = true;
            controller.close();
          };
          const check = async () => {
            if (busy || closed) return;
            busy = true;
            try {
              const row = await jobs.find(id);
              if (!row) return finish();
              const partial = row.partial ?? '';
              if (partial.length > sentText) {
                // All the client has is an earlier attempt's text: the current attempt's replaces it.
                const restart = row.partialStart > 0 && sentText <= row.partialStart;
                const delta = partial.slice(restart ? row.partialStart : sentText);
                sentText = partial.length;
                send('text', JSON.stringify(restart ? { delta, restart } : { delta }));
              }
              const state = stateOf(row);
              if (state !== sentState) {
                sentState = state;
                send('job', JSON.stringify(toJobDto(row)));
              }
              if (isEnded(row)) finish();
            } catch (err) {
              log.warn({ err }, 'job event stream failed');
              finish();
            } finally {
              busy = false;
            }
          };
          write(`retry: ${RETRY_MS}\n\n`);
          const poll = setInterval(check, POLL_MS);
          const heartbeat = setInterval(() => write(': keep-alive\n\n'), HEARTBEAT_MS);
          const unsubscribe = queue.onChange(id, () => void check());
          cleanup = () => {
            clearInterval(poll);
            clearInterval(heartbeat);
            unsubscribe();
          };
          connection.once('close', finish);
          void check();
        },
        cancel() {
          closed = true;
          cleanup();
        },
      });
    },
  };
}
export type JobsService = ReturnType<typeof createJobsService>;
