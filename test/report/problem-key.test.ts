import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/checks/types.js';
import { problemKey, problemWhere } from '../../src/report/problem-key.js';

const base: Finding = { checkId: 'response/schema', requirement: 'RES-02', verdict: 'fail', message: 'm', expected: 'a string', actual: '42', location: { path: '/output/3/content/0/text' } };

describe('problemKey', () => {
  it('is the same for one defect met at other indexes, values, ids and sequence numbers', () => {
    const other: Finding = { ...base, message: 'other words', actual: 'null', location: { path: '/output/0/content/7/text', eventIndex: 9, sequenceNumber: 12 } };
    expect(problemKey(other)).toBe(problemKey(base));
    const seqA: Finding = { ...base, checkId: 'stream/sequence-number-contiguous', expected: '5', location: { eventType: 'response.output_text.delta', sequenceNumber: 6 } };
    const seqB: Finding = { ...seqA, expected: '19', location: { eventType: 'response.output_text.delta', sequenceNumber: 20 } };
    expect(problemKey(seqA)).toBe(problemKey(seqB));
    expect(problemKey({ ...base, expected: 'item msg_abc123' })).toBe(problemKey({ ...base, expected: 'item msg_zz9' }));
  });

  it('is the same whatever the model wrote: quoted text and counts are folded', () => {
    const a: Finding = { ...base, checkId: 'stream/text-consistency', expected: '"You said: \\"Count from 1\\" ok" (52 characters)' };
    const b: Finding = { ...a, expected: '"Sure! 1, 2, 3, 4, 5" (19 characters)' };
    expect(problemKey(a)).toBe(problemKey(b));
    expect(problemKey({ ...base, expected: 'total 23' })).toBe(problemKey({ ...base, expected: 'total 112' }));
  });

  it('differs by check, requirement, place and expectation', () => {
    for (const changed of [{ checkId: 'x/y' }, { requirement: 'RES-03' }, { location: { path: '/usage' } }, { expected: 'an integer' }]) {
      expect(problemKey({ ...base, ...changed })).not.toBe(problemKey(base));
    }
  });

  it('names the place by event type and path with indexes folded', () => {
    expect(problemWhere({ eventType: 'response.output_item.added', path: '/item/0/id' })).toBe('response.output_item.added /item/*/id');
    expect(problemWhere(undefined)).toBe('');
  });
});
