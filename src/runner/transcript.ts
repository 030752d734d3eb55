import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StepShape } from '../checks/registry.js';
import type { SentRequest } from '../checks/types.js';
import { createByteRedactor, type ByteRedactor } from './redact-stream.js';
import { displayUrl, isSecretHeaderName, REDACTED, redactDeep, type Redactor, type SecretPattern } from './redaction.js';

/**
 * `--record <dir>`: a transcript of every step, `<dir>/<scenario>/<step>/` holding
 * `request.json` (what was sent, secrets redacted), `response.json` (status and headers) and
 * `body` (the answer's bytes as the checks read them, secrets replaced by [REDACTED], capped at
 * --max-body-bytes). The body is written chunk by chunk as it arrives, never held whole. A
 * WebSocket step's `body` holds its messages both ways as JSON lines,
 * `{"direction":"sent"|"received","data":"…"}`, and `response.json` the upgrade's 101.
 */

export const TRANSCRIPT_FILES = { request: 'request.json', response: 'response.json', body: 'body' } as const;

/** What `request.json` holds. */
export interface RecordedRequest {
  method: string;
  /** The whole URL, without userinfo. */
  url: string;
  path: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  stream: boolean;
  /** What decides the step's checks, so `validate` judges the step with the same ones. */
  step: StepShape;
}

/** What `response.json` holds. */
export interface RecordedResponse {
  status: number;
  headers: Record<string, string>;
  body: RecordedBody;
}

export interface RecordedBody {
  file: typeof TRANSCRIPT_FILES.body;
  /** Bytes of the answer kept (before secrets were replaced). */
  bytes: number;
  /** True when the answer went on past --max-body-bytes; the file holds the start. */
  truncated: boolean;
  /** How many secrets the server echoed that were replaced by [REDACTED]. */
  secretsRedacted: number;
  /** The Content-Encoding the tool undid; the file holds the decoded bytes. */
  decodedFrom?: string;
}

export interface TranscriptConfig {
  dir: string;
  redact: Redactor;
  /** The secrets as literals to replace in the body bytes. */
  secrets: readonly SecretPattern[];
  maxBodyBytes: number;
  /** Header names (lower-case) whose values are secrets besides the secret-looking ones: the auth header. */
  secretHeaders: readonly string[];
}

export interface TranscriptRecorder {
  step(scenario: string, step: string, shape: StepShape): StepTranscript;
  /** Why a transcript file could not be written, if one could not. */
  failure(): string | undefined;
}

/** One step's transcript; `finish` must be awaited once the exchange is over. */
export interface StepTranscript {
  request(request: SentRequest, url: string, headers: Record<string, string>): void;
  answer(status: number, headers: Record<string, string>, decodedFrom?: string): void;
  /** Passes `body` through unchanged, writing each chunk to the body file on the way. */
  tee(body: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array>;
  /** A WebSocket message of this step, either way, written to the body file as one JSON line. */
  message(direction: 'sent' | 'received', data: string): Promise<void>;
  finish(): Promise<void>;
}

export function createTranscriptRecorder(config: TranscriptConfig): TranscriptRecorder {
  let failure: string | undefined;
  const fail = (err: unknown) => {
    failure ??= `${(err as NodeJS.ErrnoException).code ?? 'error'}: ${(err as Error).message ?? String(err)}`.split('\n')[0];
  };
  return {
    step: (scenario, step, shape) => stepTranscript(join(config.dir, pathSegment(scenario), pathSegment(step)), shape, config, fail),
    failure: () => failure,
  };
}

/** A scenario id or step name as one safe path segment. */
export function pathSegment(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]/g, '_');
  return safe === '' || safe === '.' || safe === '..' ? '_' : safe;
}

