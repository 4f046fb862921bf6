// The to-do list's daily paths for the heavy user (5,000 to-dos, see heavy-user.ts) on the
// embedded database and on the PostgreSQL server: the Today view at 10 concurrent clients (read
// cache on and off), and one bulk action on 200 to-dos at a time — complete then reopen, and a
// change of priority and tag — as one person acting alone makes them.
//   npm run bench:todos        BENCH_SECONDS=5 for shorter runs
import { seedHeavyUser } from './heavy-user.ts';
import { BASE, SECONDS, load, onBothDatabases, READ_CACHE_VARIANTS, session } from './server.ts';

const CONNECTIONS = 10;
const EMAIL = 'heavy@example.com';
const BULK = 200;

async function measure(withBulk: boolean) {
  const cookie = await session(EMAIL);
  const headers = { cookie };
  await load('GET /api/v1/todos?view=today', { url: `${BASE}/api/v1/todos?view=today`, headers, connections: CONNECTIONS });
  await load('GET /api/v1/todos?view=upcoming', { url: `${BASE}/api/v1/todos?view=upcoming`, headers, connections: CONNECTIONS });
  if (!withBulk) return;
  // Open, not important: completing them queues no suggestion, so the run measures the action alone.
  const page = await fetch(`${BASE}/api/v1/todos?status=open&important=false&limit=${BULK}`, { headers });
  const ids = ((await page.json()) as { items: { id: string }[] }).items.map((item) => item.id);
  if (ids.length !== BULK) throw new Error(`expected ${BULK} open to-dos, found ${ids.length}`);
  const post = { method: 'POST' as const, headers: { cookie, 'content-type': 'application/json', origin: BASE } };
  const body = (value: object) => JSON.stringify({ ids, ...value });
  await load(`POST /todos/bulk complete|reopen ×${BULK} (1 client)`, {
    url: `${BASE}/api/v1/todos/bulk`,
    ...post,
    connections: 1,
    requests: [{ body: body({ action: 'complete' }) }, { body: body({ action: 'reopen' }) }],
  });
  await load(`POST /todos/bulk update ×${BULK} (1 client)`, {
    url: `${BASE}/api/v1/todos/bulk`,
    ...post,
    connections: 1,
    requests: [
      { body: body({ action: 'update', changes: { priority: 'high', addTags: ['bulk'] } }) },
      { body: body({ action: 'update', changes: { priority: 'low', removeTags: ['bulk'] } }) },
    ],
  });
}

console.log(
  `Heavy user: 5,000 to-dos · ${CONNECTIONS} connections for reads, 1 for bulk, ${SECONDS} s each · Node ${process.version}`,
);
await onBothDatabases({
  email: EMAIL,
  seed: seedHeavyUser,
  variants: READ_CACHE_VARIANTS,
  measure: async (label) => {
    console.log(`\n${label}`);
    // Writes once per database, with the read cache on.
    await measure(!label.includes('READ_CACHE_MB=0'));
  },
});
