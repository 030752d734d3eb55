/**
 * A server that misbehaves on purpose: one named mode per way a server under test can go wrong on
 * the wire. Every mode answers `POST /v1/responses` on 127.0.0.1 (any path, in fact) and stops by
 * itself: floods write with backpressure and end when the client goes, drips are timers that
 * `close()` clears, and `close()` destroys every open socket.
 *
 * Modes that need a valid answer around their fault (gzip, invalid-utf8, reset-mid-stream, the
 * endless stream's opening events) forward the request to the reference server and reshape what
 * it answers, so everything but the fault conforms.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { startReferenceServer, type ReferenceServer } from '../../src/fixtures/server.js';
import { startTestServer, type TestServer } from './servers.js';

export type HostileMode =
  /** Reads the request and never answers. */
  | 'never-answer'
  /** Sends 200 and the headers, then nothing. */
  | 'headers-then-silence'
  /** Sends a valid JSON or SSE prefix one byte per `dripIntervalMs`, forever. */
  | 'drip'
  /** Sends the status line and headers one byte per `dripIntervalMs`, forever. */
  | 'drip-head'
  /** A 1 MiB response header. */
  | 'huge-headers'
  /**
   * For a stream request: the opening events of a valid stream, then valid
   * `response.output_text.delta` events with rising sequence numbers, forever.
   */
  | 'endless-events'
  /** Streams one SSE `data:` line that never ends. */
  | 'endless-line'
  /** Streams `data:` lines forever without the blank line that would end the message. */
  | 'endless-message'
  /** A 200 JSON body of `bodyBytes` (400 MB by default), generated on the fly. */
  | 'huge-json-body'
  /** A small gzip body that decodes to `bodyBytes` of JSON. */
  | 'gzip-bomb'
  /** 500 with an HTML error page. */
  | 'html-500'
  /** 200 `application/json` whose body is not JSON. */
  | 'json-not-json'
  /** 200 `application/json` with an empty body. */
  | 'empty-json'
  /** A valid answer with bytes that are not UTF-8 inside a text value. */
  | 'invalid-utf8'
  /** The start of a valid answer, then the connection is destroyed. */
  | 'reset-mid-stream'
  /** Reads the request and destroys the connection without answering. */
  | 'close-before-answer'
  /** A valid answer, gzip-compressed, with `Content-Encoding: gzip`. */
  | 'gzip'
  /** The first half of a gzip-compressed valid answer, then nothing. */
  | 'gzip-then-silence'
  /** The first half of a gzip-compressed valid answer, then the connection is destroyed. */
  | 'gzip-reset'
  /** Claims `Content-Encoding: gzip` over a body that is not gzip. */
  | 'bad-gzip'
  /** A body in an encoding no client decodes (`Content-Encoding: compress`). */
  | 'unsupported-encoding'
  /** Answers with `redirect.status` and `Location: redirect.location`. */
  | 'redirect';

export interface HostileOptions {
  /** `redirect`: the status (301, 302, 303, 307, 308) and where it points. */
  redirect?: { status: number; location: string };
  /** `huge-json-body` and `gzip-bomb`: decoded size of the body. */
  bodyBytes?: number;
  /** `endless-events`: characters in each delta (1 by default). */
  deltaChars?: number;
  /** `drip` and `drip-head`: pause between two bytes (1 s by default). */
  dripIntervalMs?: number;
  /**
   * `json-not-json` and `redirect`: put the request's credentials (Authorization, X-Api-Key,
   * Cookie) into the body or the Location, as careless debug pages do.
   */
  echoCredentials?: boolean;
}

/** What the server did, so a test can show it stopped when the client went away. */
export interface HostileStats {
  requests: number;
  /** Bytes written by the flooding and dripping modes (compressed bytes for `gzip-bomb`). */
  bytesWritten: number;
  /** Answers whose connection is still open. */
  openAnswers: number;
}

export interface HostileServer extends TestServer {
  readonly stats: HostileStats;
}

const DEFAULT_BODY_BYTES = 400 * 1024 * 1024;
const DEFAULT_DRIP_MS = 1000;
const CHUNK_BYTES = 64 * 1024;
/**
 * One-character deltas per write of the endless stream: enough to be fast, few enough to yield
 * often. Longer deltas go fewer to a write.
 */
