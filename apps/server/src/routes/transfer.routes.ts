import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EXPORT_FORMAT_VERSION, ExportDocument, ImportResult, JsonResumeImportResult } from '@career-anchor/contracts';
import { actorOf } from '../plugins/auth.ts';
import type { Services } from '../services/index.ts';

/** Imports are whole files: larger than ordinary requests, still bounded. */
const IMPORT_BODY_LIMIT = 25 * 1024 * 1024;

const attachment = (name: string) => `attachment; filename="${name}"`;
const stamp = () => new Date().toISOString().slice(0, 10);

export const transferRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const tags = ['export and import'];

  app.get(
    '/export',
    {
      schema: {
        tags,
        operationId: 'exportData',
        summary: 'Everything you own, as one JSON document',
        response: { 200: ExportDocument },
      },
    },
    async (request, reply) => {
      reply.header('content-disposition', attachment(`career-anchor-${stamp()}.json`));
      return services.transfer.exportAll(actorOf(request)) as never;
    },
  );

  app.post(
    '/import',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags,
        operationId: 'importData',
        summary: 'Import an export document into this account',
        description: `An ExportDocument (formatVersion 1 to ${EXPORT_FORMAT_VERSION}; older ones are upgraded). Checked whole first, then written in one transaction; items imported from the same file before are skipped.`,
        body: z.looseObject({ formatVersion: z.number().int() }),
        response: { 200: ImportResult },
      },
    },
    async (request) => services.transfer.importAll(actorOf(request), request.body),
  );

  app.get(
    '/export/json-resume',
    {
      schema: {
        tags,
        operationId: 'exportJsonResume',
        summary: 'The profile and achievements as a JSON Resume (schema v1.0.0)',
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    },
    async (request, reply) => {
      reply.header('content-disposition', attachment(`resume-${stamp()}.json`));
      return services.jsonResume.exportResume(actorOf(request));
    },
  );

  app.post(
    '/import/json-resume',
    {
      bodyLimit: 2 * 1024 * 1024,
      schema: {
        tags,
        operationId: 'importJsonResume',
        summary: 'Fill the profile and achievements from a JSON Resume',
        body: z.looseObject({}),
        response: { 200: JsonResumeImportResult },
      },
    },
    async (request) => services.jsonResume.importResume(actorOf(request), request.body),
  );

  app.get(
    '/export/reports.zip',
    {
      schema: {
        tags,
        operationId: 'exportReportsZip',
        summary: 'Every report as a Markdown file, in one zip archive',
        response: { 200: { description: 'A zip archive', content: { 'application/zip': { schema: z.string() } } } },
      },
    },
    async (request, reply) => {
      const file = await services.reportsExport.zip(actorOf(request));
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', attachment(file.filename))
        .send(file.body as unknown as string);
    },
  );
};
