// Strangers holding connections and memory: slow bodies that never finish, and large uploads
// without signing in, against a real server on the embedded database. Prints the server's memory
// before, at its peak during, and after, and /healthz latency before and during.
//   node bench/hostile-clients.ts       BENCH_SECONDS=5 for a shorter run
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASE, load, PORT, runningServerPid, SECONDS, startServer, stopServer } from './server.ts';

const SLOW_BODIES = Number(process.env.BENCH_SLOW_BODIES ?? 300);
const UPLOADS = Number(process.env.BENCH_UPLOADS ?? 20);
const UPLOAD_BYTES = 24 * 1024 * 1024;

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/** A client that announces a 24 MB import and sends a kilobyte every half second. */
function slowBody(): Socket {
  const socket = connect(PORT, '127.0.0.1', () => {
    socket.write(
      `POST /api/v1/import HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${UPLOAD_BYTES}\r\n\r\n{"a":"`,
    );
    const drip = setInterval(() => (socket.writable ? socket.write('x'.repeat(1024)) : clearInterval(drip)), 500);
    socket.on('close', () => clearInterval(drip));
  });
  socket.on('error', () => {});
  return socket;
}

/** A signed-out 24 MB import at full speed: when its answer came, and how much had been sent by then. */
function upload(): Promise<{ status: number; ms: number; sentMb: number }> {
  return new Promise((resolve) => {
    const started = performance.now();
    let sent = 0;
    const req = request(`${BASE}/api/v1/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': UPLOAD_BYTES },
    });
    req.on('response', (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, ms: performance.now() - started, sentMb: sent / 1024 / 1024 });
      req.destroy();
    });
    req.on('error', () => resolve({ status: 0, ms: performance.now() - started, sentMb: sent / 1024 / 1024 }));
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const pump = () => {
      while (sent < UPLOAD_BYTES && !req.destroyed) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!req.destroyed) req.end();
    };
    req.write('{"a":"');
    pump();
  });
}

const dataDir = mkdtempSync(join(tmpdir(), 'ca-bench-hostile-'));
// A shorter request time limit than the default 60 s, so the run sees the slow bodies cut.
const REQUEST_TIMEOUT_S = 10;
const server = startServer({ DATA_DIR: dataDir, REQUEST_TIMEOUT_S: String(REQUEST_TIMEOUT_S) });
try {
  await server.ready;
  const pid = runningServerPid();
  const before = rssMb(pid);
  console.log(`Hostile clients · embedded PGlite · ${SLOW_BODIES} slow bodies, ${UPLOADS} signed-out 24 MB uploads`);
  await load('GET /healthz, quiet', { url: `${BASE}/healthz`, connections: 10 });

  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 50);
  const slow = Array.from({ length: SLOW_BODIES }, slowBody);
  const uploads = Promise.all(Array.from({ length: UPLOADS }, upload));
  await load('GET /healthz, under attack', { url: `${BASE}/healthz`, connections: 10 });
  const answers = await uploads;
  const openAfterLoad = slow.filter((socket) => !socket.closed).length;
  // The server cuts each slow body once REQUEST_TIMEOUT_S has passed since it began.
  const cutBy = Date.now() + (REQUEST_TIMEOUT_S + 5) * 1000;
  while (slow.some((socket) => !socket.closed) && Date.now() < cutBy) await new Promise((resolve) => setTimeout(resolve, 200));
  const openAtEnd = slow.filter((socket) => !socket.closed).length;
  clearInterval(sampler);
  for (const socket of slow) socket.destroy();
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const after = rssMb(pid);

  const statuses = [...new Set(answers.map((a) => a.status))].join(', ');
  const slowest = Math.max(...answers.map((a) => a.ms));
  const mostSent = Math.max(...answers.map((a) => a.sentMb));
  console.log(
    `uploads answered ${statuses} within ${Math.round(slowest)} ms, after at most ${mostSent.toFixed(1)} of 24 MB sent`,
  );
  console.log(
    `slow bodies open after ${SECONDS} s of load: ${openAfterLoad} of ${SLOW_BODIES}; ${REQUEST_TIMEOUT_S + 5} s after they began: ${openAtEnd} (REQUEST_TIMEOUT_S=${REQUEST_TIMEOUT_S})`,
  );
  console.log(`server memory (RSS): before ${before.toFixed(0)} MB, peak ${peak.toFixed(0)} MB, after ${after.toFixed(0)} MB`);
} finally {
  await stopServer(server.child);
  rmSync(dataDir, { recursive: true, force: true });
}
