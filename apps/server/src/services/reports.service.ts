import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Report } from '@career-anchor/contracts';
import type { Db, Executor } from '../db/client.ts';
import { reports, todos } from '../db/schema/index.ts';
import type { JobQueue } from '../jobs/queue.ts';
import { JOB } from '../jobs/kinds.ts';
import type { Clock } from '../lib/clock.ts';
import { isUuid } from '../lib/ids.ts';
import { badRequest, notFound } from '../lib/problem.ts';
import { iso, isoOrNull } from '../lib/text.ts';
import type { Actor } from '../lib/actor.ts';
import type { Repositories } from '../repositories/index.ts';
import { createItemCrud, type AfterWrite } from './item-crud.ts';

type Row = typeof reports.$inferSelect;
type SectionsInput = Partial<Report['sections']>;

const toDto = (row: Row, tags: string[]): Report => ({
  id: row.id,
  type: row.type as Report['type'],
  periodStart: row.periodStart,
  periodEnd: row.periodEnd,
  title: row.title,
  sections: {
    accomplishments: row.accomplishments,
    challenges: row.challenges,
    learnings: row.learnings,
    nextFocus: row.nextFocus,
  },
  status: row.status as Report['status'],
  sourceTodoIds: row.sourceTodoIds,
  generatedBy: row.generatedBy,
  tags,
  finalizedAt: isoOrNull(row.finalizedAt),
  createdAt: iso(row.createdAt),
  updatedAt: iso(row.updatedAt),
});

const TYPE_NAMES: Record<string, Record<Report['type'], string>> = {
  en: { weekly: 'Weekly report', monthly: 'Monthly report', quarterly: 'Quarterly report', custom: 'Report' },
  'zh-CN': { weekly: '周报', monthly: '月报', quarterly: '季度报告', custom: '报告' },
};
const SECTION_TITLES: Record<string, Record<keyof Report['sections'], string>> = {
  en: { accomplishments: 'Accomplishments', challenges: 'Challenges', learnings: 'Learnings', nextFocus: 'Next period focus' },
  'zh-CN': { accomplishments: '成果', challenges: '挑战', learnings: '收获', nextFocus: '下阶段重点' },
};

export function reportTitle(type: Report['type'], start: string, end: string, locale: string): string {
  return `${(TYPE_NAMES[locale] ?? TYPE_NAMES.en!)[type]} ${start} – ${end}`;
}

/** The report as one Markdown document, as the export gives it. */
export function reportMarkdown(report: Report, locale: string): string {
  const titles = SECTION_TITLES[locale] ?? SECTION_TITLES.en!;
  const parts = [
    `# ${report.title || reportTitle(report.type, report.periodStart, report.periodEnd, locale)}`,
    '',
    `${report.periodStart} – ${report.periodEnd}`,
  ];
  for (const key of ['accomplishments', 'challenges', 'learnings', 'nextFocus'] as const) {
    parts.push('', `## ${titles[key]}`, '', report.sections[key].trim() || '—');
  }
  return `${parts.join('\n')}\n`;
}

const sectionColumns = (sections: SectionsInput | undefined) =>
  sections ? Object.fromEntries(Object.entries(sections).filter(([, v]) => v !== undefined)) : {};

export function createReportsService(db: Db, repos: Repositories, clock: Clock, queue: JobQueue) {
  const crud = createItemCrud({ repos, clock, pick: (r) => r.reports, label: 'Report', toDto });

  /** Source to-dos must be the user's own live to-dos. */
  async function assertTodos(executor: Executor, actor: Actor, ids: string[] | undefined) {
    if (!ids?.length) return;
    const unique = [...new Set(ids)];
    if (!unique.every(isUuid)) throw notFound('To-do');
    const [row] = await executor
      .select({ n: sql<number>`count(*)::int` })
      .from(todos)
      .where(and(eq(todos.userId, actor.userId), isNull(todos.deletedAt), inArray(todos.id, unique)));
    if ((row?.n ?? 0) !== unique.length) throw notFound('To-do');
  }

  /** A report that becomes final prompts a suggestion, in the same transaction. */
  const suggestOnFinal =
    (actor: Actor, wasFinal: boolean): AfterWrite<Row> =>
    async (_repos, tx, row) => {
      if (row.status === 'final' && !wasFinal)
        await queue.enqueue(tx, actor.userId, JOB.suggestion, { kind: 'report_finalized', id: row.id });
    };

  return {
    get: crud.get,
    remove: crud.remove,

    async list(
      actor: Actor,
      query: {
        type?: Report['type'] | undefined;
        status?: Report['status'] | undefined;
        tag?: string | undefined;
        from?: string | undefined;
        to?: string | undefined;
        limit: number;
        cursor?: string | undefined;
      },
    ) {
      return crud.list(actor, query, 'newestPeriod', query);
    },

    async create(
      actor: Actor,
      input: {
        type: Report['type'];
        periodStart: string;
        periodEnd: string;
        title: string;
        sections: SectionsInput;
        sourceTodoIds: string[];
        tags: string[];
      },
      generatedBy = 'manual',
    ): Promise<Report> {
      await assertTodos(db, actor, input.sourceTodoIds);
      const { sections, ...fields } = input;
      return crud.create(
        actor,
        { ...fields, ...sectionColumns(sections) },
        { generatedBy, sourceTodoIds: [...new Set(input.sourceTodoIds)] },
      );
    },

    async update(
      actor: Actor,
      id: string,
      input: Partial<{
        type: Report['type'];
        periodStart: string;
        periodEnd: string;
        title: string;
        sections: SectionsInput;
        status: Report['status'];
        sourceTodoIds: string[];
        tags: string[];
      }>,
    ): Promise<Report> {
      const current = await crud.findOrThrow(actor, id);
      await assertTodos(db, actor, input.sourceTodoIds);
      const { sections, status, ...fields } = input;
      const extra: Partial<Row> = {};
      if (status === 'final' && current.status !== 'final') extra.finalizedAt = clock.now();
      if (status === 'draft') extra.finalizedAt = null;
      if (status) extra.status = status;
      if (input.sourceTodoIds) extra.sourceTodoIds = [...new Set(input.sourceTodoIds)];
      // A period edited on its own must still start before it ends.
      const start = input.periodStart ?? current.periodStart;
      const end = input.periodEnd ?? current.periodEnd;
      if (start > end)
        throw badRequest('The period ends before it starts.', [{ path: 'periodEnd', message: 'Before periodStart' }]);
      return crud.update(
        actor,
        id,
        { ...fields, ...sectionColumns(sections) },
        extra,
        suggestOnFinal(actor, current.status === 'final'),
      );
    },
  };
}
export type ReportsService = ReturnType<typeof createReportsService>;
