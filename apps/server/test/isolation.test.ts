import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, signUp, type TestApp, type TestUser } from './helpers/app.ts';
import { stepsJob, waitFor } from './helpers/jobs.ts';
import { operations } from './helpers/openapi.ts';
import { authIdentities, notifications, passkeys } from '../src/db/schema/index.ts';
import { snapshotUser } from './helpers/snapshot.ts';
import { jobsSettled } from './helpers/jobs.ts';
import { JOB } from '../src/jobs/kinds.ts';
import { CAREER_SECTION_INFO, CAREER_SECTIONS } from '@career-anchor/contracts';
import { jobActor } from '../src/lib/actor.ts';

let t: TestApp;
let owner: TestUser;
let stranger: TestUser;
/** The owner's id for each collection path, used to fill `{id}` in that collection's routes. */
const ownerIds: Record<string, string> = {};
const SECRET_TAG = 'owner-only-tag';

beforeAll(async () => {
  t = await createTestApp({ extraJobs: [stepsJob] });
  owner = await signUp(t.app);
  stranger = await signUp(t.app);
  const api = as(t.app, owner);
  const plan = (await api.post('/api/v1/plans', { title: 'Owner plan', tags: [SECRET_TAG] })).json();
  ownerIds['/api/v1/plans'] = plan.id;
  ownerIds['/api/v1/stats/plans'] = plan.id;
  ownerIds['/api/v1/todos'] = (
    await api.post('/api/v1/todos', { title: 'Owner to-do', planId: plan.id, tags: [SECRET_TAG] })
  ).json().id;
  ownerIds['/api/v1/achievements'] = (await api.post('/api/v1/achievements', { title: 'Owner achievement' })).json().id;
  ownerIds['/api/v1/focus-items'] = (await api.post('/api/v1/focus-items', { title: 'Owner focus' })).json().id;
  ownerIds['/api/v1/auth/sessions'] = (await api.get('/api/v1/auth/sessions')).json().items[0].id;
  ownerIds['/api/v1/auth/tokens'] = (await api.post('/api/v1/auth/tokens', { name: 'Owner token' })).json().id;
  ownerIds['/api/v1/jobs'] = await t.ctx.queue.enqueue(t.ctx.database.db, owner.id, 'test.steps', { steps: 1 });
  ownerIds['/api/v1/reports'] = (
    await api.post('/api/v1/reports', { type: 'weekly', periodStart: '2026-06-08', periodEnd: '2026-06-14' })
  ).json().id;
  const important = (await api.post('/api/v1/todos', { title: 'Owner milestone', important: true })).json().id;
  await api.post(`/api/v1/todos/${important}/complete`, {});
  ownerIds['/api/v1/suggestions'] = (await waitFor(async () => (await api.get('/api/v1/suggestions')).json().items[0])).id;
  const [note] = await t.ctx.database.db
    .insert(notifications)
    .values({ userId: owner.id, kind: 'due_digest', title: 'Owner reminder', dedupeKey: 'owner-1' })
    .returning();
  ownerIds['/api/v1/notifications'] = note!.id;
  const [identity] = await t.ctx.database.db
    .insert(authIdentities)
    .values({ userId: owner.id, provider: 'github', providerAccountId: 'owner-gh' })
    .returning();
  ownerIds['/api/v1/auth/identities'] = identity!.id;
  const [key] = await t.ctx.database.db
    .insert(passkeys)
    .values({ userId: owner.id, credentialId: 'owner-cred', publicKey: 'key' })
    .returning();
  ownerIds['/api/v1/auth/passkeys'] = key!.id;
  for (const section of CAREER_SECTIONS) {
    const path = `/api/v1${CAREER_SECTION_INFO[section].path}`;
    ownerIds[path] = (await api.post(path, { tags: [SECRET_TAG] })).json().id;
  }
  const imported = await t.ctx.services.careerImport.apply(
    jobActor(owner.id),
    { profile: {}, sections: { skills: [{ name: 'Owner skill' }] }, unknown: [] },
    [],
    'json-resume',
  );
  ownerIds['/api/v1/imports'] = imported.importId;
  const trashed = (await api.post('/api/v1/todos', { title: 'Owner trashed' })).json().id;
  await api.delete(`/api/v1/todos/${trashed}`);
  ownerIds['/api/v1/trash'] = trashed;
  // An assistant the owner connected, and a request to connect another that the owner opened.
  const oauth = t.ctx.services.oauthServer;
  const client = async () =>
    (await oauth.register({ client_name: 'Owner assistant', redirect_uris: ['http://127.0.0.1:7777/cb'] })).client_id;
  const request = async (clientId: string) => {
    const location = await oauth.begin({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: 'http://127.0.0.1:7777/cb',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWBeWW9HrAatM',
      code_challenge_method: 'S256',
    });
    const id = new URL(location, 'http://x').searchParams.get('request')!;
    await api.get(`/api/v1/assistants/authorizations/${id}`);
    return id;
  };
  await api.post(`/api/v1/assistants/authorizations/${await request(await client())}/allow`, {});
  ownerIds['/api/v1/assistants/clients'] = (await api.get('/api/v1/assistants/clients')).json().items[0].id;
  ownerIds['/api/v1/assistants/authorizations'] = await request(await client());
  // A new achievement may queue a suggestion: let it finish, so the snapshots are of a resting account.
  await jobsSettled(t.ctx.database.db, JOB.suggestion);
});
afterAll(() => t.close());

