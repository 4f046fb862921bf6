import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, expectProblem, signUp, type TestApp, type TestUser } from './helpers/app.ts';

let t: TestApp;
let user: TestUser;
let api: ReturnType<typeof as>;
beforeAll(async () => {
  t = await createTestApp();
  user = await signUp(t.app, { displayName: 'Ada <b>Lovelace</b>' });
  api = as(t.app, user);
  await api.put('/api/v1/profile', {
    handle: 'ada',
    headline: 'Engineer & "analyst"',
    summary: 'Private summary </script><script>alert(1)</script>',
    location: 'London',
    links: [{ label: 'GitHub', url: 'https://github.com/ada' }],
    publicFields: ['headline', 'location', 'links'],
    locale: 'en',
  });
  await api.post('/api/v1/achievements', {
    title: 'Public win <img src=x onerror=alert(1)>',
    quantifiableResults: '−40% cost',
    skills: ['Math', 'Writing'],
    isPublic: true,
    achievedOn: '2026-01-10',
  });
  await api.post('/api/v1/achievements', { title: 'Secret deal', isPublic: false });
  await api.post('/api/v1/plans', { title: 'Public plan', isPublic: true, targetDate: '2026-09-30' });
  await api.post('/api/v1/plans', { title: 'Hidden plan' });
  await api.post('/api/v1/focus-items', { title: 'Public focus', isPublic: true, progress: 40 });
});
afterAll(() => t.close());

const page = (handle: string) => t.app.inject({ method: 'GET', url: `/u/${handle}` });

describe('the public profile', () => {
  it('is not there until published', async () => {
    const res = await page('ada');
    expect(res.statusCode).toBe(404);
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/public/ada' }), 404);
  });

  it('shows only what is public, escaped, with link-preview data and noindex by default', async () => {
    await api.put('/api/v1/profile', { isPublic: true });
    const res = await page('ADA');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    const html = res.body;
    expect(html).toContain('Public win &lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('Ada &lt;b&gt;Lovelace&lt;/b&gt;');
    expect(html).toContain('Public plan');
    expect(html).toContain('Public focus');
    expect(html).toContain('−40% cost');
    // Dates as a résumé shows them, the exact day kept for machines.
    expect(html).toContain('<time datetime="2026-01-10">Jan 2026</time>');
    expect(html).toContain('Target <time datetime="2026-09-30">Sep 2026</time>');
    for (const hidden of ['Secret deal', 'Hidden plan', 'Private summary', user.email, '<img src=x', '<script>alert'])
      expect(html).not.toContain(hidden);
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(html).toContain('<meta property="og:title" content="Ada &lt;b&gt;Lovelace&lt;/b&gt;">');
    expect(html).toContain('<meta property="og:description" content="Engineer &amp; &quot;analyst&quot;">');
    expect(html).toContain('<meta name="twitter:card" content="summary">');
    expect(html).toContain('<link rel="canonical" href="http://127.0.0.1:3000/u/ada">');
    const jsonLd = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)![1]!);
    expect(jsonLd).toMatchObject({
      '@type': 'Person',
      name: 'Ada <b>Lovelace</b>',
      jobTitle: 'Engineer & "analyst"',
      knowsAbout: ['Math', 'Writing'],
      sameAs: ['https://github.com/ada'],
    });
    expect(html).toContain('@media print');
    expect(html).not.toMatch(/<script(?! type="application\/ld\+json")/);

    const json = (await t.app.inject({ method: 'GET', url: '/api/v1/public/ada' })).json();
    expect(json).toMatchObject({
      handle: 'ada',
      headline: 'Engineer & "analyst"',
      location: 'London',
      achievements: [{ title: 'Public win <img src=x onerror=alert(1)>' }],
    });
    expect(json.summary).toBeUndefined();
    expect(JSON.stringify(json)).not.toContain(user.email);
    expect(JSON.stringify(json)).not.toContain('Secret deal');
  });

  it('is indexable only when the user opts in, and in the profile’s language', async () => {
    await api.put('/api/v1/profile', { searchIndexable: true, locale: 'zh-CN' });
    const html = (await page('ada')).body;
    expect(html).toContain('<meta name="robots" content="index, follow">');
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<h2>成就</h2>');
    expect(html).toContain('<time datetime="2026-01-10">2026年1月</time>');
    await api.put('/api/v1/profile', { searchIndexable: false, locale: 'en' });
  });

  it('answers 404 at once after unpublishing', async () => {
    await api.put('/api/v1/profile', { isPublic: false });
    expect((await page('ada')).statusCode).toBe(404);
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/public/ada' }), 404);
    await api.put('/api/v1/profile', { isPublic: true });
    expect((await page('ada')).statusCode).toBe(200);
  });

  it('refuses reserved and duplicate handles', async () => {
    const other = as(t.app, await signUp(t.app));
    expectProblem(await other.put('/api/v1/profile', { handle: 'Ada' }), 409);
    expectProblem(await other.put('/api/v1/profile', { handle: 'admin' }), 400);
    expectProblem(await other.put('/api/v1/profile', { handle: 'u' }), 400);
    expectProblem(await other.put('/api/v1/profile', { publicFields: ['password'] }), 400);
  });

  it('shows contact details only when chosen, and never the sign-in address', async () => {
    const user = await signUp(t.app);
    const api = as(t.app, user);
    await api.put('/api/v1/profile', { handle: 'contact-me', isPublic: true, email: 'hello@example.com', phone: '+1 555 0100' });
    const hidden = (await t.app.inject({ method: 'GET', url: '/api/v1/public/contact-me' })).json();
    expect(hidden).not.toHaveProperty('email');
    expect(hidden).not.toHaveProperty('phone');
    await api.put('/api/v1/profile', { publicFields: ['email', 'phone', 'url'] });
    const shown = await t.app.inject({ method: 'GET', url: '/api/v1/public/contact-me' });
    expect(shown.json()).toMatchObject({ email: 'hello@example.com', phone: '+1 555 0100' });
    expect(shown.json()).not.toHaveProperty('url');
    expect(shown.body).not.toContain(user.email);
  });
});
