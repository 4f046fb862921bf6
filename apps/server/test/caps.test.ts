import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, expectProblem, signUp, type TestApp, type TestUser } from './helpers/app.ts';
import { operations, resolve } from './helpers/openapi.ts';

/** Every range and size is bounded: a request cannot make the server build an answer without limit. */
let t: TestApp;
let user: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  user = await signUp(t.app);
});
afterAll(async () => {
  await t?.close();
});

describe('date ranges of aggregates', () => {
  it('refuse more than 366 days, given or defaulted, before doing any work', async () => {
    const api = as(t.app, user);
    for (const url of [
      '/api/v1/ai/usage?from=1900-01-01&to=2200-12-31',
      '/api/v1/ai/usage?from=1900-01-01',
      '/api/v1/ai/usage?from=2026-01-01&to=2027-01-02',
      '/api/v1/ai/usage?from=2026-02-01&to=2026-01-01',
      '/api/v1/stats/activity?from=1900-01-01&to=2200-12-31',
      '/api/v1/stats/activity?from=1900-01-01',
    ]) {
      const started = performance.now();
      const res = await api.get(url);
      expectProblem(res, 400);
      expect(performance.now() - started).toBeLessThan(2000);
    }
    const year = await api.get('/api/v1/ai/usage?from=2026-01-01&to=2026-12-31');
    expect(year.statusCode).toBe(200);
    expect(year.json().days).toHaveLength(365);
  });
});

describe('dates the schemas let through', () => {
  it('are real days between 1900 and 2200 everywhere: year 0 and impossible days answer 400 and change nothing', async () => {
    const api = as(t.app, user);
    for (const dueOn of ['0000-01-01', '9999-12-30', '2021-02-30', '2020-19-39']) {
      expectProblem(await api.post('/api/v1/todos', { title: 'Due whenever', dueOn }), 400);
    }
    expectProblem(await api.get('/api/v1/todos?status=done&completedFrom=0000-01-01'), 400);
    expectProblem(
      await api.post('/api/v1/reports', { type: 'custom', periodStart: '0000-01-01', periodEnd: '0000-01-07', title: 'x' }),
      400,
    );
    expectProblem(await api.post('/api/v1/achievements', { title: 'Old', achievedOn: '0001-01-01' }), 400);
    expect((await api.get('/api/v1/todos')).json().items).toEqual([]);
  });
});

/** Every input the document describes: query parameters and request bodies, walked to their leaves. */
function unboundedInputs(document: any): string[] {
  const found: string[] = [];
  const seen = new Set<any>();
  const walk = (schema: any, where: string) => {
    schema = resolve(document, schema);
    if (!schema || seen.has(schema)) return;
    seen.add(schema);
    for (const key of ['anyOf', 'oneOf', 'allOf'] as const) schema[key]?.forEach((s: any) => walk(s, where));
    const types: string[] = [].concat(schema.type ?? []);
    if (types.includes('string') && !schema.enum && !schema.const && schema.maxLength === undefined && !schema.format)
      found.push(`${where}: string without maxLength`);
    if ((types.includes('integer') || types.includes('number')) && schema.maximum === undefined && !schema.enum)
      found.push(`${where}: number without maximum`);
    if (types.includes('array')) {
      if (schema.maxItems === undefined) found.push(`${where}: array without maxItems`);
      walk(schema.items, `${where}[]`);
    }
    if (types.includes('object') || schema.properties) {
      for (const [name, property] of Object.entries(schema.properties ?? {})) walk(property, `${where}.${name}`);
      if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
        if (schema.maxProperties === undefined) found.push(`${where}: map without maxProperties`);
        walk(schema.additionalProperties, `${where}{}`);
      }
    }
  };
  for (const [path, methods] of Object.entries<any>(document.paths)) {
    for (const [method, op] of Object.entries<any>(methods)) {
      const name = `${method.toUpperCase()} ${path}`;
      for (const parameter of op.parameters ?? []) walk(parameter.schema, `${name} ${parameter.in} ${parameter.name}`);
      const body = op.requestBody?.content?.['application/json']?.schema;
      if (body) walk(body, `${name} body`);
    }
  }
  return found;
}

describe('the OpenAPI document', () => {
  it('bounds every size: strings, numbers, lists and maps a client sends all have a maximum', async () => {
    const { document } = await operations(t.app);
    // Import files are taken as any JSON within the route's body limit, then checked whole by the
    // service against their own format's schema (the export format, JSON Resume), limits included.
    const WHOLE_FILES = [
      'POST /api/v1/import body',
      'POST /api/v1/import/json-resume body.resume',
      'POST /api/v1/import/json-resume/preview body.resume',
    ];
    expect(unboundedInputs(document).filter((finding) => !WHOLE_FILES.some((file) => finding.startsWith(`${file}:`)))).toEqual(
      [],
    );
  });
});
