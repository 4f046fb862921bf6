import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  IdParams,
  Todo,
  TodoBulk,
  TodoBulkResult,
  TodoComplete,
  TodoCreate,
  TodoMove,
  TodoParse,
  TodoParseRequest,
  TodoQuery,
  TodoUpdate,
} from '@career-anchor/contracts';
import { actorOf } from '../plugins/auth.ts';
import type { Services } from '../services/index.ts';
import { registerItemRoutes } from './item-routes.ts';

export const todosRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const tags = ['to-dos'];
  registerItemRoutes(app, {
    path: '/todos',
    tag: 'to-dos',
    noun: 'to-do',
    operationNoun: 'Todo',
    item: Todo,
    create: TodoCreate,
    update: TodoUpdate,
    query: TodoQuery,
    service: services.todos,
  });

  app.post(
    '/todos/:id/complete',
    {
      schema: {
        tags,
        operationId: 'completeTodo',
        summary: 'Mark done, with an optional note of what was done and how well',
        params: IdParams,
        body: TodoComplete,
        response: { 200: Todo },
      },
    },
    async (request) => services.todos.complete(actorOf(request), request.params.id, request.body.summary),
  );
  app.post(
    '/todos/:id/reopen',
    { schema: { tags, operationId: 'reopenTodo', summary: 'Mark open again', params: IdParams, response: { 200: Todo } } },
    async (request) => services.todos.reopen(actorOf(request), request.params.id),
  );
  app.post(
    '/todos/:id/move',
    {
      schema: {
        tags,
        operationId: 'moveTodo',
        summary: 'Reorder: place right after another to-do, or first',
        params: IdParams,
        body: TodoMove,
        response: { 200: Todo },
      },
    },
    async (request) => services.todos.move(actorOf(request), request.params.id, request.body.afterId),
  );
  app.post(
    '/todos/:id/skip',
    {
      schema: {
        tags,
        operationId: 'skipTodo',
        summary:
          'Skip the current occurrence of a recurring to-do: it moves to the next day its rule gives, not recorded as done',
        params: IdParams,
        response: { 200: Todo },
      },
    },
    async (request) => services.todos.skip(actorOf(request), request.params.id),
  );
  app.post(
    '/todos/bulk',
    {
      schema: {
        tags,
        operationId: 'bulkTodos',
        summary: 'One action on several to-dos, in one transaction: complete, reopen, delete, restore or update',
        body: TodoBulk,
        response: { 200: TodoBulkResult },
      },
    },
    async (request) => services.todos.bulk(actorOf(request), request.body),
  );
  app.post(
    '/todos/parse',
    {
      schema: {
        tags,
        operationId: 'parseTodo',
        summary:
          'What quick add would make of the text (dates and times on the profile’s calendar, #tags, !1–!3 or p1–p3, *, +plan, recurrence), in English and Chinese; writes nothing',
        body: TodoParseRequest,
        response: { 200: TodoParse },
      },
    },
    async (request) => services.todos.parse(actorOf(request), request.body),
  );
};
