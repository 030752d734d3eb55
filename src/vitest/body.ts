import { isRecord } from '../protocol/json.js';

/**
 * What the matchers accept as a body: the text or bytes of an answer, a WHATWG `Response`, a
 * readable stream (web `ReadableStream` or Node `Readable`, any async iterable of bytes or text),
 * or, for a JSON answer, the parsed object itself.
 */
export type MatcherBody = string | Uint8Array | ArrayBuffer | Response | ReadableStream<Uint8Array | string> | AsyncIterable<Uint8Array | string> | Record<string, unknown>;

/** A body read into the form the capture validator takes, with the answer's head when it had one. */
export interface OpenedBody {
  bytes: AsyncIterable<Uint8Array> | Uint8Array | string;
  /** Set for a `Response`: its status and headers (names lower-case). */
  head?: { status: number; headers: Record<string, string> };
  /** The body is an object given as such: a JSON answer by construction. */
  parsedJson?: true;
}

/**
 * Opens any accepted body, or says in one sentence why it cannot be read (a number, a used
 * `Response`). Nothing is read yet: a stream is consumed by the checks as it is iterated.
 */
export function openBody(body: unknown): OpenedBody | string {
  if (typeof body === 'string' || body instanceof Uint8Array) return { bytes: body };
  if (body instanceof ArrayBuffer) return { bytes: new Uint8Array(body) };
  if (typeof Response !== 'undefined' && body instanceof Response) return openResponse(body);
  // A web ReadableStream and a Node Readable are both async iterables of their chunks.
  if (isAsyncIterable(body)) return { bytes: asBytes(body) };
  if (isRecord(body)) return { bytes: JSON.stringify(body), parsedJson: true };
  return `the body is ${describeKind(body)}, not an answer: pass its text, its bytes, a Response, a readable stream or (for JSON) the parsed object`;
}

function openResponse(response: Response): OpenedBody | string {
  if (response.bodyUsed) return 'the Response body was already read; pass a fresh Response (or response.clone())';
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  const head = { status: response.status, headers };
  return { bytes: response.body === null ? new Uint8Array() : asBytes(response.body), head };
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function';
}

/** A stream's chunks as bytes: a Node stream with an encoding set yields text, which is encoded back. */
async function* asBytes(chunks: AsyncIterable<unknown>): AsyncIterable<Uint8Array> {
  for await (const chunk of chunks) {
    if (typeof chunk === 'string') yield Buffer.from(chunk, 'utf8');
    else if (chunk instanceof Uint8Array) yield chunk;
    else throw new TypeError(`the stream yielded ${describeKind(chunk)}; a body stream yields bytes or text`);
  }
}

function describeKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? `an object (${value.constructor?.name ?? 'no prototype'})` : `a ${typeof value}`;
}
