import type { FastifyInstance } from 'fastify';
import { HttpProblem } from '../lib/problem.ts';

/** A NUL (PostgreSQL text cannot hold one) or a lone UTF-16 surrogate (not text at all). */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Deeper than any request this API takes: a guard against a hostile nesting, not a limit of its own. */
const MAX_DEPTH = 64;

/** The path of the first string (or key) in `value` that cannot be stored, if any. */
function findUnstorable(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? path : undefined;
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorable(value[i], `${path}.${i}`, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const [key, inner] of Object.entries(value)) {
    if (UNSTORABLE.test(key)) return `${path}.${key.replace(UNSTORABLE, '?')}`;
    const found = findUnstorable(inner, `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * Text the database cannot store is refused at the edge, on every route: a 400 naming the field
 * (in the path, the query or the body), before any service sees it, instead of a failed query.
 * Refused rather than stripped: a NUL or a broken surrogate is never what a person typed.
 */
export function registerUnstorableTextCheck(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    const path =
      findUnstorable(request.params, 'params') ?? findUnstorable(request.query, 'query') ?? findUnstorable(request.body, 'body');
    if (!path) return;
    const field = path.replace(/^(params|query|body)\.?/, '') || path;
    throw new HttpProblem('unstorable-text', {
      detail: 'A value holds a NUL character or a broken Unicode surrogate, which cannot be stored as text.',
      errors: [{ path: field, message: 'Contains a NUL character or a lone surrogate' }],
    });
  });
}
