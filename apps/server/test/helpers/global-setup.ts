import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/client.ts';
import { serverUrl, TEMPLATE_KEY } from './database.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    [TEMPLATE_KEY]: { image: string } | { database: string } | { fresh: true };
  }
}

/**
 * Migrates one database before any test file runs, for every file to start from a copy: on the
 * PostgreSQL server a template database (`CREATE DATABASE … TEMPLATE`), embedded an image of the
 * data folder that each in-memory database loads. Migrating from nothing cost each file seconds.
 */
export default async function setup(project: TestProject) {
  // TEST_FRESH_DATABASES=1 migrates every database from nothing, as the suite once did: to
  // measure what the copies save (README, Tests).
  if (process.env.TEST_FRESH_DATABASES) return project.provide(TEMPLATE_KEY, { fresh: true });
  if (serverUrl) {
    const name = `ca_template_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    try {
      await admin.connect();
    } catch (err) {
      throw new Error(`TEST_DATABASE_URL is set but PostgreSQL at ${serverUrl} is unreachable: ${(err as Error).message}`);
    }
    await admin.query(`create database ${name} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const database = await openDatabase({ url: url.href });
    await database.db.execute('analyze');
    await database.close();
    project.provide(TEMPLATE_KEY, { database: name });
    return async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  }
  const folder = mkdtempSync(join(tmpdir(), 'ca-test-image-'));
  const database = await openDatabase({ memory: true });
  if (database.driver.kind !== 'pglite') throw new Error('expected the embedded database');
  const image = join(folder, 'image.tar');
  writeFileSync(image, Buffer.from(await (await database.driver.client.dumpDataDir('none')).arrayBuffer()));
  await database.close();
  project.provide(TEMPLATE_KEY, { image });
  return () => rmSync(folder, { recursive: true, force: true });
}
