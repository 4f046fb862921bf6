import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  IdParams,
  JobAccepted,
  Report,
  ReportCreate,
  ReportDraftRequest,
  ReportQuery,
  ReportUpdate,
} from '@career-anchor/contracts';
import { actorOf } from '../plugins/auth.ts';
import type { Services } from '../services/index.ts';
import { registerItemRoutes } from './item-routes.ts';

export const reportsRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const tags = ['reports'];
  registerItemRoutes(app, {
    path: '/reports',
    tag: 'reports',
    noun: 'report',
    operationNoun: 'Report',
    item: Report,
    create: ReportCreate,
    update: ReportUpdate,
    query: ReportQuery,
    service: services.reports,
  });

  app.post(
    '/reports/drafts',
    {
      schema: {
        tags,
        operationId: 'draftReport',
        summary: 'Draft a report for a period, as a job',
        description:
          'Answers at once with a job id; follow it at /jobs/{id}/events. The job’s result holds the new draft report’s id. Uses your AI settings, or the built-in drafter.',
        body: ReportDraftRequest,
        response: { 202: JobAccepted },
      },
    },
    async (request, reply) => reply.code(202).send(await services.jobs.requestReportDraft(actorOf(request), request.body)),
  );

  app.get(
    '/reports/:id/export.md',
    {
      schema: {
        tags,
        operationId: 'exportReportMarkdown',
        summary: 'The report as Markdown',
        params: IdParams,
        response: { 200: { description: 'Markdown', content: { 'text/markdown': { schema: z.string() } } } },
      },
    },
    async (request, reply) => {
      const file = await services.reportsExport.markdown(actorOf(request), request.params.id);
      return reply
        .header('content-type', 'text/markdown; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .send(file.body);
    },
  );
};
