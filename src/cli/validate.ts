import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { errorStatusMatchesType } from '../checks/error/status-matches-type.js';
import { checkSetForStep, checksForStep, type CheckSet } from '../checks/registry.js';
import { obfuscationOptOut } from '../checks/stream/obfuscation-opt-out.js';
import type { CheckContext, HttpObservation, SentRequest } from '../checks/types.js';
import { createConsoleReporter } from '../report/console.js';
import { writeReports } from '../report/write.js';
import { nextChunk, observeJson, observeStream, runResponseChecks, type Outcomes } from '../runner/observe.js';
import type { RunResult, ScenarioResult } from '../runner/result.js';
import { buildRunResult, collectResults, scenarioStatus } from '../runner/run.js';
import { createSchemaValidator, loadSpec } from '../spec/index.js';
import { isRecord } from '../spec/load.js';
import type { SuiteFlags } from './options.js';
import { EXIT, exitCodeFor, fullReportPath, parseReporters, prepareOutDir, type SuiteIo } from './suite.js';
import { toolInfo } from './version.js';

export type ValidateFlags = Pick<SuiteFlags, 'specVersion' | 'spec' | 'out' | 'reporter' | 'strict' | 'maxBodyBytes' | 'maxEvents' | 'verbose'>;

export interface ValidateIo extends SuiteIo {
  stderr: NodeJS.WritableStream;
  stdin: AsyncIterable<Uint8Array>;
}

/** What a capture turned out to be: by its first non-blank character, and for JSON by its content. */
type CaptureKind = 'json' | 'sse' | 'error';

/**
 * Checks captured bodies without a server: a file whose first non-blank character is `{` is a
 * JSON response (or an error envelope, `{"error": …}`), anything else a raw `text/event-stream`
 * capture. Each file becomes one scenario
 * of the report. A file that cannot be read is a one-line error; the worst exit code wins.
 */
export async function validateCommand(files: string[], flags: ValidateFlags, io: ValidateIo): Promise<number> {
  const reporters = parseReporters(flags.reporter);
  await prepareOutDir(flags.out, reporters);
  const spec = loadSpec({ specFile: flags.spec, specVersion: flags.specVersion });
  const ctx: CheckContext = { schemas: createSchemaValidator(spec.document), specVersion: spec.version, maxBodyBytes: flags.maxBodyBytes };
  const consoleReporter = reporters.includes('console') ? createConsoleReporter({ stream: io.stdout, color: io.color, verbose: flags.verbose, fullReport: fullReportPath(flags.out, reporters) }) : undefined;
  const started = Date.now();
  const results: ScenarioResult[] = [];
  let unreadable = false;
  for (const file of files) {
    const opened = await openCapture(file, io.stdin);
    if (typeof opened === 'string') {
      io.stderr.write(`open-responses-check: ${opened}\n`);
      unreadable = true;
      continue;
    }
    const result = await validateCapture(file, opened, ctx, flags);
    results.push(result);
    consoleReporter?.onScenarioFinished(result);
  }
  if (results.length === 0) return EXIT.usage;
  const run: RunResult = buildRunResult({
    tool: toolInfo(),
    specVersion: spec.version,
    target: { baseUrl: 'offline capture', model: '-' },
    started,
    strict: flags.strict ?? false,
    scenarios: results,
  });
  consoleReporter?.onRunFinished(run);
  const written = await writeReports(run, { outDir: flags.out, reporters });
  if (consoleReporter && written.length > 0) io.stdout.write(`reports: ${written.join(', ')}\n`);
  return Math.max(exitCodeFor(run), unreadable ? EXIT.usage : EXIT.ok);
}

/** Opens a capture for reading, or says in one line why it cannot be read. */
async function openCapture(file: string, stdin: AsyncIterable<Uint8Array>): Promise<AsyncIterable<Uint8Array> | string> {
  if (file === '-') return stdin;
  try {
    const info = await stat(file);
    if (!info.isFile()) return `cannot read ${file}: not a regular file`;
    if (info.size === 0) return `cannot read ${file}: the file is empty`;
  } catch (err) {
    return `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`;
  }
  return createReadStream(file);
}

/**
 * A capture is only a body: no request, no status line, no headers. It is judged as the answer it
 * claims to be (a stream, a response object, or an error envelope), and every rule that needs what
 * it lacks says so: response rules get no request (they judge by the response's echo, or skip),
 * and the status rules are skipped. The stream checks still take the status line and request of
 * their (live) observation; offline these are a stand-in whose body sets no option.
 */
