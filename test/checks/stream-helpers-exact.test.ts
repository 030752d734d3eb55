import { describe, expect, it } from 'vitest';
import { finding } from '../../src/checks/finding.js';
import { DeferredFindings, snapshotItem } from '../../src/checks/stream/deferred-findings.js';
import { describeTextDifference, firstDifference, jsonEqual, parsesAsJson, shortJson } from '../../src/checks/stream/json-compare.js';
import { DEFAULT_TEXT_BUDGET, StreamedText, TextBudget } from '../../src/checks/stream/streamed-text.js';
import type { CheckMeta, StreamEvent } from '../../src/checks/types.js';

/** The helpers the stream rules compare and hold with, exactly: mutation testing showed their edges untested. */
describe('firstDifference and jsonEqual', () => {
  it.each([
    [{ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 }, undefined],
    [0, -0, undefined],
    [Number.NaN, Number.NaN, undefined],
    [{ a: 1 }, { a: 2 }, '/a'],
    [{ a: 1 }, { a: 1, b: undefined }, '/b'],
    [{ 'x/y~z': [1, { q: 1 }] }, { 'x/y~z': [1, { q: 2 }] }, '/x~1y~0z/1/q'],
    [[1, 2], [1, 2, 3], '/2'],
    [[1, 2, 3], [1, 2], '/2'],
    [[], {}, ''],
    [{ a: [1], b: 1 }, { a: [2], b: 2 }, '/a/0'],
    ['1', 1, ''],
    [null, {}, ''],
  ])('%j against %j: %s', (a, b, at) => {
    expect(firstDifference(a, b)).toBe(at);
    expect(jsonEqual(a, b)).toBe(at === undefined);
  });
});

describe('shortJson, describeTextDifference, parsesAsJson', () => {
  it('shows values as JSON cut to a length, never throwing', () => {
    expect(shortJson({ a: 1 })).toBe('{"a":1}');
    expect(shortJson(undefined)).toBe('nothing');
    expect(shortJson('x'.repeat(200))).toBe(`"${'x'.repeat(118)}…`);
    expect(shortJson('abcdef', 4)).toBe('"ab…');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(shortJson(cyclic)).toBe('a value too deeply nested to show');
  });

  it('quotes 24 characters around the first difference, with ellipses where cut, and the lengths', () => {
    expect(describeTextDifference('abc', 'abd')).toEqual({ expected: '"abc" (3 characters)', actual: '"abd" (3 characters)', at: 2 });
    expect(describeTextDifference('ab', 'abc')).toEqual({ expected: '"ab" (2 characters)', actual: '"abc" (3 characters)', at: 2 });
    expect(describeTextDifference('abc', 'abc').at).toBe(3);
    expect(describeTextDifference('', '').at).toBe(0);
    const long = 'a'.repeat(40);
    const other = `${'a'.repeat(20)}b${'a'.repeat(19)}`;
    expect(describeTextDifference(long, other)).toEqual({
      expected: `"…${'a'.repeat(24)}…" (40 characters)`,
      actual: `"…${'a'.repeat(12)}b${'a'.repeat(11)}…" (40 characters)`,
      at: 20,
    });
    expect(describeTextDifference(`${'a'.repeat(12)}x`, `${'a'.repeat(12)}y`)).toEqual({ expected: `"${'a'.repeat(12)}x" (13 characters)`, actual: `"${'a'.repeat(12)}y" (13 characters)`, at: 12 });
    expect(describeTextDifference(`${'a'.repeat(13)}x`, `${'a'.repeat(13)}y`).expected).toBe(`"…${'a'.repeat(12)}x" (14 characters)`);
    expect(describeTextDifference('x'.repeat(24), 'y'.repeat(25)).actual).toBe(`"${'y'.repeat(24)}…" (25 characters)`);
    expect(describeTextDifference('x'.repeat(24), 'y').expected).toBe(`"${'x'.repeat(24)}" (24 characters)`);
  });

  it('tells JSON texts from others', () => {
    expect(parsesAsJson('{"a":[1]}')).toBe(true);
    expect(parsesAsJson('null')).toBe(true);
    expect(parsesAsJson('{"a":')).toBe(false);
  });
});

