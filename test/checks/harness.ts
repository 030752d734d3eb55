import { SseFramer } from '../../src/http/sse.js';
import { StreamCheckSession } from '../../src/checks/session.js';
import { loadBundledSpec } from '../../src/spec/load.js';
import { createSchemaValidator } from '../../src/spec/schemas.js';
import type { CheckContext, Finding, HttpObservation, ResponseCheck, StreamCheck, StreamEnd } from '../../src/checks/types.js';
import { expectNoInternalError, internalErrorsByCheck } from '../helpers/internal-errors.js';

const spec = loadBundledSpec();

/** A real check context over the bundled spec, compiled once per test file. */
export const ctx: CheckContext = { schemas: createSchemaValidator(spec.document), specVersion: spec.version };

export const BASE_REQUEST = { model: 'test-model', input: 'Say hello.', stream: true };

export function httpObservation(body: Record<string, unknown> = BASE_REQUEST): HttpObservation {
  return {
    request: { method: 'POST', path: '/responses', body, stream: true },
    status: 200,
    headers: { 'content-type': 'text/event-stream' },
  };
}

export interface StreamRun {
  /** The request body the checks see (default `BASE_REQUEST`). */
  request?: Record<string, unknown>;
  /** Split the bytes into chunks of this size, to cross message boundaries. */
  chunkSize?: number;
  /** How the stream ended (default `eof`: the server closed it). */
  endReason?: StreamEnd['reason'];
}

/**
 * Feeds raw SSE text through the framer and a session of `checks`; returns every finding. Fails
 * when a check threw: the session would hide that as a check that is merely not judged.
 */
export function runStream(text: string, checks: readonly StreamCheck<unknown>[], run: StreamRun = {}): Finding[] {
  const session = new StreamCheckSession(checks, httpObservation(run.request), ctx);
  const framer = new SseFramer((frame) => session.push(frame), { maxEventBytes: 1 << 20, maxEvents: 100_000 }, 0);
  const bytes = new TextEncoder().encode(text);
  const size = run.chunkSize ?? bytes.length;
  for (let start = 0; start < bytes.length; start += Math.max(1, size)) framer.push(bytes.subarray(start, start + Math.max(1, size)));
  const results = session.end(framer.finish(run.endReason ?? 'eof'));
  expectNoInternalError(internalErrorsByCheck(results));
  return [...results.values()].flatMap((list) => list.items);
}

export function runResponse(
  response: Record<string, unknown>,
  checks: readonly ResponseCheck[],
  request: Record<string, unknown> = { model: 'test-model', input: 'Say hello.' },
): Finding[] {
  return checks.flatMap((check) => check.check({ request: { method: 'POST', path: '/responses', body: request, stream: false }, response, source: 'body' }, ctx));
}

/** A one-line summary of findings, for assertion messages. */
export function summarize(findings: Finding[]): string {
  return findings.map((f) => `${f.checkId} ${f.requirement} ${f.verdict}: ${f.message}`).join('\n');
}
