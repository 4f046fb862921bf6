import type { Report } from '@career-anchor/contracts';
import type { JobQueue } from '../jobs/queue.ts';
import { JOB } from '../jobs/kinds.ts';
import type { Actor } from '../lib/actor.ts';
import type { Clock } from '../lib/clock.ts';
import { safeMarkdown } from '../lib/markdown.ts';
import { isUuid } from '../lib/ids.ts';
import { badRequest, notFound } from '../lib/problem.ts';
import { iso, isoOrNull } from '../lib/text.ts';
import type { Repositories } from '../repositories/index.ts';
import type { AfterReportWrite, ReportRow, ReportValues } from '../repositories/reports.repository.ts';

type SectionsInput = Partial<Report['sections']>;

const toDto = ({ row, tags }: { row: ReportRow; tags: string[] }): Report => ({
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

/** The four sections as Markdown, each under its `##` heading (as a draft streams in, and in the export). */
export function sectionsMarkdown(sections: Report['sections'], locale: string): string {
  const titles = SECTION_TITLES[locale] ?? SECTION_TITLES.en!;
  return (['accomplishments', 'challenges', 'learnings', 'nextFocus'] as const)
    .map((key) => `## ${titles[key]}\n\n${sections[key].trim() || '—'}`)
    .join('\n\n');
}

/** The report as one Markdown document, as the export gives it. */
export function reportMarkdown(report: Report, locale: string): string {
  const title = report.title || reportTitle(report.type, report.periodStart, report.periodEnd, locale);
  // The file may be opened in any viewer: its text, the person's or a model's, carries no live HTML or script links.
  return safeMarkdown(
    `# ${title}\n\n${report.periodStart} – ${report.periodEnd}\n\n${sectionsMarkdown(report.sections, locale)}\n`,
  );
}

const sectionColumns = (sections: SectionsInput | undefined): ReportValues =>
  sections ? Object.fromEntries(Object.entries(sections).filter(([, v]) => v !== undefined)) : {};

export function createReportsService(repos: Repositories, clock: Clock, queue: JobQueue) {
  /** Source to-dos must be the user's own live to-dos. */
  async function assertTodos(actor: Actor, ids: string[] | undefined) {
    if (!ids?.length) return;
    const unique = [...new Set(ids)];
    if (!unique.every(isUuid)) throw notFound('To-do');
    if ((await repos.for(actor).reports.countOwnTodos(unique)) !== unique.length) throw notFound('To-do');
  }

  async function findOrThrow(actor: Actor, id: string) {
    const found = await repos.for(actor).reports.find(id);
    if (!found) throw notFound('Report');
    return found;
  }

  /** A report that becomes final prompts a suggestion, in the same transaction. */
  const suggestOnFinal =
    (actor: Actor, wasFinal: boolean): AfterReportWrite =>
    async (tx, row) => {
      if (row.status === 'final' && !wasFinal)
        await queue.enqueue(tx, actor.userId, JOB.suggestion, { kind: 'report_finalized', id: row.id });
    };

  return {
    get: async (actor: Actor, id: string): Promise<Report> => toDto(await findOrThrow(actor, id)),

    async remove(actor: Actor, id: string): Promise<void> {
      if (!(await repos.for(actor).reports.moveToTrash(id, clock.now()))) throw notFound('Report');
    },

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
      const page = await repos.for(actor).reports.list(query, query);
      return { items: page.items.map(toDto), nextCursor: page.nextCursor };
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
      /** Work that must commit with the report or not at all (a draft job's outcome). */
      after?: AfterReportWrite,
    ): Promise<Report> {
      await assertTodos(actor, input.sourceTodoIds);
      const { sections, tags, ...fields } = input;
      const values = { ...fields, ...sectionColumns(sections), generatedBy, sourceTodoIds: [...new Set(input.sourceTodoIds)] };
      return toDto(await repos.for(actor).reports.insert(values, tags, clock.now(), after));
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
      const { row: current } = await findOrThrow(actor, id);
      await assertTodos(actor, input.sourceTodoIds);
      const { sections, status, tags, ...fields } = input;
      const values: ReportValues = { ...fields, ...sectionColumns(sections) };
      if (status === 'final' && current.status !== 'final') values.finalizedAt = clock.now();
      if (status === 'draft') values.finalizedAt = null;
      if (status) values.status = status;
      if (input.sourceTodoIds) values.sourceTodoIds = [...new Set(input.sourceTodoIds)];
      // A period edited on its own must still start before it ends.
      const start = input.periodStart ?? current.periodStart;
      const end = input.periodEnd ?? current.periodEnd;
      if (start > end)
        throw badRequest('The period ends before it starts.', [{ path: 'periodEnd', message: 'Before periodStart' }]);
      const updated = await repos
        .for(actor)
        .reports.update(id, values, tags, clock.now(), suggestOnFinal(actor, current.status === 'final'));
      if (!updated) throw notFound('Report');
      return toDto(updated);
    },
  };
}
export type ReportsService = ReturnType<typeof createReportsService>;
