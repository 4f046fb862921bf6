import { eq, gte, lte, sql } from 'drizzle-orm';
import type { Report } from '@career-anchor/contracts';
import type { Executor } from '../db/client.ts';
import { reports } from '../db/schema/index.ts';
import { itemsRepository } from './items.repository.ts';
import { hasTag } from './tags.repository.ts';

export type ReportRow = typeof reports.$inferSelect;

export interface ReportFilter {
  type?: Report['type'] | undefined;
  status?: Report['status'] | undefined;
  tag?: string | undefined;
  /** Reports whose period overlaps from … to. */
  from?: string | undefined;
  to?: string | undefined;
}

const SPEC = {
  table: reports,
  kind: 'report' as const,
  keysets: {
    newestPeriod: {
      key: sql`${reports.periodStart}`,
      type: 'date' as const,
      direction: 'desc' as const,
      id: reports.id,
      valueOf: (row: ReportRow) => row.periodStart,
      idOf: (row: ReportRow) => row.id,
    },
  },
  where: (filter: ReportFilter, _db: unknown, userId: string) => [
    filter.type ? eq(reports.type, filter.type) : undefined,
    filter.status ? eq(reports.status, filter.status) : undefined,
    filter.tag ? hasTag('report', reports.id, userId, filter.tag) : undefined,
    filter.from ? gte(reports.periodEnd, filter.from) : undefined,
    filter.to ? lte(reports.periodStart, filter.to) : undefined,
  ],
};

/** The acting user's reports, as items (list, find, write, trash, tags). */
export const reportsRepository = (db: Executor, userId: string) => itemsRepository(SPEC, db, userId);