async function validateCapture(file: string, body: AsyncIterable<Uint8Array>, ctx: CheckContext, flags: ValidateFlags): Promise<ScenarioResult> {
  const startedAt = performance.now();
  const iterator = body[Symbol.asyncIterator]();
  const sniffed = await sniff(iterator);
  const head = sniffed.kind === 'json' ? await readUpTo(sniffed.head, iterator, flags.maxBodyBytes) : sniffed.head;
  const kind: CaptureKind = sniffed.kind === 'json' && isErrorEnvelope(head) ? 'error' : sniffed.kind;
  const stream = kind === 'sse';
  const standIn: SentRequest = { method: 'POST', path: '/responses', body: {}, stream };
  const http: HttpObservation = { request: standIn, status: kind === 'error' ? ERROR_STAND_IN_STATUS : 200, headers: { 'content-type': stream ? 'text/event-stream' : 'application/json' } };
  const step = kind === 'error' ? { stream: false, withoutCredentials: true } : { stream };
  const checkSet = checkSetForStep(step);
  const statusRules = new Set<string>([errorStatusMatchesType.id]);
  const offline: CheckSet = { ...checkSet, http: [], body: kind === 'error' ? checkSet.body.filter((c) => !statusRules.has(c.id)) : checkSet.body };
  const outcomes: Outcomes = new Map();
  if (kind === 'error') outcomes.set(errorStatusMatchesType.id, { status: 'skipped', message: 'not judged: a capture has no HTTP status to compare with the error type' });
  const env = { ctx, limits: { maxBodyBytes: flags.maxBodyBytes, maxEvents: flags.maxEvents } };
  const finalResponse = stream
    ? await observeStream(http, head, iterator, offline, env, outcomes)
    : await observeJson(http, head, iterator, offline, env, outcomes);
  if (finalResponse) runResponseChecks(undefined, finalResponse, offline, ctx, outcomes, stream ? 'stream' : 'body');
  // A stream rule about what the request asked for has nothing to judge without the request.
  if (stream) outcomes.set(obfuscationOptOut.id, { status: 'skipped', message: 'not judged: the capture has no request, so whether it turned obfuscation off is unknown' });
  const listed = checksForStep(step).filter((c) => c.kind !== 'http');
  const checks = collectResults(listed, offline, outcomes, flags.strict ?? false);
  return {
    id: file === '-' ? 'stdin' : file,
    title: CAPTURE_TITLES[kind],
    tags: ['capture', stream ? 'stream' : 'json', ...(kind === 'error' ? ['error'] : [])],
    status: scenarioStatus(checks),
    durationMs: Math.round(performance.now() - startedAt),
    checks,
  };
}

const CAPTURE_TITLES: Record<CaptureKind, string> = { sse: 'SSE stream capture', json: 'JSON response capture', error: 'JSON error capture' };

/**
 * The error rules look only at answers with an error status; a capture of an error envelope has
 * none, so it stands in as one. No rule that compares the status runs on it (ERR-03 is skipped).
 */
const ERROR_STAND_IN_STATUS = 400;

/**
 * An error envelope (`{"error": …}`, SPEC§Errors) rather than a response: it has `error` and is
 * not a ResponseResource (whose `error` is set on failed responses), which has `object: "response"`
 * and `output`. A body that does not parse is left to the response checks.
 */
function isErrorEnvelope(bytes: Uint8Array | undefined): boolean {
  if (bytes === undefined) return false;
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return false;
  }
  return isRecord(json) && Object.hasOwn(json, 'error') && json.object !== 'response' && !Object.hasOwn(json, 'output');
}

/** Reads on until the body is whole or passes `cap`; the reader of the body reports the cap itself. */
async function readUpTo(head: Uint8Array | undefined, iterator: AsyncIterator<Uint8Array>, cap: number): Promise<Uint8Array | undefined> {
  if (head === undefined) return undefined;
  const chunks = [head];
  let size = head.length;
  while (size <= cap) {
    const chunk = await nextChunk(iterator);
    if (chunk === undefined) break;
    chunks.push(chunk);
    size += chunk.length;
  }
  return Buffer.concat(chunks);
}

/** Bytes read at most to find the first non-blank character. */
const SNIFF_LIMIT = 64 * 1024;

/** Reads until the first non-blank character to decide the kind; returns the bytes read so far. */
async function sniff(iterator: AsyncIterator<Uint8Array>): Promise<{ kind: 'json' | 'sse'; head: Uint8Array | undefined }> {
  const seen: Uint8Array[] = [];
  let size = 0;
  for (let chunk = await nextChunk(iterator); chunk !== undefined; chunk = await nextChunk(iterator)) {
    seen.push(chunk);
    size += chunk.length;
    const text = Buffer.concat(seen).toString('utf8').replace(/^\uFEFF/, '').trimStart();
    if (text !== '') return { kind: text.startsWith('{') ? 'json' : 'sse', head: Buffer.concat(seen) };
    if (size > SNIFF_LIMIT) break;
  }
  return { kind: 'sse', head: seen.length > 0 ? Buffer.concat(seen) : undefined };
}
