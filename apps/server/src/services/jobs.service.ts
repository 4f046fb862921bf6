import type { z } from 'zod';
import type { Job, ReportDraftRequest } from '@career-anchor/contracts';
import { JOB } from '../jobs/kinds.ts';
import { toJobDto, type JobQueue } from '../jobs/queue.ts';
import type { Actor } from '../lib/actor.ts';
import { notFound } from '../lib/problem.ts';
import type { Repositories } from '../repositories/index.ts';

const POLL_MS = 500;
const HEARTBEAT_MS = 15_000;

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
     * text it streams, until it succeeds or fails or `connection` closes. Changes made in this
     * process wake the stream at once; those of other processes are seen by polling the row.
     * A job the actor cannot see is a 404 before any stream starts.
     */
    async events(actor: Actor, id: string, connection: StreamConnection, log: StreamLog): Promise<ReadableStream<Uint8Array>> {
      await get(actor, id);
      const jobs = repos.for(actor).jobs;
      const encoder = new TextEncoder();
      let cleanup = () => {};

      return new ReadableStream<Uint8Array>({
        start(controller) {
          let lastJob = '';
          let sentText = 0;
          let closed = false;
          let busy = false;
          const write = (chunk: string) => !closed && controller.enqueue(encoder.encode(chunk));
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
                write(`event: text\ndata: ${JSON.stringify({ delta: partial.slice(sentText) })}\n\n`);
                sentText = partial.length;
              }
              const job = JSON.stringify(toJobDto(row));
              if (job !== lastJob) {
                write(`event: job\ndata: ${job}\n\n`);
                lastJob = job;
              }
              if (row.status === 'succeeded' || row.status === 'failed') finish();
            } catch (err) {
              log.warn({ err }, 'job event stream failed');
              finish();
            } finally {
              busy = false;
            }
          };
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
          cleanup();
        },
      });
    },
  };
}
export type JobsService = ReturnType<typeof createJobsService>;
