import WebSocket from 'ws';
import type { TargetConfig } from './client.js';
import { ArrivalClock } from './arrival-clock.js';
import { classifyError, describeError, type TransportFailure } from './errors.js';

/**
 * The WebSocket client: one connection to `ws(s)://<base>/responses` with the run's headers on
 * the upgrade request (the API key travels there, as on HTTP), redirects never followed, messages
 * capped at --max-body-bytes, and the server's messages read one at a time. No checks here.
 */

/** What the server sent, or how the connection ended. */
export type SocketReading =
  /** `receivedAt`: when the message arrived (performance.now() scale; see ArrivalClock). */
  | { kind: 'message'; data: string; receivedAt: number }
  | { kind: 'closed'; code: number; reason: string }
  | { kind: 'timeout' }
  /** A message grew past the cap (--max-body-bytes); the connection was closed there. */
  | { kind: 'too-large' }
  | { kind: 'error'; detail: string };

/** How an upgrade request ended: a connection, a refusal with its HTTP answer, or a transport failure. */
export type SocketOpening =
  | { kind: 'open'; socket: SocketConnection }
  | { kind: 'refused'; status: number; body: string }
  | TransportFailure;

/** Bytes of a refused upgrade's body kept, for the server's own words. */
const REFUSAL_BODY_BYTES = 4096;

/** The WebSocket URL of the responses resource under a base URL (`http://h/v1` → `ws://h/v1/responses`). */
export function websocketUrl(baseUrl: string): string {
  const url = new URL(`${baseUrl}/responses`);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/** Opens a connection; resolves once the upgrade succeeded, was refused, or failed. */
export function openSocket(target: TargetConfig, options: { maxPayloadBytes: number; timeoutMs: number }): Promise<SocketOpening> {
  return new Promise((resolve) => {
    const ws = new WebSocket(websocketUrl(target.baseUrl), {
      headers: target.headers,
      followRedirects: false,
      handshakeTimeout: options.timeoutMs,
      maxPayload: options.maxPayloadBytes,
      perMessageDeflate: false,
    });
    let settled = false;
    const settle = (opening: SocketOpening) => {
      if (settled) return;
      settled = true;
      resolve(opening);
    };
    const connection = new SocketConnection(ws);
    ws.once('open', () => settle({ kind: 'open', socket: connection }));
    ws.once('unexpected-response', (_request, response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = () => {
        settle({ kind: 'refused', status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
        response.destroy();
        ws.terminate();
      };
      response.on('data', (chunk: Buffer) => {
        if (size < REFUSAL_BODY_BYTES) chunks.push(chunk.subarray(0, REFUSAL_BODY_BYTES - size));
        size += chunk.length;
      });
      response.once('end', finish);
      response.once('error', finish);
    });
    ws.once('error', (error) => settle(classifyError(error)));
  });
}

/** An open connection whose server messages are read in order with `next`. */
export class SocketConnection {
  private readonly queue: SocketReading[] = [];
  private waiting: ((reading: SocketReading) => void) | undefined;
  private ended = false;
  /** Started once the connection is open: only then are messages read. */
  private clock: ArrivalClock | undefined;

  constructor(private readonly ws: WebSocket) {
    ws.once('open', () => {
      this.clock = new ArrivalClock();
    });
    // A binary message is read as UTF-8 text too: the checks then judge what it holds.
    ws.on('message', (data) => {
      const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
      this.push({ kind: 'message', data: bytes.toString('utf8'), receivedAt: this.clock?.now() ?? performance.now() });
    });
    ws.on('close', (code, reason) => this.end({ kind: 'closed', code, reason: reason.toString('utf8') }));
    ws.on('error', (error: Error & { code?: string }) => this.end(error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' ? { kind: 'too-large' } : { kind: 'error', detail: describeError(error) }));
  }

  /** Sends one text message. */
  send(text: string): void {
    this.ws.send(text);
  }

  /** The next message, or how the connection ended; `timeout` when nothing came by `deadline` (performance.now()). */
  next(deadline: number): Promise<SocketReading> {
    const queued = this.queue.shift();
    if (queued !== undefined) {
      // An end stays readable for every later call.
      if (queued.kind !== 'message') this.queue.unshift(queued);
      return Promise.resolve(queued);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting = undefined;
        resolve({ kind: 'timeout' });
      }, Math.max(0, deadline - performance.now()));
      this.waiting = (reading) => {
        clearTimeout(timer);
        this.waiting = undefined;
        resolve(reading);
      };
    });
  }

  /** Closes the connection (normal closure), or drops it if the close handshake cannot run. */
  close(): void {
    this.clock?.stop();
    if (this.ws.readyState === WebSocket.OPEN) this.ws.close(1000);
    else this.ws.terminate();
  }

  private push(reading: SocketReading): void {
    if (this.waiting) this.waiting(reading);
    else this.queue.push(reading);
  }

  private end(reading: SocketReading): void {
    if (this.ended) return;
    this.ended = true;
    this.clock?.stop();
    this.push(reading);
  }
}
