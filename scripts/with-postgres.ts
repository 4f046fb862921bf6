// Runs a command with TEST_DATABASE_URL pointing at a real PostgreSQL server (default: the local
// one on 127.0.0.1:5432). Each test file then creates and drops its own fresh database there.
// An unreachable server fails the run loudly; it is never skipped.
import { spawn } from 'node:child_process';
import pg from 'pg';

const url = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
try {
  await client.connect();
  const { rows } = await client.query<{ version: string }>("select current_setting('server_version') as version");
  console.log(`PostgreSQL ${rows[0]!.version} at ${url.replace(/\/\/[^@]*@/, '//')}`);
} catch (err) {
  console.error(`FATAL: PostgreSQL is unreachable at ${url}: ${(err as Error).message}`);
  process.exit(1);
} finally {
  await client.end().catch(() => {});
}

const [command, ...args] = process.argv.slice(2);
if (!command) throw new Error('usage: with-postgres.ts <command> [args…]');
const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, TEST_DATABASE_URL: url } });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
