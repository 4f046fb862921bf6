import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, cookieFrom, createTestApp, expectProblem, signUp, TEST_ORIGIN, type TestApp } from './helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const register = (payload: unknown) => t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: payload as object });
const login = (payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: payload as object, headers });

describe('register', () => {
  it('creates the account, answers 201 with the user and signs in with an httpOnly SameSite cookie', async () => {
    const res = await register({ email: 'Ada@Example.com', password: 'a long password', displayName: 'Ada' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ email: 'ada@example.com', displayName: 'Ada', locale: 'en' });
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const me = await as(t.app, { cookie: cookieFrom(res) }).get('/api/v1/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().email).toBe('ada@example.com');
  });

  it('refuses a duplicate e-mail, whatever its case, with 409', async () => {
    await signUp(t.app, { email: 'dup@example.com' });
    const res = await register({ email: 'DUP@example.com', password: 'another password', displayName: 'Dup' });
    expect(expectProblem(res, 409).detail).toMatch(/already exists/);
  });

  it('answers 400 with field errors for a bad e-mail and a short password, and creates nothing', async () => {
    const res = await register({ email: 'not-an-email', password: 'short', displayName: 'X' });
    const problem = expectProblem(res, 400);
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(['email', 'password']);
    const retry = await register({ email: 'not-an-email@example.com', password: 'now long enough', displayName: 'X' });
    expect(retry.statusCode).toBe(201);
  });

  it('refuses a common password, whatever its case, with a field error, and creates nothing (ASVS 6.2.4)', async () => {
    for (const password of ['password1', 'Iloveyou', 'QWERTYUIOP']) {
      const res = await register({ email: 'common@example.com', password, displayName: 'Common' });
      expect(expectProblem(res, 400)).toMatchObject({
        type: '/problems/validation-error',
        errors: [{ path: 'password', message: 'This password is too common; choose another.' }],
      });
    }
    expectProblem(await login({ email: 'common@example.com', password: 'password1' }), 401);
    expect(
      (await register({ email: 'common@example.com', password: 'password1 for my career', displayName: 'C' })).statusCode,
    ).toBe(201);
  });

  it('refuses the product’s name and the person’s own e-mail or name dressed up with digits and symbols (ASVS 6.2.11)', async () => {
    const attempts = [
      { password: 'CareerAnchor2026!', displayName: 'Mei' },
      { password: 'Anchor#123456', displayName: 'Mei' },
      { password: '职业锚2026!!!', displayName: 'Mei' },
      { password: 'Mei.Lin.1990', displayName: 'Someone' },
      { password: 'Zhang Wei 2026!', displayName: 'Zhang Wei' },
    ];
    for (const { password, displayName } of attempts) {
      const res = await register({ email: 'mei.lin@example.com', password, displayName });
      expect(expectProblem(res, 400).errors, password).toEqual([
        { path: 'password', message: 'This password is too common; choose another.' },
      ]);
    }
    expect(
      (await register({ email: 'mei.lin@example.com', password: 'anchors aweigh, mei', displayName: 'Mei' })).statusCode,
    ).toBe(201);
  });

  it('takes any characters, up to 256, and checks the password exactly as typed (ASVS 6.2.5, 6.2.8, 6.2.9)', async () => {
    const password = ` Ünïcode 密码 ${'x'.repeat(200)}🙂 `;
    const email = 'exact@example.com';
    expect((await register({ email, password, displayName: 'Exact' })).statusCode).toBe(201);
    for (const near of [password.trim(), password.toUpperCase(), password.slice(0, 72), password.normalize('NFD')]) {
      expectProblem(await login({ email, password: near }), 401);
    }
    expect((await login({ email, password })).statusCode).toBe(200);
    expectProblem(await register({ email: 'long@example.com', password: 'y'.repeat(257), displayName: 'Long' }), 400);
    expect(
      (await register({ email: 'long@example.com', password: 'y'.repeat(12) + 'z'.repeat(244), displayName: 'Long' })).statusCode,
    ).toBe(201);
  });

  it('answers 400 for wrong types, missing fields and unknown shapes', async () => {
    expectProblem(await register({ email: 42, password: ['x'], displayName: null }), 400);
    expectProblem(await register({}), 400);
    expectProblem(await register({ email: 'a@b.co', password: 'x'.repeat(300), displayName: 'A' }), 400);
    expectProblem(await register({ email: 'a@b.co', password: 'long enough', displayName: ' '.repeat(3) }), 400);
  });

  it('answers 400 problem+json for malformed JSON', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": "x@y.z", ',
    });
    expect(expectProblem(res, 400).title).toBe('Malformed JSON');
  });

  it('picks Chinese for a browser that asks for it', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      headers: { 'accept-language': 'zh-CN,zh;q=0.9' },
      payload: { email: 'li@example.com', password: 'a long password', displayName: '李雷' },
    });
    expect(res.json()).toMatchObject({ displayName: '李雷', locale: 'zh-CN' });
  });

  it('takes the page’s language and the browser’s time zone, over Accept-Language', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      headers: { 'accept-language': 'en-US' },
      payload: {
        email: 'wang@example.com',
        password: 'a long password',
        displayName: '王芳',
        locale: 'zh-CN',
        timezone: 'Asia/Shanghai',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().locale).toBe('zh-CN');
    const profile = (await as(t.app, { cookie: cookieFrom(res) }).get('/api/v1/profile')).json();
    expect(profile).toMatchObject({ locale: 'zh-CN', timezone: 'Asia/Shanghai' });
  });

  it('refuses an unknown time zone or language with 400, and creates nothing', async () => {
    const register = (extra: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/register',
        payload: { email: 'zone@example.com', password: 'a long password', displayName: 'Zone', ...extra },
      });
    const zone = expectProblem(await register({ timezone: 'Mars/Olympus_Mons' }), 400);
    expect(zone.errors).toEqual([expect.objectContaining({ path: 'timezone' })]);
    expectProblem(await register({ locale: 'fr' }), 400);
    expectProblem(await login({ email: 'zone@example.com', password: 'a long password' }), 401);
    // Without them, the account is made in UTC.
    const plain = await register({});
    expect(plain.statusCode).toBe(201);
    expect((await as(t.app, { cookie: cookieFrom(plain) }).get('/api/v1/profile')).json().timezone).toBe('UTC');
  });
});

