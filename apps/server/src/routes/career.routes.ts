import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CAREER_SCHEMAS,
  CAREER_SECTION_INFO,
  CAREER_SECTIONS,
  CareerMove,
  CareerQuery,
  IdParams,
} from '@career-anchor/contracts';
import { actorOf } from '../plugins/auth.ts';
import type { Services } from '../services/index.ts';
import { registerItemRoutes } from './item-routes.ts';

/** "entry" → "entries", "skill" → "skills". */
const pluralOf = (word: string) => (/[^aeiou]y$/i.test(word) ? `${word.slice(0, -1)}ies` : `${word}s`);

/**
 * Every career section (CAREER_SECTION_INFO) gets the same routes from the same code: list in the
 * person's order, create, read, change, trash, and move; plus the undo of a résumé import.
 */
export const careerRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const tags = ['career'];
  for (const section of CAREER_SECTIONS) {
    const { path, noun, operationNoun } = CAREER_SECTION_INFO[section];
    const schemas = CAREER_SCHEMAS[section];
    const service = services.career.section(section);
    registerItemRoutes(app, {
      path,
      tag: 'career',
      noun,
      operationNoun,
      plural: { noun: pluralOf(noun), operationNoun: pluralOf(operationNoun) },
      item: schemas.entry,
      create: schemas.create,
      update: schemas.update,
      query: CareerQuery,
      service,
    });
    app.post(
      `${path}/:id/move`,
      {
        schema: {
          tags,
          operationId: `move${operationNoun}`,
          summary: `Reorder: place right after another ${noun}, or first`,
          params: IdParams,
          body: CareerMove,
          response: { 200: schemas.entry },
        },
      },
      async (request) => service.move(actorOf(request), request.params.id, request.body.afterId),
    );
  }

  app.post(
    '/imports/:id/undo',
    {
      schema: {
        tags,
        operationId: 'undoImport',
        summary: 'Undo a résumé import whole: its entries go, and the profile fields it changed get their values back',
        description: 'Possible for 30 days after the import; an import already undone, or older, answers 409.',
        params: IdParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await services.careerImport.undo(actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};
