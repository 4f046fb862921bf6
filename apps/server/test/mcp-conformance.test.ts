import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type TestApp } from './helpers/app.ts';
import { listen, personalToken } from './helpers/mcp.ts';

/**
 * The official conformance suite against /mcp, for the server scenarios that apply to a server
 * with these tools (the others need the suite's own test tools; see the README). The suite has
 * no way to send a token, so it talks to a small forwarding proxy that adds one.
 */
const SCENARIOS = ['server-initialize', 'ping', 'tools-list', 'resources-list', 'prompts-list'];
const CLI = createRequire(import.meta.url)
  .resolve('@modelcontextprotocol/conformance/package.json')
  .replace(/package\.json$/, 'dist/index.js');
const run = promisify(execFile);

let t: TestApp;
let proxy: Server;
let proxyUrl: string;
const out = mkdtempSync(join(tmpdir(), 'ca-conformance-'));

beforeAll(async () => {
  t = await createTestApp();
  const target = new URL(await listen(t));
  const token = await personalToken(t, await signUp(t.app), ['read']);
  proxy = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers))
      if (typeof value === 'string' && name !== 'host') headers.set(name, value);
    headers.set('authorization', `Bearer ${token}`);
    const answer = await fetch(target, {
      method: req.method,
      headers,
      body: chunks.length ? Buffer.concat(chunks) : undefined,
    });
    res.writeHead(answer.status, Object.fromEntries(answer.headers));
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/mcp`;
});
afterAll(async () => {
  await new Promise((resolve) => proxy?.close(resolve));
  await t.close();
  rmSync(out, { recursive: true, force: true });
});

describe('MCP conformance suite', () => {
  for (const scenario of SCENARIOS) {
    it(scenario, { timeout: 60_000 }, async () => {
      const dir = join(out, scenario);
      await run(process.execPath, [CLI, 'server', '--url', proxyUrl, '--scenario', scenario, '-o', dir]).catch((err) => err);
      const files = readdirSync(dir, { recursive: true })
        .map(String)
        .filter((f) => f.endsWith('checks.json'));
      expect(files.length).toBeGreaterThan(0);
      const checks = files.flatMap(
        (f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as { id: string; status: string; errorMessage?: string }[],
      );
      expect(checks.length).toBeGreaterThan(0);
      expect(checks.filter((c) => c.status === 'FAILURE')).toEqual([]);
      expect(checks.some((c) => c.status === 'SUCCESS')).toBe(true);
    });
  }
});
