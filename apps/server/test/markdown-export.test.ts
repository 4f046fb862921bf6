import MarkdownIt from 'markdown-it';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeMarkdown } from '../src/lib/markdown.ts';
import { as, createTestApp, signUp, type TestApp } from './helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

/** A viewer that renders raw HTML and follows any link: the worst place a file can be opened. */
const permissive = new MarkdownIt({ html: true });
permissive.validateLink = () => true;

const HOSTILE = [
  '- Shipped <img src=x onerror=alert(1)> the importer',
  '- <script>alert(2)</script>',
  '- [Read more](javascript:alert(3)) and [this](  JavaScript:alert(4) "t")',
  '- <javascript:alert(5)> and [data](data:text/html;base64,PHNjcmlwdD4=)',
  '',
  '[ref]: javascript:alert(6)',
  '',
  'Kept: `a <b> c` and [the docs](https://example.com/docs), 1 < 2',
  '',
  '```html',
  '<div>code stays as written</div>',
  '```',
].join('\n');

describe('the Markdown export', () => {
  it('carries no live HTML and no script links, whoever wrote the text, and keeps the rest', async () => {
    const user = await signUp(t.app);
    const api = as(t.app, user);
    const report = (
      await api.post('/api/v1/reports', {
        type: 'weekly',
        periodStart: '2026-11-30',
        periodEnd: '2026-12-06',
        title: 'Week <b onmouseover=alert(0)>49</b>',
        sections: { accomplishments: HOSTILE, challenges: '', learnings: '', nextFocus: '' },
      })
    ).json();
    const res = await api.get(`/api/v1/reports/${report.id}/export.md`);
    expect(res.statusCode).toBe(200);
    const html = permissive.render(res.body);
    expect(html).not.toMatch(/<(img|script|b)\b/i);
    expect(html).not.toMatch(/href="\s*(javascript|vbscript|data):/i);
    expect(html).toContain('<a href="https://example.com/docs">the docs</a>');
    expect(html).toContain('<code>a &lt;b&gt; c</code>');
    expect(html).toContain('&lt;div&gt;code stays as written&lt;/div&gt;');
    expect(res.body).toContain('1 < 2');
  });

  it('leaves Markdown without HTML or script links unchanged', () => {
    const plain = '## Done\n\n- [x] Wrote the RFC (see [RFC](https://example.com/rfc))\n- 学习中文 `x<y`\n';
    expect(safeMarkdown(plain)).toBe(plain);
  });
});
