import { describe, expect, it } from 'vitest';
import { functionCallArgumentsJson } from '../../src/checks/response/function-call-arguments-json.js';
import { validResponse } from '../helpers/responses.js';
import { runResponse } from './harness.js';

const parameters = { type: 'object', properties: { city: { type: 'string' }, unit: { enum: ['c', 'f'] } }, required: ['city'], additionalProperties: false };
const request = { model: 'm', input: 'x', tools: [{ type: 'function', name: 'weather', parameters }] };
const echoed = (strict: boolean | null) => [{ type: 'function', name: 'weather', description: null, parameters, strict }];
const call = (args: string) => ({ type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'weather', arguments: args, status: 'completed' });
const check = (args: string, strict: boolean | null = true) =>
  runResponse(validResponse({ output: [call(args)], tools: echoed(strict) }), [functionCallArgumentsJson], request);

describe('response/function-call-arguments-json: arguments fit the tool (REQ-TC-07)', () => {
  it('passes arguments that fit the parameters', () => {
    expect(check('{"city":"Paris","unit":"c"}')).toEqual([]);
  });

  it('fails arguments that do not fit a strict tool, naming the problem', () => {
    expect(check('{"unit":"kelvin"}')).toMatchObject([
      { checkId: 'response/function-call-arguments-json', requirement: 'REQ-TC-07', verdict: 'fail', location: { path: '/output/0/arguments' } },
      { verdict: 'fail' },
    ]);
    expect(check('{"unit":"kelvin"}')[0].message).toMatch(/do not fit the tool's parameters, although the tool is strict: \/city: expected required property "city"/);
  });

  it('only warns when the tool is not strict', () => {
    expect(check('{"city":3}', false)).toMatchObject([{ verdict: 'warn', actual: '3' }]);
    expect(check('{"city":3}', null)).toMatchObject([{ verdict: 'warn' }]);
  });

  it('judges nothing when the request offered no such tool, or its schema does not compile', () => {
    expect(runResponse(validResponse({ output: [call('{}')] }), [functionCallArgumentsJson])).toEqual([]);
    const broken = { ...request, tools: [{ type: 'function', name: 'weather', parameters: { type: 'no-such-type' } }] };
    expect(runResponse(validResponse({ output: [call('{}')], tools: echoed(true) }), [functionCallArgumentsJson], broken)).toEqual([]);
  });
});
