import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportDone, ImportPreview } from '@career-anchor/contracts';
import { jsonResumeSchemaProblems } from '../src/formats/json-resume.ts';
import { as, createTestApp, expectProblem, signUp, type TestApp } from './helpers/app.ts';
import { snapshotUser } from './helpers/snapshot.ts';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const resume = (name: string) => readJson(join(here, 'fixtures/json-resume', `${name}.resume.json`));
const SAMPLE = readJson(join(dirname(require.resolve('@jsonresume/schema/package.json')), 'sample.resume.json'));
const archive = (name: string) => readFileSync(join(here, 'fixtures/linkedin', `${name}.zip`));

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const newAccount = async () => {
  const user = await signUp(t.app);
  return { user, api: as(t.app, user) };
};
const zipPost = (user: { cookie: string }, url: string, body: Buffer | string, type = 'application/zip') =>
  t.app.inject({ method: 'POST', url, payload: body, headers: { cookie: user.cookie, 'content-type': type } });

describe('JSON Resume import and export over HTTP', () => {
  for (const [name, file] of [
    ['the schema package’s sample', () => SAMPLE],
    ['a Chinese résumé', () => resume('chinese')],
    ['a résumé using every field', () => resume('every-field')],
  ] as const) {
    it(`previews ${name} without writing, imports it on confirmation, and exports it back unchanged`, async () => {
      const { user, api } = await newAccount();
      const before = await snapshotUser(t.ctx.database.db, user.id);
      const preview = await api.post('/api/v1/import/json-resume/preview', { resume: file() });
      expect(preview.statusCode, preview.body).toBe(200);
      const { adds, changes } = ImportPreview.parse(preview.json());
      expect(Object.values(adds).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
      expect(await snapshotUser(t.ctx.database.db, user.id)).toEqual(before);

      const res = await api.post('/api/v1/import/json-resume', { resume: file(), take: changes.map((c) => c.field) });
      expect(res.statusCode, res.body).toBe(201);
      expect(ImportDone.parse(res.json()).counts).toEqual(adds);

      const exported = (await api.get('/api/v1/export/json-resume')).json();
      expect(jsonResumeSchemaProblems(exported)).toEqual([]);
      expect(exported).toEqual(file());
    });
  }

  it('changes only the profile fields the person takes, and undo puts everything back', async () => {
    const { user, api } = await newAccount();
    await api.put('/api/v1/profile', { headline: 'Mine', summary: 'My own words' });
    await api.post('/api/v1/positions', { name: 'My own company' });
    const before = await snapshotUser(t.ctx.database.db, user.id);
    const { changes } = (await api.post('/api/v1/import/json-resume/preview', { resume: SAMPLE })).json();
    expect(changes.find((c: { field: string }) => c.field === 'headline')).toEqual({
      field: 'headline',
      mine: 'Mine',
      theirs: SAMPLE.basics.label,
    });
    const done = (await api.post('/api/v1/import/json-resume', { resume: SAMPLE, take: ['summary'] })).json();
    const profile = (await api.get('/api/v1/profile')).json();
    expect(profile).toMatchObject({ headline: 'Mine', summary: SAMPLE.basics.summary });
    expect(profile.displayName).not.toBe(SAMPLE.basics.name);
    const positions = (await api.get('/api/v1/positions')).json().items;
    expect(positions.map((p: { name: string }) => p.name)).toEqual([
      'My own company',
      ...SAMPLE.work.map((w: { name: string }) => w.name),
    ]);
    expect(positions[1].importId).toBe(done.importId);

    expect((await api.post(`/api/v1/imports/${done.importId}/undo`)).statusCode).toBe(204);
    // All as it was, but for the import's own record (kept, marked undone), the data version and the profile's updated_at.
    const after = await snapshotUser(t.ctx.database.db, user.id);
    const withoutStamps = (snapshot: Record<string, unknown>) => {
      const { imports: _imports, data_versions: _version, ...rest } = snapshot;
      return JSON.stringify(rest).replace(/updated_at\\":\\"[^\\]+/g, 'updated_at');
    };
    expect(withoutStamps(after)).toEqual(withoutStamps(before));
    expect((await api.get('/api/v1/profile')).json()).toMatchObject({ headline: 'Mine', summary: 'My own words' });
    expect((await api.get('/api/v1/positions')).json().items.map((p: { name: string }) => p.name)).toEqual(['My own company']);
    expectProblem(await api.post(`/api/v1/imports/${done.importId}/undo`), 409);
    const stranger = as(t.app, await signUp(t.app));
    expectProblem(await stranger.post(`/api/v1/imports/${done.importId}/undo`), 404);
  });

  it('refuses a résumé that cannot be kept as it is, naming each path, and writes nothing', async () => {
    const { user, api } = await newAccount();
    const before = await snapshotUser(t.ctx.database.db, user.id);
    const bad = {
      basics: { name: 'Ada', email: 'not-an-email' },
      work: [{ name: 'Ledger Co', startDate: '2021-02-30' }],
    };
    for (const url of ['/api/v1/import/json-resume/preview', '/api/v1/import/json-resume']) {
      const res = expectProblem(await api.post(url, { resume: bad }), 400);
      expect(res.errors!.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['basics.email']));
    }
    expectProblem(await api.post('/api/v1/import/json-resume', { resume: SAMPLE, take: ['password'] }), 400);
    expectProblem(await api.post('/api/v1/import/json-resume', SAMPLE), 400);
    expect(await snapshotUser(t.ctx.database.db, user.id)).toEqual(before);
  });
});

