import type { JobQueue } from '../jobs/queue.ts';
import type { Actor } from '../lib/actor.ts';
import type { Clock } from '../lib/clock.ts';
import type { JsonText } from '../lib/json-text.ts';
import { notFound } from '../lib/problem.ts';
import type { Repositories, UserRepositories } from '../repositories/index.ts';
import type { ItemsRepository, ListPage } from '../repositories/items.repository.ts';

/** The open transaction, only to hand to the job queue (see `AfterWrite`). */
type Transaction = Parameters<JobQueue['enqueue']>[0];

/**
 * Runs inside the write's transaction, for work that must exist exactly when the write does
 * (a job, a plan that starts): the same user's repositories in that transaction, and the transaction.
 */
export type AfterWrite<Row> = (repos: UserRepositories, tx: Transaction, row: Row) => Promise<void>;

export interface ItemCrudOptions<Row, Insert, Filter, Sort extends string, Dto> {
  repos: Repositories;
  clock: Clock;
  /** This kind's repository among the user's. */
  pick(repos: UserRepositories): ItemsRepository<Row, Insert, Filter, Sort>;
  /** For "… not found." */
  label: string;
  /** The API shape of a row; a list read as JSON (item-json.ts) must give the same. */
  toDto(row: Row, tags: string[]): Dto;
  /** Adds what is computed beside the rows (a skill's evidence), for a page of them at once. */
  complete?(repos: UserRepositories, items: Dto[]): Promise<Dto[]>;
}

type WithTags = { tags?: string[] | undefined };

/** A page of a list as the API answers it. */
export interface ItemPage<Dto> {
  items: Dto[];
  nextCursor: string | null;
}

/**
 * What every kind of item does the same way: list, read one, create, update, send to the trash,
 * and keep its tags in step, each write in one transaction. The queries are the repository's;
 * here are the rules: what is not found, what one write covers, and the API shape.
 */
export function createItemCrud<Row extends { id: string }, Insert, Filter, Sort extends string, Dto>(
  options: ItemCrudOptions<Row, Insert, Filter, Sort, Dto>,
) {
  const { repos, clock, pick, label, toDto, complete } = options;
  type Repo = ItemsRepository<Row, Insert, Filter, Sort>;

  /** Rows as the API shows them, with their tags (one query for all), read with the user's `scoped` repositories. */
  async function shape(scoped: UserRepositories, rows: Row[]): Promise<Dto[]> {
    const tags = await pick(scoped).tagsOf(rows.map((row) => row.id));
    const items = rows.map((row) => toDto(row, tags.get(row.id) ?? []));
    return complete && items.length ? complete(scoped, items) : items;
  }
  const shapeOne = async (scoped: UserRepositories, row: Row) => (await shape(scoped, [row]))[0]!;

  async function findIn(repo: Repo, id: string): Promise<Row> {
    const row = await repo.find(id);
    if (!row) throw notFound(label);
    return row;
  }

  return {
    shape,
    shapeOne,
    findIn,
    /** The live item, or "… not found." */
    findOrThrow: (actor: Actor, id: string) => findIn(pick(repos.for(actor)), id),

    /**
     * One page of the user's live items that pass `filter`, in the order `sort` names, as the JSON
     * text of `{ items, nextCursor }`: kinds with a JSON form (item-json.ts) are passed on as the
     * database wrote them.
     */
    async list(actor: Actor, filter: Filter, sort: Sort, page: ListPage): Promise<JsonText<ItemPage<Dto>>> {
      const scoped = repos.for(actor);
      const result = await pick(scoped).list(filter, sort, page);
      const cursor = JSON.stringify(result.nextCursor);
      if ('rows' in result) return `{"items":${JSON.stringify(await shape(scoped, result.rows))},"nextCursor":${cursor}}`;
      return `{"items":${result.json},"nextCursor":${cursor}}`;
    },

    async get(actor: Actor, id: string): Promise<Dto> {
      const scoped = repos.for(actor);
      return shapeOne(scoped, await findIn(pick(scoped), id));
    },

    create(actor: Actor, input: object & WithTags, extra: Partial<Insert> = {}, afterWrite?: AfterWrite<Row>): Promise<Dto> {
      return repos.transaction(actor, async (scoped, tx) => {
        const repo = pick(scoped);
        const { tags = [], ...fields } = input;
        const now = clock.now();
        const row = await repo.insert({ ...fields, ...extra, createdAt: now, updatedAt: now } as Insert);
        await repo.setTags(row.id, tags);
        await afterWrite?.(scoped, tx, row);
        return shapeOne(scoped, row);
      });
    },

    update(
      actor: Actor,
      id: string,
      input: object & WithTags,
      extra: Partial<Insert> = {},
      afterWrite?: AfterWrite<Row>,
    ): Promise<Dto> {
      return repos.transaction(actor, async (scoped, tx) => {
        const repo = pick(scoped);
        const { tags, ...fields } = input;
        const row = await repo.update(id, { ...fields, ...extra } as Partial<Insert>, clock.now());
        if (!row) throw notFound(label);
        if (tags) await repo.setTags(id, tags);
        await afterWrite?.(scoped, tx, row);
        return shapeOne(scoped, row);
      });
    },

    async remove(actor: Actor, id: string): Promise<void> {
      if (!(await pick(repos.for(actor)).moveToTrash(id, clock.now()))) throw notFound(label);
    },
  };
}
