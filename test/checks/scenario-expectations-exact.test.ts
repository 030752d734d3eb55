import { describe, expect, it } from 'vitest';
import { echoes, expectationCheck, type Expectation } from '../../src/checks/scenario/expectations.js';
import type { Finding, ResponseCheck, ResponseObservation } from '../../src/checks/types.js';
import { ctx } from './harness.js';

/** Exact findings of each scenario expectation: what a step's `expect:` asks of an answer. */
type Body = Record<string, unknown>;
const REQUEST: Body = { model: 'test-model', input: 'Say hello.' };

function judge(expectation: Expectation, response: Body, request: Body | null = REQUEST): Finding[] {
  const check = expectationCheck(expectation);
  const observation: ResponseObservation = {
    request: request === null ? undefined : { method: 'POST', path: '/responses', body: request, stream: false },
    response,
    source: 'body',
  };
  return check.check(observation, ctx);
}

function notJudged(expectation: Expectation, request: Body | null = REQUEST): string | undefined {
  const check = expectationCheck(expectation);
  return check.notJudged?.({ request: request === null ? undefined : { method: 'POST', path: '/responses', body: request, stream: false }, response: {}, source: 'body' });
}

const text = (value: unknown): Body => ({ type: 'output_text', text: value, annotations: [] });
const message = (...content: unknown[]): Body => ({ type: 'message', role: 'assistant', status: 'completed', content });
const completed = (...output: unknown[]): Body => ({ object: 'response', status: 'completed', output });

describe('expectationCheck', () => {
  it('gives each kind its check, id, requirement and severity, with the documented defaults', () => {
    const summary = (check: ResponseCheck) => [check.id, check.requirement, check.severity, check.kind, check.section, check.title];
    expect(summary(expectationCheck({ kind: 'output_text_contains', text: 'TANGERINE' }))).toEqual([
      'scenario/output-text-contains', 'REQ-PR-04', 'TOOL', 'response', 'Scenario expectations', 'The answer\'s text contains "TANGERINE"',
    ]);
    expect(summary(expectationCheck({ kind: 'output_text_contains', text: 'x', requirement: 'REQ-FILE-01' }))[1]).toBe('REQ-FILE-01');
    expect(summary(expectationCheck({ kind: 'output_text_json_schema' }))).toEqual([
      'scenario/output-text-json-schema', 'REQ-TXT-01', 'IMPLIED', 'response', 'Scenario expectations', 'The output text is JSON that fits the json_schema the request sent',
    ]);
    expect(summary(expectationCheck({ kind: 'echo', fields: ['temperature', 'top_p'] }))).toEqual([
      'scenario/echo', 'REQ-ECHO-01', 'IMPLIED', 'response', 'Scenario expectations', 'The response echoes temperature, top_p as sent',
    ]);
    expect(summary(expectationCheck({ kind: 'item_present', type: 'reasoning', requirement: 'REQ-RSN-01' }))).toEqual([
      'scenario/item-present', 'REQ-RSN-01', 'TOOL', 'response', 'Scenario expectations', 'The output holds a reasoning item, so the scenario can exercise REQ-RSN-01',
    ]);
    expect(summary(expectationCheck({ kind: 'logprobs' }))).toEqual([
      'scenario/logprobs', 'REQ-IC-02', 'IMPLIED', 'response', 'Scenario expectations', 'include message.output_text.logprobs fills logprobs on output_text parts',
    ]);
    expect(summary(expectationCheck({ kind: 'encrypted_content' }))).toEqual([
      'scenario/encrypted-content', 'REQ-IC-01', 'IMPLIED', 'response', 'Scenario expectations', 'include reasoning.encrypted_content puts encrypted_content on reasoning items',
    ]);
  });
});

