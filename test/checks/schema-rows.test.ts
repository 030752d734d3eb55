/**
 * The precise catalogue row of a schema breach (src/checks/schema-rows.ts), through the checks that
 * use it: one violating input per family, the fallback to the check's own row, and the tables held
 * to the catalogue (every row they give allows `fail`, each e.3 row's event type names that row).
 */
import { jsonStreamEvent } from '../../src/checks/stream/stream-event.js';
import { describe, expect, it } from 'vitest';
import { compactSchema } from '../../src/checks/compact/schema.js';
import { responseSchema } from '../../src/checks/response/schema.js';
import { COMPACTION_SCHEMA_ROWS, EVENT_SCHEMA_ROWS, RESPONSE_SCHEMA_ROWS } from '../../src/checks/schema-rows.js';
import { eventSchema } from '../../src/checks/stream/event-schema.js';
import type { BodyCheck, Finding } from '../../src/checks/types.js';
import { findRequirement, requirementRows } from '../../src/requirements/catalogue.js';
import { validResponse } from '../helpers/responses.js';
import { ctx } from './harness.js';

const message = { type: 'message', id: 'msg_1', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'Hi', annotations: [], logprobs: [] }] };
const outputText = message.content[0];
const reasoning = { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'thinking' }] };
const logprob = { token: 'Hi', logprob: -0.1, bytes: [72, 105], top_logprobs: [] };

function judgeBody(check: BodyCheck, json: Record<string, unknown>): Finding[] {
  return check.check({ http: { request: { method: 'POST', path: '/responses', body: {}, stream: false }, status: 200, headers: {} }, text: '', json }, ctx);
}

/** `[row, path]` of each finding on a response body with `overrides`. */
const responseRows = (overrides: Record<string, unknown>) => judgeBody(responseSchema, validResponse(overrides)).map((f) => [f.requirement, f.location?.path]);
const withPart = (part: Record<string, unknown>) => ({ output: [{ ...message, content: [part] }] });
const without = (value: Record<string, unknown>, key: string) => Object.fromEntries(Object.entries(value).filter(([name]) => name !== key));

function eventRows(value: Record<string, unknown>): (string | undefined)[][] {
  const state = eventSchema.init({ request: { method: 'POST', path: '/responses', body: {}, stream: true }, status: 200, headers: {} }, ctx);
  const frame = { index: 0, data: JSON.stringify(value), byteOffset: 0, receivedAtMs: 0 };
  return eventSchema.onEvent(state, jsonStreamEvent(frame, value), ctx).map((f) => [f.requirement, f.location?.path]);
}

