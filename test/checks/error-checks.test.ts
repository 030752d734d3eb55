import { describe, expect, it } from 'vitest';
import { errorObject } from '../../src/checks/error/error-object.js';
import { requestRejected } from '../../src/checks/error/request-rejected.js';
import { errorStatusMatchesType } from '../../src/checks/error/status-matches-type.js';
import type { BodyObservation, CheckContext, HttpObservation } from '../../src/checks/types.js';
import { createSchemaValidator, loadBundledSpec } from '../../src/spec/index.js';

const ctx: CheckContext = { schemas: createSchemaValidator(loadBundledSpec().document), specVersion: '2026-04-24' };
const http = (status: number): HttpObservation => ({
  request: { method: 'POST', path: '/responses', body: {}, stream: false },
  status,
  headers: { 'content-type': 'application/json' },
});
const body = (status: number, json: unknown): BodyObservation => ({ http: http(status), text: JSON.stringify(json), json });
const spec = { error: { message: 'Model not found', type: 'invalid_request_error', param: 'model', code: 'model_not_found' } };

describe('error/error-object (ERR-01, ERR-02)', () => {
  it('passes the spec example and ignores successes', () => {
    expect(errorObject.check(body(400, spec), ctx)).toEqual([]);
    expect(errorObject.check(body(400, { error: { message: 'x', type: 'not_found', param: null, code: null } }), ctx)).toEqual([]);
    expect(errorObject.check(body(200, { anything: true }), ctx)).toEqual([]);
  });
  it('fails an error answer without the object, or without message and type', () => {
    expect(errorObject.check(body(500, { message: 'boom' }), ctx)).toMatchObject([{ checkId: 'error/error-object', requirement: 'ERR-01', verdict: 'fail', location: { path: '/error' } }]);
    expect(errorObject.check(body(400, { error: { code: 'x' } }), ctx).map((f) => [f.location?.path, f.verdict])).toEqual([
      ['/error/message', 'fail'],
      ['/error/type', 'fail'],
      ['/error/param', 'warn'],
    ]);
  });
  it('warns when code or param is missing', () =>
    expect(errorObject.check(body(404, { error: { message: 'x', type: 'not_found' } }), ctx)).toMatchObject([
      { requirement: 'ERR-02', verdict: 'warn', location: { path: '/error/code' } },
      { requirement: 'ERR-02', verdict: 'warn', location: { path: '/error/param' } },
    ]));
});

describe('error/status-matches-type (ERR-03)', () => {
  it('passes the usual statuses and leaves auth answers alone', () => {
    expect(errorStatusMatchesType.check(body(400, spec), ctx)).toEqual([]);
    expect(errorStatusMatchesType.check(body(401, spec), ctx)).toEqual([]);
    expect(errorStatusMatchesType.check(body(418, { error: { message: 'x', type: 'teapot' } }), ctx)).toEqual([]);
  });
  it('warns on another status for a known type', () =>
    expect(errorStatusMatchesType.check(body(500, { error: { message: 'x', type: 'not_found' } }), ctx)).toMatchObject([{ checkId: 'error/status-matches-type', requirement: 'ERR-03', verdict: 'warn', expected: '404', actual: '500' }]));
});

describe('error/request-rejected', () => {
  const check = requestRejected('REQ-V-04', 'max_output_tokens 1');
  it('passes a 4xx', () => expect(check.check(http(400), ctx)).toEqual([]));
  it('warns on acceptance or a server error, with the scenario\'s requirement', () => {
    expect(check.check(http(200), ctx)).toMatchObject([{ checkId: 'error/request-rejected', requirement: 'REQ-V-04', verdict: 'warn' }]);
    expect(check.check(http(500), ctx)).toMatchObject([{ verdict: 'warn', actual: '500' }]);
  });
});
