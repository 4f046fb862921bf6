import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../src/db/schema/index.ts';
import { as, createTestApp, expectProblem, signIn, signUp, type TestApp } from './helpers/app.ts';
import { rowCounts } from './helpers/snapshot.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** Gives the user at least one row in every table that holds user data. */
async function fillEveryTable(userId: string) {
  const db = t.ctx.database.db;
  const [plan] = await db.insert(schema.plans).values({ userId, title: 'Plan' }).returning();
  const [todo] = await db.insert(schema.todos).values({ userId, title: 'To-do', planId: plan!.id }).returning();
  const [imported] = await db
    .insert(schema.imports)
    .values({ userId, source: 'json-resume', undoUntil: new Date(Date.now() + 1e6) })
    .returning();
  const [position] = await db
    .insert(schema.careerEntries)
    .values({ userId, section: 'positions', fields: { name: 'Acme' }, importId: imported!.id })
    .returning();
  await db.insert(schema.achievements).values({ userId, title: 'Shipped', skills: ['TypeScript'], positionId: position!.id });
  await db.insert(schema.focusItems).values({ userId, title: 'Focus' });
  const [tag] = await db.insert(schema.tags).values({ userId, name: 'work' }).returning();
  await db.insert(schema.taggings).values({ userId, tagId: tag!.id, itemKind: 'todo', itemId: todo!.id });
  await db
    .insert(schema.reports)
    .values({ userId, type: 'weekly', periodStart: '2026-01-05', periodEnd: '2026-01-11', sourceTodoIds: [todo!.id] });
  await db.insert(schema.suggestions).values({
    userId,
    targetSection: 'achievements',
    suggestedTitle: 'S',
    triggerKind: 'todo_completed',
    generatedBy: 'builtin',
    dedupeKey: 'k',
  });
  await db.insert(schema.aiCalls).values({ userId, feature: 'report_draft', provider: 'builtin', model: 'builtin' });
  await db.insert(schema.aiCache).values({ key: `k-${userId}`, userId, response: {}, expiresAt: new Date(Date.now() + 1e6) });
  await db.insert(schema.notifications).values({ userId, kind: 'weekly_report', title: 'Write it', dedupeKey: 'w1' });
  await db.insert(schema.jobRuns).values({ id: crypto.randomUUID(), userId, kind: 'test' });
  await db.insert(schema.authIdentities).values({ userId, provider: 'github', providerAccountId: `gh-${userId}` });
  await db.insert(schema.userTotp).values({ userId, secretEncrypted: 'sealed' });
  await db.insert(schema.recoveryCodes).values({ userId, codeHash: `r-${userId}` });
  await db.insert(schema.loginChallenges).values({ userId, tokenHash: `c-${userId}`, expiresAt: new Date(Date.now() + 1e6) });
  await db.insert(schema.passkeys).values({ userId, credentialId: `cred-${userId}`, publicKey: 'key' });
  await db
    .insert(schema.oneTimeTokens)
    .values({ userId, purpose: 'password_reset', tokenHash: `t-${userId}`, expiresAt: new Date(Date.now() + 1e6) });
  await db.insert(schema.assistantSettings).values({ userId, requireApproval: false });
  await db.insert(schema.assistantCalls).values({ userId, method: 'tools/call', name: 'search', outcome: 'ok', durationMs: 3 });
  const [client] = await db
    .insert(schema.oauthClients)
    .values({ clientName: 'Assistant', redirectUris: ['https://a.example/cb'] })
    .returning();
  const [grant] = await db
    .insert(schema.oauthGrants)
    .values({ userId, clientId: client!.id, scopes: ['read'], resource: 'http://127.0.0.1:3000/mcp' })
    .returning();
  await db.insert(schema.oauthAuthorizations).values({
    clientId: client!.id,
    userId,
    grantId: grant!.id,
    redirectUri: 'https://a.example/cb',
    codeChallenge: 'c'.repeat(43),
    scopes: ['read'],
    resource: 'http://127.0.0.1:3000/mcp',
    expiresAt: new Date(Date.now() + 1e6),
  });
}

describe('account deletion', () => {
  it('needs the password, then removes every row the user owns and nobody else’s', async () => {
    const doomed = await signUp(t.app);
    const survivor = await signUp(t.app);
    await fillEveryTable(doomed.id);
    await fillEveryTable(survivor.id);
    await as(t.app, doomed).post('/api/v1/auth/tokens', { name: 'token' });
    await as(t.app, survivor).post('/api/v1/auth/tokens', { name: 'token' });
    await as(t.app, doomed).post('/api/v1/calendar-feed/rotate');
    await as(t.app, survivor).post('/api/v1/calendar-feed/rotate');
    // Reading the anchor page keeps it (anchor_pages).
    await as(t.app, doomed).get('/api/v1/overview');
    await as(t.app, survivor).get('/api/v1/overview');

    const before = await rowCounts(t.ctx.database.db, doomed.id);
    const missing = Object.entries(before)
      .filter(([, n]) => n === 0)
      .map(([table]) => table);
    expect(missing, 'every user table should hold a row before deletion').toEqual([]);

    expectProblem(await as(t.app, doomed).delete('/api/v1/auth/me', { password: 'wrong password' }), 403);
    expect((await rowCounts(t.ctx.database.db, doomed.id)).users).toBe(1);

    const res = await as(t.app, doomed).delete('/api/v1/auth/me', { password: doomed.password });
    expect(res.statusCode).toBe(204);
    const after = await rowCounts(t.ctx.database.db, doomed.id);
    expect(
      Object.values(after).every((n) => n === 0),
      JSON.stringify(after),
    ).toBe(true);
    const survivorRows = await rowCounts(t.ctx.database.db, survivor.id);
    expect(
      Object.values(survivorRows).every((n) => n > 0),
      JSON.stringify(survivorRows),
    ).toBe(true);

    expectProblem(await as(t.app, doomed).get('/api/v1/auth/me'), 401);
    expectProblem(await signIn(t.app, doomed), 401);
  });
});
