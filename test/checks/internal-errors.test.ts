/**
 * The harnesses (property, fuzz, fault matrix) fail when a check throws instead of counting it as
 * not judged. This proves the assertion they share catches a deliberately throwing check in every
 * form a harness sees it: a session's findings, an exchange's outcomes, a report's results.
 */
import { describe, expect, it } from 'vitest';
import { FindingList, StreamCheckSession } from '../../src/checks/session.js';
import type { StreamCheck } from '../../src/checks/types.js';
import { collectResults } from '../../src/runner/results.js';
import { expectNoInternalError, internalErrorsByCheck, internalErrorsInResults, isInternalErrorResult } from '../helpers/internal-errors.js';
import { ctx, httpObservation, runStream } from './harness.js';

const meta = { kind: 'stream' as const, requirement: 'X-1', severity: 'MUST' as const, section: 's', title: 't' };
const throwing: StreamCheck<null> = {
  ...meta,
  id: 'test/throws',
  init: () => null,
  onEvent: () => {
    throw new TypeError('boom');
  },
  onEnd: () => [],
};
const quiet: StreamCheck<null> = { ...meta, id: 'test/quiet', init: () => null, onEvent: () => [], onEnd: () => [] };

const ONE_EVENT = 'data: {"type":"response.created","sequence_number":0}\n\n';

function sessionResults(checks: StreamCheck<null>[]): Map<string, FindingList> {
  const session = new StreamCheckSession(checks, httpObservation(), ctx);
  session.push({ index: 0, data: '{}', byteOffset: 0, receivedAtMs: 0 });
  return session.end({ reason: 'eof', frames: 1, unterminatedMessage: false });
}

describe('the no-internal-error assertion', () => {
  it('makes the stream harness fail on a check that throws, naming it and its exception', () => {
    expect(() => runStream(ONE_EVENT, [quiet, throwing])).toThrow(/a check threw: test\/throws: boom/);
    expect(runStream(ONE_EVENT, [quiet])).toEqual([]);
  });

  it("finds the thrown check in a session's findings and in an exchange's outcomes", () => {
    const results = sessionResults([quiet, throwing]);
    expect(internalErrorsByCheck(results)).toEqual(['test/throws: boom']);
    const outcomes = new Map([...results].map(([id, findings]) => [id, { findings }] as const));
    expect(internalErrorsByCheck(outcomes)).toEqual(['test/throws: boom']);
    expect(internalErrorsByCheck(sessionResults([quiet]))).toEqual([]);
    expect(() => expectNoInternalError(internalErrorsByCheck(results), 'a session')).toThrow(/a check threw \(a session\): test\/throws: boom/);
  });

  it("finds the thrown check in the runner's results, in the skipped form and in the error status", () => {
    const results = sessionResults([quiet, throwing]);
    const outcomes = new Map([...results].map(([id, findings]) => [id, { findings }]));
    const collected = collectResults([quiet, throwing], { http: [], body: [], stream: [quiet, throwing], response: [] }, outcomes, false);
    expect(collected.map((result) => [result.id, isInternalErrorResult(result)])).toEqual([
      ['test/quiet', false],
      ['test/throws', true],
    ]);
    expect(internalErrorsInResults(collected)).toEqual([expect.stringMatching(/^test\/throws: not judged: the check stopped on an internal error \(boom\)/)]);
    // The status the runner is moving to; any message.
    expect(isInternalErrorResult({ status: 'error', message: 'TypeError: boom' })).toBe(true);
    // A check skipped for a real reason is not an internal error.
    expect(isInternalErrorResult({ status: 'skipped', message: 'not judged: the request sent no tools' })).toBe(false);
    expect(isInternalErrorResult({ status: 'not_run', message: 'not run: the exchange broke off before this check could see its data' })).toBe(false);
  });
});
