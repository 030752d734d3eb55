/**
 * Every fast-check property runs from one seed, so a failure replays: fast-check prints the seed
 * and the path of the failing case, and `FC_SEED=<seed> npx vitest run <file>` runs it again.
 * Without FC_SEED the seed is fixed, so CI runs the same cases every time.
 */
import type fc from 'fast-check';

const DEFAULT_SEED = 20260424;

function seedFrom(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_SEED;
  const seed = Number(value);
  // fast-check takes a 32-bit integer seed.
  if (!Number.isSafeInteger(seed) || seed < -(2 ** 31) || seed >= 2 ** 32) throw new Error(`FC_SEED must be a 32-bit integer, got ${JSON.stringify(value)}`);
  return seed;
}

export const FC_SEED = seedFrom(process.env.FC_SEED);

/** fast-check parameters with the seed set. */
export function seeded<T>(parameters: fc.Parameters<T> = {}): fc.Parameters<T> {
  return { seed: FC_SEED, ...parameters };
}
