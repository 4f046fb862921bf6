import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ORIGIN, as, createTestApp, expectCatalogued, signUp, type TestApp, type TestUser } from './helpers/app.ts';
import { badValuesFor, operations, resolve, type Operation } from './helpers/openapi.ts';

/**
 * Hostile requests to every operation of the OpenAPI document, signed in and signed out: text
 * that cannot be stored, over-long ids and queries, broken percent-encoding, wrong methods, wrong
 * content types and bodies of the wrong shape. None may be a 5xx, every 4xx is a problem document
 * of a catalogued type, and the user's data and session are as they were. Seeded: a failure
 * names its seed and path, and the same run repeats it.
 */
const SEED = 20_261_205;

let t: TestApp;
let user: TestUser;
let document: Awaited<ReturnType<typeof operations>>['document'];
let list: Operation[];
let initial: Awaited<ReturnType<typeof state>>;

beforeAll(async () => {
  t = await createTestApp();
  user = await signUp(t.app);
  const api = as(t.app, user);
  const plan = (await api.post('/api/v1/plans', { title: 'Plan' })).json();
  await api.post('/api/v1/todos', { title: 'To-do', planId: plan.id, tags: ['work'] });
  await api.post('/api/v1/achievements', { title: 'Achievement', achievedOn: '2026-05-01' });
  ({ document, list } = await operations(t.app));
  initial = await state();
});
afterAll(() => t.close());

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
const WRITES = new Set(['post', 'put', 'patch']);

/** Text as it goes on the wire: percent-encoded UTF-8, a lone surrogate as its WTF-8 bytes. */
function encode(text: string): string {
  let out = '';
  for (const unit of text) {
    try {
      out += encodeURIComponent(unit);
    } catch {
      const code = unit.charCodeAt(0);
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((byte) => `%${byte.toString(16).toUpperCase()}`)
        .join('');
    }
  }
  return out;
}

/** Text around one NUL or lone surrogate. */
const unstorable = fc
  .tuple(
    fc.string({ maxLength: 12 }),
    fc.constantFrom('\u0000', '\ud800', '\udbff', '\udc00', '\udfff'),
    fc.string({ maxLength: 12 }),
  )
  .map(([before, bad, after]) => before + bad + after);

/** A path segment or query value as a hostile client sends it, already encoded. */
const hostileSegment = fc.oneof(
  unstorable.map(encode),
  fc.constantFrom('%ZZ', '%E0%A4%A', '%', '%%41', '%C0%AF', '%FF%FE', '%ED%A0%80', '..%2F..%2Fetc%2Fpasswd', '%2e%2e'),
  fc.constant('x'.repeat(3000)),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }).map(encode),
);

/** An id no row has: the same in every run, so a failure repeats exactly. */
const UNKNOWN_ID = '0190f0e8-aaaa-7bbb-8ccc-0123456789ab';
const idLike = (path: string) => path.replace(/\{[^}]+\}/g, UNKNOWN_ID);

