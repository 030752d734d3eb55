import { describe, expect, it } from 'vitest';
import { finding } from '../../src/checks/finding.js';
import { FindingList, guarded, interpretFrame, MAX_FINDINGS_PER_CHECK, runChecks, StreamCheckSession } from '../../src/checks/session.js';
import type { CheckMeta, Finding, HttpCheck, StreamMessage, StreamCheck, StreamEvent } from '../../src/checks/types.js';
import { ctx, httpObservation } from './harness.js';

/** The session's bounds, excerpts and error handling, exactly: mutation testing showed them untested. */
const meta: CheckMeta = { id: 'test/probe', requirement: 'X-1', severity: 'MUST', section: 's', title: 'a probe check' };
const frame = (index: number, data = '{}'): StreamMessage => ({ index, data, byteOffset: index * 10, receivedAtMs: 0 });
const noted = (message: string, eventIndex?: number): Finding => finding(meta, 'warn', message, eventIndex === undefined ? {} : { location: { eventIndex } });

describe('FindingList', () => {
  it('keeps the first MAX_FINDINGS_PER_CHECK findings and counts the rest', () => {
    const list = new FindingList();
    const many = Array.from({ length: MAX_FINDINGS_PER_CHECK + 2 }, (_, i) => noted(`n${i}`));
    list.add(many.slice(0, MAX_FINDINGS_PER_CHECK - 1));
    expect(list.dropped).toBe(0);
    list.add(many.slice(MAX_FINDINGS_PER_CHECK - 1));
    expect(MAX_FINDINGS_PER_CHECK).toBe(50);
    expect(list.items).toEqual(many.slice(0, MAX_FINDINGS_PER_CHECK));
    expect(list.dropped).toBe(2);
    expect(list.internalError).toBeUndefined();
  });
});

describe('interpretFrame', () => {
  it('tells [DONE], JSON and anything else apart, keeping the parser message', () => {
    expect(interpretFrame(frame(0, '[DONE]'))).toEqual({ frame: frame(0, '[DONE]'), kind: 'done' });
    expect(interpretFrame(frame(1, '[1]'))).toEqual({ frame: frame(1, '[1]'), kind: 'json', value: [1] });
    const invalid = interpretFrame(frame(2, '[DONE] '));
    expect(invalid).toMatchObject({ frame: frame(2, '[DONE] '), kind: 'invalid' });
    expect(invalid.kind === 'invalid' && invalid.error.length > 0).toBe(true);
  });
});

describe('guarded and runChecks', () => {
  it('keeps what a step returns, the message of what it threw, and then stops calling it', () => {
    const list = new FindingList();
    guarded(list, () => [noted('a')]);
    guarded(list, () => {
      throw new TypeError('broken');
    });
    let called = false;
    guarded(list, () => {
      called = true;
      return [noted('b')];
    });
    expect(called).toBe(false);
    expect(list.items).toEqual([noted('a')]);
    expect(list.internalError).toBe('broken');
    const other = new FindingList();
    guarded(other, () => {
      // Not an Error: what a careless check might throw.
      throw 'a string';
    });
    expect(other.internalError).toBe('a string');
  });

  it('runs each check once into its own list, a thrown check alone marked', () => {
    const passing: HttpCheck = { ...meta, kind: 'http', id: 'test/a', check: () => [noted('seen')] };
    const throwing: HttpCheck = { ...meta, kind: 'http', id: 'test/b', check: () => { throw new Error('bad'); } };
    const results = runChecks([passing, throwing], httpObservation(), ctx);
    expect([...results.keys()]).toEqual(['test/a', 'test/b']);
    expect(results.get('test/a')).toMatchObject({ items: [noted('seen')], dropped: 0, internalError: undefined });
    expect(results.get('test/b')).toMatchObject({ items: [], internalError: 'bad' });
  });
});

describe('StreamCheckSession', () => {
  /** A check that reports every event at the index `at` gives it, and one finding at the end. */
  function reporting(id: string, at: (event: StreamEvent) => number | undefined, excerpt?: string): StreamCheck<string[]> {
    return {
      ...meta,
      kind: 'stream',
      id,
      init: () => [],
      onEvent: (seen, event) => {
        seen.push(event.kind);
        const finding = noted(`event ${event.frame.index}`, at(event));
        return [excerpt === undefined ? finding : { ...finding, excerpt }];
      },
      onEnd: (seen, end) => [noted(`${seen.join(',')} ${end.frames}`)],
    };
  }

  it('hands each check every interpreted event, adds the excerpt of the event a finding points at, and runs the end step', () => {
    const observed: string[] = [];
    const session = new StreamCheckSession(
      [reporting('test/here', (e) => e.frame.index), reporting('test/elsewhere', (e) => e.frame.index + 1), reporting('test/own', (e) => e.frame.index, 'mine')],
      httpObservation(),
      ctx,
      (event) => observed.push(event.kind),
    );
    const long = JSON.stringify({ text: 'x'.repeat(300) });
    session.push(frame(0, long));
    session.push(frame(1, '[DONE]'));
    const results = session.end({ reason: 'eof', frames: 2, unterminatedMessage: false });
    expect(observed).toEqual(['json', 'done']);
    expect(results.get('test/here')?.items).toEqual([
      { ...noted('event 0', 0), excerpt: `${long.slice(0, 239)}…` },
      { ...noted('event 1', 1), excerpt: '[DONE]' },
      noted('json,done 2'),
    ]);
    expect(results.get('test/elsewhere')?.items.map((f) => f.excerpt)).toEqual([undefined, undefined, undefined]);
    expect(results.get('test/own')?.items.map((f) => f.excerpt)).toEqual(['mine', 'mine', undefined]);
  });

  it('stops a check whose init or event step threw, keeping the others going', () => {
    const failingInit: StreamCheck<null> = { ...meta, kind: 'stream', id: 'test/init', init: () => { throw new Error('no state'); }, onEvent: () => [noted('never')], onEnd: () => [noted('never')] };
    let calls = 0;
    const failingOnce: StreamCheck<null> = {
      ...meta,
      kind: 'stream',
      id: 'test/once',
      init: () => null,
      onEvent: () => {
        calls++;
        throw new RangeError('too long');
      },
      onEnd: () => [noted('never')],
    };
    const session = new StreamCheckSession([failingInit, failingOnce, reporting('test/fine', () => undefined)], httpObservation(), ctx);
    session.push(frame(0));
    session.push(frame(1));
    const results = session.end({ reason: 'eof', frames: 2, unterminatedMessage: false });
    expect(results.get('test/init')).toMatchObject({ items: [], internalError: 'no state' });
    expect(results.get('test/once')).toMatchObject({ items: [], internalError: 'too long' });
    expect(calls).toBe(1);
    expect(results.get('test/fine')?.items).toHaveLength(3);
  });
});
