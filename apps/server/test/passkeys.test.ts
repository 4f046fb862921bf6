import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ORIGIN, as, cookieFrom, createTestApp, expectProblem, signUp, type TestApp } from './helpers/app.ts';
import { SoftPasskey } from './helpers/webauthn.ts';

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

  it('signing in with a passkey alone needs the authenticator to have verified the person', async () => {
    const user = await signUp(t.app);
    const passkey = new SoftPasskey(TEST_ORIGIN);
    const registration = (await as(t.app, user).post('/api/v1/auth/passkeys/registration-options')).json();
    const saved = await as(t.app, user).post('/api/v1/auth/passkeys', { response: passkey.register(registration), name: 'Key' });
    expect(saved.statusCode, saved.body).toBe(201);

    const signIn = async (userVerified: boolean) => {
      const options = (await t.app.inject({ method: 'POST', url: '/api/v1/auth/passkeys/authentication-options' })).json();
      expect(options.userVerification).toBe('required');
      return t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/passkeys/sign-in',
        payload: { response: passkey.authenticate(options, { userVerified }) },
      });
    };
    const presentOnly = await signIn(false);
    expectProblem(presentOnly, 400);
    expect(String(presentOnly.headers['set-cookie'] ?? '')).not.toContain('ca_session=');
    const verified = await signIn(true);
    expect(verified.statusCode, verified.body).toBe(200);
    expect((await as(t.app, { cookie: cookieFrom(verified) }).get('/api/v1/auth/me')).json().email).toBe(user.email);
  });

  it('another user’s passkey answers 404', async () => {
    const user = await signUp(t.app);
    expectProblem(await as(t.app, user).delete(`/api/v1/auth/passkeys/${crypto.randomUUID()}`), 404);
  });
});
