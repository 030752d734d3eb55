import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Readable, type Duplex } from 'node:stream';
import { request, type Dispatcher } from 'undici';
import { createDispatcher, flattenHeaders } from '../http/client.js';
import { describeError } from '../http/errors.js';
import { ArrivalClock } from '../http/arrival-clock.js';
import { ByteQueue } from './byte-queue.js';
import { forwardedHeaders } from './headers.js';
import { proxyErrorBody } from './proxy-error.js';
import { tunnelUpgrade } from './tunnel.js';
import { apiPrefix, checkedRoute, type CheckedRoute } from './routes.js';

/**
 * The forwarding half of the proxy: a node:http server on 127.0.0.1 that sends every request to
 * the target's origin (same method, path, query, headers and bytes; redirects handed back, never
 * followed) and streams the answer back chunk by chunk as it arrives, pausing the target when the
 * client reads slowly. For a judged route (routes.ts) the request body is kept as it is sent on
 * (it is the checks' `request`, up to a cap) and each answer chunk, once written to the client, is pushed to a
 * ByteQueue the checks read at their own pace. A WebSocket upgrade becomes a plain tunnel to the
 * target (tunnel.ts), forwarded but not judged.
 */

/** What the proxy saw of an answer: its head and its body's bytes for the checks. */
export interface ProxiedAnswer {
  status: number;
  headers: Record<string, string>;
  /** When the status line and headers came (performance.now() scale, see ArrivalClock). */
  headersAt: number;
  body: ByteQueue;
}

/** One judged exchange as the forwarding side hands it over, before its answer has come. */
export interface ProxiedExchange {
  method: string;
  /** The request target as received: path and query. */
  url: string;
  route: CheckedRoute;
  /** As received, secrets included: for forwarding and for learning what to redact, never for printing. */
  requestHeaders: Record<string, string>;
  /** The request body once it has been sent on, or `too-large` past the cap (it was forwarded all the same). */
  requestBody: Promise<Buffer | 'too-large'>;
  /** `performance.now()` when the request arrived. */
  startedAt: number;
  /** The answer's head, or why none came (the target could not be reached). */
  answer: Promise<ProxiedAnswer | { unreachable: string }>;
  /** Settles once the answer is forwarded whole or broke off. */
  finished: Promise<void>;
  /** Why the exchange ended early on the proxy's or the client's side; then the checks cannot blame the target. */
  interrupted(): string | undefined;
}

export interface ProxyServerOptions {
  target: URL;
  /**
   * --max-body-bytes: the bytes of a judged request's body kept for the checks, and how far the
   * checks may fall behind an answer; the whole of both is forwarded regardless.
   */
  maxBodyBytes: number;
  /** 0 picks a free port. */
  port: number;
  /** Sees each judged exchange as it starts; must not throw. */
  onExchange: (exchange: ProxiedExchange) => void;
  /** One console line: an answer the target could not give, a tunnelled upgrade. */
  log: (line: string) => void;
}

export interface ProxyServer {
  url: string;
  /** Stops accepting, lets open exchanges finish for `graceMs`, then cuts the rest; returns how many were cut. */
  close(graceMs: number): Promise<number>;
}

/** An open exchange, for stopping: how to cut it and when it is over. */
interface OpenExchange {
  finished: Promise<void>;
  cut(): void;
}

export async function startProxyServer(options: ProxyServerOptions): Promise<ProxyServer> {
  const target = options.target;
  const prefix = apiPrefix(target);
  const dispatcher = createDispatcher();
  const open = new Set<OpenExchange>();
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const exchange = forward(req, res, { target, prefix, maxBodyBytes: options.maxBodyBytes, dispatcher, onExchange: options.onExchange, log: options.log });
    open.add(exchange);
    void exchange.finished.then(() => open.delete(exchange));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const what = `${req.headers.upgrade ?? 'protocol'} upgrade of ${req.url?.split('?')[0] ?? '/'}`;
    options.log(`proxy: ${what} tunnelled to the target; what passes through it is forwarded, not judged`);
    tunnelUpgrade(req, socket, head, target, (detail) => options.log(`proxy: ${what} → 502: the target ${target.origin} did not answer (${detail})`));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close(graceMs) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const pending = [...open];
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
      await Promise.race([Promise.all(pending.map((e) => e.finished)), grace]);
      clearTimeout(timer);
      const cut = [...open];
      for (const exchange of cut) exchange.cut();
      await Promise.all(cut.map((e) => e.finished));
      for (const socket of sockets) socket.destroy();
      await closed;
      await dispatcher.close().catch(() => dispatcher.destroy());
      return cut.length;
    },
  };
}

interface ForwardEnv {
  target: URL;
  maxBodyBytes: number;
  prefix: string;
  dispatcher: Dispatcher;
  onExchange: (exchange: ProxiedExchange) => void;
  log: (line: string) => void;
}

