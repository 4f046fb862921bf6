import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted answer of the fake model, used by the next request in order. */
export type FakeResponse =
  /** The assistant message content is this value as JSON (streamed in several deltas if asked). */
  | { json: unknown; usage?: FakeUsage }
  /** The assistant message content is this text as it stands: for malformed answers. */
  | { text: string; usage?: FakeUsage }
  /** An HTTP error with an OpenAI-style error body. */
  | { status: number; headers?: Record<string, string>; message?: string }
  /** The connection is closed without an answer. */
  | { reset: true }
  /** No answer at all until the client gives up (or the server closes). */
  | { hang: true };

export interface FakeUsage {
  promptTokens: number;
  completionTokens: number;
}

/** A chat-completions request body as the fake received it. */
export interface FakeRequest {
  model: string;
  messages: { role: string; content: unknown }[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  response_format?: unknown;
  [key: string]: unknown;
}

export interface FakeModel {
  /** Base URL for an OpenAI-compatible client, ending in `/v1`. */
  baseUrl: string;
  /** The JSON bodies of the chat-completions requests received, in order. */
  requests: FakeRequest[];
  /** The headers of those requests, in the same order. */
  headers: IncomingHttpHeaders[];
  /** Queues answers for the next requests. */
  script(...responses: FakeResponse[]): void;
  /** Scripted answers not yet used. */
  pending(): number;
  /** What to answer (as JSON) once the script is used up. */
  setDefault(answer: (request: FakeRequest) => unknown): void;
  /** Forgets recorded requests and unused script entries. */
  reset(): void;
  close(): Promise<void>;
}

/**
 * A local stand-in for an OpenAI-compatible chat-completions server (`POST /v1/chat/completions`
 * and `/chat/completions`), plain JSON and server-sent events, with token usage in both. It listens
 * on 127.0.0.1 on a free port, so tests need no network and no key.
 */
export async function startFakeModel(): Promise<FakeModel> {
  const requests: FakeRequest[] = [];
  const headers: IncomingHttpHeaders[] = [];
  const queue: FakeResponse[] = [];
  let fallback: (request: FakeRequest) => unknown = () => ({ ok: true });
  let counter = 0;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0];
      if (req.method !== 'POST' || (path !== '/v1/chat/completions' && path !== '/chat/completions')) {
        return sendJson(res, 404, { error: { message: `no route ${req.method} ${path}`, type: 'not_found' } });
      }
      let body: FakeRequest;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as FakeRequest;
      } catch {
        return sendJson(res, 400, { error: { message: 'body is not JSON', type: 'invalid_request_error' } });
      }
      requests.push(body);
      headers.push(req.headers);
      const next = queue.shift() ?? { json: fallback(body) };
      answer(res, body, next, `chatcmpl-fake-${++counter}`);
    });
  });

  function answer(res: ServerResponse, body: FakeRequest, next: FakeResponse, id: string) {
    if ('reset' in next) {
      res.socket?.destroy();
      return;
    }
    if ('hang' in next) return;
    if ('status' in next) {
      return sendJson(
        res,
        next.status,
        { error: { message: next.message ?? `fake error ${next.status}`, type: 'server_error', code: null } },
        next.headers,
      );
    }
    const content = 'json' in next ? JSON.stringify(next.json) : next.text;
    const usage = next.usage ?? {
      promptTokens: estimate(JSON.stringify(body.messages)),
      completionTokens: estimate(content),
    };
    const usageJson = {
      prompt_tokens: usage.promptTokens,
      completion_tokens: usage.completionTokens,
      total_tokens: usage.promptTokens + usage.completionTokens,
    };
    const created = Math.floor(Date.now() / 1000);
    if (!body.stream) {
      return sendJson(res, 200, {
        id,
        object: 'chat.completion',
        created,
        model: body.model,
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        usage: usageJson,
      });
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
      res.write(
        `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, choices, ...extra })}\n\n`,
      );
    chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]);
    for (const piece of split(content, 4)) chunk([{ index: 0, delta: { content: piece }, finish_reason: null }]);
    chunk([{ index: 0, delta: {}, finish_reason: 'stop' }]);
    // Like OpenAI: usage comes in a last chunk, only when the client asked for it.
    if (body.stream_options?.include_usage) chunk([], { usage: usageJson });
    res.end('data: [DONE]\n\n');
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    headers,
    script: (...responses) => void queue.push(...responses),
    pending: () => queue.length,
    setDefault(answer) {
      fallback = answer;
    },
    reset() {
      requests.length = 0;
      headers.length = 0;
      queue.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...extra });
  res.end(JSON.stringify(body));
}

/** About four characters a token, never zero for a non-empty text. */
const estimate = (text: string) => Math.max(1, Math.ceil(text.length / 4));

/** Splits a text into about `parts` pieces, so a stream has several deltas. */
function split(text: string, parts: number): string[] {
  const chars = Array.from(text);
  if (chars.length <= 1) return [text];
  const size = Math.ceil(chars.length / parts);
  const pieces: string[] = [];
  for (let i = 0; i < chars.length; i += size) pieces.push(chars.slice(i, i + size).join(''));
  return pieces;
}
