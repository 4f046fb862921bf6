import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  IdParams,
  PageQuery,
  Suggestion,
  SuggestionAccept,
  SuggestionAccepted,
  SuggestionQuery,
  pageOf,
} from '@career-anchor/contracts';
import { actorOf } from '../plugins/auth.ts';
import type { Services } from '../services/index.ts';

export const suggestionsRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const tags = ['suggestions'];
  app.get(
    '/suggestions',
    {
      schema: {
        tags,
        operationId: 'listSuggestions',
        summary: 'Suggested updates to the anchor page',
        querystring: PageQuery.extend(SuggestionQuery.shape),
        response: { 200: pageOf(Suggestion) },
      },
    },
    async (request) => services.suggestions.list(actorOf(request), request.query),
  );
  app.post(
    '/suggestions/:id/accept',
    {
      schema: {
        tags,
        operationId: 'acceptSuggestion',
        summary: 'Accept, optionally with edits: creates the achievement or focus item and returns it',
        params: IdParams,
        body: SuggestionAccept,
        response: { 200: SuggestionAccepted },
      },
    },
    async (request) => services.suggestions.accept(actorOf(request), request.params.id, request.body.edits),
  );
  app.post(
    '/suggestions/:id/reject',
    { schema: { tags, operationId: 'rejectSuggestion', summary: 'Reject', params: IdParams, response: { 200: Suggestion } } },
    async (request) => services.suggestions.reject(actorOf(request), request.params.id),
  );
};
