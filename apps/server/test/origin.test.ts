import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectProblem, signUp, type TestApp, type TestUser } from './helpers/app.ts';

let t: TestApp;
let user: TestUser;
beforeAll(async () => {
  t = await createTestApp({ env: { PUBLIC_URL: 'http://anchor.example' } });
  user = await signUp(t.app);
});
afterAll(async () => {
  await t?.close();
});

const write = (headers: Record<string, string>) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/todos',
    payload: { title: 'From somewhere' },
    headers: { cookie: user.cookie, ...headers },
  });

describe('the Origin check of cookie writes', () => {
  it('takes the public address, and the address the browser reached with the same scheme, host and port', async () => {
    expect((await write({ origin: 'http://anchor.example' })).statusCode).toBe(201);
    // inject speaks plain HTTP: the server as reached at http://127.0.0.1:8080.
    expect((await write({ origin: 'http://127.0.0.1:8080', host: '127.0.0.1:8080' })).statusCode).toBe(201);
  });

  it('refuses another scheme or port on the same host, and other sites', async () => {
    for (const [origin, host] of [
      ['https://127.0.0.1:8080', '127.0.0.1:8080'], // same host and port, other scheme
      ['http://127.0.0.1:8081', '127.0.0.1:8080'],
      ['http://127.0.0.1', '127.0.0.1:8080'],
      ['https://anchor.example', 'anchor.example'], // the public host, other scheme
      ['https://evil.example', '127.0.0.1:8080'],
      ['null', '127.0.0.1:8080'],
    ] as [string, string][]) {
      const res = await write({ origin, host });
      expect(expectProblem(res, 403).type, origin).toBe('/problems/forbidden');
    }
  });
});
