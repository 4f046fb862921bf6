import type { AddressInfo } from 'node:net';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import type { TestApp } from './app.ts';
import { as, type TestUser } from './app.ts';

/** Starts the test app listening on a free port; answers the /mcp URL. */
export async function listen(t: TestApp): Promise<string> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as AddressInfo;
  return `http://127.0.0.1:${port}/mcp`;
}

export async function personalToken(t: TestApp, user: TestUser, scopes: ('read' | 'write')[] = ['read', 'write']) {
  const res = await as(t.app, user).post('/api/v1/auth/tokens', { name: `mcp ${scopes.join('+')}`, scopes });
  if (res.statusCode !== 201) throw new Error(`token: ${res.statusCode} ${res.body}`);
  return res.json().token as string;
}

/** The official MCP client, connected over Streamable HTTP with a bearer token. */
export async function connect(url: string, token: string) {
  const client = new Client({ name: 'career-anchor-tests', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { authorization: `Bearer ${token}` } },
  });
  await client.connect(transport);
  return client;
}

/** A raw JSON-RPC POST, for what a well-behaved client never sends. */
export function rawPost(url: string, token: string, body: string, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': '2025-11-25',
      ...headers,
    },
    body,
  });
}
