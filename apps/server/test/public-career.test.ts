import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PublicProfile } from '@career-anchor/contracts';
import { as, createTestApp, signUp, type TestApp, type TestUser } from './helpers/app.ts';

let t: TestApp;
let user: TestUser;
let api: ReturnType<typeof as>;
beforeAll(async () => {
  t = await createTestApp();
  user = await signUp(t.app, { displayName: 'Grace' });
  api = as(t.app, user);
  await api.put('/api/v1/profile', {
    handle: 'grace',
    isPublic: true,
    email: 'grace@navy.example',
    phone: '+1 555 0100',
    url: 'https://grace.example',
    publicFields: ['email', 'url'],
  });
  const first = (
    await api.post('/api/v1/positions', { name: 'US Navy', position: 'Rear Admiral', startDate: '1943', current: true })
  ).json();
  await api.post('/api/v1/positions', {
    name: 'Remington Rand',
    position: 'Senior mathematician',
    startDate: '1949-06',
    endDate: '1952',
  });
  await api.post('/api/v1/positions', { name: 'Secret Lab', position: 'Hidden role', isPublic: false });
  // Moved first: the person's order, not the order of creation.
  const moved = (await api.post('/api/v1/positions', { name: 'Harvard', position: 'Programmer', startDate: '1944-07' })).json();
  await api.post(`/api/v1/positions/${moved.id}/move`, { afterId: null });
  await api.post('/api/v1/education', { institution: 'Yale', studyType: 'PhD', area: 'Mathematics', endDate: '1934' });
  await api.post('/api/v1/skills', { name: 'COBOL', keywords: ['compilers'] });
  await api.post('/api/v1/references', { name: 'Howard Aiken', reference: 'Private words' });
  expect(first.isPublic).toBe(true);
});
afterAll(() => t.close());

describe('the public profile’s career', () => {
  it('gives the public entries of each section in the person’s order, and nothing private', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/public/grace' });
    expect(res.statusCode).toBe(200);
    const profile = PublicProfile.strict().parse(res.json());
    expect(profile.career.positions?.map((p) => p.name)).toEqual(['Harvard', 'US Navy', 'Remington Rand']);
    expect(profile.career.positions?.[1]).toMatchObject({ startDate: '1943', endDate: null, current: true });
    expect(profile.career.education?.[0]).toMatchObject({ institution: 'Yale', endDate: '1934' });
    expect(profile.career.references).toBeUndefined();
    expect(profile).toMatchObject({ email: 'grace@navy.example', url: 'https://grace.example' });
    expect(profile.phone).toBeUndefined();
    const text = res.body;
    for (const hidden of ['Secret Lab', 'Private words', '+1 555', '"id"', '"tags"', 'evidence'])
      expect(text).not.toContain(hidden);
  });

  it('renders them on /u/{handle} without JavaScript, with schema.org Person facts', async () => {
    const html = (await t.app.inject({ method: 'GET', url: '/u/grace' })).body;
    expect(html.indexOf('Programmer')).toBeLessThan(html.indexOf('Rear Admiral'));
    expect(html).toContain('1943 – Present');
    expect(html).toContain('Jun 1949 – 1952');
    expect(html).toContain('<a href="mailto:grace@navy.example">');
    expect(html).not.toContain('Howard Aiken');
    const person = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)![1]!);
    expect(person.worksFor).toEqual([{ '@type': 'Organization', name: 'US Navy' }]);
    expect(person.alumniOf).toEqual([{ '@type': 'EducationalOrganization', name: 'Yale' }]);
    expect(person.knowsAbout).toContain('COBOL');
    expect(person.email).toBe('grace@navy.example');
    expect(person.telephone).toBeUndefined();
  });

  it('drops an entry from the page as soon as it is made private', async () => {
    const navy = (await api.get('/api/v1/positions')).json().items.find((p: { name: string }) => p.name === 'US Navy');
    await api.patch(`/api/v1/positions/${navy.id}`, { isPublic: false });
    const html = (await t.app.inject({ method: 'GET', url: '/u/grace' })).body;
    expect(html).not.toContain('Rear Admiral');
  });
});