const EVENTS_PER_WRITE = 200;

/** Modes whose answer is a reshaped reference answer. */
const NEEDS_REFERENCE: ReadonlySet<HostileMode> = new Set(['endless-events', 'invalid-utf8', 'reset-mid-stream', 'gzip', 'gzip-then-silence', 'gzip-reset', 'bad-gzip']);

/** The reference server's answer to a request, as raw bytes. */
interface ValidAnswer {
  status: number;
  contentType: string;
  body: Buffer;
}

export async function startHostileServer(mode: HostileMode, options: HostileOptions = {}): Promise<HostileServer> {
  const stats: HostileStats = { requests: 0, bytesWritten: 0, openAnswers: 0 };
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;
  const reference: ReferenceServer | undefined = NEEDS_REFERENCE.has(mode) ? await startReferenceServer() : undefined;

  const validAnswer = async (body: Buffer): Promise<ValidAnswer> => {
    const answer = await fetch(`${reference!.url}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Uint8Array(body),
    });
    return { status: answer.status, contentType: answer.headers.get('content-type') ?? 'application/json', body: Buffer.from(await answer.arrayBuffer()) };
  };

  /** Writes one chunk; resolves true to go on, false once the client is gone or the server stops. */
  const send = (res: ServerResponse, chunk: Buffer | string): Promise<boolean> => {
    if (stopped || res.destroyed || res.writableEnded) return Promise.resolve(false);
    stats.bytesWritten += Buffer.byteLength(chunk);
    // Yielding after each write keeps a flood from starving the event loop the client also runs on.
    if (res.write(chunk)) return new Promise((resolve) => setImmediate(() => resolve(!stopped && !res.destroyed)));
    return new Promise((resolve) => {
      const settle = () => {
        res.off('drain', settle);
        res.off('close', settle);
        resolve(!stopped && !res.destroyed);
      };
      res.once('drain', settle);
      res.once('close', settle);
    });
  };

  /** Writes chunks from `next` until it returns undefined, the client goes, or the server stops. */
  const pump = async (res: ServerResponse, next: () => Buffer | string | undefined): Promise<void> => {
    for (let chunk = next(); chunk !== undefined; chunk = next()) {
      if (!(await send(res, chunk))) return;
    }
    res.end();
  };

  /** Writes `prefix`, then `filler` over and over, one byte per interval, until `out` closes. */
  const drip = (out: { destroyed: boolean; write(chunk: Buffer): boolean }, prefix: string, filler: string): void => {
    const head = Buffer.from(prefix);
    const tail = Buffer.from(filler);
    let i = 0;
    const timer = setInterval(() => {
      if (stopped || out.destroyed) {
        clearInterval(timer);
        timers.delete(timer);
        return;
      }
      stats.bytesWritten += 1;
      out.write(Buffer.of(i < head.length ? head[i] : tail[(i - head.length) % tail.length]));
      i++;
    }, options.dripIntervalMs ?? DEFAULT_DRIP_MS);
    timers.add(timer);
  };

  const answer = async (req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> => {
    const stream = isStreamRequest(body);
    const credentials = options.echoCredentials
      ? [req.headers.authorization, req.headers['x-api-key'], req.headers.cookie].filter((v) => typeof v === 'string').join(' ')
      : '';
    const okHead = (headers: Record<string, string> = {}) =>
      res.writeHead(200, { 'content-type': stream ? 'text/event-stream' : 'application/json', ...headers });

    switch (mode) {
      case 'never-answer':
        return;
      case 'headers-then-silence':
        okHead();
        res.flushHeaders();
        return;
      case 'drip':
        okHead();
        // After the prefix: SSE comments again, or whitespace inside the JSON array; both stay valid.
        if (stream) drip(res, ': waiting\n\n', ': waiting\n\n');
        else drip(res, '{"id":"resp_drip","object":"response","output":[', ' ');
        return;
      case 'drip-head':
        // Straight to the socket: the status line and headers themselves arrive byte by byte.
        drip(req.socket, 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n', 'X-Slow: 1\r\n');
        return;
      case 'huge-headers':
        res.writeHead(200, { 'content-type': 'application/json', 'x-padding': 'a'.repeat(1024 * 1024) });
        res.end('{}');
        return;
      case 'endless-events': {
        const valid = await validAnswer(body);
        const { opening, itemId } = streamOpening(valid.body);
        okHead({ 'cache-control': 'no-cache' });
        const text = 'a'.repeat(options.deltaChars ?? 1);
        const perWrite = Math.max(1, Math.floor((EVENTS_PER_WRITE * 200) / (text.length + 200)));
        let sequence = opening.length;
        let first = true;
        return pump(res, () => {
          if (first) {
            first = false;
            return opening.join('');
          }
          let batch = '';
          for (let n = 0; n < perWrite; n++) batch += deltaFrame(itemId, sequence++, text);
          return batch;
        });
      }
      case 'endless-line': {
        okHead();
        const filler = Buffer.alloc(CHUNK_BYTES, 'a');
        let first = true;
        return pump(res, () => {
          if (!first) return filler;
          first = false;
          return 'event: response.output_text.delta\ndata: {"type":"response.output_text.delta","delta":"';
        });
      }
      case 'endless-message': {
        okHead();
        const line = Buffer.from(`data: ${'a'.repeat(CHUNK_BYTES - 7)}\n`);
        return pump(res, () => line);
      }
      case 'huge-json-body': {
        const total = options.bodyBytes ?? DEFAULT_BODY_BYTES;
        const head = Buffer.from('{"id":"resp_huge","object":"response","status":"completed","output":[{"type":"message","role":"assistant","content":[{"type":"output_text","text":"');
        const tail = Buffer.from('"}]}]}');
        const filler = Buffer.alloc(CHUNK_BYTES, 'a');
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(total) });
        let left = total - head.length - tail.length;
        let phase: 'head' | 'fill' | 'tail' | 'done' = 'head';
        return pump(res, () => {
          if (phase === 'head') {
            phase = 'fill';
            return head;
          }
          if (phase === 'fill' && left > 0) {
            const size = Math.min(left, filler.length);
            left -= size;
            return size === filler.length ? filler : filler.subarray(0, size);
          }
          if (phase === 'done') return undefined;
          phase = 'done';
          return tail;
        });
      }
      case 'gzip-bomb': {
        // Gzip members concatenate: one small member repeated decodes to its content repeated.
        const member = gzipSync(Buffer.alloc(1024 * 1024, 'a'), { level: 9 });
        const repeats = Math.ceil((options.bodyBytes ?? DEFAULT_BODY_BYTES) / (1024 * 1024));
        const parts = [gzipSync('{"id":"resp_bomb","object":"response","output_text":"'), ...Array<Buffer>(repeats).fill(member), gzipSync('"}')];
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        let i = 0;
        return pump(res, () => parts[i++]);
      }
      case 'html-500': {
        const page = '<!DOCTYPE html>\n<html><head><title>500 Internal Server Error</title></head>\n<body><h1>Internal Server Error</h1></body></html>\n';
        res.writeHead(500, { 'content-type': 'text/html; charset=utf-8' });
        res.end(page);
        return;
      }
      case 'json-not-json':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(credentials ? `denied: ${credentials} {` : 'upstream error {');
        return;
      case 'empty-json':
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '0' });
        res.end();
        return;
      case 'invalid-utf8': {
        const valid = await validAnswer(body);
        res.writeHead(valid.status, { 'content-type': valid.contentType });
        res.end(insertAfter(valid.body, stream ? '"delta":"' : '"text":"', Buffer.of(0xff, 0xc3, 0x28)));
        return;
      }
      case 'reset-mid-stream': {
        const valid = await validAnswer(body);
        if (stream) {
          res.writeHead(valid.status, { 'content-type': valid.contentType });
          res.write(valid.body.toString('utf8').split('\n\n').slice(0, 3).join('\n\n') + '\n\n');
        } else {
          res.writeHead(valid.status, { 'content-type': valid.contentType, 'content-length': String(valid.body.length) });
          res.write(valid.body.subarray(0, valid.body.length >> 1));
        }
        // Give the bytes time to leave before the reset, so the client sees a partial answer.
        const timer = setTimeout(() => res.socket?.destroy(), 50);
        timers.add(timer);
        return;
      }
      case 'close-before-answer':
        req.socket.destroy();
        return;
      case 'gzip': {
        const valid = await validAnswer(body);
        const packed = gzipSync(valid.body);
        res.writeHead(valid.status, { 'content-type': valid.contentType, 'content-encoding': 'gzip', 'content-length': String(packed.length) });
        res.end(packed);
        return;
      }
      case 'gzip-then-silence':
      case 'gzip-reset': {
        const valid = await validAnswer(body);
        const packed = gzipSync(valid.body);
        res.writeHead(valid.status, { 'content-type': valid.contentType, 'content-encoding': 'gzip' });
        res.write(packed.subarray(0, packed.length >> 1));
        if (mode === 'gzip-reset') timers.add(setTimeout(() => res.socket?.destroy(), 50));
        return;
      }
      case 'bad-gzip': {
        const valid = await validAnswer(body);
        res.writeHead(valid.status, { 'content-type': valid.contentType, 'content-encoding': 'gzip' });
        res.end(valid.body);
        return;
      }
      case 'unsupported-encoding':
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'compress' });
        res.end(Buffer.of(0x1f, 0x9d, 0x90, 0x7b, 0x00));
        return;
      case 'redirect': {
        const redirect = options.redirect ?? { status: 302, location: 'http://127.0.0.1:9/v1/responses' };
        const location = credentials ? `${redirect.location}?echo=${encodeURIComponent(credentials)}` : redirect.location;
        res.writeHead(redirect.status, { location, 'content-type': 'text/html' });
        res.end(`<a href="${escapeHtml(location)}">moved</a>`);
        return;
      }
    }
  };

  const server = await startTestServer((req, res, body) => {
    stats.requests++;
    stats.openAnswers++;
    res.once('close', () => stats.openAnswers--);
    answer(req, res, body).catch(() => res.destroy());
  });

  return {
    ...server,
    stats,
    close: async () => {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await server.close();
      await reference?.close();
    },
  };
}

/** A server on another origin that records every request it gets, to show a redirect was not followed. */
export async function startRecordingOrigin(): Promise<TestServer & { requests: { url: string; headers: IncomingMessage['headers'] }[] }> {
  const requests: { url: string; headers: IncomingMessage['headers'] }[] = [];
  const server = await startTestServer((req, res) => {
    requests.push({ url: req.url ?? '', headers: req.headers });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{}');
  });
  return { ...server, requests };
}

function isStreamRequest(body: Buffer): boolean {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && (parsed as { stream?: unknown }).stream === true;
  } catch {
    return false;
  }
}

/** The frames of a valid stream before its first text delta, and the id of the item the deltas belong to. */
function streamOpening(stream: Buffer): { opening: string[]; itemId: string } {
  const frames = stream.toString('utf8').split('\n\n');
  const firstDelta = frames.findIndex((frame) => frame.startsWith('event: response.output_text.delta\n'));
  if (firstDelta < 0) throw new Error('the reference stream has no text delta');
  const data = frames[firstDelta].split('\n').find((line) => line.startsWith('data: '))!;
  const { item_id: itemId } = JSON.parse(data.slice('data: '.length)) as { item_id: string };
  return { opening: frames.slice(0, firstDelta).map((frame) => `${frame}\n\n`), itemId };
}

function deltaFrame(itemId: string, sequence: number, delta: string): string {
  const event = { type: 'response.output_text.delta', sequence_number: sequence, item_id: itemId, output_index: 0, content_index: 0, delta, logprobs: [] };
  return `event: response.output_text.delta\ndata: ${JSON.stringify(event)}\n\n`;
}

/** `body` with `bytes` inserted right after the first occurrence of `marker`. */
function insertAfter(body: Buffer, marker: string, bytes: Buffer): Buffer {
  const at = body.indexOf(marker);
  if (at < 0) throw new Error(`marker ${marker} not found in the answer`);
  const end = at + Buffer.byteLength(marker);
  return Buffer.concat([body.subarray(0, end), bytes, body.subarray(end)]);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
