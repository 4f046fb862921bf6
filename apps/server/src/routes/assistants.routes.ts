import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AssistantActivityPage,
  AssistantActivityQuery,
  AssistantSettings,
  AssistantSettingsUpdate,
} from '@career-anchor/contracts';
import { actorOf } from '../plugins/auth.ts';
import type { Services } from '../services/index.ts';

/** Trust settings for assistants (MCP clients) and the log of what they did. */
export const assistantsRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const tags = ['assistants'];
  app.get(
    '/assistants/settings',
    {
      schema: {
        tags,
        operationId: 'getAssistantSettings',
        summary: 'Whether assistants’ writes wait for approval, and how many calls a minute each may make',
        response: { 200: AssistantSettings },
      },
    },
    async (request) => services.assistants.settings(actorOf(request)),
  );
  app.patch(
    '/assistants/settings',
    {
      schema: {
        tags,
        operationId: 'updateAssistantSettings',
        summary: 'Change the approval switch or the per-assistant rate limit',
        body: AssistantSettingsUpdate,
        response: { 200: AssistantSettings },
      },
    },
    async (request) => services.assistants.updateSettings(actorOf(request), request.body),
  );
  app.get(
    '/assistants/activity',
    {
      schema: {
        tags,
        operationId: 'listAssistantActivity',
        summary: 'What assistants did: each tool call, resource read and prompt, newest first',
        querystring: AssistantActivityQuery,
        response: { 200: AssistantActivityPage },
      },
    },
    async (request) => services.assistants.activity(actorOf(request), request.query),
  );
};
