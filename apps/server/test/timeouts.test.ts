import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { waitFor } from './helpers/jobs.ts';

/**
 * Clients that send slowly are cut near their time limit, and connections past the cap are
 * refused: a listening server with small limits, and raw sockets that dribble.
 */
let t: TestApp;
let port: number;
beforeAll(async () => {
  t = await createTestApp({
    env: {
      HEADERS_TIMEOUT_S: '1',
      REQUEST_TIMEOUT_S: '2',
      KEEP_ALIVE_TIMEOUT_S: '1',
      IDLE_TIMEOUT_S: '5',
      MAX_CONNECTIONS: '20',
    },
  });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = (t.app.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await t?.close();
});

/** Resolves once the server counts exactly `count` open connections. */
const connectionsReach = (count: number) =>
  waitFor(
    () =>
      new Promise<true | undefined>((resolve, reject) =>
        t.app.server.getConnections((err, open) => (err ? reject(err) : resolve(open === count ? true : undefined))),
      ),
  );

/** Opens a socket, writes `first`, and resolves with what came back and when the server closed it. */
function dribble(
  first: string,
  every?: string,
): Promise<{ answer: string; answeredAfterMs: number | null; closedAfterMs: number; socket: Socket }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1', () => socket.write(first));
    let answer = '';
    let answeredAfterMs: number | null = null;
    const drip = every ? setInterval(() => socket.writable && socket.write(every), 300) : undefined;
    socket.on('data', (chunk) => {
      answeredAfterMs ??= Date.now() - started;
      answer += chunk;
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(drip);
      resolve({ answer, answeredAfterMs, closedAfterMs: Date.now() - started, socket });
    });
    setTimeout(() => reject(new Error('the server never closed the connection')), 15_000).unref();
  });
}

describe('slow clients', () => {
  it('cuts a client that never finishes its headers', async () => {
    const { answer, closedAfterMs } = await dribble('GET /healthz HTTP/1.1\r\nHost: x\r\n', 'X-Slow: 1\r\n');
    expect(closedAfterMs).toBeLessThan(4000);
    expect(answer).toMatch(/^HTTP\/1\.1 408|^$/);
  });

  it('cuts a client that never finishes its body, without waiting for the rest', async () => {
    const { answer, closedAfterMs } = await dribble(
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"email":',
      ' ',
    );
    expect(closedAfterMs).toBeLessThan(5000);
    expect(answer).toMatch(/^HTTP\/1\.1 408|^$/);
  });

  it('closes an idle kept-alive connection soon after its last answer', async () => {
    const { answer, closedAfterMs } = await dribble('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    expect(closedAfterMs).toBeLessThan(4000);
  });

  it('refuses connections past the cap, and serves again once they go', async () => {
    const held: Socket[] = [];
    for (let i = 0; i < 20; i++) {
      const socket = connect(port, '127.0.0.1');
      socket.on('error', () => {});
      await new Promise((resolve) => socket.once('connect', resolve));
      held.push(socket);
    }
    await connectionsReach(20);
    const refused = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      () => 'answered',
      () => 'refused',
    );
    expect(refused).toBe('refused');
    for (const socket of held) socket.destroy();
    await connectionsReach(0);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  });
});

describe('strangers’ bodies', () => {
  it('are refused with 401 before they are read: a broken body still answers 401, not 400', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/import',
      payload: '{"a":',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(401);
  });

  it('answer 401 to a large signed-out upload while it is still arriving', async () => {
    const { answer, answeredAfterMs, closedAfterMs } = await dribble(
      'POST /api/v1/import HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 24000000\r\n\r\n{"a":"',
      'x'.repeat(16 * 1024),
    );
    // The answer came at once, and the connection was cut long before 24 MB at 16 KB per 300 ms
    // (about seven minutes) could have arrived.
    expect(answer).toMatch(/^HTTP\/1\.1 401/);
    expect(answeredAfterMs).toBeLessThan(4000);
    expect(closedAfterMs).toBeLessThan(12_000);
  });
});
