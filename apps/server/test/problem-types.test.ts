import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_SLUGS, PROBLEM_TYPES, problemType } from '@career-anchor/contracts';
import { TEST_ORIGIN, as, createTestApp, expectProblem, signUp, type TestApp } from './helpers/app.ts';

const README = new URL('../../../README.md', import.meta.url);

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** The text a reader sees: tags dropped (inline code joins its words), entities read. */
const textOf = (html: string) =>
  html
    .replace(/<\/?code>/g, '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name]!)
    .replace(/\s+/g, ' ');

describe('problem types', () => {
  it('resolve: every type in the catalogue, taken against the address that answered, is a page saying what it means and what to do', async () => {
    const answered = await as(t.app, null).get('/api/v1/todos');
    const type = expectProblem(answered, 401).type;
    expect(new URL(type, `${TEST_ORIGIN}/api/v1/todos`).href).toBe(`${TEST_ORIGIN}/problems/unauthorized`);
    for (const slug of PROBLEM_SLUGS) {
      const entry = PROBLEM_TYPES[slug];
      const res = await t.app.inject({ method: 'GET', url: new URL(problemType(slug), TEST_ORIGIN).pathname });
      expect(res.statusCode, slug).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['content-security-policy']).toContain("default-src 'none'");
      expect(res.body).toMatch(/^<!doctype html><html lang="en">/);
      const text = textOf(res.body);
      for (const said of [entry.title, `HTTP ${entry.status}`, problemType(slug), entry.explanation, entry.action]) {
        expect(text, slug).toContain(said.replaceAll('`', ''));
      }
    }
  });

  it('are listed together at /problems, each linking to its page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/problems' });
    expect(res.statusCode).toBe(200);
    const links = [...res.body.matchAll(/<a href="([^"]+)">/g)].map((match) => match[1]);
    expect(links).toEqual(PROBLEM_SLUGS.map(problemType));
  });

  it('answer an unknown or hostile slug with a 404 problem document, not a page', async () => {
    for (const slug of ['nope', 'constructor', '__proto__', 'toString', 'NOT-FOUND', '%3Cscript%3E', 'x'.repeat(90)]) {
      expect(expectProblem(await t.app.inject({ method: 'GET', url: `/problems/${slug}` }), 404).type).toBe(
        '/problems/not-found',
      );
    }
  });

  it('give every answer of a type that type’s status and title, 401s a WWW-Authenticate header', async () => {
    const user = await signUp(t.app);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: 'not the password' },
    });
    expect(expectProblem(wrong, 401).type).toBe('/problems/wrong-credentials');
    expect(wrong.headers['www-authenticate']).toMatch(/^Bearer /);
  });
});

describe('the README’s error catalogue', () => {
  it('lists every problem type with the catalogue’s status, title and meaning, in its order', () => {
    const readme = readFileSync(README, 'utf8');
    const section = readme.slice(
      readme.indexOf('#### Problem types'),
      readme.indexOf('\n## ', readme.indexOf('#### Problem types')),
    );
    const rows = section
      .split('\n')
      .filter((line) => line.startsWith('| `/problems/'))
      .map((line) =>
        line
          .slice(1, -1)
          .split(' | ')
          .map((cell) => cell.trim()),
      );
    const expected = PROBLEM_SLUGS.map((slug) => {
      const entry = PROBLEM_TYPES[slug];
      return [`\`${problemType(slug)}\``, String(entry.status), entry.title, entry.explanation];
    });
    expect(rows, 'README.md, API conventions, Problem types: one row per catalogue entry').toEqual(expected);
  });
});
