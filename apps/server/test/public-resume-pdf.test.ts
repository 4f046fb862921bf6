import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, expectProblem, signUp, type TestApp } from './helpers/app.ts';
import { pdfInfo, pdfText } from './helpers/pdf-tools.ts';

let t: TestApp;
let api: ReturnType<typeof as>;
beforeAll(async () => {
  t = await createTestApp();
  api = as(t.app, await signUp(t.app, { displayName: 'Zoë 林' }));
  await api.put('/api/v1/profile', {
    handle: 'zoe',
    isPublic: true,
    headline: 'Platform engineer',
    summary: 'Private summary words',
    location: 'Lisbon',
    email: 'zoe@contact.example',
    phone: '+351 555 0100',
    publicFields: ['headline', 'location'],
    locale: 'en',
  });
  await api.post('/api/v1/positions', {
    name: 'Harbour Systems',
    position: 'Staff engineer',
    startDate: '2021-06',
    current: true,
    highlights: ['Cut deploy time by 70%'],
  });
  await api.post('/api/v1/positions', { name: 'Secret Lab', position: 'Hidden role', isPublic: false });
  await api.post('/api/v1/education', { institution: 'Universidade de Lisboa', studyType: 'MSc', endDate: '2015' });
  await api.post('/api/v1/references', { name: 'Private Referee', reference: 'Kept private' });
});
afterAll(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
const pdf = (query = '', headers: Record<string, string> = {}) => get(`/api/v1/public/zoe/resume.pdf${query}`, headers);
const offer = (on: boolean) =>
  api.put('/api/v1/profile', { publicFields: on ? ['headline', 'location', 'resumePdf'] : ['headline', 'location'] });

describe('GET /public/{handle}/resume.pdf', () => {
  it('is not there while the person has not offered it, and says so on the public JSON', async () => {
    expectProblem(await pdf(), 404);
    expect((await get('/api/v1/public/zoe')).json().resumePdf).toBe(false);
  });

  it('is the public résumé only: public entries and fields, never private ones or private contact details', async () => {
    await offer(true);
    expect((await get('/api/v1/public/zoe')).json().resumePdf).toBe(true);
    const res = await pdf();
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = pdfText(new Uint8Array(res.rawPayload));
    for (const shown of [
      'Zoë 林',
      'Platform engineer',
      'Lisbon',
      'Staff engineer',
      'Cut deploy time by 70%',
      'Universidade de Lisboa',
    ])
      expect(text).toContain(shown);
    for (const hidden of [
      'Secret Lab',
      'Hidden role',
      'Private Referee',
      'Kept private',
      'Private summary',
      'zoe@contact',
      '555 0100',
    ])
      expect(text).not.toContain(hidden);
  });

  it('carries the contact details the person made public', async () => {
    await api.put('/api/v1/profile', { publicFields: ['headline', 'location', 'resumePdf', 'email'] });
    try {
      const text = pdfText(new Uint8Array((await pdf()).rawPayload));
      expect(text).toContain('zoe@contact.example');
      expect(text).not.toContain('555 0100');
    } finally {
      await offer(true);
    }
  });

  it('is named after the person, in UTF-8 for browsers and in ASCII for the rest', async () => {
    const res = await pdf();
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="zoe-resume.pdf"; filename*=UTF-8''Zo%C3%AB%20%E6%9E%97-resume.pdf`,
    );
  });

  it('takes the template, paper and language asked for', async () => {
    const res = await pdf('?template=modern&paper=letter&lang=zh-CN');
    expect(res.statusCode).toBe(200);
    const bytes = new Uint8Array(res.rawPayload);
    expect(pdfInfo(bytes).pageSize).toMatch(/612 x 792/);
    expect(pdfText(bytes)).toContain('工作经历');
  });

  it('may be kept but is checked again each time: 304 while nothing changed, a new PDF after a change', async () => {
    const first = await pdf();
    expect(first.headers['cache-control']).toBe('public, no-cache');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^W\/".+"$/);
    const again = await pdf('', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
    // Another template is another file.
    const modern = await pdf('?template=modern', { 'if-none-match': etag });
    expect(modern.statusCode).toBe(200);
    expect(modern.headers.etag).not.toBe(etag);
    // An edit to what the page shows makes a new one.
    await api.put('/api/v1/profile', { headline: 'Principal engineer' });
    const changed = await pdf('', { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(pdfText(new Uint8Array(changed.rawPayload))).toContain('Principal engineer');
    // Switched off, a held copy is no longer confirmed.
    await offer(false);
    try {
      expectProblem(await pdf('', { 'if-none-match': String(changed.headers.etag) }), 404);
    } finally {
      await offer(true);
    }
  });

  it('is 404 for an unknown handle and for a profile no longer published', async () => {
    expectProblem(await get('/api/v1/public/nobody-here/resume.pdf'), 404);
    await api.put('/api/v1/profile', { isPublic: false });
    try {
      expectProblem(await pdf(), 404);
    } finally {
      await api.put('/api/v1/profile', { isPublic: true });
    }
  });

  it('refuses an unknown template, paper or language with 400 problem+json', async () => {
    for (const query of ['?template=fancy', '?paper=a3', '?lang=fr']) expectProblem(await pdf(query), 400);
  });
});

describe('the public page’s Download PDF link', () => {
  it('is there only while the PDF is offered, in the page’s language', async () => {
    await offer(false);
    expect((await get('/u/zoe')).body).not.toContain('resume.pdf');
    await offer(true);
    const html = (await get('/u/zoe')).body;
    expect(html).toContain('<a class="pdf" href="/api/v1/public/zoe/resume.pdf" rel="nofollow" download>Download PDF</a>');
    await api.put('/api/v1/profile', { locale: 'zh-CN' });
    try {
      expect((await get('/u/zoe')).body).toContain('>下载 PDF</a>');
    } finally {
      await api.put('/api/v1/profile', { locale: 'en' });
    }
  });
});

describe('the public PDF’s rate limit', () => {
  it('answers 429 problem+json past PUBLIC_PDF_PER_MIN for one address, tighter than the API’s', async () => {
    const limited = await createTestApp({ env: { RATE_LIMIT_PER_MIN: '600' } });
    try {
      const ask = (url: string, remoteAddress: string) => limited.app.inject({ method: 'GET', url, remoteAddress });
      // Unknown handles: counted like any other ask, without setting a PDF.
      for (let i = 0; i < 10; i++) expectProblem(await ask('/api/v1/public/nobody-here/resume.pdf', '10.0.0.7'), 404);
      const refused = expectProblem(await ask('/api/v1/public/nobody-here/resume.pdf', '10.0.0.7'), 429);
      expect(refused.detail).toMatch(/10 requests a minute/);
      expect(Number((await ask('/api/v1/public/nobody-here/resume.pdf', '10.0.0.7')).headers['retry-after'])).toBeGreaterThan(0);
      // Another address, and the same address elsewhere, are not held back.
      expectProblem(await ask('/api/v1/public/nobody-here/resume.pdf', '10.0.0.8'), 404);
      expectProblem(await ask('/api/v1/public/nobody-here', '10.0.0.7'), 404);
    } finally {
      await limited.close();
    }
  });
});
