/**
 * An error that becomes an RFC 9457 problem+json answer. Services throw these; the error
 * handler turns them into responses. Anything else thrown is a 500 with no internals shown.
 */
export class HttpProblem extends Error {
  readonly status: number;
  readonly title: string;
  readonly type: string;
  readonly detail: string | undefined;
  readonly errors: { path: string; message: string }[] | undefined;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    title: string,
    options: {
      detail?: string;
      type?: string;
      errors?: { path: string; message: string }[];
      headers?: Record<string, string>;
    } = {},
  ) {
    super(options.detail ?? title);
    this.status = status;
    this.title = title;
    this.type = options.type ?? `/problems/${slug(title)}`;
    this.detail = options.detail;
    this.errors = options.errors;
    this.headers = options.headers ?? {};
  }
}

const slug = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export const badRequest = (detail: string, errors?: { path: string; message: string }[]) =>
  new HttpProblem(400, 'Invalid request', { detail, errors, type: '/problems/validation-error' });
/** Says how to sign in: a session cookie from the app, or a personal token as a Bearer credential. */
export const unauthorized = (detail = 'Sign in to continue.') =>
  new HttpProblem(401, 'Unauthorized', { detail, headers: { 'www-authenticate': 'Bearer realm="career-anchor"' } });
export const forbidden = (detail: string) => new HttpProblem(403, 'Forbidden', { detail });
/** Also the answer for another user's item: never reveal that it exists. */
export const notFound = (what = 'Resource') => new HttpProblem(404, 'Not found', { detail: `${what} not found.` });
export const conflict = (detail: string) => new HttpProblem(409, 'Conflict', { detail });
export const tooManyRequests = (retryAfterSeconds: number, detail: string) =>
  new HttpProblem(429, 'Too many requests', {
    detail,
    headers: { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) },
  });