describe('LinkedIn archive import over HTTP', () => {
  it('previews every section of the archive without writing, then imports it with the fields taken', async () => {
    const { user, api } = await newAccount();
    const before = await snapshotUser(t.ctx.database.db, user.id);
    const preview = await zipPost(user, '/api/v1/import/linkedin/preview', archive('full-en'));
    expect(preview.statusCode, preview.body).toBe(200);
    const { adds, changes } = ImportPreview.parse(preview.json());
    for (const section of [
      'positions',
      'education',
      'skills',
      'certificates',
      'projects',
      'languages',
      'awards',
      'publications',
      'volunteering',
      'references',
    ])
      expect(adds[section], section).toBeGreaterThan(0);
    expect(await snapshotUser(t.ctx.database.db, user.id)).toEqual(before);

    const take = changes.map((c) => c.field).filter((field) => field === 'headline');
    const res = await zipPost(user, `/api/v1/import/linkedin?take=${take.join(',')}`, archive('full-en'));
    expect(res.statusCode, res.body).toBe(201);
    expect(ImportDone.parse(res.json()).counts).toEqual(adds);
    const profile = (await api.get('/api/v1/profile')).json();
    expect(profile.headline).toBe(changes.find((c) => c.field === 'headline')?.theirs);
    expect((await api.get('/api/v1/references')).json().items.every((r: { isPublic: boolean }) => !r.isPublic)).toBe(true);
  });

  it('imports a Chinese archive through the same preview', async () => {
    const { user, api } = await newAccount();
    const preview = ImportPreview.parse((await zipPost(user, '/api/v1/import/linkedin/preview', archive('chinese'))).json());
    expect(preview.adds.positions).toBeGreaterThan(0);
    expect((await zipPost(user, '/api/v1/import/linkedin', archive('chinese'))).statusCode).toBe(201);
    const names = (await api.get('/api/v1/positions')).json().items.map((p: { name: string }) => p.name);
    expect(names.some((name: string) => /[\u4e00-\u9fff]/.test(name))).toBe(true);
  });

  it('lists what a damaged archive could not read, and refuses what is not an archive at all', async () => {
    const { user } = await newAccount();
    const before = await snapshotUser(t.ctx.database.db, user.id);
    const damaged = await zipPost(user, '/api/v1/import/linkedin/preview', archive('malformed'));
    expect(damaged.statusCode, damaged.body).toBe(200);
    expect(ImportPreview.parse(damaged.json()).problems?.length).toBeGreaterThan(0);
    expectProblem(await zipPost(user, '/api/v1/import/linkedin/preview', Buffer.from('not a zip')), 400);
    expectProblem(await zipPost(user, '/api/v1/import/linkedin', archive('full-en'), 'application/json'), 400);
    expectProblem(await zipPost(user, '/api/v1/import/linkedin', archive('full-en'), 'text/csv'), 415);
    expect(await snapshotUser(t.ctx.database.db, user.id)).toEqual(before);
  });
});
