import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, migratedFolderDatabase, serverUrl } from './helpers/database.ts';
import { as, createTestApp, expectProblem, signUp } from './helpers/app.ts';
import type { DatabaseOptions } from '../src/db/client.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('sessions', () => {
  it('survive a server restart on the same database', async () => {
    let options: DatabaseOptions;
    let drop = async () => {};
    if (serverUrl) {
      const db = await createTestDatabase();
      options = db.options;
      drop = db.drop;
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'ca-restart-'));
      dirs.push(dir);
      options = await migratedFolderDatabase(join(dir, 'db'));
    }
    const first = await createTestApp({ database: options });
    const user = await signUp(first.app);
    await first.close();

    const second = await createTestApp({ database: options });
    try {
      const me = await as(second.app, user).get('/api/v1/auth/me');
      expect(me.statusCode).toBe(200);
      expect(me.json().id).toBe(user.id);
    } finally {
      await second.close();
      await drop();
    }
  });

  it('end after the idle limit', async () => {
    let now = new Date('2026-05-01T08:00:00Z');
    const t = await createTestApp({ clock: { now: () => now } });
    try {
      const user = await signUp(t.app);
      now = new Date(now.getTime() + 13 * 86_400_000);
      expect((await as(t.app, user).get('/api/v1/auth/me')).statusCode).toBe(200);
      now = new Date(now.getTime() + 15 * 86_400_000);
      expectProblem(await as(t.app, user).get('/api/v1/auth/me'), 401);
    } finally {
      await t.close();
    }
  });

  it('end at the absolute limit, however active', async () => {
    let now = new Date('2026-05-01T08:00:00Z');
    const t = await createTestApp({ clock: { now: () => now } });
    try {
      const user = await signUp(t.app);
      for (let day = 10; day <= 29; day += 10) {
        now = new Date(Date.parse('2026-05-01T08:00:00Z') + day * 86_400_000);
        expect((await as(t.app, user).get('/api/v1/auth/me')).statusCode).toBe(200);
      }
      now = new Date(Date.parse('2026-05-01T08:00:00Z') + 30 * 86_400_000 + 1000);
      expectProblem(await as(t.app, user).get('/api/v1/auth/me'), 401);
    } finally {
      await t.close();
    }
  });
});
