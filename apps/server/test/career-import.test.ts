import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CareerBundle } from '@career-anchor/contracts';
import { jobActor } from '../src/lib/actor.ts';
import { as, createTestApp, expectProblem, signUp, type TestApp } from './helpers/app.ts';
import { snapshotUser } from './helpers/snapshot.ts';

// The core every résumé import goes through (JSON Resume and LinkedIn read their files into a
// CareerBundle): a preview that writes nothing, the import, and its undo.

let t: TestApp;
let now = new Date('2026-06-10T09:00:00Z');
beforeAll(async () => {
  t = await createTestApp({ clock: { now: () => now } });
});
afterAll(() => t.close());

async function newUser() {
  const user = await signUp(t.app, { displayName: 'Mine' });
  const api = as(t.app, user);
  await api.put('/api/v1/profile', {
    headline: 'My headline',
    summary: 'My summary',
    phone: '+49 30 1234',
    address: { city: 'Berlin', countryCode: 'DE' },
  });
  return { user, api, actor: jobActor(user.id) };
}

const BUNDLE: CareerBundle = {
  profile: {
    displayName: '王小明',
    headline: 'Their headline',
    summary: 'My summary',
    phone: '',
    email: 'xiaoming@example.com',
    address: { countryCode: 'DE', city: 'Berlin' },
    resumeExtra: { image: 'https://example.com/me.png' },
  },
  sections: {
    positions: [
      { name: '阿里云', position: '高级工程师', startDate: '2020-03', endDate: '2024-06', highlights: ['首屏 -45%', 'Led 6'] },
      { name: 'Startup', position: 'Engineer', startDate: '2016', current: true, endDate: '2019', tags: ['early'] },
    ],
    skills: [{ name: 'Vue', level: 'Master', keywords: ['Vue 3'] }, { name: 'Go' }],
    references: [{ name: 'A. Boss', reference: 'Reliable', extra: { phone: '123' } }],
  },
  unknown: ['meta.theme', 'basics.profiles.2.icon'],
};