describe('a breach in a response body names the row of the field it breaks', () => {
  it.each([
    ['object', { object: 'resp' }, 'RES-03', '/object'],
    ['id', { id: 7 }, 'RES-04', '/id'],
    ['created_at', { created_at: '2026' }, 'RES-05', '/created_at'],
    ['status', { status: 3 }, 'RES-06', '/status'],
    ['incomplete_details', { incomplete_details: { reason: 3 } }, 'RES-07', '/incomplete_details/reason'],
    ['error', { error: { code: null, message: 'x' } }, 'RES-08', '/error/code'],
    ['output', { output: 'Hi' }, 'RES-09', '/output'],
    ['usage as a whole', { usage: 'n/a' }, 'USG-01', '/usage'],
    ['inside usage', { usage: { input_tokens: 1, output_tokens: 2, total_tokens: '3', input_tokens_details: { cached_tokens: 0 }, output_tokens_details: { reasoning_tokens: 0 } } }, 'RES-10', '/usage/total_tokens'],
    ['reasoning as a whole', { reasoning: 'high' }, 'REQ-F-18', '/reasoning'],
    ['inside reasoning', { reasoning: { effort: 'huge', summary: null } }, 'RES-13', '/reasoning/effort'],
    ['inside a tool', { tools: [{ type: 'function', name: 'f', description: null, parameters: null }] }, 'RES-14', '/tools/0/strict'],
    ['an unprefixed unknown tool type', { tools: [{ type: 'web_search' }] }, 'EXT-13', '/tools/0/type'],
    ['inside tool_choice', { tool_choice: { type: 'allowed_tools', tools: [] } }, 'RES-15', '/tool_choice/mode'],
    ['inside text', { text: { format: { type: 'xml' } } }, 'RES-12', '/text/format/type'],
    ['model', { model: null }, 'REQ-F-01', '/model'],
    ['previous_response_id', { previous_response_id: 5 }, 'REQ-F-03', '/previous_response_id'],
    ['tools as a whole', { tools: {} }, 'REQ-F-05', '/tools'],
    ['text as a whole', { text: 'plain' }, 'REQ-F-08', '/text'],
    ['temperature', { temperature: null }, 'REQ-F-09', '/temperature'],
    ['top_p', { top_p: '1' }, 'REQ-F-10', '/top_p'],
    ['frequency_penalty', { frequency_penalty: null }, 'REQ-F-11', '/frequency_penalty'],
    ['parallel_tool_calls', { parallel_tool_calls: 'yes' }, 'REQ-F-12', '/parallel_tool_calls'],
    ['background', { background: null }, 'REQ-F-15', '/background'],
    ['max_output_tokens', { max_output_tokens: 1.5 }, 'REQ-F-16', '/max_output_tokens'],
    ['max_tool_calls', { max_tool_calls: '2' }, 'REQ-F-17', '/max_tool_calls'],
    ['safety_identifier', { safety_identifier: 1 }, 'REQ-F-19', '/safety_identifier'],
    ['prompt_cache_key', { prompt_cache_key: 1 }, 'REQ-F-20', '/prompt_cache_key'],
    ['truncation', { truncation: 'sometimes' }, 'REQ-F-21', '/truncation'],
    ['instructions', { instructions: 1 }, 'REQ-F-22', '/instructions'],
    ['store', { store: null }, 'REQ-F-23', '/store'],
    ['service_tier', { service_tier: null }, 'REQ-F-24', '/service_tier'],
    ['top_logprobs', { top_logprobs: null }, 'REQ-F-25', '/top_logprobs'],
  ])('%s', (_field, overrides, row, path) => expect(responseRows(overrides)).toEqual([[row, path]]));

  it('tool_choice outside its union is the echoed field\'s row, once per branch it misses', () => {
    expect(responseRows({ tool_choice: 'sometimes' })).toEqual([['REQ-F-06', '/tool_choice'], ['REQ-F-06', '/tool_choice']]);
  });

  it('a missing property stays RES-02, whatever its field', () => {
    expect(judgeBody(responseSchema, without(validResponse(), 'usage')).map((f) => [f.requirement, f.location?.path])).toEqual([['RES-02', '/usage']]);
    expect(judgeBody(responseSchema, without(validResponse(), 'object')).map((f) => f.requirement)).toEqual(['RES-02']);
  });

  it('metadata takes any value (RES-19): only its absence is a finding, under RES-02', () => {
    expect(responseRows({ metadata: 5 })).toEqual([]);
  });

  it('a body that is no object at all is no response object (RES-01)', () => {
    expect(judgeBody(responseSchema, [] as unknown as Record<string, unknown>).map((f) => [f.requirement, f.location?.path])).toEqual([['RES-01', '(root)']]);
  });
});

describe('a breach in an output item names its item row', () => {
  it.each([
    ['a message', { ...message, role: 'bot' }, 'ITEM-T-01', '/output/0/role'],
    ['a function call', { type: 'function_call', id: 'fc_1', call_id: 'c', name: 'f', arguments: {}, status: 'completed' }, 'ITEM-T-02', '/output/0/arguments'],
    ['a function call output', { type: 'function_call_output', id: 'fo_1', call_id: 'c', output: 7, status: 'completed' }, 'ITEM-T-03', '/output/0/output'],
    ['a reasoning item', { ...reasoning, summary: 'none' }, 'ITEM-T-04', '/output/0/summary'],
    ['a reasoning item without id (no ITEM-02 failure for reasoning)', without(reasoning, 'id'), 'ITEM-T-04', '/output/0/id'],
    ['a compaction item', { type: 'compaction', id: 'cp_1' }, 'ITEM-T-05', '/output/0/encrypted_content'],
    ['a message without id', without(message, 'id'), 'ITEM-02', '/output/0/id'],
    ['a function call without status', { type: 'function_call', id: 'fc_1', call_id: 'c', name: 'f', arguments: '{}' }, 'ITEM-02', '/output/0/status'],
    ['an item without type', without(message, 'type'), 'ITEM-01', '/output/0/type'],
    ['an unprefixed unknown item type', { ...message, type: 'search_call' }, 'ITEM-04', '/output/0/type'],
  ])('%s', (_what, item, row, path) => expect(responseRows({ output: [item] })).toContainEqual([row, path]));

  it('a message status of the wrong type fails under the item row; an extra string status stays a warning there', () => {
    const wrongType = responseRows({ output: [{ ...message, status: 3 }] });
    expect(wrongType.length).toBeGreaterThan(0);
    expect(new Set(wrongType.map(([row, path]) => `${row} ${path}`))).toEqual(new Set(['ITEM-T-01 /output/0/status']));
    const [extra] = judgeBody(responseSchema, validResponse({ output: [{ ...message, status: 'failed' }] }));
    expect([extra.requirement, extra.verdict]).toEqual(['ITEM-T-01', 'warn']);
  });
});

