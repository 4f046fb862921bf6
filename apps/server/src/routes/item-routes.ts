import type { FastifyInstance, FastifyRequest, FastifySchema } from 'fastify';
import { z } from 'zod';
import { IdParams, PageQuery, pageOf } from '@career-anchor/contracts';
import { actorOf } from '../plugins/auth.ts';
import type { Actor } from '../lib/actor.ts';
import { sendJsonText, type JsonText } from '../lib/json-text.ts';

interface ItemService<Item, Create, Update, Query> {
  list(
    actor: Actor,
    query: Query & { limit: number; cursor?: string | undefined },
  ): Promise<{ items: Item[]; nextCursor: string | null } | JsonText<{ items: Item[]; nextCursor: string | null }>>;
  get(actor: Actor, id: string): Promise<Item>;
  create(actor: Actor, input: Create): Promise<Item>;
  update(actor: Actor, id: string, input: Update): Promise<Item>;
  remove(actor: Actor, id: string): Promise<void>;
}

const idOf = (request: FastifyRequest) => (request.params as z.output<typeof IdParams>).id;

/**
 * The five routes every kind of item has — list, create, read, update, delete — from its
 * contract schemas. Kind-specific routes (complete, move…) sit beside them in the kind's file.
 * The schemas validate every request and answer at run time; the handlers' types come from the
 * service, since route types cannot follow schemas passed in as parameters.
 */
export function registerItemRoutes<
  Item extends z.ZodType,
  Create extends z.ZodType,
  Update extends z.ZodType,
  Query extends z.ZodObject,
>(
  app: FastifyInstance,
  options: {
    path: string;
    tag: string;
    noun: string;
    /** The item's name in operation ids: listTodos, createTodo, getTodo, updateTodo, deleteTodo. */
    operationNoun: string;
    /** Where adding an "s" is wrong: "education entries", "EducationEntries". */
    plural?: { noun: string; operationNoun: string };
    item: Item;
    create: Create;
    update: Update;
    query: Query;
    service: ItemService<z.output<Item>, z.output<Create>, z.output<Update>, z.output<Query>>;
  },
) {
  const { path, noun, operationNoun, service } = options;
  const plural = options.plural ?? { noun: `${noun}s`, operationNoun: `${operationNoun}s` };
  const tags = [options.tag];
  const aNoun = `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
  type ListQuery = z.output<Query> & { limit: number; cursor?: string };
  // Typed as plain FastifySchema so the handlers are checked against the service, not the generics.
  const schema = (value: FastifySchema): FastifySchema => value;

  app.get(
    path,
    {
      config: { readCache: true },
      schema: schema({
        tags,
        operationId: `list${plural.operationNoun}`,
        summary: `List ${plural.noun}`,
        querystring: PageQuery.extend(options.query.shape),
        response: { 200: pageOf(options.item) },
      }),
    },
    async (request, reply) => {
      const page = await service.list(actorOf(request), request.query as ListQuery);
      return typeof page === 'string' ? sendJsonText(reply, page) : page;
    },
  );
  app.post(
    path,
    {
      schema: schema({
        tags,
        operationId: `create${operationNoun}`,
        summary: `Create ${aNoun}`,
        body: options.create,
        response: { 201: options.item },
      }),
    },
    async (request, reply) => reply.code(201).send(await service.create(actorOf(request), request.body as z.output<Create>)),
  );
  app.get(
    `${path}/:id`,
    {
      schema: schema({
        tags,
        operationId: `get${operationNoun}`,
        summary: `Read ${aNoun}`,
        params: IdParams,
        response: { 200: options.item },
      }),
    },
    async (request) => service.get(actorOf(request), idOf(request)),
  );
  app.patch(
    `${path}/:id`,
    {
      schema: schema({
        tags,
        operationId: `update${operationNoun}`,
        summary: `Change ${aNoun}`,
        params: IdParams,
        body: options.update,
        response: { 200: options.item },
      }),
    },
    async (request) => service.update(actorOf(request), idOf(request), request.body as z.output<Update>),
  );
  app.delete(
    `${path}/:id`,
    {
      schema: schema({
        tags,
        operationId: `delete${operationNoun}`,
        summary: `Move ${aNoun} to the trash`,
        params: IdParams,
        response: { 204: z.null() },
      }),
    },
    async (request, reply) => {
      await service.remove(actorOf(request), idOf(request));
      return reply.code(204).send(null);
    },
  );
}
