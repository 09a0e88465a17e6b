/**
 * The chat section of `npm run bench` (#14): CHAT_CONNECTIONS (500) chat streams held open on one
 * `next start` process over loopback for CHAT_SECONDS (120), while customers send messages into
 * random chats and the supervisor's stream of each chat — the other party — receives them.
 * Reported: delivery p50/p95/p99 (from the POST leaving the customer to the message arriving on
 * the supervisor's stream), messages sent and lost, connections dropped, and the server's RSS
 * growth per open connection.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { buildIfNeeded, startServer, waitUntilReady } from '../scripts/app-server';
import { pct, round, signIn } from './http/load';
import { treeRssKb } from './http/proc';

const PORT = process.env.BENCH_PORT ?? '3210';
const CONNECTIONS = Number(process.env.CHAT_CONNECTIONS ?? 500);
const SECONDS = Number(process.env.CHAT_SECONDS ?? 120);
/** Messages per second across all chats (one customer typing in each chat every ~25 s at 500). */
const RATE = Number(process.env.CHAT_RATE ?? 20);

export type ChatBenchResult = {
  connections: number;
  seconds: number;
  sent: number;
  delivered: number;
  dropped: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  rss_idle_mb: number;
  rss_open_mb: number;
  rss_per_connection_kb: number;
};

type Stream = { chatId: string; closed: boolean; abort: AbortController };

/** Opens one chat's stream and calls `onMessage(body)` for every message event on it. */
async function openStream(base: string, cookie: string, chatId: string, onMessage: (body: string) => void) {
  const abort = new AbortController();
  const res = await fetch(`${base}/api/chat/${chatId}/events`, { headers: { cookie }, signal: abort.signal });
  if (!res.ok || !res.body) throw new Error(`stream for ${chatId} answered HTTP ${res.status}`);
  const stream: Stream = { chatId, closed: false, abort };
  void (async () => {
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          if (!block.includes('event: message')) continue;
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (data) onMessage((JSON.parse(data.slice(6)) as { body: string }).body);
        }
      }
    } catch {
      // aborted at the end of the run, or dropped: told apart by `abort.signal.aborted`
    }
    stream.closed = true;
  })();
  return stream;
}

async function post(base: string, cookie: string, path: string, body: unknown): Promise<Response> {
  return fetch(`${base}${path}`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json', origin: base },
    body: JSON.stringify(body),
  });
}

export async function chatLoad(dbEnv: Record<string, string>): Promise<ChatBenchResult> {
  const env = {
    ...process.env,
    ...dbEnv,
    AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(32).toString('base64url'),
    LOG_LEVEL: 'warn',
    JOBS: 'off',
  };
  buildIfNeeded(env);
  const base = `http://127.0.0.1:${PORT}`;
  const server: ChildProcess = startServer(PORT, { ...env, WEB_CONCURRENCY: '1' }, 'ignore');
  const streams: Stream[] = [];
  try {
    if (!(await waitUntilReady(base, server))) throw new Error('the app server did not become ready');
    const customer = await signIn(base, 'customer@example.com', 'afterdesk-demo');
    const supervisor = await signIn(base, 'supervisor@example.com', 'afterdesk-demo');

    const chatIds: string[] = [];
    for (let i = 0; i < CONNECTIONS; i++) {
      const res = await post(base, customer, '/api/chat', { body: `bench chat ${i}` });
      if (res.status !== 201) throw new Error(`starting a chat answered HTTP ${res.status}: ${await res.text()}`);
      chatIds.push(((await res.json()) as { chatId: string }).chatId);
    }
    await new Promise((r) => setTimeout(r, 2000));
    const idleKb = treeRssKb(server.pid!);

    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    const onMessage = (body: string) => {
      const t0 = sentAt.get(body);
      if (t0 === undefined) return;
      latencies.push(performance.now() - t0);
      sentAt.delete(body);
    };
    for (let i = 0; i < chatIds.length; i += 50) {
      const batch = chatIds.slice(i, i + 50).map((id) => openStream(base, supervisor, id, onMessage));
      streams.push(...(await Promise.all(batch)));
    }
    await new Promise((r) => setTimeout(r, 3000));
    const openKb = treeRssKb(server.pid!);

    let sent = 0;
    // Collected, not thrown from a callback: the server must still be stopped after a failure.
    const failures: string[] = [];
    const end = performance.now() + SECONDS * 1000;
    const pending: Promise<void>[] = [];
    while (performance.now() < end) {
      const chatId = chatIds[Math.floor(Math.random() * chatIds.length)]!;
      const body = `bench ${sent++} ${chatId.slice(0, 8)}`;
      sentAt.set(body, performance.now());
      pending.push(
        post(base, customer, `/api/chat/${chatId}/messages`, { body }).then(
          async (res) => {
            if (res.status !== 201) failures.push(`HTTP ${res.status}: ${await res.text()}`);
          },
          (err: Error) => void failures.push(err.message),
        ),
      );
      await new Promise((r) => setTimeout(r, 1000 / RATE));
    }
    await Promise.all(pending);
    if (failures.length) throw new Error(`${failures.length} messages failed, first: ${failures[0]}`);
    await new Promise((r) => setTimeout(r, 2000));
    const dropped = streams.filter((s) => s.closed).length;
    latencies.sort((a, b) => a - b);
    return {
      connections: streams.length,
      seconds: SECONDS,
      sent,
      delivered: latencies.length,
      dropped,
      p50_ms: round(pct(latencies, 50)),
      p95_ms: round(pct(latencies, 95)),
      p99_ms: round(pct(latencies, 99)),
      rss_idle_mb: Math.round(idleKb / 1024),
      rss_open_mb: Math.round(openKb / 1024),
      rss_per_connection_kb: round((openKb - idleKb) / streams.length),
    };
  } finally {
    for (const s of streams) s.abort.abort();
    server.kill('SIGTERM');
    await new Promise((r) => (server.exitCode === null ? server.once('exit', r) : r(null)));
  }
}