describe('TextBudget and StreamedText', () => {
  it('the default budget is the CLI default body cap', () => expect(DEFAULT_TEXT_BUDGET).toBe(33_554_432));

  it('takes exactly what is left, and gives back', () => {
    const budget = new TextBudget(5);
    expect(budget.take(6)).toBe(false);
    expect(budget.take(5)).toBe(true);
    expect(budget.take(1)).toBe(false);
    budget.give(1);
    expect(budget.take(1)).toBe(true);
  });

  it('is empty until a non-empty piece arrives, and stays dropped once over the budget', () => {
    const budget = new TextBudget(4);
    const text = new StreamedText(budget);
    expect(text.isEmpty).toBe(true);
    expect(text.value).toBe('');
    text.append('');
    expect(text.isEmpty).toBe(true);
    text.append('abc');
    expect(text.isEmpty).toBe(false);
    text.append('de');
    expect(text.value).toBeUndefined();
    expect(text.isEmpty).toBe(false);
    text.append('f');
    expect(text.value).toBeUndefined();
    // The dropped text gave its three characters back.
    expect(budget.take(4)).toBe(true);
  });

  it('keeps the order of many pieces across the joins', () => {
    const text = new StreamedText(new TextBudget(10_000));
    const pieces = Array.from({ length: 2100 }, (_, i) => String(i % 10));
    for (const piece of pieces.slice(0, 1500)) text.append(piece);
    expect(text.value).toBe(pieces.slice(0, 1500).join(''));
    for (const piece of pieces.slice(1500)) text.append(piece);
    expect(text.value).toBe(pieces.join(''));
  });

  it('release gives the held characters back once and forgets the text', () => {
    const budget = new TextBudget(3);
    const text = new StreamedText(budget);
    text.append('abc');
    text.release();
    expect(text.isEmpty).toBe(true);
    expect(text.value).toBe('');
    text.release();
    expect(budget.take(4)).toBe(false);
    expect(budget.take(3)).toBe(true);
  });
});

describe('DeferredFindings and snapshotItem', () => {
  const meta: CheckMeta = { id: 'test/held', requirement: 'X-1', severity: 'MUST', section: 's', title: 'a held check' };
  const event = (data: string): StreamEvent => ({ frame: { index: 0, data, byteOffset: 0, receivedAtMs: 0 }, kind: 'invalid', error: 'x' });

  it('holds findings with the excerpt of their event, and hands back those the snapshot does not cover, once', () => {
    const held = new DeferredFindings();
    held.hold(finding(meta, 'fail', 'first'), event('y'.repeat(300)), () => true);
    held.hold(finding(meta, 'fail', 'second'), event('short'), (snapshot) => snapshot.covered === true);
    expect(held.release({ covered: false })).toEqual([{ ...finding(meta, 'fail', 'second'), excerpt: 'short' }]);
    expect(held.release(undefined)).toEqual([]);
    held.hold(finding(meta, 'warn', 'third'), event('y'.repeat(300)), () => true);
    expect(held.release([])).toEqual([{ ...finding(meta, 'warn', 'third'), excerpt: `${'y'.repeat(239)}…` }]);
  });

  it('finds the snapshot item by id, else by equal value, and says whether it is last', () => {
    const a = { id: 'a', type: 'message' };
    const b = { type: 'reasoning', summary: [] };
    const snapshot = { output: [a, 'junk', b] };
    expect(snapshotItem(snapshot, { id: 'a', type: 'other' })).toEqual({ index: 0, item: a, last: false });
    expect(snapshotItem(snapshot, { type: 'reasoning', summary: [] })).toEqual({ index: 2, item: b, last: true });
    expect(snapshotItem(snapshot, { id: 'zz', type: 'message' })).toBeUndefined();
    expect(snapshotItem({ output: [{ id: 7, type: 'x' }] }, { id: 7, type: 'x' })).toEqual({ index: 0, item: { id: 7, type: 'x' }, last: true });
    expect(snapshotItem({ output: 'none' }, a)).toBeUndefined();
  });
});
