import type { z } from 'zod';

/** Small helpers for JSON values read from a file: kept verbatim, merged back, checked for storability. */

export type JsonObject = Record<string, unknown>;
export interface ImportProblem {
  path: string;
  message: string;
}

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A value a field leaves unsaid: the empty string, an empty list, an empty object. */
export const isEmpty = (value: unknown) =>
  value === '' || (Array.isArray(value) && value.length === 0) || (isObject(value) && Object.keys(value).length === 0);

/**
 * Sets an own property even when the key is `__proto__`: a file may hold any key, and plain
 * assignment would change the object's prototype instead of keeping the key.
 */
export function put(target: JsonObject, key: string, value: unknown) {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * `top` with what `under` has and `top` lacks: objects present in both are merged the same way;
 * for anything else `top` wins. Kept values fill in around the fields, never over them.
 */
export function layUnder(top: JsonObject, under: JsonObject): JsonObject {
  const merged: JsonObject = {};
  for (const [key, value] of Object.entries(top)) put(merged, key, value);
  for (const [key, value] of Object.entries(under)) {
    if (!Object.hasOwn(merged, key)) put(merged, key, value);
    else if (isObject(merged[key]) && isObject(value)) put(merged, key, layUnder(merged[key], value));
  }
  return merged;
}

/** A path as problems and `unknown` name it: keys joined by dots, the document itself ''. */
export const pathOf = (...parts: (string | number)[]) => parts.filter((part) => part !== '').join('.');

/** A schema's complaints, each at its path under `path`. */
export const issuesAt = (path: string, error: z.ZodError): ImportProblem[] =>
  error.issues.map((issue) => ({ path: pathOf(path, ...(issue.path as (string | number)[])), message: issue.message }));

/** A NUL (PostgreSQL text cannot hold one) or a lone UTF-16 surrogate (not text at all). */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');
/** Far deeper than any résumé: a guard against hostile nesting, which later steps would recurse into. */
export const MAX_DEPTH = 32;

/**
 * Every string and key that cannot be stored (or kept), and whether the value nests deeper than
 * `MAX_DEPTH`. Walked with a stack of its own, so no nesting can overflow the call stack.
 */
export function unstorableText(root: unknown, limit: number): { problems: ImportProblem[]; tooDeep: boolean } {
  const problems: ImportProblem[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: '', depth: 0 }];
  const report = (path: string) =>
    problems.push({ path, message: 'Contains a NUL character or a broken Unicode surrogate, which cannot be stored' });
  while (stack.length && problems.length < limit) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (UNSTORABLE.test(value)) report(path);
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_DEPTH) return { problems: [{ path, message: `Nested more than ${MAX_DEPTH} levels deep` }], tooDeep: true };
    const entries: [string, unknown][] = Array.isArray(value)
      ? value.map((inner, index) => [String(index), inner])
      : Object.entries(value);
    for (const [key, inner] of entries.reverse()) {
      // A key that cannot be stored is named with '?' in its place: the path is text too.
      const innerPath = pathOf(path, UNSTORABLE.test(key) ? key.replace(UNSTORABLE_ALL, '?') : key);
      if (innerPath !== pathOf(path, key)) report(innerPath);
      // JSON allows it, but parsing it into an object (as the contracts do) drops it.
      if (key === '__proto__') problems.push({ path: innerPath, message: 'A key named __proto__ cannot be kept' });
      stack.push({ value: inner, path: innerPath, depth: depth + 1 });
    }
  }
  return { problems, tooDeep: false };
}