describe('another user’s data', () => {
  it('every route with an id in its path answers 404 to a second user and changes nothing', async () => {
    const { list } = await operations(t.app);
    const withId = list.filter((op) => op.path.includes('{id}'));
    expect(withId.length).toBeGreaterThan(15);
    // The walk reaches what each career section adds, and the undo of an import.
    const walked = withId.map((op) => `${op.method} ${op.path}`);
    for (const section of CAREER_SECTIONS) {
      const path = `/api/v1${CAREER_SECTION_INFO[section].path}/{id}`;
      expect(walked).toEqual(expect.arrayContaining([`get ${path}`, `patch ${path}`, `delete ${path}`, `post ${path}/move`]));
    }
    expect(walked).toContain('post /api/v1/imports/{id}/undo');
    const before = await snapshotUser(t.ctx.database.db, owner.id);
    for (const op of withId) {
      const collection = Object.keys(ownerIds).find((prefix) => op.path.startsWith(`${prefix}/`));
      expect(collection, `no owner item for ${op.method.toUpperCase()} ${op.path}: add one above`).toBeDefined();
      const url = op.path.replace('{id}', ownerIds[collection!]!).replace('{kind}', 'todo');
      const res = await t.app.inject({
        method: op.method.toUpperCase() as 'GET',
        url,
        headers: { cookie: stranger.cookie, origin: 'http://127.0.0.1:3000' },
        ...(op.requestSchema ? { payload: op.path.endsWith('/move') ? { afterId: null } : {} } : {}),
      });
      expect(res.statusCode, `${op.method.toUpperCase()} ${op.path}: ${res.body}`).toBe(404);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
    expect(await snapshotUser(t.ctx.database.db, owner.id)).toEqual(before);
  });

  it('lists, the overview, tags and the trash never show another user’s rows', async () => {
    const { list } = await operations(t.app);
    const reads = list.filter((op) => op.method === 'get' && op.path.startsWith('/api/v1') && !op.path.includes('{'));
    expect(reads.length).toBeGreaterThan(8);
    const secrets = [...Object.values(ownerIds), SECRET_TAG, owner.email];
    // Reads that need a query get one that would find the owner's items if scoping failed.
    const queries: Record<string, string> = { '/api/v1/search': '?q=Owner' };
    for (const op of reads) {
      const res = await as(t.app, stranger).get(op.path + (queries[op.path] ?? ''));
      expect(res.statusCode, `${op.path}: ${res.body}`).toBe(200);
      for (const secret of secrets) expect(res.body, `${op.path} leaks ${secret}`).not.toContain(secret);
    }
    // Filters that name the owner's things find nothing either.
    expect((await as(t.app, stranger).get(`/api/v1/todos?planId=${ownerIds['/api/v1/plans']}`)).json().items).toEqual([]);
    expect((await as(t.app, stranger).get(`/api/v1/todos?tag=${SECRET_TAG}`)).json().items).toEqual([]);
  });
});
