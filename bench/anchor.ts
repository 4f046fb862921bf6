// The anchor page and the to-do list for a heavy user — 5,000 to-dos, 500 achievements, 50 plans,
// 10 tags — on the embedded database and on the PostgreSQL server: requests/s, p50 and p99 of
// GET /overview and of filtered GET /todos at 10 concurrent clients, with the read cache on and off.
//   npm run bench:anchor        BENCH_SECONDS=5 for shorter runs
import { seedHeavyUser } from './heavy-user.ts';
import { BASE, SECONDS, load, median, onBothDatabases, READ_CACHE_VARIANTS, session } from './server.ts';

const CONNECTIONS = 10;
const EMAIL = 'heavy@example.com';

async function measure() {
  const cookie = await session(EMAIL);
  const headers = { cookie };
  // The same server's cheapest answer is the yardstick for what a request costs at all. This
  // machine's speed drifts from minute to minute, so each share is of the /healthz run just
  // before it, three times over, and the median is printed.
  const share = async (what: string, path: string) => {
    const ratios: number[] = [];
    for (let round = 0; round < 3; round++) {
      const health = await load('GET /healthz', { url: `${BASE}/healthz`, connections: CONNECTIONS });
      const result = await load(`GET ${path}`, { url: `${BASE}${path}`, headers, connections: CONNECTIONS });
      ratios.push((result.requests.average / health.requests.average) * 100);
    }
    console.log(
      `${`  ${what} throughput / healthz throughput`.padEnd(44)} ${median(ratios).toFixed(1).padStart(6)} %   median of ${ratios.map((ratio) => ratio.toFixed(1)).join(', ')}`,
    );
  };
  // The least any signed-in read costs: one row by key (the session looked up once a second, or on
  // every request with SESSION_CACHE_MS=0), a small answer. Computed or cached, the anchor page
  // cannot be cheaper than this plus sending its 25 KB.
  await share('profile', '/api/v1/profile');
  await share('overview', '/api/v1/overview');
  await load('GET /api/v1/todos?status=open&tag=tag3', {
    url: `${BASE}/api/v1/todos?status=open&tag=tag3`,
    headers,
    connections: CONNECTIONS,
  });
  await load('GET /api/v1/todos?q=report&sort=due', {
    url: `${BASE}/api/v1/todos?q=report&sort=due`,
    headers,
    connections: CONNECTIONS,
  });
  // One person alone: what a page load costs them (with the read cache off, the first load after a change).
  await load('GET /api/v1/overview (1 client)', { url: `${BASE}/api/v1/overview`, headers, connections: 1 });
  // One person changing something and loading the page again, over and over: each change writes
  // the kept anchor page anew before it answers, so this is where the page's computation shows.
  const [todo] = ((await (await fetch(`${BASE}/api/v1/todos?limit=1`, { headers })).json()) as { items: { id: string }[] }).items;
  const change = (important: boolean) => ({
    method: 'PATCH' as const,
    path: `/api/v1/todos/${todo!.id}`,
    headers: { cookie, 'content-type': 'application/json', origin: BASE },
    body: JSON.stringify({ important }),
  });
  const read = { method: 'GET' as const, path: '/api/v1/overview', headers };
  await load('PATCH /todos/{id} then GET /overview (1 client)', {
    url: BASE,
    requests: [change(true), read, change(false), read],
    connections: 1,
  });
}

console.log(
  `Heavy user: 5,000 to-dos, 500 achievements, 50 plans · ${CONNECTIONS} connections, ${SECONDS} s each · Node ${process.version}`,
);
await onBothDatabases({
  email: EMAIL,
  seed: seedHeavyUser,
  variants: [
    ...READ_CACHE_VARIANTS,
    {
      label: 'read cache off, and the session looked up on every request (SESSION_CACHE_MS=0)',
      env: { READ_CACHE_MB: '0', SESSION_CACHE_MS: '0' },
    },
  ],
  measure: async (label) => {
    console.log(`\n${label}`);
    await measure();
  },
});