/** Methods of every template the URL matches: what a 405 must list in `Allow`. */
function allowedAt(url: string): string[] {
  const methods = new Set<string>();
  for (const op of list) {
    const pattern = new RegExp(`^${op.path.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    if (pattern.test(url)) methods.add(op.method.toUpperCase());
  }
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}

function send(
  who: TestUser | null,
  method: string,
  url: string,
  body?: { payload: string; contentType: string },
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: method as InjectOptions['method'],
    url,
    payload: body?.payload,
    headers: {
      origin: TEST_ORIGIN,
      ...(who ? { cookie: who.cookie } : {}),
      ...(body ? { 'content-type': body.contentType } : {}),
    },
  });
}

/** Never a 5xx; a refusal is a catalogued problem document. */
function judged(res: LightMyRequestResponse, where: string) {
  expect(res.statusCode, `${where}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
  if (res.statusCode >= 400) expectCatalogued(res);
  return res;
}

/** A refusal: a 4xx problem document. */
function refused(res: LightMyRequestResponse, where: string) {
  judged(res, where);
  expect(res.statusCode, `${where}: ${res.body.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  return res.json() as { type: string };
}

/** Names of the body's string (or string list) fields, top level. */
function textFields(op: Operation): string[] {
  const schema = resolve(document, op.requestSchema);
  const variants = [schema, ...(schema.anyOf ?? schema.oneOf ?? []).map((s: any) => resolve(document, s))];
  const fields = new Set<string>();
  for (const variant of variants) {
    for (const [name, raw] of Object.entries<any>(variant.properties ?? {})) {
      const property = resolve(document, raw);
      const types = [property, ...(property.anyOf ?? []).map((s: any) => resolve(document, s))];
      if (types.some((s: any) => s.type === 'string' || (s.type === 'array' && resolve(document, s.items)?.type === 'string'))) {
        fields.add(name);
      }
    }
  }
  return [...fields];
}

const isPrivate = (op: Operation) => {
  const security = document.paths[op.path]![op.method]!.security;
  return !(Array.isArray(security) && security.length === 0);
};

const json = (value: unknown) => ({ payload: JSON.stringify(value), contentType: 'application/json' });

/** What the user owns and whether their session still works, to compare after the run. */
async function state() {
  const exported = (await as(t.app, user).get('/api/v1/export')).json();
  delete exported.exportedAt;
  const me = await as(t.app, user).get('/api/v1/auth/me');
  return { exported, me: me.statusCode };
}

const callers: [string, () => TestUser | null][] = [
  ['signed in', () => user],
  ['signed out', () => null],
];

/** Each operation gets its own seeded runs, so every one is walked, none left to chance. */
async function walk<T>(
  ops: Operation[],
  values: (op: Operation) => fc.Arbitrary<T>,
  check: (op: Operation, value: T) => Promise<void>,
  numRuns: number,
) {
  expect(ops.length).toBeGreaterThan(0);
  let sent = 0;
  for (const op of ops) {
    await fc.assert(
      fc.asyncProperty(values(op), async (value) => {
        sent++;
        await check(op, value);
      }),
      { seed: SEED, numRuns },
    );
  }
  expect(sent).toBe(ops.length * numRuns);
}

/** Values a body field must refuse, a few fields at a time, or a body that is not an object at all. */
function wrongShape(op: Operation): fc.Arbitrary<unknown> {
  const schema = resolve(document, op.requestSchema);
  const wrongFields = Object.entries<any>(schema.properties ?? {})
    .map(([name, property]) => [name, badValuesFor(document, property)] as const)
    .filter(([, bad]) => bad.length);
  const notAnObject = fc.oneof(
    fc.array(fc.jsonValue(), { maxLength: 4 }),
    fc.string(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
  );
  if (!wrongFields.length) return notAnObject;
  const wrongObject = fc
    .subarray(wrongFields, { minLength: 1 })
    .chain((fields) => fc.tuple(...fields.map(([name, bad]) => fc.tuple(fc.constant(name), fc.constantFrom(...bad)))))
    .map((pairs) => Object.fromEntries(pairs));
  return fc.oneof(notAnObject, wrongObject);
}

const OTHER_TYPES = [
  { contentType: 'text/plain', payload: '{"title":"x"}' },
  { contentType: 'application/xml', payload: '<todo><title>x</title></todo>' },
  {
    contentType: 'multipart/form-data; boundary=x',
    payload: '--x\r\nContent-Disposition: form-data; name="title"\r\n\r\nx\r\n--x--',
  },
  { contentType: 'application/x-www-form-urlencoded', payload: 'title=x' },
  { contentType: 'application/octet-stream', payload: '\u0000\u0001' },
];

describe.each(callers)('hostile requests to every operation, %s', (_, who) => {
  const where = (op: Operation, more: string) => `${op.method.toUpperCase()} ${op.path} ${more}`.slice(0, 200);
  const emptyBody = (op: Operation) => (WRITES.has(op.method) ? json({}) : undefined);

  it('hostile path parameters: NUL, lone surrogates, 3,000-character ids, broken percent-encoding', async () => {
    await walk(
      list.filter((op) => op.path.includes('{')),
      () => hostileSegment,
      async (op, segment) => {
        const url = op.path.replace(/\{[^}]+\}/, segment).replace(/\{[^}]+\}/g, UNKNOWN_ID);
        refused(await send(who(), op.method.toUpperCase(), url, emptyBody(op)), where(op, url));
      },
      5,
    );
  });

  it('hostile queries: unstorable text and broken percent-encoding are refused', async () => {
    await walk(
      list,
      () => fc.tuple(fc.constantFrom('q', 'cursor', 'limit', 'from', 'status', 'next', 'x'), unstorable),
      async (op, [name, text]) => {
        const url = `${idLike(op.path)}?${name}=${encode(text)}`;
        const res = await send(who(), op.method.toUpperCase(), url, emptyBody(op));
        const problem = refused(res, where(op, url));
        // A lone surrogate is not UTF-8 however it is encoded: the query is malformed, and that
        // is seen first; a NUL is text the database cannot store, seen once the caller is known.
        if (/[\ud800-\udfff]/.test(text)) expect(problem.type, where(op, url)).toBe('/problems/malformed-url');
        else if (who() || !isPrivate(op)) expect(problem.type, where(op, url)).toBe('/problems/unstorable-text');
        else expect(res.statusCode, where(op, url)).toBe(401);
      },
      4,
    );
  });

  it('10,000-character and otherwise odd queries to reads do no harm', async () => {
    // Reads only: a write given a harmless long query would be carried out. Event streams stay
    // open, and have their own tests.
    await walk(
      list.filter((op) => op.method === 'get' && !op.path.endsWith('/events')),
      () =>
        fc.oneof(
          fc.constantFrom('q=%ZZ', 'q=%E0%A4%A', 'cursor=%', 'limit=%FF', '%=%', 'a%00=1', 'limit=1e400', 'limit=-0', 'q=a&q=b'),
          fc.constant(`q=${'x'.repeat(10_000)}`),
          fc.constant(Array.from({ length: 1000 }, (_, i) => `k${i}=v`).join('&')),
          fc.constant(`cursor=${'%41'.repeat(3400)}`),
        ),
      async (op, query) => {
        const url = `${idLike(op.path)}?${query}`;
        judged(await send(who(), 'GET', url), where(op, url));
      },
      3,
    );
  });

  it('unstorable text in any text field of a body is refused before anything is written', async () => {
    await walk(
      list.filter((op) => op.requestSchema && textFields(op).length),
      (op) => fc.tuple(fc.constantFrom(...textFields(op)), unstorable, fc.boolean()),
      async (op, [field, text, asList]) => {
        const res = await send(who(), op.method.toUpperCase(), idLike(op.path), json({ [field]: asList ? [text] : text }));
        const problem = refused(res, where(op, field));
        if (who() || !isPrivate(op)) expect(problem.type, where(op, field)).toBe('/problems/unstorable-text');
        else expect(res.statusCode, where(op, field)).toBe(401);
      },
      4,
    );
  });

  it('bodies of the wrong shape are refused', async () => {
    await walk(
      list.filter((op) => op.requestSchema),
      wrongShape,
      async (op, body) => {
        refused(await send(who(), op.method.toUpperCase(), idLike(op.path), json(body)), where(op, JSON.stringify(body)));
      },
      6,
    );
  });

  it('JSON routes refuse other content types with 415', async () => {
    await walk(
      list.filter((op) => op.requestSchema),
      () => fc.constantFrom(...OTHER_TYPES),
      async (op, body) => {
        const res = await send(who(), op.method.toUpperCase(), idLike(op.path), body);
        refused(res, where(op, body.contentType));
        if (who() || !isPrivate(op)) expect(res.statusCode, where(op, body.contentType)).toBe(415);
      },
      3,
    );
  });
});

describe('wrong methods', () => {
  /** The server's own pages outside the API, with the methods they take. */
  const PAGES: [string, string[]][] = [
    ['/problems', ['GET', 'HEAD']],
    ['/problems/not-found', ['GET', 'HEAD']],
    ['/u/someone', ['GET', 'HEAD']],
    ['/unsubscribe', ['GET', 'HEAD', 'POST']],
    ['/api/openapi.json', ['GET', 'HEAD']],
  ];

  it('a known path asked with a method it does not take answers 405 with the methods it does in Allow', async () => {
    const api = Object.keys(document.paths).map((path) => {
      const url = idLike(path);
      return [url, allowedAt(url)] as [string, string[]];
    });
    let tried = 0;
    for (const [url, allowed] of [...api, ...PAGES]) {
      for (const method of METHODS.filter((m) => !allowed.includes(m))) {
        const res = judged(await send(user, method, url, method === 'GET' ? undefined : json({})), `${method} ${url}`);
        expect(res.statusCode, `${method} ${url}`).toBe(405);
        expect(res.headers.allow?.toString().split(', ').sort(), `${method} ${url}`).toEqual(allowed);
        tried++;
      }
    }
    expect(tried).toBeGreaterThan(150);
  });
});

describe('hostile credentials', () => {
  it('a broken session cookie or token is 401 on every private operation, never more', async () => {
    const reads = list.filter((op) => op.method === 'get' && isPrivate(op) && !op.path.endsWith('/events'));
    const junk = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.constantFrom('x'.repeat(5000), 'ca_pat_', `ca_pat_${'A'.repeat(43)}`, '%ZZ', 'a\u0000b'),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...reads), fc.boolean(), junk, async (op, asCookie, value) => {
        // Header values are bytes: what cannot be sent as Latin-1 is left out, as a client would have to.
        const header = [...value].filter((c) => c.charCodeAt(0) <= 0xff && c !== '\r' && c !== '\n').join('');
        const res = await t.app.inject({
          method: 'GET',
          url: idLike(op.path),
          headers: asCookie ? { cookie: `ca_session=${header}` } : { authorization: `Bearer ${header}` },
        });
        judged(res, `GET ${op.path} with ${asCookie ? 'cookie' : 'token'} ${JSON.stringify(header).slice(0, 40)}`);
        expect(res.statusCode).toBe(401);
      }),
      { seed: SEED, numRuns: 80 },
    );
  });
});

describe('afterwards', () => {
  it('the user’s data and session are as they were', async () => {
    expect(initial.me).toBe(200);
    expect(await state()).toEqual(initial);
  });
});
