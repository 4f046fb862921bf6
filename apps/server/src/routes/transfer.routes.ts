import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ArchiveImportQuery,
  EXPORT_FORMAT_VERSION,
  ExportDocument,
  ImportDone,
  ImportPreview,
  ImportResult,
  JsonResumeImportRequest,
  JsonResumePreviewRequest,
  ResumePdfQuery,
} from '@career-anchor/contracts';
import { attachment } from '../lib/attachment.ts';
import { badRequest } from '../lib/problem.ts';
import { actorOf } from '../plugins/auth.ts';
import type { Services } from '../services/index.ts';

/** Imports are whole files: larger than ordinary requests, still bounded. */
const IMPORT_BODY_LIMIT = 25 * 1024 * 1024;
const RESUME_BODY_LIMIT = 2 * 1024 * 1024;
const ARCHIVE_BODY_LIMIT = 20 * 1024 * 1024;

/** The archive as bytes; anything other than a zip body (another content type) is refused. */
function zipOf(body: unknown): Uint8Array {
  if (body instanceof Uint8Array && body.length > 0) return body;
  throw badRequest('Send the archive as the body, with Content-Type: application/zip.', [
    { path: 'body', message: 'Expected a zip archive' },
  ]);
}

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
        summary: 'Your career as a JSON Resume (schema v1.0.0), with everything an import kept',
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    },
    async (request, reply) => {
      reply.header('content-disposition', attachment(`resume-${stamp()}.json`));
      return services.resumeFiles.exportJsonResume(actorOf(request));
    },
  );

  app.get(
    '/export/resume.pdf',
    {
      schema: {
        tags,
        operationId: 'exportResumePdf',
        summary: 'Your résumé as a PDF: selectable text, every script embedded, no browser involved',
        querystring: ResumePdfQuery,
        response: { 200: { description: 'A PDF document', content: { 'application/pdf': { schema: z.string() } } } },
      },
    },
    async (request, reply) => {
      const pdf = await services.resumeFiles.pdf(actorOf(request), request.query);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', attachment(`resume-${stamp()}.pdf`))
        .send(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength) as unknown as string);
    },
  );

  app.post(
    '/import/json-resume/preview',
    {
      bodyLimit: RESUME_BODY_LIMIT,
      schema: {
        tags,
        operationId: 'previewJsonResumeImport',
        summary: 'What a JSON Resume would add and change; writes nothing',
        body: JsonResumePreviewRequest,
        response: { 200: ImportPreview },
      },
    },
    async (request) => services.resumeFiles.previewJsonResume(actorOf(request), request.body.resume),
  );

  app.post(
    '/import/json-resume',
    {
      bodyLimit: RESUME_BODY_LIMIT,
      schema: {
        tags,
        operationId: 'importJsonResume',
        summary: 'Import a JSON Resume: every section, and the profile fields named in `take`; undoable for 30 days',
        body: JsonResumeImportRequest,
        response: { 201: ImportDone },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await services.resumeFiles.importJsonResume(actorOf(request), request.body.resume, request.body.take)),
  );

  // LinkedIn's data export is a zip: the body is the archive itself.
  app.register(async (scope) => {
    const archives = scope.withTypeProvider<ZodTypeProvider>();
    archives.addContentTypeParser(
      'application/zip',
      { parseAs: 'buffer', bodyLimit: ARCHIVE_BODY_LIMIT },
      (_request, body, done) => done(null, body),
    );
    const archiveBody = {
      required: true,
      description: 'The zip from LinkedIn’s “Get a copy of your data”',
      content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } },
    };

    archives.post(
      '/import/linkedin/preview',
      {
        bodyLimit: ARCHIVE_BODY_LIMIT,
        schema: {
          tags,
          operationId: 'previewLinkedInImport',
          summary: 'What a LinkedIn data archive would add and change; writes nothing',
          response: { 200: ImportPreview },
        },
        config: { openapiBody: archiveBody },
      },
      async (request) => services.resumeFiles.previewLinkedIn(actorOf(request), zipOf(request.body)),
    );

    archives.post(
      '/import/linkedin',
      {
        bodyLimit: ARCHIVE_BODY_LIMIT,
        schema: {
          tags,
          operationId: 'importLinkedIn',
          summary: 'Import a LinkedIn data archive: every section, and the profile fields named in `take`; undoable for 30 days',
          querystring: ArchiveImportQuery,
          response: { 201: ImportDone },
        },
        config: { openapiBody: archiveBody },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await services.resumeFiles.importLinkedIn(actorOf(request), zipOf(request.body), request.query.take)),
    );
  });

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
