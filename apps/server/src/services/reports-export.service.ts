import { strToU8, zipSync } from 'fflate';
import type { Report } from '@career-anchor/contracts';
import type { Actor } from '../lib/actor.ts';
import type { Clock } from '../lib/clock.ts';
import type { Repositories } from '../repositories/index.ts';
import { reportMarkdown, type ReportsService } from './reports.service.ts';

/** A file to send as an attachment. */
export interface Download<Body> {
  filename: string;
  body: Body;
}

const ZIP_PAGE = 200;

/** Reports as files: one as Markdown, or all of them zipped, in the owner's language. */
export function createReportsExportService(deps: {
  repos: Repositories;
  clock: Clock;
  reports: Pick<ReportsService, 'get' | 'list'>;
}) {
  const { repos, clock, reports } = deps;

  const localeOf = async (actor: Actor) => (await repos.for(actor).profiles.find())?.profile.locale ?? 'en';

  return {
    async markdown(actor: Actor, id: string): Promise<Download<string>> {
      const [report, locale] = await Promise.all([reports.get(actor, id), localeOf(actor)]);
      return { filename: `report-${report.periodStart}-${report.periodEnd}.md`, body: reportMarkdown(report, locale) };
    },

    /** Every live report as `{periodStart}_{type}.md` (numbered when two share a name), in one archive. */
    async zip(actor: Actor): Promise<Download<Buffer>> {
      const locale = await localeOf(actor);
      const files: Record<string, Uint8Array> = {};
      const add = (report: Report) => {
        const base = `${report.periodStart}_${report.type}`;
        let name = `${base}.md`;
        for (let n = 2; files[name]; n++) name = `${base}-${n}.md`;
        files[name] = strToU8(reportMarkdown(report, locale));
      };
      let cursor: string | null | undefined;
      do {
        const page = await reports.list(actor, { limit: ZIP_PAGE, cursor: cursor ?? undefined });
        page.items.forEach(add);
        cursor = page.nextCursor;
      } while (cursor);
      const day = clock.now().toISOString().slice(0, 10);
      return { filename: `reports-${day}.zip`, body: Buffer.from(zipSync(files, { level: 6 })) };
    },
  };
}
export type ReportsExportService = ReturnType<typeof createReportsExportService>;
