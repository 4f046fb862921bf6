import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, InsightList, Notification, NotificationPage, NotificationQuery, PageQuery } from '@career-anchor/contracts';
import { actorOf } from '../plugins/auth.ts';
import type { Services } from '../services/index.ts';

export const notificationsRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const tags = ['notifications'];
  app.get(
    '/notifications',
    {
      schema: {
        tags,
        operationId: 'listNotifications',
        summary: 'Reminders and insights in the app, newest first, with the unread count',
        querystring: PageQuery.extend(NotificationQuery.shape),
        response: { 200: NotificationPage },
      },
    },
    async (request) => services.notifications.list(actorOf(request), request.query),
  );
  app.post(
    '/notifications/read-all',
    {
      schema: {
        tags,
        operationId: 'markAllNotificationsRead',
        summary: 'Mark every notification read',
        response: { 200: z.object({ unread: z.number().int() }) },
      },
    },
    async (request) => services.notifications.readAll(actorOf(request)),
  );
  app.post(
    '/notifications/:id/read',
    {
      schema: {
        tags,
        operationId: 'markNotificationRead',
        summary: 'Mark one notification read',
        params: IdParams,
        response: { 200: Notification },
      },
    },
    async (request) => services.notifications.read(actorOf(request), request.params.id),
  );
  app.get(
    '/insights',
    {
      schema: {
        tags: ['insights'],
        operationId: 'listInsights',
        summary: 'Current insights from your own data, with the numbers behind them',
        response: { 200: InsightList },
      },
    },
    async (request) => services.insights.list(actorOf(request)),
  );
};