function stepTranscript(dir: string, shape: StepShape, config: TranscriptConfig, fail: (err: unknown) => void): StepTranscript {
  const ready = mkdir(dir, { recursive: true }).then(
    () => true,
    (err: unknown) => {
      fail(err);
      return false;
    },
  );
  const pending: Promise<void>[] = [];
  const writeJson = (name: string, value: unknown) => {
    pending.push(ready.then((ok) => (ok ? writeFile(join(dir, name), JSON.stringify(value, null, 2) + '\n', 'utf8') : undefined)).catch(fail));
  };
  let head: { status: number; headers: Record<string, string>; decodedFrom?: string } | undefined;
  const sink = new BodySink(join(dir, TRANSCRIPT_FILES.body), createByteRedactor(config.secrets), config.maxBodyBytes, ready, fail);
  return {
    request(request, url, headers) {
      const recorded: RecordedRequest = {
        method: request.method,
        url: config.redact(displayUrl(url)),
        path: request.path,
        headers: redactHeaders(headers, config),
        body: redactDeep(request.body, config.redact),
        stream: request.stream,
        step: shape,
      };
      writeJson(TRANSCRIPT_FILES.request, recorded);
    },
    answer(status, headers, decodedFrom) {
      head = { status, headers: redactDeep(headers, config.redact), ...(decodedFrom ? { decodedFrom } : {}) };
    },
    tee: (body) => teeInto(body, sink),
    message: (direction, data) => sink.write(Buffer.from(`${JSON.stringify({ direction, data })}\n`, 'utf8')),
    async finish() {
      const body = await sink.close();
      if (head) {
        const recorded: RecordedResponse = { status: head.status, headers: head.headers, body: { ...body, ...(head.decodedFrom ? { decodedFrom: head.decodedFrom } : {}) } };
        writeJson(TRANSCRIPT_FILES.response, recorded);
      }
      await Promise.all(pending);
    },
  };
}

/** Request headers as they may be written: the auth header and secret-looking ones keep only their scheme. */
function redactHeaders(headers: Record<string, string>, config: TranscriptConfig): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const secret = isSecretHeaderName(name) || config.secretHeaders.includes(name.toLowerCase());
    out[name] = secret ? (value.startsWith('Bearer ') ? `Bearer ${REDACTED}` : REDACTED) : config.redact(value);
  }
  return out;
}

async function* teeInto(body: AsyncIterable<Uint8Array>, sink: BodySink): AsyncIterable<Uint8Array> {
  for await (const chunk of body) {
    await sink.write(chunk);
    yield chunk;
  }
}

/** The body file: bytes go through the secret redactor and out, waiting for the disk (backpressure). */
class BodySink {
  private stream: WriteStream | undefined;
  private bytes = 0;
  private truncated = false;
  private failed = false;

  constructor(
    private readonly path: string,
    private readonly redactor: ByteRedactor,
    private readonly cap: number,
    private readonly ready: Promise<boolean>,
    private readonly fail: (err: unknown) => void,
  ) {}

  async write(chunk: Uint8Array): Promise<void> {
    const room = this.cap - this.bytes;
    if (chunk.length > room) this.truncated = true;
    const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
    if (part.length === 0) return;
    this.bytes += part.length;
    await this.out(this.redactor.push(part));
  }

  async close(): Promise<Omit<RecordedBody, 'decodedFrom'>> {
    await this.out(this.redactor.flush());
    const stream = await this.open();
    if (stream !== undefined && !this.failed) {
      stream.end();
      await once(stream, 'finish').catch((err: unknown) => this.stop(err));
    }
    return { file: TRANSCRIPT_FILES.body, bytes: this.bytes, truncated: this.truncated, secretsRedacted: this.redactor.replaced };
  }

  private async out(bytes: Buffer): Promise<void> {
    if (bytes.length === 0) return;
    const stream = await this.open();
    if (stream === undefined || this.failed) return;
    if (!stream.write(bytes)) await once(stream, 'drain').catch((err: unknown) => this.stop(err));
  }

  /** Opens the file once the folder exists; undefined when it cannot be written. */
  private async open(): Promise<WriteStream | undefined> {
    if (this.stream !== undefined || this.failed) return this.stream;
    if (!(await this.ready)) {
      this.failed = true;
      return undefined;
    }
    // Another caller may have opened it while this one waited for the folder.
    if (this.stream === undefined) {
      this.stream = createWriteStream(this.path);
      this.stream.on('error', (err) => this.stop(err));
    }
    return this.stream;
  }

  private stop(err: unknown): void {
    this.failed = true;
    this.fail(err);
  }
}
