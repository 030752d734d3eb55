import { describe, expect, it } from 'vitest';
import { scenarioOutcome, stepNotSent, type OutcomeExpectation } from '../../src/checks/scenario/outcome.js';
import type { CheckContext, ResponseObservation } from '../../src/checks/types.js';
import { createSchemaValidator, loadBundledSpec } from '../../src/spec/index.js';

const ctx: CheckContext = { schemas: createSchemaValidator(loadBundledSpec().document), specVersion: '2026-04-24' };
const NEEDS_CALL: OutcomeExpectation = { requirement: 'REQ-TC-02', purpose: 'a required tool call', status: 'completed' };
const TOKEN_LIMIT: OutcomeExpectation = { requirement: 'REQ-MOT-01', purpose: 'the incomplete path', status: 'incomplete', tolerated: 'completed' };
const MESSAGE = { type: 'message', id: 'msg_1', status: 'completed', role: 'assistant', content: [] };

function judge(expectation: OutcomeExpectation, response: Record<string, unknown>) {
  const obs: ResponseObservation = { request: { method: 'POST', path: '/responses', body: {}, stream: false }, response, source: 'body' };
  return scenarioOutcome(expectation).check(obs, ctx);
}

describe('scenario/outcome', () => {
  it('passes the status the scenario needs, with output', () => {
    expect(judge(NEEDS_CALL, { status: 'completed', output: [MESSAGE] })).toEqual([]);
    expect(judge(TOKEN_LIMIT, { status: 'incomplete', output: [] })).toEqual([]);
  });

  it('fails a failed response, naming the purpose and showing the server error', () => {
    const [found, ...rest] = judge(NEEDS_CALL, { status: 'failed', output: [], error: { code: 'server_error', message: 'overloaded' } });
    expect(rest).toEqual([]);
    expect(found).toMatchObject({ checkId: 'scenario/outcome', requirement: 'REQ-TC-02', verdict: 'fail', location: { path: '/status' } });
    expect(found.message).toContain('could not exercise a required tool call');
    expect(found.actual).toBe('status "failed", error {"code":"server_error","message":"overloaded"}');
  });

  it('fails a completed response with no output where output is needed', () => {
    for (const output of [[], undefined, 'none']) {
      expect(judge(NEEDS_CALL, { status: 'completed', output })).toMatchObject([{ verdict: 'fail', location: { path: '/output' } }]);
    }
  });

  it('fails an incomplete or queued answer where a completed one is needed', () => {
    for (const status of ['incomplete', 'queued', 'in_progress', undefined]) {
      expect(judge(NEEDS_CALL, { status, output: [MESSAGE] }), String(status)).toMatchObject([{ verdict: 'fail' }]);
    }
  });

  it('warns on a status outside the five (RES-06 grades it a warning), since its meaning is unknown', () => {
    expect(judge(NEEDS_CALL, { status: 'succeeded', output: [MESSAGE] })).toMatchObject([{ verdict: 'warn', location: { path: '/status' } }]);
    expect(judge(NEEDS_CALL, { status: 42, output: [MESSAGE] })).toMatchObject([{ verdict: 'fail' }]);
  });

  it('only warns on a completed answer under a token limit, and fails a failed one', () => {
    expect(judge(TOKEN_LIMIT, { status: 'completed', output: [MESSAGE] })).toMatchObject([{ verdict: 'warn', requirement: 'REQ-MOT-01' }]);
    expect(judge(TOKEN_LIMIT, { status: 'failed', output: [] })).toMatchObject([{ verdict: 'fail' }]);
  });

  it('fails a step that could not be sent', () => {
    const { check, finding } = stepNotSent(NEEDS_CALL, 'turn-2');
    expect(check.id).toBe('scenario/outcome');
    expect(finding).toMatchObject({ verdict: 'fail', requirement: 'REQ-TC-02' });
    expect(finding.message).toMatch(/^Step turn-2 could not be sent/);
  });
});

describe('scenario/outcome, exactly', () => {
  const at = (path: string) => ({ path });

  it('names the check after the purpose', () => {
    const check = scenarioOutcome(NEEDS_CALL);
    expect(check).toMatchObject({ kind: 'response', id: 'scenario/outcome', severity: 'TOOL', section: 'Scenario outcome', requirement: 'REQ-TC-02', title: 'The answer lets the scenario exercise a required tool call' });
  });

  it('a completed answer without output', () => {
    expect(judge(NEEDS_CALL, { status: 'completed', output: [] })).toEqual([{
      checkId: 'scenario/outcome', requirement: 'REQ-TC-02', verdict: 'fail',
      message: 'The response is "completed" with no output, so this scenario could not exercise a required tool call.',
      expected: 'a completed response with at least one output item', actual: 'output []', location: at('/output'),
    }]);
    expect(judge({ ...TOKEN_LIMIT, status: 'incomplete' }, { status: 'incomplete' })).toEqual([]);
  });

  it('a status outside the five, with the server error', () => {
    expect(judge(NEEDS_CALL, { status: 'succeeded', output: [MESSAGE], error: { code: 'x' } })).toEqual([{
      checkId: 'scenario/outcome', requirement: 'REQ-TC-02', verdict: 'warn',
      message: 'The response status "succeeded" is none of the five the spec uses, so whether this scenario exercised a required tool call cannot be told.',
      expected: 'status "completed"', actual: 'status "succeeded", error {"code":"x"}', location: at('/status'),
    }]);
  });

  it('a wrong status, tolerated or not', () => {
    expect(judge(NEEDS_CALL, { status: 'incomplete', output: [MESSAGE], error: null })).toEqual([{
      checkId: 'scenario/outcome', requirement: 'REQ-TC-02', verdict: 'fail',
      message: 'The response is "incomplete", so this scenario could not exercise a required tool call; it needs a "completed" response.',
      expected: 'status "completed"', actual: 'status "incomplete"', location: at('/status'),
    }]);
    expect(judge(TOKEN_LIMIT, { status: 'completed', output: [MESSAGE] })).toEqual([{
      checkId: 'scenario/outcome', requirement: 'REQ-MOT-01', verdict: 'warn',
      message: 'The response is "completed", not "incomplete": the server may have finished within the limit, so the incomplete path was not exercised.',
      expected: 'status "incomplete"', actual: 'status "completed"', location: at('/status'),
    }]);
    expect(judge({ ...NEEDS_CALL, status: 'incomplete' }, { status: 'completed', output: [MESSAGE] })).toMatchObject([{ verdict: 'fail' }]);
  });

  it('a step that could not be sent', () => {
    expect(stepNotSent(NEEDS_CALL, 'turn-2').finding).toEqual({
      checkId: 'scenario/outcome', requirement: 'REQ-TC-02', verdict: 'fail',
      message: "Step turn-2 could not be sent: the earlier step's answer gave nothing to continue from, so this scenario could not exercise a required tool call.",
      expected: 'an earlier answer to continue from', actual: 'none (see the earlier step)',
    });
  });
});
