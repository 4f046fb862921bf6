import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  Achievement,
  AchievementCreate,
  AchievementUpdate,
  FocusItem,
  FocusItemCreate,
  FocusItemUpdate,
  FocusQuery,
  ItemQuery,
  Overview,
  Plan,
  PlanCreate,
  PlanQuery,
  PlanUpdate,
  Profile,
  ProfileUpdate,
} from '@career-anchor/contracts';
import { sendJsonText } from '../lib/json-text.ts';
import { actorOf } from '../plugins/auth.ts';
import type { Services } from '../services/index.ts';
import { registerItemRoutes } from './item-routes.ts';

/** The anchor page's parts: profile, achievements, focus items, plans, and the overview of all. */
export const anchorRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  app.get(
    '/profile',
    { schema: { tags: ['profile'], operationId: 'getProfile', summary: 'The profile', response: { 200: Profile } } },
    async (request) => services.profile.get(actorOf(request)),
  );
  app.put(
    '/profile',
    {
      schema: {
        tags: ['profile'],
        operationId: 'updateProfile',
        summary: 'Change profile fields',
        body: ProfileUpdate,
        response: { 200: Profile },
      },
    },
    async (request) => services.profile.update(actorOf(request), request.body),
  );

  app.get(
    '/overview',
    {
      config: { readCache: true },
      schema: {
        tags: ['overview'],
        operationId: 'getOverview',
        summary: 'Everything the anchor page shows, in one call',
        response: { 200: Overview },
      },
    },
    async (request, reply) => sendJsonText(reply, await services.overview.get(actorOf(request))),
  );

  registerItemRoutes(app, {
    path: '/achievements',
    tag: 'achievements',
    noun: 'achievement',
    operationNoun: 'Achievement',
    item: Achievement,
    create: AchievementCreate,
    update: AchievementUpdate,
    query: ItemQuery,
    service: services.achievements,
  });
  registerItemRoutes(app, {
    path: '/focus-items',
    tag: 'focus items',
    noun: 'focus item',
    operationNoun: 'FocusItem',
    item: FocusItem,
    create: FocusItemCreate,
    update: FocusItemUpdate,
    query: FocusQuery,
    service: services.focusItems,
  });
  registerItemRoutes(app, {
    path: '/plans',
    tag: 'plans',
    noun: 'plan',
    operationNoun: 'Plan',
    item: Plan,
    create: PlanCreate,
    update: PlanUpdate,
    query: PlanQuery,
    service: services.plans,
  });
};