describe('a breach in a content part names its part row', () => {
  it.each([
    ['input_text', { type: 'input_text' }, 'CNT-01', 'text'],
    ['output_text', { ...outputText, text: 1 }, 'CNT-02', 'text'],
    ['output_text without annotations', without(outputText, 'annotations'), 'CNT-02', 'annotations'],
    ['text', { type: 'text' }, 'CNT-03', 'text'],
    ['summary_text', { type: 'summary_text' }, 'CNT-04', 'text'],
    ['reasoning_text', { type: 'reasoning_text' }, 'CNT-05', 'text'],
    ['refusal', { type: 'refusal' }, 'CNT-06', 'refusal'],
    ['input_image', { type: 'input_image', image_url: null }, 'CNT-07', 'detail'],
    ['input_file', { type: 'input_file', filename: 3 }, 'CNT-08', 'filename'],
    ['input_video', { type: 'input_video' }, 'CNT-09', 'video_url'],
    ['an annotation', { ...outputText, annotations: [{ type: 'url_citation', url: 'https://x', start_index: 0, end_index: 1 }] }, 'CNT-10', 'annotations/0/title'],
    ['a logprob', { ...outputText, logprobs: [without(logprob, 'bytes')] }, 'CNT-11', 'logprobs/0/bytes'],
    ['a top logprob', { ...outputText, logprobs: [{ ...logprob, top_logprobs: [{ token: 'Hi', logprob: 0 }] }] }, 'CNT-11', 'logprobs/0/top_logprobs/0/bytes'],
  ])('%s', (_what, part, row, inside) => expect(responseRows(withPart(part))).toEqual([[row, `/output/0/content/0/${inside}`]]));

  it('a part of no known type is its item\'s row', () => {
    expect(responseRows(withPart({ type: 'audio', data: '' }))).toEqual([['ITEM-T-01', '/output/0/content/0/type']]);
  });

  it('in a reasoning summary and a tool output too', () => {
    expect(responseRows({ output: [{ ...reasoning, summary: [{ type: 'summary_text', text: 1 }] }] })).toEqual([['CNT-04', '/output/0/summary/0/text']]);
    const output = { type: 'function_call_output', id: 'fo_1', call_id: 'c', output: [{ type: 'input_image', image_url: null, detail: 'tiny' }], status: 'completed' };
    expect(responseRows({ output: [output] })).toContainEqual(['CNT-07', '/output/0/output/0/detail']);
  });
});

