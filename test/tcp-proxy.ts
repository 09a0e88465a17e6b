import net from 'node:net';

/**
 * A TCP relay on loopback that a test can break the way real outages break a database link:
 *  - `cut()`: the server is gone — every open connection is reset and new ones are refused;
 *  - `freeze()`: the server hangs (or the network drops packets) — connections stay open and new
 *    ones are accepted, but not a byte moves in either direction until `restore()`.
 * `restore()` brings the link back (frozen bytes are delivered then, as after a stall).
 */
export type TcpProxy = {
  port: number;
  url: (databaseUrl: string) => string;
  cut: () => Promise<void>;
  freeze: () => void;
  restore: () => Promise<void>;
  close: () => Promise<void>;
};

export async function startTcpProxy(target: { host: string; port: number }, listenPort = 0): Promise<TcpProxy> {
  const pairs = new Set<{ client: net.Socket; upstream: net.Socket }>();
  let frozen = false;
  let port = listenPort;
  let server: net.Server | null = null;

  const onConnection = (client: net.Socket) => {
    const upstream = net.connect(target.port, target.host);
    const pair = { client, upstream };
    pairs.add(pair);
    const drop = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    if (!frozen) connect(pair);
  };

  // Unpiped and paused, a socket keeps what arrives in its buffer: nothing moves until it is piped again.
  const connect = ({ client, upstream }: { client: net.Socket; upstream: net.Socket }) => {
    client.pipe(upstream);
    upstream.pipe(client);
  };
  const hold = ({ client, upstream }: { client: net.Socket; upstream: net.Socket }) => {
    client.unpipe(upstream);
    upstream.unpipe(client);
    client.pause();
    upstream.pause();
  };

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = net.createServer(onConnection);
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        port = (s.address() as net.AddressInfo).port;
        server = s;
        resolve();
      });
    });

  const stopListening = () =>
    new Promise<void>((resolve) => {
      const s = server;
      server = null;
      if (!s) return resolve();
      s.close(() => resolve());
    });

  await listen();

  return {
    get port() {
      return port;
    },
    url: (databaseUrl) => {
      const u = new URL(databaseUrl);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    cut: async () => {
      frozen = false;
      const closing = stopListening();
      for (const { client, upstream } of pairs) {
        client.resetAndDestroy();
        upstream.destroy();
      }
      pairs.clear();
      await closing;
    },
    freeze: () => {
      frozen = true;
      for (const pair of pairs) hold(pair);
    },
    restore: async () => {
      if (frozen) for (const pair of pairs) connect(pair);
      frozen = false;
      if (!server) await listen();
    },
    close: async () => {
      for (const { client, upstream } of pairs) {
        client.destroy();
        upstream.destroy();
      }
      pairs.clear();
      await stopListening();
    },
  };
}
