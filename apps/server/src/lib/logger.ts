import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * The process's logger, with the log policy built in: a request is logged by method and path (no
 * query string: reset, verification and unsubscribe links carry their token there), never with its
 * headers or body; a failed query is logged by its error code, never its SQL parameters; and any
 * secret shape that slips through anyway (argon2 hashes, personal tokens, sealed keys, session ids
 * and token hashes) is masked in the written line.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    serializers: { req: serializeRequest, err: serializeError, error: serializeError },
    redact: ['req.headers', 'res.headers', 'body', 'params', 'query'],
    hooks: { streamWrite: maskSecrets },
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * A path without its query: `/reset-password?token=…` is logged as `/reset-password?…`; and
 * without a secret it carries itself: a calendar feed's `/ical/{token}.ics` as `/ical/…`.
 */
export const pathOnly = (url: string) => {
  if (/^\/ical\//i.test(url)) return '/ical/…';
  const at = url.indexOf('?');
  return at < 0 ? url : `${url.slice(0, at)}?…`;
};

interface RequestLike {
  method?: string;
  url?: string;
  id?: string;
  ip?: string;
  socket?: { remoteAddress?: string };
}

function serializeRequest(req: RequestLike) {
  return { id: req.id, method: req.method, url: pathOnly(req.url ?? ''), remoteAddress: req.ip ?? req.socket?.remoteAddress };
}

/**
 * An error as its name, code and stack, with its message only when it cannot quote input: a failed
 * query's message carries its SQL and parameters (Drizzle) or the offending value (PostgreSQL).
 */
function serializeError(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const pg = queryErrorOf(err);
  if (pg) {
    return {
      type: err.name,
      code: pg.code,
      routine: pg.routine,
      table: pg.table,
      constraint: pg.constraint,
      message: 'query failed',
    };
  }
  const base = pino.stdSerializers.err(err);
  return { type: base.type, message: base.message, stack: base.stack, code: (err as { code?: unknown }).code };
}

interface PgError {
  code?: string;
  routine?: string;
  table?: string;
  constraint?: string;
}

/** The database error behind an error, if it is a failed query (PostgreSQL codes are five characters). */
function queryErrorOf(err: Error): PgError | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as PgError).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return e as PgError;
    if ((e as Error).name === 'DrizzleQueryError') return { code: undefined };
  }
  return undefined;
}

const SECRET_SHAPES: [RegExp, string][] = [
  [/\$argon2(?:id|i|d)\$[^"\s\\]*/g, '[argon2 hash]'],
  [/ca_pat_[A-Za-z0-9_-]+/g, 'ca_pat_[redacted]'],
  // Sealed values (lib/sealing.ts): v1.<iv>.<tag>.<body>.
  [/\bv1\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+/g, '[sealed]'],
  // Session ids, one-time tokens and their hashes: 256-bit base64url strings.
  [/(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g, '[secret]'],
];

export function maskSecrets(line: string): string {
  let masked = line;
  for (const [shape, replacement] of SECRET_SHAPES) masked = masked.replace(shape, replacement);
  return masked;
}
