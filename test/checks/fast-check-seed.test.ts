/** The properties replay: a failure names its seed, and the same seed finds the same case. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FC_SEED, seeded } from '../helpers/fast-check-seed.js';

/** A property that fails for most inputs, to see what a failure reports. */
const failing = fc.property(fc.array(fc.nat()), (values) => values.reduce((sum, v) => sum + v, 0) < 100);

function failureMessage(parameters: fc.Parameters<[number[]]>): string {
  try {
    fc.assert(failing, parameters);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('the property was expected to fail');
}

describe('seeded properties', () => {
  it('use FC_SEED (a fixed default unless the environment sets it)', () => {
    expect(Number.isInteger(FC_SEED)).toBe(true);
    expect(seeded({ numRuns: 7 })).toEqual({ seed: FC_SEED, numRuns: 7 });
  });

  it('print the seed and the path of a failure, so it can be replayed', () => {
    expect(failureMessage(seeded())).toContain(`{ seed: ${FC_SEED}, path: "`);
  });

  it('find the same failing case again from the same seed', () => {
    const counterexample = (message: string) => message.match(/Counterexample: (.*)/)?.[1];
    const first = counterexample(failureMessage(seeded()));
    expect(first).toBeDefined();
    expect(counterexample(failureMessage(seeded()))).toBe(first);
  });
});
