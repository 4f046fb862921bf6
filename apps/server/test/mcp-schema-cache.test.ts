import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LogWorkArgs } from '@career-anchor/contracts';
import { withCachedJsonSchema } from '../src/services/mcp/schema-cache.ts';

describe('MCP tool schemas', () => {
  it('are converted to JSON Schema once, with the same result as zod, and still validate with zod', async () => {
    const wrapped = withCachedJsonSchema(LogWorkArgs);
    expect(withCachedJsonSchema(LogWorkArgs)).toBe(wrapped);
    const options = { target: 'draft-2020-12' } as const;
    const first = wrapped['~standard'].jsonSchema.input(options);
    expect(first).toEqual(z.toJSONSchema(LogWorkArgs, { target: 'draft-2020-12', io: 'input' }));
    expect(wrapped['~standard'].jsonSchema.input(options)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(wrapped['~standard'].jsonSchema.output(options)).not.toBe(first);

    const bad = await wrapped['~standard'].validate({ text: 42 });
    expect(bad.issues?.length).toBeGreaterThan(0);
    const good = await wrapped['~standard'].validate({ text: 'Shipped it' });
    expect(good.issues).toBeUndefined();
  });
});
