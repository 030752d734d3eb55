import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { checkSetForStep, checksForStep } from '../checks/registry.js';
import type { CheckContext, HttpObservation, SentRequest } from '../checks/types.js';
import { createConsoleReporter } from '../report/console.js';
import { writeReports } from '../report/write.js';
import { nextChunk, observeJson, observeStream, runResponseChecks, type Outcomes } from '../runner/observe.js';
import type { RunResult, ScenarioResult } from '../runner/result.js';
import { buildRunResult, collectResults, scenarioStatus } from '../runner/run.js';
import { createSchemaValidator, loadSpec } from '../spec/index.js';
import type { SuiteFlags } from './options.js';
import { EXIT, exitCodeFor, fullReportPath, parseReporters, prepareOutDir, type SuiteIo } from './suite.js';
import { toolInfo } from './version.js';

export type ValidateFlags = Pick<SuiteFlags, 'specVersion' | 'spec' | 'out' | 'reporter' | 'strict' | 'maxBodyBytes' | 'maxEvents' | 'verbose'>;

export interface ValidateIo extends SuiteIo {
  stderr: NodeJS.WritableStream;
  stdin: AsyncIterable<Uint8Array>;
}

/** What a capture turned out to be, from its first non-blank character. */
type CaptureKind = 'json' | 'sse';

/**
 * Checks captured bodies without a server: a file whose first non-blank character is `{` is a
 * JSON response, anything else a raw `text/event-stream` capture. Each file becomes one scenario
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

async function validateCapture(file: string, body: AsyncIterable<Uint8Array>, ctx: CheckContext, flags: ValidateFlags): Promise<ScenarioResult> {
  const startedAt = performance.now();
  const iterator = body[Symbol.asyncIterator]();
  const { kind, head } = await sniff(iterator);
  const stream = kind === 'sse';
  const request: SentRequest = { method: 'POST', path: '/responses', body: {}, stream };
  // A capture has no status line or headers of its own; it is judged as the 200 answer it claims to be.
  const http: HttpObservation = { request, status: 200, headers: { 'content-type': stream ? 'text/event-stream' : 'application/json' } };
  const step = { stream };
  const checkSet = checkSetForStep(step);
  const offline = { ...checkSet, http: [] };
  const outcomes: Outcomes = new Map();
  const env = { ctx, limits: { maxBodyBytes: flags.maxBodyBytes, maxEvents: flags.maxEvents } };
  const finalResponse = stream
    ? await observeStream(http, head, iterator, offline, env, outcomes)
    : await observeJson(http, head, iterator, offline, env, outcomes);
  if (finalResponse) runResponseChecks(request, finalResponse, offline, ctx, outcomes);
  const listed = checksForStep(step).filter((c) => c.kind !== 'http');
  const checks = collectResults(listed, offline, outcomes, flags.strict ?? false);
  return {
    id: file === '-' ? 'stdin' : file,
    title: `${stream ? 'SSE stream' : 'JSON response'} capture`,
    tags: ['capture', stream ? 'stream' : 'json'],
    status: scenarioStatus(checks),
    durationMs: Math.round(performance.now() - startedAt),
    checks,
  };
}

/** Bytes read at most to find the first non-blank character. */
const SNIFF_LIMIT = 64 * 1024;

/** Reads until the first non-blank character to decide the kind; returns the bytes read so far. */
async function sniff(iterator: AsyncIterator<Uint8Array>): Promise<{ kind: CaptureKind; head: Uint8Array | undefined }> {
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
