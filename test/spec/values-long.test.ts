import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeValue, truncate } from '../../src/spec/values.js';
import { countTokens } from '../../src/fixtures/tokens.js';
import { seeded } from '../helpers/fast-check-seed.js';

/** What the two functions computed before they were made to scale: the whole value quoted, then cut; every word collected. */
const quotedThenCut = (value: string) => truncate(JSON.stringify(value), 120);
const wordsCollected = (text: string) => text.match(/\S+/g)?.length ?? 0;

const tricky = fc.constantFrom('a', ' ', '"', '\\', '\n', '\t', '\u0001', 'é', '\u00a0', '\u2003', '\u3000', '\ufeff', '\u200b', '😀', '\ud800', '\udc00', '\u2028');
const strings = fc.array(tricky, { maxLength: 400 }).map((parts) => parts.join(''));

describe('describing and counting long strings without quoting or collecting them whole', () => {
  it('describeValue quotes the same characters as quoting the whole string would', () => {
    fc.assert(fc.property(strings, (value) => {
      expect(describeValue(value)).toBe(quotedThenCut(value));
    }), seeded({ numRuns: 2000 }));
    expect(describeValue('x'.repeat(10_000_000))).toBe(quotedThenCut('x'.repeat(10_000_000)));
  });

  it('countTokens counts the words the \\S+ pattern finds, whatever the whitespace', () => {
    fc.assert(fc.property(strings, (text) => {
      expect(countTokens(text)).toBe(wordsCollected(text));
    }), seeded({ numRuns: 2000 }));
    expect(countTokens('overflow '.repeat(1_000_000))).toBe(1_000_000);
  });
});
