// The PDF résumé of the heavy user — 15 positions with 6 highlights each, 5 education entries,
// 20 projects, 40 skills and several entries in every other section, half English and half
// Chinese — made in-process for each template on A4: the first render in a fresh process (which
// reads the fonts and warms everything up), the first after `warmUpResumePdf()` (as a server
// that warms up at start answers its first request), the median and slowest of repeat renders,
// and the file's size and pages.
//   npm run bench:pdf
import { execFileSync } from 'node:child_process';
import { renderResumePdf, warmUpResumePdf, type ResumePdfOptions } from '../apps/server/src/formats/resume-pdf.ts';
import { heavyResume } from '../apps/server/test/helpers/resume-pdf-fixtures.ts';

const TEMPLATES = ['classic', 'modern'] as const;
const REPEATS = 20;

interface Timing {
  ms: number;
  cpuMs: number;
  bytes: number;
  pages: number;
}

async function timed(options: ResumePdfOptions): Promise<Timing> {
  const doc = heavyResume();
  const started = performance.now();
  const cpu = process.cpuUsage();
  const pdf = await renderResumePdf(doc, options);
  const { user, system } = process.cpuUsage(cpu);
  const pages =
    Buffer.from(pdf)
      .toString('latin1')
      .match(/\/Type \/Page\b/g)?.length ?? 0;
  return { ms: performance.now() - started, cpuMs: (user + system) / 1000, bytes: pdf.length, pages };
}

// Run as a child: one render in a fresh process (after a warm-up if asked), printed as JSON.
if (process.argv[2] === 'child') {
  if (process.argv[4] === 'warm') await warmUpResumePdf();
  const template = process.argv[3] as ResumePdfOptions['template'];
  console.log(JSON.stringify(await timed({ template, paper: 'a4', locale: 'en' })));
  process.exit(0);
}

const inChild = (template: string, warm: boolean) =>
  JSON.parse(
    execFileSync(process.execPath, [import.meta.filename, 'child', template, warm ? 'warm' : 'cold'], { encoding: 'utf8' }),
  ) as Timing;

// Wall time, and in brackets the process's CPU time, which other load on the machine moves less.
const both = (run: Timing) => `${run.ms.toFixed(0)} ms (${run.cpuMs.toFixed(0)})`;

console.log(
  `PDF résumé, heavy user (15 positions × 6 highlights, 5 education, 20 projects, 40 skills, mixed English/Chinese) · Node ${process.version}`,
);
const row = (cells: string[]) => cells.map((cell, i) => (i < 6 ? cell.padEnd(i === 0 ? 9 : 18) : cell)).join(' ');
console.log(row(['template', 'fresh process', 'after warm-up', 'repeat median', 'repeat slowest', 'size', 'pages']));
for (const template of TEMPLATES) {
  const first = inChild(template, false);
  const warmed = inChild(template, true);
  const options: ResumePdfOptions = { template, paper: 'a4', locale: 'en' };
  await timed(options);
  const runs: Timing[] = [];
  for (let i = 0; i < REPEATS; i++) runs.push(await timed(options));
  runs.sort((a, b) => a.ms - b.ms);
  const median = runs[Math.floor(runs.length / 2)]!;
  const slowest = runs[runs.length - 1]!;
  console.log(
    row([
      template,
      both(first),
      both(warmed),
      both(median),
      both(slowest),
      `${(first.bytes / 1024).toFixed(0)} KB`,
      String(first.pages),
    ]),
  );
}
