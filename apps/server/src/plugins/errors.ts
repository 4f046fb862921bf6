import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { Problem } from '@career-anchor/contracts';
import { HttpProblem } from '../lib/problem.ts';

type ProblemBody = Problem;

export function sendProblem(reply: FastifyReply, problem: HttpProblem) {
  const body: ProblemBody = { type: problem.type, title: problem.title, status: problem.status };
  if (problem.detail) body.detail = problem.detail;
  if (problem.errors) body.errors = problem.errors;
  return reply.code(problem.status).headers(problem.headers).type('application/problem+json').send(body);
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** The methods some route takes at this path (HEAD with every GET). */
export const methodsAt = (app: FastifyInstance, path: string) => METHODS.filter((method) => app.findRoute({ method, url: path }));

/** No route for this method and path: 405 with `Allow` when the path takes other methods, else 404. */
export function unrouted(app: FastifyInstance, request: FastifyRequest): HttpProblem {
  const path = request.url.split('?')[0]!;
  const allowed = methodsAt(app, path);
  if (!allowed.length) return new HttpProblem('not-found', { detail: `No route ${request.method} ${path}.` });
  return new HttpProblem('method-not-allowed', {
    detail: `${path} takes ${allowed.join(', ')}, not ${request.method}.`,
    headers: { allow: allowed.join(', ') },
  });
}

/**
 * A query string with a broken percent-encoding (or bytes that are not UTF-8) is refused like
 * such a path, rather than read as the literal text the parser would otherwise keep.
 */
function malformedQuery(url: string): HttpProblem | undefined {
  const start = url.indexOf('?');
  if (start < 0 || !url.includes('%', start)) return undefined;
  try {
    decodeURIComponent(url.slice(start + 1));
    return undefined;
  } catch {
    return new HttpProblem('malformed-url', { detail: 'The query string is not valid (check its percent-encoding).' });
  }
}

/** Fastify's own refusals of a request, by error code. */
const FASTIFY_CLIENT_ERRORS: Record<string, () => HttpProblem> = {
  FST_ERR_CTP_INVALID_JSON_BODY: () => new HttpProblem('malformed-json', { detail: 'The request body is not valid JSON.' }),
  FST_ERR_CTP_EMPTY_JSON_BODY: () => new HttpProblem('malformed-json', { detail: 'The request body is empty.' }),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () =>
    new HttpProblem('unsupported-media-type', { detail: 'Send the body as application/json.' }),
  FST_ERR_CTP_BODY_TOO_LARGE: () => new HttpProblem('payload-too-large', { detail: 'The request body is too large.' }),
};

/** Where a validation failure was, as the detail names it. */
const WHERE: Record<string, string> = {
  body: 'The body has',
  querystring: 'The query has',
  params: 'The path has',
  headers: 'The headers have',
};

/** Turns whatever was thrown into an RFC 9457 answer; a 500 never shows internals. */
export function toProblem(error: FastifyError | Error, request: FastifyRequest): HttpProblem {
  if (error instanceof HttpProblem) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = (error as FastifyError).validationContext ?? 'body';
    const errors = error.validation.map((issue) => ({
      path: issue.instancePath.replace(/^\//, '').replaceAll('/', '.') || context,
      message: issue.message ?? 'Invalid value',
    }));
    return new HttpProblem('validation-error', {
      detail: `${WHERE[context] ?? 'The request has'} ${errors.length === 1 ? 'an invalid field' : 'invalid fields'}.`,
      errors,
    });
  }
  if (isResponseSerializationError(error)) {
    request.log.error({ err: error, issues: error.cause.issues }, 'response did not match its schema');
    return internal(request);
  }
  const code = (error as FastifyError).code;
  const known = code ? FASTIFY_CLIENT_ERRORS[code] : undefined;
  if (known) return known();
  if (isDataException(error)) {
    // The database refused a value the schemas let through (a NUL character, a date out of its
    // range): the input's fault, and the transaction wrote nothing.
    return new HttpProblem('invalid-value', {
      detail: 'A value in the request cannot be stored (for example a NUL character, or a date out of range).',
    });
  }
  const status = (error as FastifyError).statusCode;
  if (status === 429) return new HttpProblem('too-many-requests', { detail: 'Slow down and try again shortly.' });
  if (status && status >= 400 && status < 500) {
    // Another refusal of the request as sent (a body shorter than its Content-Length, a client
    // that went away mid-body): its message is Fastify's or Node's, about the request alone.
    if (status !== 400) request.log.warn({ err: error, status }, 'a client error without a problem type; answered 400');
    return new HttpProblem('bad-request', { detail: error.message });
  }
  request.log.error({ err: error }, 'unhandled error');
  return internal(request);
}

/** PostgreSQL's class 22, "data exception": a value, not the server, was wrong. */
function isDataException(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code)) return true;
  }
  return false;
}

const internal = (request: FastifyRequest) =>
  new HttpProblem('internal-server-error', {
    detail: `Something went wrong on our side. Quote request id ${request.id} when reporting it.`,
  });

export default fp(async function errorsPlugin(app: FastifyInstance) {
  app.setErrorHandler((error, request, reply) => sendProblem(reply, toProblem(error as FastifyError, request)));
  app.addHook('onRequest', async (request) => {
    const problem = malformedQuery(request.url);
    if (problem) throw problem;
  });
});