describe('scenario/output-text-contains', () => {
  const expectation: Expectation = { kind: 'output_text_contains', text: 'Tangerine' };

  it('passes text found in any output_text part, in any case, across the parts of several messages', () => {
    expect(judge(expectation, completed(message(text('The code word is TANGERINE.'))))).toEqual([]);
    expect(judge(expectation, completed({ type: 'reasoning', summary: [] }, message(text('first')), message(text('then tangerine'))))).toEqual([]);
    // The parts are joined by a line break, so a phrase spanning two parts matches with one.
    expect(judge({ kind: 'output_text_contains', text: 'tang\nerine' }, completed(message(text('tang'), text('erine'))))).toEqual([]);
    expect(judge({ kind: 'output_text_contains', text: 'tangerine' }, completed(message(text('tang'), text('erine'))))).toHaveLength(1);
  });

  it('names the first output_text part and what it said, graded warn by default', () => {
    expect(judge(expectation, completed({ type: 'reasoning' }, message({ type: 'refusal', refusal: 'no' }, text('An orange.'), text('A lemon.'))))).toEqual([
      {
        checkId: 'scenario/output-text-contains',
        requirement: 'REQ-PR-04',
        verdict: 'warn',
        message: 'The answer does not contain "Tangerine", which the scenario\'s earlier context gave the model.',
        expected: 'output text containing "Tangerine"',
        actual: '"An orange.\\nA lemon."',
        location: { path: '/output/1/content/1' },
      },
    ]);
  });

  it('says when there is no output_text part at all, and grades with the verdict asked for', () => {
    const noText = completed(
      'not an item',
      { type: 'function_call', content: [text('Tangerine')] },
      { type: 'message', content: 'Tangerine' },
      message('Tangerine', { type: 'output_text' }, { type: 'output_text', text: 7 }),
    );
    expect(judge({ kind: 'output_text_contains', text: 'Tangerine', requirement: 'REQ-FILE-01', verdict: 'fail' }, noText)).toEqual([
      {
        checkId: 'scenario/output-text-contains',
        requirement: 'REQ-FILE-01',
        verdict: 'fail',
        message: 'The answer does not contain "Tangerine", which the scenario\'s earlier context gave the model.',
        expected: 'output text containing "Tangerine"',
        actual: 'no output_text part',
        location: { path: '/output' },
      },
    ]);
    expect(judge(expectation, { status: 'completed' })[0].actual).toBe('no output_text part');
  });

  it('cuts a long answer short', () => {
    const long = 'a'.repeat(300);
    expect(judge(expectation, completed(message(text(long))))[0].actual).toBe(`"${'a'.repeat(118)}…`);
  });

  it('judges only a completed answer, or a compaction, which has no status', () => {
    for (const status of ['incomplete', 'failed', 'in_progress', undefined]) {
      expect(judge(expectation, { object: 'response', status, output: [message(text('An orange.'))] })).toEqual([]);
    }
    expect(judge(expectation, { object: 'response.compaction', output: [message(text('An orange.'))] })).toHaveLength(1);
    expect(judge(expectation, { object: 'response.compaction', status: 'failed', output: [] })).toEqual([]);
  });
});

describe('scenario/output-text-json-schema', () => {
  const expectation: Expectation = { kind: 'output_text_json_schema' };
  const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false };
  const structured: Body = { ...REQUEST, text: { format: { type: 'json_schema', name: 'place', schema } } };

  it('passes JSON that fits, and a refusal in place of output_text', () => {
    expect(judge(expectation, completed(message(text('{"city":"Paris"}'))), structured)).toEqual([]);
    expect(judge(expectation, completed(message({ type: 'refusal', refusal: 'I cannot.' })), structured)).toEqual([]);
  });

  it('fails text that is not JSON, naming the part and the parser\'s reason', () => {
    let reason = '';
    try {
      JSON.parse('Paris');
    } catch (error) {
      reason = (error as Error).message;
    }
    expect(judge(expectation, completed(message(text('{"city":"Paris"}'), text('Paris'))), structured)).toEqual([
      {
        checkId: 'scenario/output-text-json-schema',
        requirement: 'REQ-TXT-01',
        verdict: 'fail',
        message: 'The output text under a json_schema text format is not JSON.',
        expected: 'JSON text',
        actual: `"Paris" (${reason})`,
        location: { path: '/output/0/content/1/text' },
      },
    ]);
  });

  it('fails JSON that breaks the schema, with the first issue and the text', () => {
    expect(judge(expectation, completed(message(text('{"city":1,"extra":true}'))), structured)).toEqual([
      {
        checkId: 'scenario/output-text-json-schema',
        requirement: 'REQ-TXT-01',
        verdict: 'fail',
        message: 'The output text does not fit the json_schema the request sent: /extra: expected no such property, saw present.',
        expected: 'no such property',
        actual: 'present',
        location: { path: '/output/0/content/0/text' },
        excerpt: '{"city":1,"extra":true}',
      },
    ]);
  });

  it('cuts long text short in the finding', () => {
    const long = `{"city":"${'P'.repeat(300)}","extra":1}`;
    const [finding] = judge(expectation, completed(message(text(long))), structured);
    expect(finding.excerpt).toBe(`${long.slice(0, 199)}…`);
    const [notJson] = judge(expectation, completed(message(text('P'.repeat(300)))), structured);
    expect(notJson.actual?.startsWith(`"${'P'.repeat(118)}… (`)).toBe(true);
  });

  it('is not judged without a json_schema format, nor on an answer that did not complete', () => {
    const reason = 'not judged: the request sent no text.format json_schema';
    const bad = completed(message(text('Paris')));
    for (const request of [REQUEST, { ...REQUEST, text: 'json' }, { ...REQUEST, text: { format: 'json_schema' } }, { ...REQUEST, text: { format: { type: 'json_object', schema } } }, { ...REQUEST, text: { format: { type: 'json_schema', schema: 'object' } } }]) {
      expect(notJudged(expectation, request)).toBe(reason);
      expect(judge(expectation, bad, request)).toEqual([]);
    }
    expect(notJudged(expectation, null)).toBe(reason);
    expect(judge(expectation, bad, null)).toEqual([]);
    expect(notJudged(expectation, structured)).toBeUndefined();
    expect(judge(expectation, { ...bad, status: 'incomplete' }, structured)).toEqual([]);
  });
});

