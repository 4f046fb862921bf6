import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, expectProblem, signUp, type TestApp } from './helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const fakeResponse = (id = 'AAAA') => ({
  id,
  rawId: id,
  type: 'public-key',
  response: { clientDataJSON: 'e30', attestationObject: 'AAAA', authenticatorData: 'AAAA', signature: 'AAAA' },
});

describe('passkeys (the browser ceremony itself is covered by the browser tests)', () => {
  it('gives registration options for this site, once per challenge', async () => {
    const user = await signUp(t.app);
    const options = (await as(t.app, user).post('/api/v1/auth/passkeys/registration-options')).json();
    expect(options).toMatchObject({
      rp: { name: 'Career Anchor', id: '127.0.0.1' },
      user: { name: user.email },
      attestation: 'none',
    });
    expect(options.challenge).toMatch(/^[\w-]{20,}$/);
    expect(options.authenticatorSelection.residentKey).toBe('required');
  });

  it('refuses forged registrations and sign-ins without changing anything', async () => {
    const user = await signUp(t.app);
    await as(t.app, user).post('/api/v1/auth/passkeys/registration-options');
    expectProblem(await as(t.app, user).post('/api/v1/auth/passkeys', { response: fakeResponse(), name: 'Forged' }), 400);
    expect((await as(t.app, user).get('/api/v1/auth/passkeys')).json().items).toEqual([]);
    const options = (await t.app.inject({ method: 'POST', url: '/api/v1/auth/passkeys/authentication-options' })).json();
    expect(options.rpId).toBe('127.0.0.1');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/passkeys/sign-in',
      payload: { response: fakeResponse() },
    });
    expectProblem(res, 400);
    expect(String(res.headers['set-cookie'] ?? '')).not.toContain('ca_session=');
    expectProblem(
      await t.app.inject({ method: 'POST', url: '/api/v1/auth/passkeys/sign-in', payload: { response: { id: 'x' } } }),
      400,
    );
  });

  it('another user’s passkey answers 404', async () => {
    const user = await signUp(t.app);
    expectProblem(await as(t.app, user).delete(`/api/v1/auth/passkeys/${crypto.randomUUID()}`), 404);
  });
});
