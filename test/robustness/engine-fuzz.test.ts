import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSetForStep } from '../../src/checks/registry.js';
import { StreamCheckSession } from '../../src/checks/session.js';
import type { CheckContext, Finding, ResponseCheck } from '../../src/checks/types.js';
import { SseFramer } from '../../src/http/sse.js';
import { createSchemaValidator, loadBundledSpec } from '../../src/spec/index.js';
import { expectNoInternalError, internalErrorsByCheck } from '../helpers/internal-errors.js';
import { validResponse } from '../helpers/responses.js';
import { seeded } from '../helpers/fast-check-seed.js';

/**
 * Robustness of the SSE layer and every check against arbitrary input: no check throws (the
 * harness fails on a check the session stopped on an exception), everything terminates, every
 * finding is well formed, and the same input gives the same findings however its bytes are split.
 * FUZZ_SCALE multiplies the number of cases (default 1) for longer runs by hand.
 */
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
/** Generous: these are pure CPU work, and a busy two-core machine must not fail them by the clock. */
const TIMEOUT_MS = 120_000 * Math.max(1, SCALE);

const ctx: CheckContext = { schemas: createSchemaValidator(loadBundledSpec().document), specVersion: '2026-04-24' };
const checks = checkSetForStep({ stream: true });
const http = {
  request: { method: 'POST', path: '/responses', body: { model: 'm', input: 'x', stream: true, tools: [{ type: 'function', name: 'f' }], tool_choice: 'required' }, stream: true },
  status: 200,
  headers: { 'content-type': 'text/event-stream' },
};

/**
 * Runs the framer and every stream check over `bytes`, split at `cuts`; fails when a check threw
 * (the session would report it only as not judged).
 */
function engine(bytes: Uint8Array, cuts: number[] = [], maxEventBytes = 1 << 16): Finding[] {
  const session = new StreamCheckSession(checks.stream, http, ctx);
  const framer = new SseFramer((frame) => session.push(frame), { maxEventBytes, maxEvents: 5_000 }, 0);
  let start = 0;
  for (const cut of [...cuts.filter((c) => c > 0 && c < bytes.length)].sort((a, b) => a - b).concat(bytes.length)) {
    if (!framer.push(bytes.subarray(start, cut))) break;
    start = cut;
  }
  const results = session.end(framer.finish('eof'));
  expectNoInternalError(internalErrorsByCheck(results));
  return [...results.values()].flatMap((list) => list.items);
}

const streamCheckIds = new Set(checks.stream.map((check) => check.id));

/** What holds for any finding, whatever the input: independent of what the checks decided. */
function expectWellFormed(findings: readonly Finding[]): void {
  // Plain tests and one expect: this runs for every finding of thousands of cases.
  const malformed = findings.filter(
    (f) => !streamCheckIds.has(f.checkId) || (f.verdict !== 'fail' && f.verdict !== 'warn') || !/^[A-Z]+(-[A-Z0-9]+)+$/.test(f.requirement) || f.message.length <= 10,
  );
  expect(malformed.map(summary)).toEqual([]);
}

function responseRules(response: unknown): string[] {
  const rules: readonly ResponseCheck[] = checks.response;
  return rules.flatMap((check) =>
    check.check({ request: http.request, response: response as Record<string, unknown>, source: 'stream' }, ctx).map(summary),
  );
}

function summary(f: Finding): string {
  return JSON.stringify([f.checkId, f.requirement, f.verdict, f.message, f.location, f.expected, f.actual]);
}

const encode = (text: string) => new TextEncoder().encode(text);