describe('a breach in a streamed event names its e.3 row, or the row of what it embeds', () => {
  const itemId = { item_id: 'msg_1', output_index: 0 };

  it('each e.3 row is named by an event of its type that lacks a required field', () => {
    const rows = requirementRows().filter((row) => /^EV-\d+$/.test(row.id));
    expect(rows).toHaveLength(24);
    for (const row of rows) {
      const type = /^`([^`]+)`/.exec(row.text)?.[1] ?? '';
      const named = eventRows({ type, sequence_number: 0 }).map(([requirement]) => requirement);
      expect(named.length, type).toBeGreaterThan(0);
      expect(new Set(named), type).toEqual(new Set([row.id]));
    }
  });

  it.each([
    ['sequence_number', { type: 'response.output_text.delta', sequence_number: '1', ...itemId, content_index: 0, delta: 'Hi' }, 'SSE-SEQ-01', '/sequence_number'],
    ['a missing sequence_number', { type: 'response.refusal.delta', ...itemId, content_index: 0, delta: 'No' }, 'SSE-SEQ-01', '/sequence_number'],
    ['the error payload', { type: 'error', sequence_number: 1, error: { type: 'server_error', code: null, param: null } }, 'ERR-S-01', '/error/message'],
    ['a missing error payload', { type: 'error', sequence_number: 1 }, 'EV-24', '/error'],
    ['a snapshot that is no object', { type: 'response.created', sequence_number: 0, response: 'resp_1' }, 'EV-01', '/response'],
    ['a snapshot field', { type: 'response.created', sequence_number: 0, response: validResponse({ object: 'resp' }) }, 'RES-03', '/response/object'],
    ['a snapshot without a field', { type: 'response.completed', sequence_number: 9, response: without(validResponse(), 'usage') }, 'RES-02', '/response/usage'],
    ['a snapshot item', { type: 'response.completed', sequence_number: 9, response: validResponse({ output: [without(message, 'status')] }) }, 'ITEM-02', '/response/output/0/status'],
    ['an event item', { type: 'response.output_item.added', sequence_number: 1, output_index: 0, item: { ...message, role: 'bot' } }, 'ITEM-T-01', '/item/role'],
    ['an event item of unknown type', { type: 'response.output_item.done', sequence_number: 1, output_index: 0, item: { ...message, type: 'search_call' } }, 'ITEM-04', '/item/type'],
    ['an event part', { type: 'response.content_part.added', sequence_number: 1, ...itemId, content_index: 0, part: { type: 'refusal' } }, 'CNT-06', '/part/refusal'],
    ['a summary part', { type: 'response.reasoning_summary_part.done', sequence_number: 1, ...itemId, summary_index: 0, part: { type: 'summary_text' } }, 'CNT-04', '/part/text'],
    ['an annotation', { type: 'response.output_text.annotation.added', sequence_number: 1, ...itemId, content_index: 0, annotation_index: 0, annotation: { type: 'url_citation', url: 'https://x', start_index: 0, end_index: 1 } }, 'CNT-10', '/annotation/title'],
    ['a delta logprob', { type: 'response.output_text.delta', sequence_number: 1, ...itemId, content_index: 0, delta: 'Hi', logprobs: [without(logprob, 'token')] }, 'CNT-11', '/logprobs/0/token'],
    ['the event field holding the item', { type: 'response.output_item.added', sequence_number: 1, output_index: 0 }, 'EV-07', '/item'],
  ])('%s', (_what, event, row, path) => expect(eventRows(event)).toContainEqual([row, path]));

  it('an event with no type to tell its row keeps the check\'s own, SSE-F-06', () => {
    expect(eventRows({ sequence_number: 1, delta: 'Hi' })).toEqual([['SSE-F-06', '/type']]);
  });
});

describe('a breach in a compaction names its item and usage rows, else END-02', () => {
  const compaction = { id: 'cmp_1', object: 'response.compaction', output: [message], created_at: 1700000000, usage: validResponse().usage };
  const rows = (json: Record<string, unknown>) => judgeBody(compactSchema, json).map((f) => [f.requirement, f.location?.path]);

  it.each([
    ['usage null', { ...compaction, usage: null }, 'USG-02', '/usage'],
    ['usage missing', without(compaction, 'usage'), 'USG-02', '/usage'],
    ['inside usage', { ...compaction, usage: { ...validResponse().usage as object, total_tokens: 'x' } }, 'RES-10', '/usage/total_tokens'],
    ['an item', { ...compaction, output: [without(message, 'id')] }, 'ITEM-02', '/output/0/id'],
    ['a part', { ...compaction, output: [{ ...message, content: [{ type: 'refusal' }] }] }, 'CNT-06', '/output/0/content/0/refusal'],
    ['object', { ...compaction, object: 'response' }, 'END-02', '/object'],
  ])('%s', (_what, json, row, path) => expect(rows(json)).toEqual([[row, path]]));
});

describe('the tables', () => {
  it.each([
    ['response', RESPONSE_SCHEMA_ROWS.rows],
    ['compaction', COMPACTION_SCHEMA_ROWS.rows],
    ['event', EVENT_SCHEMA_ROWS.rows],
  ])('give only %s rows whose Verdict column allows fail, the only verdict they are given for', (_kind, rows) => {
    const wrong = rows.filter((id) => !findRequirement(id)?.verdicts.some((part) => part.verdict === 'fail'));
    expect(wrong).toEqual([]);
  });

  it('are what the checks declare', () => {
    expect(responseSchema.alsoRequirements).toEqual(expect.arrayContaining([...RESPONSE_SCHEMA_ROWS.rows]));
    expect(compactSchema.alsoRequirements).toEqual(expect.arrayContaining([...COMPACTION_SCHEMA_ROWS.rows]));
    expect(eventSchema.alsoRequirements).toEqual(expect.arrayContaining([...EVENT_SCHEMA_ROWS.rows]));
  });
});
