#!/usr/bin/env node
// Measures the hot paths on this machine: schema compilation, the stream engine on a long stream,
// and a whole self-test. Run after `npm run build`: `npm run bench`. Prints one line per figure.
import { performance } from 'node:perf_hooks';
import { loadBundledSpec, createSchemaValidator } from '../dist/spec/index.js';
import { checkSetForStep } from '../dist/checks/registry.js';
import { StreamCheckSession } from '../dist/checks/session.js';
import { SseFramer } from '../dist/http/sse.js';
import { main } from '../dist/cli/main.js';
import { PassThrough } from 'node:stream';

const DELTAS = Number(process.env.BENCH_DELTAS ?? 100_000);

function mib(bytes) {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

// 1. Compiling the schemas: once per run.
let t = performance.now();
const spec = loadBundledSpec();
const schemas = createSchemaValidator(spec.document);
for (const name of Object.keys(spec.document.components.schemas)) schemas.validate(name, {});
console.log(`compile all ${Object.keys(spec.document.components.schemas).length} component schemas: ${(performance.now() - t).toFixed(0)} ms`);

// 2. A conforming stream with DELTAS text deltas, generated chunk by chunk (never held whole),
//    through the framer and every stream check.
const response = (status, output) => ({
  id: 'resp_bench', object: 'response', created_at: 1, completed_at: status === 'completed' ? 2 : null, status,
  incomplete_details: null, model: 'm', previous_response_id: null, instructions: null, output, error: null,
  tools: [], tool_choice: 'auto', truncation: 'disabled', parallel_tool_calls: true, text: { format: { type: 'text' } },
  top_p: 1, presence_penalty: 0, frequency_penalty: 0, top_logprobs: 0, temperature: 1, reasoning: null,
  usage: status === 'completed' ? { input_tokens: 1, output_tokens: DELTAS, total_tokens: DELTAS + 1, input_tokens_details: { cached_tokens: 0 }, output_tokens_details: { reasoning_tokens: 0 } } : null,
  max_output_tokens: null, max_tool_calls: null, store: true, background: false, service_tier: 'default', metadata: {},
  safety_identifier: null, prompt_cache_key: null,
});
const word = 'token ';
const text = word.repeat(DELTAS);
const part = (t) => ({ type: 'output_text', text: t, annotations: [], logprobs: [] });
const item = (status, content) => ({ type: 'message', id: 'msg_1', status, role: 'assistant', content });
function* events() {
  let seq = 0;
  yield { type: 'response.created', sequence_number: seq++, response: response('in_progress', []) };
  yield { type: 'response.in_progress', sequence_number: seq++, response: response('in_progress', []) };
  yield { type: 'response.output_item.added', sequence_number: seq++, output_index: 0, item: item('in_progress', []) };
  yield { type: 'response.content_part.added', sequence_number: seq++, item_id: 'msg_1', output_index: 0, content_index: 0, part: part('') };
  for (let i = 0; i < DELTAS; i++) {
    yield { type: 'response.output_text.delta', sequence_number: seq++, item_id: 'msg_1', output_index: 0, content_index: 0, delta: word, logprobs: [] };
  }
  yield { type: 'response.output_text.done', sequence_number: seq++, item_id: 'msg_1', output_index: 0, content_index: 0, text, logprobs: [] };
  yield { type: 'response.content_part.done', sequence_number: seq++, item_id: 'msg_1', output_index: 0, content_index: 0, part: part(text) };
  const done = item('completed', [part(text)]);
  yield { type: 'response.output_item.done', sequence_number: seq++, output_index: 0, item: done };
  yield { type: 'response.completed', sequence_number: seq++, response: response('completed', [done]) };
}
const http = { request: { method: 'POST', path: '/responses', body: { model: 'm', input: 'x', stream: true }, stream: true }, status: 200, headers: { 'content-type': 'text/event-stream' } };
const checks = checkSetForStep({ stream: true }).stream;
const session = new StreamCheckSession(checks, http, { schemas, specVersion: spec.version });
let findings = 0;
const framer = new SseFramer((frame) => session.push(frame), { maxEventBytes: 32 * 1024 * 1024, maxEvents: 10_000_000 });
const encoder = new TextEncoder();
global.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
let peakHeap = heapBefore;
let bytes = 0;
let count = 0;
t = performance.now();
let batch = '';
for (const event of events()) {
  batch += `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
  if (++count % 256 === 0) {
    const chunk = encoder.encode(batch);
    bytes += chunk.length;
    framer.push(chunk);
    batch = '';
    if (count % 8192 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }
}
batch += 'data: [DONE]\n\n';
bytes += batch.length;
framer.push(encoder.encode(batch));
global.gc?.();
const retained = process.memoryUsage().heapUsed - heapBefore;
for (const list of session.end(framer.finish('eof')).values()) findings += list.items.length + list.dropped;
const seconds = (performance.now() - t) / 1000;
console.log(`stream engine (${checks.length} stream checks): ${count} events, ${mib(bytes)} in ${seconds.toFixed(2)} s = ${Math.round(count / seconds)} events/s, ${(bytes / 1024 / 1024 / seconds).toFixed(1)} MiB/s; findings: ${findings}`);
console.log(`heap during the stream: peak growth ${mib(peakHeap - heapBefore)} (garbage included), retained at the end ${global.gc ? mib(retained) : 'unknown (run with --expose-gc)'}; the streamed text is ${mib(text.length)} (kept by the checks that compare it)`);

// 3. The whole suite against the embedded server.
const sink = new PassThrough();
sink.resume();
const runs = [];
for (let i = 0; i < 5; i++) {
  t = performance.now();
  const code = await main(['self-test', '--reporter', 'json', '--out', `/tmp/orc-bench-${process.pid}`], { stdout: sink, stderr: sink, color: false });
  runs.push(performance.now() - t);
  if (code !== 0) throw new Error(`self-test exited ${code}`);
}
runs.sort((a, b) => a - b);
console.log(`self-test (all scenarios, in-process, 5 runs): median ${runs[2].toFixed(0)} ms, min ${runs[0].toFixed(0)} ms, max ${runs[4].toFixed(0)} ms`);
