import { describe, expect, it } from 'vitest';
import { responseSchema } from '../../src/checks/response/schema.js';
import type { CheckContext } from '../../src/checks/types.js';
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
