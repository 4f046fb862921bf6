import { PROBLEM_TYPES, problemType, type ProblemSlug, type ProblemTypeUri } from '@career-anchor/contracts';

const BEARER = 'Bearer realm="career-anchor"';

/**
 * An error that becomes an RFC 9457 problem+json answer. Services throw these; the error
 * handler turns them into responses. Anything else thrown is a 500 with no internals shown.
 * Its type, status and title come from the catalogue (`PROBLEM_TYPES` in the contracts), so every
 * type the server answers has a page at `GET /problems/{slug}`.
 */
export class HttpProblem extends Error {
  readonly status: number;
  readonly title: string;
  readonly type: ProblemTypeUri;
  readonly detail: string | undefined;
  readonly errors: { path: string; message: string }[] | undefined;
  readonly headers: Record<string, string>;

  constructor(
    slug: ProblemSlug,
    options: {
      detail?: string;
      errors?: { path: string; message: string }[];
      headers?: Record<string, string>;
    } = {},
  ) {
    const entry = PROBLEM_TYPES[slug];
    super(options.detail ?? entry.title);
    this.status = entry.status;
    this.title = entry.title;
    this.type = problemType(slug);
    this.detail = options.detail;
    this.errors = options.errors;
    // RFC 9110 §15.5.2: every 401 says how to authenticate.
    this.headers = entry.status === 401 ? { 'www-authenticate': BEARER, ...options.headers } : (options.headers ?? {});
  }
}

export const badRequest = (detail: string, errors?: { path: string; message: string }[]) =>
  new HttpProblem('validation-error', { detail, errors });
/** Says how to sign in: a session cookie from the app, or a personal token as a Bearer credential. */
export const unauthorized = (detail = 'Sign in to continue.') => new HttpProblem('unauthorized', { detail });
export const forbidden = (detail: string) => new HttpProblem('forbidden', { detail });
/** Also the answer for another user's item: never reveal that it exists. */
export const notFound = (what = 'Resource') => new HttpProblem('not-found', { detail: `${what} not found.` });
export const conflict = (detail: string) => new HttpProblem('conflict', { detail });
export const tooManyRequests = (retryAfterSeconds: number, detail: string) =>
  new HttpProblem('too-many-requests', {
    detail,
    headers: { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) },
  });
