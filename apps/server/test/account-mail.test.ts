import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, cookieFrom, createTestApp, expectProblem, signUp, type TestApp, type TestUser } from './helpers/app.ts';
import { INTERNAL_JOB } from '../src/jobs/kinds.ts';
import { jobsSettled } from './helpers/jobs.ts';
import { startSmtpSink } from './helpers/smtp.ts';
import { createTestDatabase, migratedFolderDatabase, serverUrl } from './helpers/database.ts';
import { resetPassword } from '../scripts/reset-password.ts';
import { signOut } from '../scripts/sign-out.ts';

const smtp = await startSmtpSink();
let t: TestApp;
let now = new Date('2026-06-10T10:00:00Z');
beforeAll(async () => {
  t = await createTestApp({ clock: { now: () => now }, env: { SMTP_URL: smtp.url, MAIL_FROM: 'accounts@example.com' } });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const post = (url: string, payload: object) =>
  t.app.inject({ method: 'POST', url, payload, headers: { origin: 'http://127.0.0.1:3000' } });
const login = (email: string, password: string) => post('/api/v1/auth/login', { email, password });
const tokenIn = (text: string | undefined, page: string) =>
  decodeURIComponent(new RegExp(`/${page}\\?token=([^\\s]+)`).exec(text ?? '')![1]!);

describe('password reset by e-mail', () => {
  it('answers the same for known and unknown addresses, and sends a link only to a real account', async () => {
    const user = await signUp(t.app);
    const known = await post('/api/v1/auth/password/forgot', { email: user.email });
    const unknown = await post('/api/v1/auth/password/forgot', { email: 'nobody-here@example.com' });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(known.body).toBe(unknown.body);
    const mail = await smtp.mailTo(user.email, (m) => m.subject === 'Reset your Career Anchor password');
    expect(mail.text).toMatch(/http:\/\/127\.0\.0\.1:3000\/reset-password\?token=/);
    // Both requests were queued; once the queue has done them, the unknown one sent nothing.
    await jobsSettled(t.ctx.database.db, INTERNAL_JOB.resetRequest);
    expect(smtp.received.some((m) => (m.to as { text: string }).text.includes('nobody-here'))).toBe(false);
  });

  it('takes about as long for known and unknown addresses', async () => {
    const user = await signUp(t.app);
    // Alternating, so the background work a known address starts weighs on both kinds alike.
    const samples: Record<string, number[]> = { known: [], unknown: [] };
    for (let i = 0; i < 12; i++) {
      for (const [kind, email] of [
        ['known', user.email],
        ['unknown', 'ghost@example.com'],
      ] as const) {
        const started = performance.now();
        expect((await post('/api/v1/auth/password/forgot', { email })).statusCode).toBe(202);
        samples[kind]!.push(performance.now() - started);
      }
    }
    const median = (values: number[]) => values.sort((x, y) => x - y)[6]!;
    const [a, b] = [median(samples.known!), median(samples.unknown!)];
    expect(Math.abs(a - b)).toBeLessThan(Math.max(15, Math.min(a, b) * 2));
  });

  it('sets a new password with the link once, signs out every session, and refuses expired, reused and forged links', async () => {
    const user = await signUp(t.app);
    await post('/api/v1/auth/password/forgot', { email: user.email });
    const mail = await smtp.mailTo(user.email, (m) => m.subject === 'Reset your Career Anchor password');
    const token = tokenIn(mail.text, 'reset-password');

    expectProblem(await post('/api/v1/auth/password/reset', { token: `${token}x`, newPassword: 'a brand new password' }), 400);
    expectProblem(
      await post('/api/v1/auth/password/reset', { token: 'forged.token-value', newPassword: 'a brand new password' }),
      400,
    );
    expectProblem(await post('/api/v1/auth/password/reset', { token, newPassword: 'short' }), 400);
    // A common password is refused before the link is used: it still works for a better one.
    const common = await post('/api/v1/auth/password/reset', { token, newPassword: 'BASEBALL' });
    expect(expectProblem(common, 400).errors).toEqual([
      { path: 'newPassword', message: 'This password is too common; choose another.' },
    ]);
    expect((await login(user.email, user.password)).statusCode).toBe(200);
    expect((await post('/api/v1/auth/password/reset', { token, newPassword: 'a brand new password' })).statusCode).toBe(204);
    expectProblem(await post('/api/v1/auth/password/reset', { token, newPassword: 'yet another password' }), 400);
    expectProblem(await as(t.app, user).get('/api/v1/auth/me'), 401);
    expectProblem(await login(user.email, user.password), 401);
    expect((await login(user.email, 'a brand new password')).statusCode).toBe(200);

    await post('/api/v1/auth/password/forgot', { email: user.email });
    const second = await smtp.mailTo(user.email, (m) => m.subject === 'Reset your Career Anchor password' && m !== mail);
    const old = tokenIn(second.text, 'reset-password');
    now = new Date(now.getTime() + 31 * 60_000);
    try {
      expectProblem(await post('/api/v1/auth/password/reset', { token: old, newPassword: 'too late password' }), 400);
    } finally {
      now = new Date(now.getTime() - 31 * 60_000);
    }
  });

  it('a reset password does not sign in, and two-factor sign-in still asks for its code (ASVS 6.4.3)', async () => {
    const user = await signUp(t.app);
    const { secret } = (await as(t.app, user).post('/api/v1/auth/2fa/totp/setup')).json();
    const codeNow = () => generateHOTP(decodeBase32IgnorePadding(secret), BigInt(Math.floor(now.getTime() / 30_000)), 6);
    expect((await as(t.app, user).post('/api/v1/auth/2fa/totp/enable', { code: codeNow() })).statusCode).toBe(200);

    await post('/api/v1/auth/password/forgot', { email: user.email });
    const mail = await smtp.mailTo(user.email, (m) => m.subject === 'Reset your Career Anchor password');
    const reset = await post('/api/v1/auth/password/reset', {
      token: tokenIn(mail.text, 'reset-password'),
      newPassword: 'a reset password here',
    });
    expect(reset.statusCode).toBe(204);
    expect(reset.headers['set-cookie']).toBeUndefined();

    const signIn = await login(user.email, 'a reset password here');
    expect(signIn.json()).toEqual({ twoFactorRequired: true, methods: ['totp', 'recovery'] });
    expect(String(signIn.headers['set-cookie'])).not.toContain('ca_session=');
  });
});

describe('e-mail verification', () => {
  it('new accounts get a link; following it once confirms the address', async () => {
    const user = await signUp(t.app);
    expect((await as(t.app, user).get('/api/v1/auth/me')).json().emailVerified).toBe(false);
    const mail = await smtp.mailTo(user.email, (m) => m.subject === 'Confirm your e-mail address');
    const token = tokenIn(mail.text, 'verify-email');
    expect((await post('/api/v1/auth/email/verify', { token })).statusCode).toBe(204);
    expect((await as(t.app, user).get('/api/v1/auth/me')).json().emailVerified).toBe(true);
    expectProblem(await post('/api/v1/auth/email/verify', { token }), 400);
    expect((await as(t.app, user).post('/api/v1/auth/email/verification')).statusCode).toBe(202);
  });
});

describe('without e-mail', () => {
  it('says reset is unavailable; operator commands make a reset link and sign accounts out (ASVS 6.4.1, 7.4.5)', async () => {
    // The commands use the run's PostgreSQL server when it has one (DATABASE_URL), else an embedded
    // data folder (DATA_DIR), which one process at a time may open: each app is closed before a command runs.
    const dataDir = mkdtempSync(join(tmpdir(), 'ca-operator-'));
    const server = serverUrl ? await createTestDatabase() : undefined;
    const database = server?.options ?? (await migratedFolderDatabase(join(dataDir, 'db')));
    const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: server ? (server.options as { url: string }).url : '' };
    try {
      const plain = await createTestApp({ database });
      expect((await plain.app.inject({ method: 'GET', url: '/api/v1/auth/options' })).json()).toEqual({
        passwordReset: false,
        emailVerification: false,
        providers: [],
      });
      const user = await signUp(plain.app);
      expectProblem(
        await plain.app.inject({ method: 'POST', url: '/api/v1/auth/password/forgot', payload: { email: user.email } }),
        503,
      );
      await plain.close();

      // The commands run here as their command line runs them (same code, settings and output),
      // without loading the whole server again for each; one runs as its own process, as an
      // operator starts it, to show that way in works too.
      const operator = async (command: typeof resetPassword, arg: string) => {
        const [stdout, stderr] = [[] as string[], [] as string[]];
        const io = { env, out: (text: string) => stdout.push(`${text}\n`), err: (text: string) => stderr.push(`${text}\n`) };
        return { status: await command([arg], io), stdout: stdout.join(''), stderr: stderr.join('') };
      };
      const unknown = await operator(resetPassword, 'nobody@example.com');
      expect(unknown.status).toBe(1);
      expect(unknown.stderr).toContain('No account with the address nobody@example.com.');
      expect((await operator(signOut, '')).status).toBe(2);

      // The operator gets a link, not a password: the person chooses it.
      const run = spawnSync(
        process.execPath,
        [fileURLToPath(new URL('../scripts/reset-password.ts', import.meta.url)), user.email.toUpperCase()],
        { env, encoding: 'utf8' },
      );
      expect(run.status, run.stderr).toBe(0);
      const token = tokenIn(run.stdout, 'reset-password');
      expect(run.stdout).toContain('works once, for 30 minutes');

      const accounts: TestUser[] = [];
      const again = await createTestApp({ database });
      try {
        expect((await as(again.app, user).get('/api/v1/auth/me')).statusCode).toBe(200);
        const reset = (body: object) => again.app.inject({ method: 'POST', url: '/api/v1/auth/password/reset', payload: body });
        expect((await reset({ token, newPassword: 'chosen by the person' })).statusCode).toBe(204);
        expectProblem(await reset({ token, newPassword: 'chosen a second time' }), 400);
        expectProblem(await as(again.app, user).get('/api/v1/auth/me'), 401);
        const res = await again.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: user.email, password: 'chosen by the person' },
        });
        expect(res.statusCode).toBe(200);
        const log = (await as(again.app, { cookie: cookieFrom(res) }).get('/api/v1/auth/security-log'))
          .json()
          .items.map((e: { kind: string }) => e.kind);
        expect(log).toEqual(expect.arrayContaining(['password_reset_by_operator', 'password_reset']));
        // Two more accounts, for the operator to sign out.
        accounts.push(await signUp(again.app), await signUp(again.app));
      } finally {
        await again.close();
      }

      // Signing out: one account, then every account.
      const [first, second] = accounts as [TestUser, TestUser];
      const one = await operator(signOut, first.email);
      expect(one.status, one.stderr).toBe(0);
      expect(one.stdout).toContain(`Signed out 1 session(s) of ${first.email}.`);
      const all = await operator(signOut, '--all');
      expect(all.status, all.stderr).toBe(0);
      expect(all.stdout).toMatch(/Signed out [1-9]\d* session\(s\) of every account\./);
      const after = await createTestApp({ database });
      try {
        for (const who of [first, second, user]) expectProblem(await as(after.app, who).get('/api/v1/auth/me'), 401);
      } finally {
        await after.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      await server?.drop();
    }
  }, 120_000);
});