describe('login and logout', () => {
  it('signs in with the right password and refuses a wrong one with the same answer as an unknown e-mail', async () => {
    const user = await signUp(t.app);
    const ok = await login({ email: user.email.toUpperCase(), password: user.password });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().id).toBe(user.id);
    const wrong = expectProblem(await login({ email: user.email, password: 'not the password' }), 401);
    const unknown = expectProblem(await login({ email: 'nobody@example.com', password: 'not the password' }), 401);
    expect(wrong).toEqual(unknown);
  });

  it('logout ends the session: the old cookie no longer works', async () => {
    const user = await signUp(t.app);
    const out = await as(t.app, user).post('/api/v1/auth/logout');
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/ca_session=;/);
    expectProblem(await as(t.app, user).get('/api/v1/auth/me'), 401);
  });

  it('answers 401 problem+json without a session, and for a forged cookie', async () => {
    expectProblem(await as(t.app, null).get('/api/v1/auth/me'), 401);
    expectProblem(await as(t.app, { cookie: 'ca_session=forged' }).get('/api/v1/auth/me'), 401);
  });
});

describe('CSRF defence', () => {
  it('refuses a cookie-authenticated write from a foreign Origin with 403, and changes nothing', async () => {
    const user = await signUp(t.app);
    const res = await as(t.app, user).post(
      '/api/v1/auth/password',
      { currentPassword: user.password, newPassword: 'hijacked password' },
      { origin: 'https://evil.example' },
    );
    expectProblem(res, 403);
    const stillWorks = await login({ email: user.email, password: user.password });
    expect(stillWorks.statusCode).toBe(200);
  });

  it('refuses a cross-site request that carries no Origin but says it is cross-site', async () => {
    const user = await signUp(t.app);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: user.cookie, 'sec-fetch-site': 'cross-site' },
    });
    expectProblem(res, 403);
  });

  it('accepts the same origin, whether reached as PUBLIC_URL or by its own host', async () => {
    const user = await signUp(t.app);
    const viaHost = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: user.cookie, origin: 'http://localhost:3000', host: 'localhost:3000' },
    });
    expect(viaHost.statusCode).toBe(204);
    expect(TEST_ORIGIN).toBe('http://127.0.0.1:3000');
  });

  it('does not apply to Bearer requests, which carry no ambient credentials', async () => {
    const user = await signUp(t.app);
    const created = await as(t.app, user).post('/api/v1/auth/tokens', { name: 'script' });
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { authorization: `Bearer ${created.json().token}`, origin: 'https://elsewhere.example' },
    });
    expect(res.statusCode).toBe(200);
  });
});

describe('password change', () => {
  it('needs the current password, then signs out every other session and keeps this one', async () => {
    const user = await signUp(t.app);
    const other = cookieFrom(await login({ email: user.email, password: user.password }));
    expectProblem(
      await as(t.app, user).post('/api/v1/auth/password', { currentPassword: 'wrong one', newPassword: 'a new password' }),
      403,
    );
    expectProblem(
      await as(t.app, user).post('/api/v1/auth/password', { currentPassword: user.password, newPassword: 'short' }),
      400,
    );

    // A common password is refused as the new one, and nothing changes.
    const common = await as(t.app, user).post('/api/v1/auth/password', {
      currentPassword: user.password,
      newPassword: 'Sunshine1',
    });
    expect(expectProblem(common, 400).errors).toEqual([
      { path: 'newPassword', message: 'This password is too common; choose another.' },
    ]);
    expect((await as(t.app, { cookie: other }).get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await login({ email: user.email, password: 'Sunshine1' })).statusCode).toBe(401);
    const ownAddress = `${user.email.split('@')[0]}!2026`;
    const personal = await as(t.app, user).post('/api/v1/auth/password', {
      currentPassword: user.password,
      newPassword: ownAddress,
    });
    expect(expectProblem(personal, 400).errors).toEqual([
      { path: 'newPassword', message: 'This password is too common; choose another.' },
    ]);

    const res = await as(t.app, user).post('/api/v1/auth/password', {
      currentPassword: user.password,
      newPassword: 'a new password',
    });
    expect(res.statusCode).toBe(204);
    const rotated = cookieFrom(res);
    expect(rotated).not.toBe(user.cookie);
    expect((await as(t.app, { cookie: rotated }).get('/api/v1/auth/me')).statusCode).toBe(200);
    expectProblem(await as(t.app, { cookie: other }).get('/api/v1/auth/me'), 401);
    expectProblem(await as(t.app, user).get('/api/v1/auth/me'), 401);
    expectProblem(await login({ email: user.email, password: user.password }), 401);
    expect((await login({ email: user.email, password: 'a new password' })).statusCode).toBe(200);
  });
});
