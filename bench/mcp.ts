// Assistants over MCP: a tools/call round trip (search, log_work) through /mcp for a user with
// 1,000 to-dos and 50 plans, at 10 concurrent clients, on the embedded database and on the
// PostgreSQL server. Calls rotate over 40 personal tokens so the per-client rate limit
// (1,000 a minute at most) measures the endpoint, not the limiter.
//   npm run bench:mcp        BENCH_SECONDS=5 for shorter runs
import type { Request } from 'autocannon';
import { sql } from 'drizzle-orm';
import type { Database } from '../apps/server/src/db/client.ts';
import { BASE, SECONDS, load, onBothDatabases, session } from './server.ts';

const CONNECTIONS = 10;
const TOKENS = 40;
const EMAIL = 'mcp@example.com';

async function seed(database: Database, userId: string) {
  await database.db.execute(sql`
    insert into plans (id, user_id, title, description, status, position)
    select gen_random_uuid(), ${userId}, 'Plan ' || i || ' ' || (array['billing', 'search', 'onboarding', 'reports', 'mobile'])[1 + i % 5], '', 'in_progress', i
    from generate_series(1, 50) i`);
  await database.db.execute(sql`
    insert into todos (id, user_id, title, notes, status, position)
    select gen_random_uuid(), ${userId},
           (array['review the billing export', 'write the search guide', 'fix the onboarding email', 'plan the reports sprint', 'test the mobile login'])[1 + i % 5] || ' #' || i,
           'Notes for item ' || i, 'open', i
    from generate_series(1, 1000) i`);
}

const call = (id: number, name: string, args: object) =>
  JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } });

async function measure(label: string) {
  console.log(`\n${label}`);
  const cookie = await session(EMAIL);
  const json = { cookie, 'content-type': 'application/json', origin: BASE };
  await fetch(`${BASE}/api/v1/assistants/settings`, {
    method: 'PATCH',
    headers: json,
    body: JSON.stringify({ perClientRatePerMin: 1000 }),
  });
  const tokens: string[] = [];
  for (let i = 0; i < TOKENS; i++) {
    const res = await fetch(`${BASE}/api/v1/auth/tokens`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ name: `bench ${i}`, scopes: ['read', 'write'] }),
    });
    tokens.push((await res.json()).token);
  }
  let next = 0;
  const requests = (body: string): Request[] => [
    {
      method: 'POST',
      body,
      setupRequest: (request: Request) => ({
        ...request,
        headers: {
          ...request.headers,
          authorization: `Bearer ${tokens[next++ % TOKENS]}`,
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          'mcp-protocol-version': '2025-11-25',
        },
      }),
    },
  ];
  await load('tools/call search ("billing export")', {
    url: `${BASE}/mcp`,
    connections: CONNECTIONS,
    requests: requests(call(1, 'search', { q: 'billing export', limit: 20 })),
  });
  await load('tools/call log_work', {
    url: `${BASE}/mcp`,
    connections: CONNECTIONS,
    requests: requests(call(2, 'log_work', { text: 'Reviewed the billing export with finance and fixed two totals' })),
  });
}

console.log(
  `MCP tools/call, 1,000 to-dos and 50 plans · ${CONNECTIONS} connections, ${SECONDS} s each · Node ${process.version}`,
);
await onBothDatabases({ email: EMAIL, seed, measure });
