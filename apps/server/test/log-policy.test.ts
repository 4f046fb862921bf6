import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskSecrets, pathOnly } from '../src/lib/logger.ts';
import { as, createTestApp, expectProblem, signUp, type TestApp } from './helpers/app.ts';

/**
 * The log policy: what reaches the log never carries a token from a URL, a header, a request
 * body, a query's parameters, or any secret shape — even when a request fails deep down.
 */
const lines: string[] = [];
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ logLines: lines });
});
afterAll(async () => {
  await t?.close();
});

const TOKEN = 'Zq8xK2mN4pR6tV8wY0aC2eG4iK6mO8qS0uW2yA4cE6g'; // 43 characters, like every token the app issues
const logged = () => lines.join('\n');

describe('the log', () => {
  it('keeps no query string, header or body of a request', async () => {
    lines.length = 0;
    for (const url of [`/reset-password?token=${TOKEN}`, `/verify-email?token=${TOKEN}`, `/unsubscribe?token=${TOKEN}`]) {
      await t.app.inject({ method: 'GET', url });
    }
    await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ca_pat_${TOKEN}` } });
    await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: `ca_session=${TOKEN}` } });
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'nobody@example.com', password: `pw-${TOKEN}` },
      headers: { origin: 'http://127.0.0.1:3000' },
    });
    const text = logged();
    expect(text).toContain('/reset-password?…');
    expect(text).toContain('/api/v1/auth/me');
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('ca_pat_Zq');
  });

  it('logs a failed query by its code, never its parameters: a NUL in the input answers 400 and leaks nothing', async () => {
    lines.length = 0;
    const password = 'correct horse battery staple';
    const register = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email: 'nul@example.com', password, displayName: 'Nul\u0000Name' },
    });
    expectProblem(register, 400);
    // Nothing was written.
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'nul@example.com', password },
      headers: { origin: 'http://127.0.0.1:3000' },
    });
    expect(login.statusCode).toBe(401);

    const user = await signUp(t.app);
    const api = as(t.app, user);
    const key = `sk-live-${TOKEN}`;
    const settings = await api.put('/api/v1/settings', {
      aiProvider: 'openai',
      aiApiKey: key,
      aiModels: { reportDraft: 'gpt\u0000x' },
    });
    expect(settings.statusCode).toBe(400);
    const todo = await api.post('/api/v1/todos', { title: 'Nul\u0000here' });
    expect(todo.statusCode).toBe(400);

    const text = logged();
    expect(text).not.toMatch(/\$argon2/);
    expect(text).not.toContain(key);
    expect(text).not.toMatch(/\bv1\.[A-Za-z0-9_-]{8,}\./);
    expect(text).not.toMatch(/params:/);
    expect(text).not.toContain(user.cookie.split('=')[1]!);
  });
});

describe('masking', () => {
  it('masks every secret shape the app produces, and leaves ids and paths alone', () => {
    const line = JSON.stringify({
      hash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo',
      token: 'ca_pat_abc123_DEF-456',
      sealed: 'v1.AAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBB.CCCCCCCC',
      session: TOKEN,
      id: '0192f4c8-7a1e-7b3c-9d2e-4f5a6b7c8d9e',
      path: '/api/v1/todos/0192f4c8-7a1e-7b3c-9d2e-4f5a6b7c8d9e/complete',
    });
    const masked = maskSecrets(line);
    expect(masked).not.toMatch(/\$argon2id\$v=19/);
    expect(masked).not.toContain('ca_pat_abc123');
    expect(masked).not.toContain('AAAAAAAAAAAAAAAA');
    expect(masked).not.toContain(TOKEN);
    expect(masked).toContain('0192f4c8-7a1e-7b3c-9d2e-4f5a6b7c8d9e/complete');
    expect(pathOnly('/a?b=c')).toBe('/a?…');
    expect(pathOnly('/a')).toBe('/a');
  });
});
