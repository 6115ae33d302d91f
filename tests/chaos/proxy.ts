// A loopback proxy between the extension and the hub that misbehaves on purpose: offline (connections refused),
// or a share of requests answered 500 (never forwarded) or forwarded with the answer withheld until the client
// gives up, like a flaky network.
import { createServer, request, type Server } from 'node:http';

type ProxyMode = 'online' | 'offline';

export interface ChaosProxy {
  url: string;
  setMode(mode: ProxyMode): void;
  /** Share of requests (0..1) answered 500, and share left without an answer. */
  setFaults(errorRate: number, timeoutRate: number): void;
  stats: { forwarded: number; errors: number; timeouts: number; refused: number };
  /** Every request that reached the proxy, as `METHOD url headers body`, for privacy checks. */
  recorded: string[];
  close(): Promise<void>;
}

export async function startChaosProxy(target: () => string, random = Math.random): Promise<ChaosProxy> {
  let mode: ProxyMode = 'online';
  let errorRate = 0;
  let timeoutRate = 0;
  const stats = { forwarded: 0, errors: 0, timeouts: 0, refused: 0 };
  const recorded: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () =>
      recorded.push(`${req.method} ${req.url} ${JSON.stringify(req.headers)} ${Buffer.concat(chunks).toString()}`),
    );
    if (mode === 'offline') {
      stats.refused++;
      req.socket.destroy();
      return;
    }
    const roll = random();
    if (roll < errorRate) {
      stats.errors++;
      res.writeHead(500, { 'content-type': 'text/plain' }).end('injected error');
      return;
    }
    const upstream = new URL(req.url ?? '/', target());
    if (roll < errorRate + timeoutRate) {
      stats.timeouts++;
      // Hang: the request reaches the hub, which may store the batch, but its answer never comes back. The
      // client's own timeout ends the wait (cut here after a minute at the latest), and its retry must not double.
      const forward = request(upstream, { method: req.method, headers: { ...req.headers, host: upstream.host } }, (a) =>
        a.resume(),
      );
      forward.on('error', () => undefined);
      req.pipe(forward);
      setTimeout(() => req.socket.destroy(), 60_000).unref();
      return;
    }
    const forward = request(
      upstream,
      { method: req.method, headers: { ...req.headers, host: upstream.host } },
      (answer) => {
        stats.forwarded++;
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => req.socket.destroy()); // hub down: the client sees a network error
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    setMode: (next) => {
      mode = next;
    },
    setFaults: (errors, timeouts) => {
      errorRate = errors;
      timeoutRate = timeouts;
    },
    stats,
    recorded,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