describe('scenario/echo', () => {
  const expectation: Expectation = { kind: 'echo', fields: ['temperature', 'metadata', 'model', 'service_tier', 'top_p'] };
  const request: Body = { ...REQUEST, temperature: 0.5, metadata: { team: 'a' }, service_tier: 'auto' };

  it('passes the values sent, and skips fields not sent and fields a server may resolve', () => {
    expect(judge(expectation, { temperature: 0.5, metadata: { team: 'a' }, model: 'test-model-2026', service_tier: 'default' }, request)).toEqual([]);
  });

  it('warns on each field that came back different or not at all', () => {
    expect(judge(expectation, { metadata: { team: 'b' } }, request)).toEqual([
      {
        checkId: 'scenario/echo',
        requirement: 'REQ-ECHO-01',
        verdict: 'warn',
        message: 'The response\'s "temperature" is not the value the request sent.',
        expected: '0.5',
        actual: 'absent',
        location: { path: '/temperature' },
      },
      {
        checkId: 'scenario/echo',
        requirement: 'REQ-ECHO-01',
        verdict: 'warn',
        message: 'The response\'s "metadata" is not the value the request sent.',
        expected: '{"team":"a"}',
        actual: '{"team":"b"}',
        location: { path: '/metadata' },
      },
    ]);
    expect(judge(expectation, { temperature: null, metadata: { team: 'a' } }, request)[0].actual).toBe('null');
  });

  it('is not judged without the request', () => {
    expect(notJudged(expectation, null)).toBe('not judged: no request is known');
    expect(judge(expectation, {}, null)).toEqual([]);
    expect(notJudged(expectation)).toBeUndefined();
  });
});

describe('echoes', () => {
  it('takes equal values, and objects the server filled in further', () => {
    expect(echoes(1, 1)).toBe(true);
    expect(echoes('a', 'a')).toBe(true);
    expect(echoes(1, '1')).toBe(false);
    expect(echoes({ effort: 'low' }, { effort: 'low', summary: null })).toBe(true);
    expect(echoes({ effort: 'low', summary: 'auto' }, { effort: 'low' })).toBe(false);
    expect(echoes({ effort: 'low' }, 'low')).toBe(false);
    expect(echoes({ summary: null }, {})).toBe(true);
    expect(echoes({ summary: null }, { summary: null })).toBe(true);
    expect(echoes({ summary: null }, { summary: 'auto' })).toBe(false);
    expect(echoes(null, null)).toBe(true);
    expect(echoes(null, undefined)).toBe(false);
  });

  it('takes arrays of the same length whose entries each echo', () => {
    expect(echoes([{ type: 'function', name: 'f' }], [{ type: 'function', name: 'f', strict: true }])).toBe(true);
    expect(echoes([1, 2], [1, 2, 3])).toBe(false);
    expect(echoes([1, 2, 3], [1, 2])).toBe(false);
    expect(echoes([1, 2], [1, 3])).toBe(false);
    expect(echoes([1], { 0: 1, length: 1 })).toBe(false);
    expect(echoes([], [])).toBe(true);
  });
});

