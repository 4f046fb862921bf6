import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AiPreview, AiPreviewRequest, AiUsage, AiUsageQuery, Settings, SettingsUpdate } from '@career-anchor/contracts';
import { actorOf } from '../plugins/auth.ts';
import type { Services } from '../services/index.ts';

export const settingsRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  app.get(
    '/settings',
    {
      schema: {
        tags: ['settings'],
        operationId: 'getSettings',
        summary: 'AI, suggestion and reminder settings',
        response: { 200: Settings },
      },
    },
    async (request) => services.settings.get(actorOf(request)),
  );
  app.put(
    '/settings',
    {
      schema: {
        tags: ['settings'],
        operationId: 'updateSettings',
        summary: 'Change settings (fields left out keep their value)',
        body: SettingsUpdate,
        response: { 200: Settings },
      },
      config: { sessionOnly: true },
    },
    async (request) => services.settings.update(actorOf(request), request.body),
  );
  app.post(
    '/ai/preview',
    {
      schema: {
        tags: ['ai'],
        operationId: 'previewAiRequest',
        summary: 'Exactly what a feature would send to the model, sending nothing',
        body: AiPreviewRequest,
        response: { 200: AiPreview },
      },
    },
    async (request) => services.aiUsage.preview(actorOf(request), request.body),
  );
  app.get(
    '/ai/usage',
    {
      schema: {
        tags: ['ai'],
        operationId: 'getAiUsage',
        summary: 'Model calls, tokens and estimated cost per day and per feature',
        querystring: AiUsageQuery,
        response: { 200: AiUsage },
      },
    },
    async (request) => services.aiUsage.summary(actorOf(request), request.query),
  );
};