function forward(req: IncomingMessage, res: ServerResponse, env: ForwardEnv): OpenExchange {
  const startedAt = performance.now();
  const method = req.method ?? 'GET';
  const url = req.url ?? '/';
  const route = checkedRoute(method, url, env.prefix);
  const upstream = new AbortController();
  let interrupted: string | undefined;
  let answered: (answer: ProxiedAnswer | { unreachable: string }) => void = () => {};
  const answer = new Promise<ProxiedAnswer | { unreachable: string }>((resolve) => (answered = resolve));
  let queue: ByteQueue | undefined;
  // A judged exchange's arrival times, for its streaming measures.
  const clock = route === undefined ? undefined : new ArrivalClock();
  // The client going away mid-answer stops the target too; the checks are told why it ended.
  res.on('close', () => {
    if (res.writableFinished) return;
    interrupted ??= 'the client closed the connection before the answer was complete';
    upstream.abort();
  });
  let over: () => void = () => {};
  const finished = new Promise<void>((resolve) => (over = resolve));
  const forwarding = (async () => {
    const sent = streamedBody(req);
    let body: Readable | undefined = sent;
    if (route !== undefined) {
      const kept = keptBody(sent, env.maxBodyBytes);
      body = kept.body;
      env.onExchange({ method, url, route, requestHeaders: flattenHeaders(req.headers), requestBody: kept.whole, startedAt, answer, finished, interrupted: () => interrupted });
    }
    let opened: Dispatcher.ResponseData;
    try {
      opened = await request(new URL(url, env.target.origin), {
        method: method as Dispatcher.HttpMethod,
        headers: forwardedHeaders(req.headers),
        body,
        dispatcher: env.dispatcher,
        signal: upstream.signal,
        // The client keeps its own deadlines; the proxy waits as long as it does.
        headersTimeout: 0,
        bodyTimeout: 0,
      });
    } catch (err) {
      if (interrupted !== undefined) return answered({ unreachable: interrupted });
      const detail = describeError(err as Error);
      env.log(`proxy: ${method} ${url.split('?')[0]} → 502: the target ${env.target.origin} did not answer (${detail})`);
      sendBadGateway(res, `open-responses-check proxy: the target ${env.target.origin} did not answer (${detail})`);
      return answered({ unreachable: detail });
    }
    // Only a judged exchange's answer is teed to the checks.
    const tee = clock === undefined ? undefined : { queue: (queue = new ByteQueue(env.maxBodyBytes)), clock, headersAt: clock.now() };
    res.writeHead(opened.statusCode, forwardedHeaders(opened.headers));
    res.flushHeaders();
    if (tee !== undefined) answered({ status: opened.statusCode, headers: flattenHeaders(opened.headers), headersAt: tee.headersAt, body: tee.queue });
    await relay(opened.body, res, tee);
  })();
  void forwarding
    .catch((err: unknown) => {
      // Reading the client's request failed (it went away): nothing to forward or judge.
      queue?.fail(err);
      answered({ unreachable: interrupted ?? describeError(err as Error) });
      res.destroy();
    })
    .finally(() => {
      clock?.stop();
      over();
    });
  return {
    finished,
    cut: () => {
      interrupted ??= 'cut: the proxy stopped while the answer was still streaming';
      upstream.abort();
      res.destroy();
    },
  };
}

/**
 * Copies the answer to the client as it arrives: each chunk is written first, then handed to the
 * checks; when the client's buffer is full, the target is not read until it drains.
 */
async function relay(body: AsyncIterable<Uint8Array>, res: ServerResponse, tee: { queue: ByteQueue; clock: ArrivalClock } | undefined): Promise<void> {
  try {
    for await (const chunk of body) {
      const room = res.write(chunk);
      tee?.queue.push(chunk, tee.clock.now());
      if (!room) await drained(res);
    }
    res.end();
    tee?.queue.end();
  } catch (err) {
    // The client must see the answer break off too, not a clean end of a shorter body.
    tee?.queue.fail(err);
    res.destroy();
  }
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** A request body to stream on as it comes, or none for a request that has none. */
function streamedBody(req: IncomingMessage): IncomingMessage | undefined {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0') ? req : undefined;
}

/**
 * A judged request's body, sent on chunk by chunk as it arrives while its first `cap` bytes are
 * kept for the checks; `whole` settles once it has all been read.
 */
function keptBody(sent: Readable | undefined, cap: number): { body: Readable | undefined; whole: Promise<Buffer | 'too-large'> } {
  if (sent === undefined) return { body: undefined, whole: Promise.resolve(Buffer.alloc(0)) };
  let settle: (whole: Buffer | 'too-large') => void = () => {};
  const whole = new Promise<Buffer | 'too-large'>((resolve) => (settle = resolve));
  async function* body(source: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
    let chunks: Uint8Array[] = [];
    let size = 0;
    try {
      for await (const chunk of source) {
        size += chunk.length;
        if (size > cap) chunks = [];
        else chunks.push(chunk);
        yield chunk;
      }
    } finally {
      settle(size > cap ? 'too-large' : Buffer.concat(chunks));
    }
  }
  return { body: Readable.from(body(sent), { objectMode: false }), whole };
}

function sendBadGateway(res: ServerResponse, message: string): void {
  if (res.headersSent) return void res.destroy();
  const body = proxyErrorBody(message, 'bad_gateway');
  res.writeHead(502, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
