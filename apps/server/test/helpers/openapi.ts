import type { FastifyInstance } from 'fastify';

export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  requestSchema: any | undefined;
}

type Document = { paths: Record<string, Record<string, any>>; components: { schemas: Record<string, any> } };

/** Every operation of the served OpenAPI document, so tests cover new routes without being told. */
export async function operations(app: FastifyInstance): Promise<{ document: Document; list: Operation[] }> {
  const document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as Document;
  const list = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method as Operation['method'],
      path,
      requestSchema: op.requestBody?.content?.['application/json']?.schema,
    })),
  );
  return { document, list };
}

export function resolve(document: Document, schema: any): any {
  if (schema?.$ref) return resolve(document, document.components.schemas[schema.$ref.split('/').at(-1)]);
  return schema;
}

/** Values a property must refuse: the wrong type, an unknown enum value, one past each limit. */
export function badValuesFor(document: Document, raw: any): unknown[] {
  const schema = resolve(document, raw);
  const variants: any[] = (schema.anyOf ?? schema.oneOf ?? [schema])
    .map((s: any) => resolve(document, s))
    .filter((s: any) => s.type !== 'null');
  const bad: unknown[] = [];
  for (const variant of variants) {
    if (variant.enum) bad.push('definitely-not-an-option');
    switch (variant.type) {
      case 'string':
        bad.push(12345);
        if (variant.maxLength !== undefined) bad.push('x'.repeat(variant.maxLength + 1));
        if (variant.format === 'date') bad.push('2026-13-45');
        break;
      case 'integer':
      case 'number':
        bad.push('not a number');
        if (variant.maximum !== undefined) bad.push(variant.maximum + 1);
        if (variant.minimum !== undefined) bad.push(variant.minimum - 1);
        if (variant.type === 'integer') bad.push(1.5);
        break;
      case 'boolean':
        bad.push('yes');
        break;
      case 'array':
        bad.push('not an array');
        if (variant.maxItems !== undefined) bad.push(Array.from({ length: variant.maxItems + 1 }, (_, i) => `item${i}`));
        break;
      case 'object':
        bad.push('not an object');
        break;
    }
  }
  return bad;
}

/** A string without a maximum length or an array without a maximum count: input nobody bounded. */
export function isUnbounded(document: Document, raw: any): boolean {
  const schema = resolve(document, raw);
  const variants: any[] = (schema.anyOf ?? schema.oneOf ?? [schema])
    .map((s: any) => resolve(document, s))
    .filter((s: any) => s.type !== 'null');
  return variants.some(
    (v) =>
      (v.type === 'string' && v.maxLength === undefined && !v.enum && v.const === undefined && !v.format && !v.pattern) ||
      (v.type === 'array' && (v.maxItems === undefined || isUnbounded(document, v.items))) ||
      (v.type === 'object' && Object.values<any>(v.properties ?? {}).some((p) => isUnbounded(document, p))),
  );
}
