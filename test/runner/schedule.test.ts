import { describe, expect, it } from 'vitest';
import { longestFirst } from '../../src/runner/run.js';
import type { Scenario, ScenarioStep } from '../../src/scenarios/types.js';

const scenario = (id: string, steps: number, unsupported?: string): Scenario => ({
  id,
  title: id,
  tags: [],
  steps: Array.from({ length: steps }, () => ({}) as ScenarioStep),
  ...(unsupported === undefined ? {} : { unsupported }),
});

describe('longestFirst', () => {
  it('starts the scenarios with the most requests first, keeping catalogue order among equals', () => {
    const order = longestFirst([scenario('a', 1), scenario('b', 3), scenario('c', 1), scenario('d', 2), scenario('e', 3)]);
    expect(order.map((s) => s.id)).toEqual(['b', 'e', 'd', 'a', 'c']);
  });

  it('counts a scenario that sends nothing as the shortest', () => {
    expect(longestFirst([scenario('skipped', 5, 'no such feature'), scenario('one', 1)]).map((s) => s.id)).toEqual(['one', 'skipped']);
  });
});
