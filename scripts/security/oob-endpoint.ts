/**
 * A loopback stand-in for wapiti's out-of-band endpoint (by default wapiti3.ovh, which these
 * machines cannot reach). wapiti's ssrf module injects URLs like
 *   <endpoint>ssrf/<session>/<path id>/<hex of parameter name>/
 * and afterwards asks <endpoint>get_ssrf.php?id=<session> which requests arrived; without an
 * endpoint it can only say "unable to request endpoint". Any request the app under scan makes to
 * this server is recorded and reported back in the shape wapiti expects.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OobHit {
  url: string;
  date: string;
  ip: string;
  method: string;
  size: number;
  payload: string;
}

export interface OobEndpoint {
  url: string;
  /** session → path id → hex parameter → hits */
  hits: Map<string, Map<string, Map<string, OobHit[]>>>;
  close(): Promise<void>;
}

export async function startOobEndpoint(port = 0): Promise<OobEndpoint> {
  const hits: OobEndpoint['hits'] = new Map();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = /^\/get_(ssrf|xxe)\.php$/.exec(url.pathname);
    if (query) {
      const session = hits.get(url.searchParams.get('id') ?? '');
      const body: Record<string, Record<string, OobHit[]>> = {};
      for (const [pathId, params] of session ?? []) body[pathId] = Object.fromEntries(params);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
      return;
    }
    const m = /^\/(ssrf|dtd|xoxo)\/([^/]+)\/(\d+)\/([0-9a-fA-F]+)\//.exec(url.pathname);
    let size = 0;
    req.on('data', (chunk: Buffer) => (size += chunk.length));
    req.on('end', () => {
      if (m) {
        const [, kind, session, pathId, hex] = m as unknown as [string, string, string, string, string];
        const bySession = hits.get(session) ?? new Map<string, Map<string, OobHit[]>>();
        hits.set(session, bySession);
        const byPath = bySession.get(pathId) ?? new Map<string, OobHit[]>();
        bySession.set(pathId, byPath);
        byPath.set(hex, [
          ...(byPath.get(hex) ?? []),
          {
            url: url.pathname,
            date: new Date().toISOString(),
            ip: req.socket.remoteAddress ?? '',
            method: req.method ?? 'GET',
            size,
            payload: kind,
          },
        ]);
      }
      res.writeHead(m ? 200 : 404, { 'content-type': 'text/plain' });
      res.end(m ? 'ok' : 'not found');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}/`,
    hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Total requests the app made to the endpoint. */
export function countHits(endpoint: OobEndpoint): number {
  let n = 0;
  for (const s of endpoint.hits.values()) for (const p of s.values()) for (const h of p.values()) n += h.length;
  return n;
}
