import { jsonStreamEvent } from '../../src/checks/stream/stream-event.js';
import { describe, expect, it } from 'vitest';
import { responseSchema } from '../../src/checks/response/schema.js';
import { eventSchema } from '../../src/checks/stream/event-schema.js';
import type { CheckContext, HttpObservation } from '../../src/checks/types.js';
import { createSchemaValidator, loadBundledSpec } from '../../src/spec/index.js';
import { validResponse } from '../helpers/responses.js';

const ctx: CheckContext = { schemas: createSchemaValidator(loadBundledSpec().document), specVersion: '2026-04-24' };
const check = (json: Record<string, unknown>) =>
  responseSchema.check({ http: { request: { method: 'POST', path: '/responses', body: {}, stream: false }, status: 200, headers: {} }, text: '', json }, ctx);

const message = { type: 'message', id: 'msg_1', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'Hi', annotations: [], logprobs: [] }] };

describe('schema issues under the extension rules', () => {
  it('does not judge an implementor-prefixed item against the core union (EXT-13)', () => {
    const extension = { type: 'acme:search_call', id: 'sc_1', status: 'completed', query: 'x' };
    expect(check(validResponse({ output: [extension, message] }))).toEqual([]);
  });

  it('still fails an unprefixed unknown item type', () => {
    expect(check(validResponse({ output: [{ type: 'search_call', id: 'sc_1', status: 'completed' }] }))).toMatchObject([{ verdict: 'fail', location: { path: '/output/0/type' } }]);
  });

  it('makes an extra status on a standard item a warning under its item row (Z-43)', () => {
    expect(check(validResponse({ output: [{ ...message, status: 'failed' }] }))).toMatchObject([{ verdict: 'warn', requirement: 'ITEM-T-01', location: { path: '/output/0/status' } }]);
  });

  it('keeps a non-string status a failure', () => {
    const findings = check(validResponse({ output: [{ ...message, status: 3 }] }));
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.verdict === 'fail' && f.location?.path === '/output/0/status')).toBe(true);
  });
});

describe('breaches the catalogue grades warn', () => {
  const reasoning = { type: 'reasoning', id: 'rs_1', summary: [] };
  const jsonSchemaFormat = { type: 'json_schema', name: 'answer', description: null, schema: null, strict: true };

  it.each([
    ['content', { ...reasoning, content: null }],
    ['encrypted_content', { ...reasoning, encrypted_content: null }],
  ])('a reasoning item with %s null is a warning under RSN-04 (Z-12)', (field, item) => {
    expect(check(validResponse({ output: [item, message] }))).toEqual([
      expect.objectContaining({ verdict: 'warn', requirement: 'RSN-04', location: { path: `/output/0/${field}` } }),
    ]);
  });

  it('a reasoning item with content or encrypted_content of a wrong non-null type still fails', () => {
    const findings = check(validResponse({ output: [{ ...reasoning, content: 'thought', encrypted_content: 7 }] }));
    expect(findings.map((f) => [f.verdict, f.requirement, f.location?.path])).toEqual([
      ['fail', 'ITEM-T-04', '/output/0/content'],
      ['fail', 'ITEM-T-04', '/output/0/encrypted_content'],
    ]);
  });

  it('a null field on another item type is not graded as a reasoning field', () => {
    expect(check(validResponse({ output: [{ ...message, content: null }] }))).toMatchObject([{ verdict: 'fail', location: { path: '/output/0/content' } }]);
  });

  it('an echoed text.format.schema is one warning under RES-12 (Z-15), and null passes', () => {
    expect(check(validResponse({ text: { format: { ...jsonSchemaFormat, schema: { type: 'object' } } } }))).toEqual([
      expect.objectContaining({ verdict: 'warn', requirement: 'RES-12', location: { path: '/text/format/schema' } }),
    ]);
    expect(check(validResponse({ text: { format: jsonSchemaFormat } }))).toEqual([]);
  });

  it('a json_schema format missing its name still fails, once, at that field, under RES-12', () => {
    const { name: _dropped, ...format } = jsonSchemaFormat;
    expect(check(validResponse({ text: { format } }))).toEqual([
      expect.objectContaining({ verdict: 'fail', requirement: 'RES-12', location: { path: '/text/format/name' } }),
    ]);
  });

  it('the stream event schema grades the same breaches in an item and a snapshot', () => {
    const http: HttpObservation = { request: { method: 'POST', path: '/responses', body: {}, stream: true }, status: 200, headers: {} };
    const state = eventSchema.init(http, ctx);
    const judge = (value: Record<string, unknown>) =>
      eventSchema.onEvent(state, jsonStreamEvent({ index: 0, data: JSON.stringify(value), byteOffset: 0, receivedAtMs: 0 }, value), ctx);
    const itemDone = { type: 'response.output_item.done', sequence_number: 3, output_index: 0, item: { ...reasoning, encrypted_content: null } };
    expect(judge(itemDone)).toEqual([expect.objectContaining({ verdict: 'warn', requirement: 'RSN-04', location: expect.objectContaining({ path: '/item/encrypted_content' }) })]);
    const completed = { type: 'response.completed', sequence_number: 9, response: validResponse({ text: { format: { ...jsonSchemaFormat, schema: { type: 'object' } } } }) };
    expect(judge(completed)).toEqual([expect.objectContaining({ verdict: 'warn', requirement: 'RES-12', location: expect.objectContaining({ path: '/response/text/format/schema' }) })]);
  });
});

