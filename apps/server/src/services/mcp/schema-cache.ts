import type { StandardSchemaWithJSON } from '@modelcontextprotocol/server';
import type { z } from 'zod';

const wrapped = new WeakMap<z.ZodType, StandardSchemaWithJSON>();

/**
 * A tool schema whose JSON Schema is worked out once per process. `/mcp` builds a server on every
 * request, and the SDK converts a tool's schemas afresh for each server (for tools/list, and for
 * tools/call's header check and result projection); the tool schemas never change, so the
 * conversion is kept here. Validation still goes to the zod schema itself.
 */
export function withCachedJsonSchema(schema: z.ZodType): StandardSchemaWithJSON {
  let cached = wrapped.get(schema);
  if (!cached) {
    const standard = schema['~standard'];
    const memo = new Map<string, Record<string, unknown>>();
    const convert = (io: 'input' | 'output') => (options: { target: string; libraryOptions?: Record<string, unknown> }) => {
      const key = `${io} ${options.target}`;
      let json = memo.get(key);
      if (!json) {
        json = deepFreeze(standard.jsonSchema[io](options));
        memo.set(key, json);
      }
      return json;
    };
    cached = { '~standard': { ...standard, jsonSchema: { input: convert('input'), output: convert('output') } } };
    wrapped.set(schema, cached);
  }
  return cached;
}

/** Shared between servers, so nothing may change it in place. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
