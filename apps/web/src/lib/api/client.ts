import createClient from 'openapi-fetch';
import type { components, paths } from './schema';

/**
 * The typed API client. Its types come from the committed OpenAPI document, which the server
 * generates from the same zod schemas it validates with: a server change that breaks the web
 * fails the type-check.
 */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });

export type Schemas = components['schemas'];
export type User = Schemas['User'];
/** A problem document; an error answer that is not one (a proxy's page) counts as RFC 9457's about:blank. */
export type Problem = Omit<Schemas['Problem'], 'type'> & { type: Schemas['Problem']['type'] | 'about:blank' };

/** A problem+json answer, thrown so pages can show it next to the form that caused it. */
export class ApiError extends Error {
  readonly problem: Problem;
  readonly retryAfter: number | null;
  constructor(problem: Problem, retryAfter: number | null) {
    super(problem.detail ?? problem.title);
    this.problem = problem;
    this.retryAfter = retryAfter;
  }
}

/** The network itself failed: no answer at all. */
export class NetworkError extends Error {}

type Result<T> = { data?: T; error?: unknown; response: Response };

/** Awaits an API call and returns its data, or throws ApiError / NetworkError. */
export async function call<T>(request: Promise<Result<T>>): Promise<T> {
  let result: Result<T>;
  try {
    result = await request;
  } catch (err) {
    throw new NetworkError(err instanceof Error ? err.message : String(err));
  }
  if (result.response.ok) return result.data as T;
  const problem: Problem = isProblem(result.error)
    ? result.error
    : { type: 'about:blank', title: result.response.statusText, status: result.response.status };
  const retryAfter = Number(result.response.headers.get('retry-after')) || null;
  throw new ApiError(problem, retryAfter);
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'status' in value && 'title' in value;
}