// Small pools make collisions (same item, same part) likely, so the state machines get exercised.
const itemId = fc.constantFrom('msg_1', 'msg_2', 'fc_1', 'rs_1');
const index = fc.integer({ min: -1, max: 3 });
const eventType = fc.constantFrom(
  'response.created', 'response.queued', 'response.in_progress', 'response.completed', 'response.failed', 'response.incomplete',
  'response.output_item.added', 'response.output_item.done', 'response.content_part.added', 'response.content_part.done',
  'response.output_text.delta', 'response.output_text.done', 'response.output_text.annotation.added', 'response.refusal.delta',
  'response.refusal.done', 'response.reasoning.delta', 'response.reasoning.done', 'response.reasoning_summary_part.added',
  'response.reasoning_summary_part.done', 'response.reasoning_summary_text.delta', 'response.reasoning_summary_text.done',
  'response.function_call_arguments.delta', 'response.function_call_arguments.done', 'error', 'acme:trace', 'response.done', '',
);
const item = fc.oneof(
  fc.record({ type: fc.constantFrom('message', 'function_call', 'reasoning', 'acme:call'), id: itemId, status: fc.constantFrom('in_progress', 'completed', 'incomplete', 'failed'), role: fc.constant('assistant'), content: fc.array(fc.record({ type: fc.constant('output_text'), text: fc.string(), annotations: fc.constant([]) }), { maxLength: 2 }), arguments: fc.string(), summary: fc.constant([]) }, { requiredKeys: ['type'] }),
  fc.constant(null),
  fc.anything(),
);
const snapshot = fc.oneof(
  fc.constantFrom('in_progress', 'completed', 'failed', 'incomplete', 'queued').map((status) => validResponse({ status, output: [], completed_at: null, usage: null })),
  fc.record({ id: fc.constantFrom('resp_1', 'resp_2'), status: fc.string(), output: fc.array(item, { maxLength: 3 }) }, { requiredKeys: [] }),
  fc.anything(),
);
const event = fc.record(
  {
    type: eventType,
    sequence_number: fc.oneof(fc.integer({ min: -2, max: 40 }), fc.constant('1'), fc.double()),
    response: snapshot,
    item,
    item_id: itemId,
    output_index: index,
    content_index: index,
    summary_index: index,
    annotation_index: index,
    delta: fc.string({ maxLength: 12 }),
    text: fc.string({ maxLength: 12 }),
    arguments: fc.oneof(fc.constant('{}'), fc.string({ maxLength: 8 })),
    part: fc.record({ type: fc.constantFrom('output_text', 'summary_text', 'refusal'), text: fc.string({ maxLength: 8 }) }),
    error: fc.record({ type: fc.string(), code: fc.string(), message: fc.string() }),
  },
  { requiredKeys: ['type'] },
);
const frame = fc.oneof(
  { weight: 8, arbitrary: event.map((e) => `event: ${String(e.type)}\ndata: ${JSON.stringify(e)}\n\n`) },
  { weight: 1, arbitrary: fc.constant('data: [DONE]\n\n') },
  { weight: 1, arbitrary: fc.jsonValue().map((v) => `data: ${JSON.stringify(v)}\n\n`) },
  { weight: 1, arbitrary: fc.string().map((s) => `${s}\n`) },
  { weight: 1, arbitrary: fc.constantFrom(': ping\n\n', 'id: 7\n', 'retry: 10\n', '\r\n', 'data: {\n', 'event: x\n') },
);
const cuts = fc.array(fc.nat({ max: 4000 }), { maxLength: 12 });

describe('stream engine robustness', () => {
  it('never throws on arbitrary bytes, and every finding is well formed', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        expectWellFormed(engine(bytes));
      }),
      seeded({ numRuns: runs(1500) }),
    );
  }, TIMEOUT_MS);

  it('gives the same findings however the bytes of random event sequences are split', () => {
    fc.assert(
      fc.property(fc.array(frame, { maxLength: 25 }), cuts, (frames, at) => {
        // A metamorphic relation (two different splits of one input), not a run compared with itself.
        const bytes = encode(frames.join(''));
        const whole = engine(bytes);
        expectWellFormed(whole);
        expect(engine(bytes, at).map(summary)).toEqual(whole.map(summary));
      }),
      seeded({ numRuns: runs(2500) }),
    );
  }, TIMEOUT_MS);

  it('never throws on random JSON values as event data or as a final response', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 10 }), fc.array(fc.dictionary(fc.constantFrom('output', 'status', 'usage', 'tools', 'id', 'error', 'incomplete_details', 'completed_at'), fc.jsonValue())), (values, responses) => {
        expectWellFormed(engine(encode(values.map((v) => `data: ${JSON.stringify(v)}\n\n`).join(''))));
        for (const response of [...responses, ...values.filter((v) => typeof v === 'object' && v !== null && !Array.isArray(v))]) responseRules(response);
      }),
      seeded({ numRuns: runs(1500) }),
    );
  }, TIMEOUT_MS);

  it('survives deeply nested values and huge strings', () => {
    // Built as text: JSON.parse takes any depth, but JSON.stringify of such a value overflows the stack.
    const depth = 50_000;
    const deepJson = `${'{"output":['.repeat(depth)}"bottom"${']}'.repeat(depth)}`;
    const deepEvent = `data: {"type":"response.completed","sequence_number":0,"response":${deepJson}}\n\n`;
    const huge = 'x'.repeat(60_000);
    const hugeEvent = `data: ${JSON.stringify({ type: 'response.output_text.delta', sequence_number: 1, item_id: huge, output_index: 0, content_index: 0, delta: huge })}\n\n`;
    const findings = engine(encode(deepEvent + hugeEvent), [], 1 << 22);
    expect(findings.length).toBeGreaterThan(0);
    expectWellFormed(findings);
    expect(findings.every((f) => summary(f).length < 10_000)).toBe(true);
    expect(() => responseRules(JSON.parse(deepJson))).not.toThrow();
  });
});