describe('scenario/item-present', () => {
  const expectation: Expectation = { kind: 'item_present', type: 'reasoning', requirement: 'REQ-RSN-01' };

  it('passes when an item of the type is there', () => {
    expect(judge(expectation, completed(message(text('hi')), { type: 'reasoning', summary: [] }))).toEqual([]);
  });

  it('fails by default, naming the item types it saw', () => {
    expect(judge(expectation, completed(message(text('hi')), 'odd', { type: 'function_call' }))).toEqual([
      {
        checkId: 'scenario/item-present',
        requirement: 'REQ-RSN-01',
        verdict: 'fail',
        message: 'The completed response holds no reasoning item, so this scenario could not exercise REQ-RSN-01.',
        expected: 'an output item of type "reasoning"',
        actual: 'item types ["message","odd","function_call"]',
        location: { path: '/output' },
      },
    ]);
    expect(judge(expectation, { status: 'completed', output: 'reasoning' })[0].actual).toBe('item types []');
  });

  it('grades with the verdict asked for, and judges only a completed answer', () => {
    expect(judge({ ...expectation, verdict: 'warn' }, completed())[0].verdict).toBe('warn');
    expect(judge(expectation, { status: 'incomplete', output: [] })).toEqual([]);
  });
});

describe('scenario/logprobs', () => {
  const expectation: Expectation = { kind: 'logprobs' };
  const withLogprobs = (logprobs: unknown): Body => ({ ...text('hi'), logprobs });

  it('passes output_text parts that all carry logprobs', () => {
    expect(judge(expectation, completed(message(withLogprobs([{ token: 'hi', logprob: -0.1 }]), { type: 'refusal' }), { type: 'reasoning' }))).toEqual([]);
  });

  it('warns on each part whose logprobs are missing or empty', () => {
    expect(judge(expectation, completed(message(withLogprobs([{ token: 'hi', logprob: 0 }]), withLogprobs([])), message(text('x'))))).toEqual([
      {
        checkId: 'scenario/logprobs',
        requirement: 'REQ-IC-02',
        verdict: 'warn',
        message: 'An output_text part has no logprobs although the request included message.output_text.logprobs.',
        expected: 'a non-empty logprobs array',
        actual: '[]',
        location: { path: '/output/0/content/1/logprobs' },
      },
      {
        checkId: 'scenario/logprobs',
        requirement: 'REQ-IC-02',
        verdict: 'warn',
        message: 'An output_text part has no logprobs although the request included message.output_text.logprobs.',
        expected: 'a non-empty logprobs array',
        actual: 'nothing',
        location: { path: '/output/1/content/0/logprobs' },
      },
    ]);
    expect(judge(expectation, completed(message(withLogprobs('many'))))[0].actual).toBe('"many"');
  });

  it('judges only a completed answer', () => {
    expect(judge(expectation, { status: 'incomplete', output: [message(text('x'))] })).toEqual([]);
  });
});

describe('scenario/encrypted-content', () => {
  const expectation: Expectation = { kind: 'encrypted_content' };

  it('passes reasoning items that carry encrypted_content, and ignores other items', () => {
    expect(judge(expectation, completed({ type: 'reasoning', encrypted_content: 'gAAA' }, message(text('hi')), 'odd'))).toEqual([]);
  });

  it('warns on each reasoning item without it, or with an empty or non-string one', () => {
    expect(judge(expectation, completed(message(text('hi')), { type: 'reasoning', encrypted_content: '' }, { type: 'reasoning' }))).toEqual([
      {
        checkId: 'scenario/encrypted-content',
        requirement: 'REQ-IC-01',
        verdict: 'warn',
        message: 'A reasoning item has no encrypted_content although the request included reasoning.encrypted_content.',
        expected: 'a non-empty encrypted_content string',
        actual: '""',
        location: { path: '/output/1/encrypted_content' },
      },
      {
        checkId: 'scenario/encrypted-content',
        requirement: 'REQ-IC-01',
        verdict: 'warn',
        message: 'A reasoning item has no encrypted_content although the request included reasoning.encrypted_content.',
        expected: 'a non-empty encrypted_content string',
        actual: 'nothing',
        location: { path: '/output/2/encrypted_content' },
      },
    ]);
    expect(judge(expectation, completed({ type: 'reasoning', encrypted_content: 5 }))[0].actual).toBe('5');
  });

  it('judges only a completed answer', () => {
    expect(judge(expectation, { status: 'failed', output: [{ type: 'reasoning' }] })).toEqual([]);
    expect(judge(expectation, { status: 'completed', output: { type: 'reasoning' } })).toEqual([]);
  });
});
