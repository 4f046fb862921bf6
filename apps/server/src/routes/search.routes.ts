import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Activity,
  ActivityQuery,
  IdParams,
  PlanHistory,
  SearchPage,
  SearchQuery,
  SkillsOverTime,
  TagCount,
  TagMerge,
  TagQuery,
  TagRename,
  pageOf,
} from '@career-anchor/contracts';
import { actorOf } from '../plugins/auth.ts';
import type { Services } from '../services/index.ts';

/** Finding and seeing: search, the tag vocabulary, and chart data. */
export const searchRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  app.get(
    '/search',
    {
      config: { readCache: true },
      schema: {
        tags: ['search'],
        operationId: 'search',
        summary: 'Search everything you wrote, best first',
        querystring: SearchQuery,
        response: { 200: SearchPage },
      },
    },
    async (request) => services.search.search(actorOf(request), request.query),
  );

  app.get(
    '/tags',
    {
      config: { readCache: true },
      schema: {
        tags: ['tags'],
        operationId: 'listTags',
        summary: 'The tag vocabulary, with how many items carry each tag',
        querystring: TagQuery,
        response: { 200: pageOf(TagCount) },
      },
    },
    async (request) => services.tags.counts(actorOf(request), request.query),
  );
  app.post(
    '/tags/rename',
    {
      schema: {
        tags: ['tags'],
        operationId: 'renameTag',
        summary: 'Rename a tag on every item; onto an existing tag, merge',
        body: TagRename,
        response: { 200: z.object({ name: z.string() }) },
      },
    },
    async (request) => services.tags.rename(actorOf(request), request.body.from, request.body.to),
  );
  app.post(
    '/tags/merge',
    {
      schema: {
        tags: ['tags'],
        operationId: 'mergeTags',
        summary: 'Merge tags into one, on every item',
        body: TagMerge,
        response: { 200: z.object({ name: z.string() }) },
      },
    },
    async (request) => services.tags.merge(actorOf(request), request.body.from, request.body.into),
  );

  app.get(
    '/stats/activity',
    {
      config: { readCache: true },
      schema: {
        tags: ['stats'],
        operationId: 'getActivity',
        summary: 'Completed to-dos per day (or week)',
        querystring: ActivityQuery,
        response: { 200: Activity },
      },
    },
    async (request) => services.stats.activity(actorOf(request), request.query),
  );
  app.get(
    '/stats/plans/:id/history',
    {
      config: { readCache: true },
      schema: {
        tags: ['stats'],
        operationId: 'getPlanHistory',
        summary: 'A plan’s progress over time',
        params: IdParams,
        response: { 200: PlanHistory },
      },
    },
    async (request) => services.stats.planHistory(actorOf(request), request.params.id),
  );
  app.get(
    '/stats/skills',
    {
      config: { readCache: true },
      schema: {
        tags: ['stats'],
        operationId: 'getSkillsOverTime',
        summary: 'Skills over the last 12 months',
        response: { 200: SkillsOverTime },
      },
    },
    async (request) => services.stats.skills(actorOf(request)),
  );
};