describe('résumé import', () => {
  it('previews what would change without writing anything', async () => {
    const { user, actor } = await newUser();
    const before = await snapshotUser(t.ctx.database.db, user.id);
    const preview = await t.ctx.services.careerImport.preview(actor, BUNDLE);
    expect(preview.adds).toMatchObject({ positions: 2, skills: 2, references: 1, education: 0 });
    // Equal values (the address in another key order) and values the file leaves empty are not offered.
    expect(preview.changes).toEqual([
      { field: 'displayName', mine: 'Mine', theirs: '王小明' },
      { field: 'headline', mine: 'My headline', theirs: 'Their headline' },
      { field: 'email', mine: '', theirs: 'xiaoming@example.com' },
      { field: 'resumeExtra', mine: null, theirs: { image: 'https://example.com/me.png' } },
    ]);
    expect(preview.unknown).toEqual(BUNDLE.unknown);
    expect(await snapshotUser(t.ctx.database.db, user.id)).toEqual(before);
  });

  it('adds every entry after the person’s own, changes only the fields taken, and undoes whole', async () => {
    const { user, api, actor } = await newUser();
    const own = (await api.post('/api/v1/positions', { name: 'Mine first' })).json();
    const done = await t.ctx.services.careerImport.apply(actor, BUNDLE, ['headline', 'email', 'summary'], 'json-resume');
    expect(done.counts).toMatchObject({ positions: 2, skills: 2, references: 1 });
    expect(done.undoUntil).toBe('2026-07-10T09:00:00.000Z');

    const positions = (await api.get('/api/v1/positions')).json().items;
    expect(positions.map((p: { name: string }) => p.name)).toEqual(['Mine first', '阿里云', 'Startup']);
    expect(positions[1]).toMatchObject({ startDate: '2020-03', endDate: '2024-06', importId: done.importId, isPublic: true });
    expect(positions[2]).toMatchObject({ startDate: '2016', current: true, endDate: null, tags: ['early'] });
    const [reference] = (await api.get('/api/v1/references')).json().items;
    expect(reference).toMatchObject({ isPublic: false, extra: { phone: '123' } });
    expect(positions[0].importId).toBeNull();
    expect((await api.get('/api/v1/profile')).json()).toMatchObject({
      displayName: 'Mine',
      headline: 'Their headline',
      summary: 'My summary',
      email: 'xiaoming@example.com',
      phone: '+49 30 1234',
    });

    // Edited, trashed, linked: the import's entries go all the same; the person's own stay.
    const [imported, startup] = positions.slice(1);
    await api.patch(`/api/v1/positions/${imported.id}`, { summary: 'Edited after the import' });
    await api.delete(`/api/v1/positions/${startup.id}`);
    const achievement = (await api.post('/api/v1/achievements', { title: 'There', positionId: imported.id })).json();
    await api.put('/api/v1/profile', { summary: 'Changed since' });

    const other = await signUp(t.app);
    expectProblem(await as(t.app, other).post(`/api/v1/imports/${done.importId}/undo`), 404);
    expectProblem(await api.post(`/api/v1/imports/${crypto.randomUUID()}/undo`), 404);
    expectProblem(await api.post('/api/v1/imports/not-an-id/undo'), 404);

    expect((await api.post(`/api/v1/imports/${done.importId}/undo`)).statusCode).toBe(204);
    expect((await api.get('/api/v1/positions')).json().items.map((p: { id: string }) => p.id)).toEqual([own.id]);
    expect((await api.get('/api/v1/skills')).json().items).toEqual([]);
    expect((await api.get('/api/v1/trash')).json().items).toEqual([]);
    expect((await api.get(`/api/v1/achievements/${achievement.id}`)).json().positionId).toBeNull();
    expect((await api.get('/api/v1/profile')).json()).toMatchObject({
      headline: 'My headline',
      email: '',
      // Taken but unchanged by the file: put back as it was before the import.
      summary: 'My summary',
    });
    const snapshot = await snapshotUser(t.ctx.database.db, user.id);
    expect(JSON.parse(snapshot.taggings!)).toEqual([]);

    const again = expectProblem(await api.post(`/api/v1/imports/${done.importId}/undo`), 409);
    expect(again.detail).toMatch(/already undone/);
  });

  it('can be undone for 30 days, not after', async () => {
    const { api, actor } = await newUser();
    // A file without a name (empty) brings none: taking it changes nothing, and is no error.
    const done = await t.ctx.services.careerImport.apply(
      actor,
      { profile: { displayName: '', address: { city: '' } }, sections: { interests: [{ name: 'Go' }] }, unknown: [] },
      ['displayName', 'address'],
      'linkedin',
    );
    expect((await api.get('/api/v1/profile')).json()).toMatchObject({ displayName: 'Mine', address: { city: 'Berlin' } });
    const start = now;
    try {
      // A session would have ended by then: the service is asked directly.
      now = new Date(start.getTime() + 30 * 86_400_000 + 1000);
      const late = await t.ctx.services.careerImport.undo(actor, done.importId).catch((err) => err);
      expect(late).toMatchObject({ status: 409, detail: expect.stringMatching(/30 days/) });
    } finally {
      now = start;
    }
    expect((await api.get('/api/v1/interests')).json().items).toHaveLength(1);
    now = new Date(start.getTime() + 29 * 86_400_000);
    try {
      await t.ctx.services.careerImport.undo(actor, done.importId);
    } finally {
      now = start;
    }
    expect((await api.get('/api/v1/interests')).json().items).toHaveLength(0);
  });

  it('refuses a bundle that does not fit, naming each problem, before writing anything', async () => {
    const { user, actor } = await newUser();
    const before = await snapshotUser(t.ctx.database.db, user.id);
    const bad = {
      profile: { email: 'not-an-email', headline: 'x'.repeat(201) },
      sections: {
        positions: [{ name: 'Fine' }, { startDate: '2024-13' }],
        skills: [{ name: 'x'.repeat(1001) }],
        projects: [{ name: 'Linked', positionId: crypto.randomUUID() }],
      },
      unknown: [],
    } as unknown as CareerBundle;
    const refused = await t.ctx.services.careerImport.preview(actor, bad).catch((err) => err);
    expect(refused.status).toBe(400);
    expect(refused.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'profile.email',
      'profile.headline',
      'sections.positions.1.startDate',
      'sections.skills.0.name',
    ]);
    const unlinked = { profile: {}, sections: { projects: [{ name: 'Linked', positionId: crypto.randomUUID() }] }, unknown: [] };
    await expect(t.ctx.services.careerImport.apply(actor, unlinked, [], 'json-resume')).rejects.toMatchObject({ status: 404 });
    expect(await snapshotUser(t.ctx.database.db, user.id)).toEqual(before);
  });

  it('the career document holds the profile with its contact details and each section in the person’s order', async () => {
    const { api, actor } = await newUser();
    await t.ctx.services.careerImport.apply(actor, BUNDLE, ['email', 'resumeExtra'], 'json-resume');
    const go = (await api.get('/api/v1/skills')).json().items[1];
    await api.post(`/api/v1/skills/${go.id}/move`, { afterId: null });
    await api.post('/api/v1/achievements', { title: 'Wrote Go', skills: ['GO'] });
    const trashed = (await api.post('/api/v1/awards', { title: 'Trashed' })).json();
    await api.delete(`/api/v1/awards/${trashed.id}`);

    const document = await t.ctx.services.careerImport.document(actor);
    expect(document.profile).toMatchObject({
      displayName: 'Mine',
      email: 'xiaoming@example.com',
      phone: '+49 30 1234',
      address: { city: 'Berlin', countryCode: 'DE' },
      resumeExtra: { image: 'https://example.com/me.png' },
      handle: null,
      locale: 'en',
    });
    expect(document.sections.skills.map((s) => [s.name, s.evidence.achievements.count])).toEqual([
      ['Go', 1],
      ['Vue', 0],
    ]);
    expect(document.sections.positions.map((p) => p.name)).toEqual(['阿里云', 'Startup']);
    expect(document.sections.awards).toEqual([]);
    expect(Object.keys(document.sections)).toHaveLength(11);
  });
});

describe('profile contact details', () => {
  it('are kept, checked, and public only when chosen', async () => {
    const { api } = await newUser();
    const res = await api.put('/api/v1/profile', {
      email: 'me@example.com',
      url: 'https://me.example',
      address: { address: '1 Main St', postalCode: '10115', region: 'Berlin' },
      publicFields: ['email', 'phone', 'url'],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      email: 'me@example.com',
      url: 'https://me.example',
      address: { address: '1 Main St', postalCode: '10115', region: 'Berlin' },
      publicFields: ['email', 'phone', 'url'],
    });
    expect((await api.get('/api/v1/profile')).json().publicFields).toEqual(['email', 'phone', 'url']);
    expectProblem(await api.put('/api/v1/profile', { email: 'nope' }), 400);
    expectProblem(await api.put('/api/v1/profile', { url: 'javascript:alert(1)' }), 400);
    expect((await api.put('/api/v1/profile', { email: '', url: '' })).json()).toMatchObject({ email: '', url: '' });
    // A new account shows none of them.
    const fresh = as(t.app, await signUp(t.app));
    expect((await fresh.get('/api/v1/profile')).json()).toMatchObject({
      email: '',
      phone: '',
      url: '',
      address: {},
      resumeExtra: null,
      publicFields: ['headline', 'summary', 'location', 'links'],
    });
  });
});
