import { describe, expect, it } from 'vitest';
import { countText } from '../../src/scenarios/catalogue/count-text.js';

describe('countText', () => {
  it('writes a count as toLocaleString("en-US") does', () => {
    for (const count of [0, 7, 999, 1_000, 12_345, 999_999, 1_000_000, 10_000_000, 10_485_760, 10_485_761, Number.MAX_SAFE_INTEGER]) {
      expect(countText(count)).toBe(count.toLocaleString('en-US'));
    }
  });
});
