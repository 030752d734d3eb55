import { describe, expect, it } from 'vitest';
import { startOrder } from '../../src/runner/run.js';
import type { Scenario, ScenarioStep } from '../../src/scenarios/types.js';

const scenario = (id: string, steps: number, extra: Partial<Scenario> = {}): Scenario => ({
  id,
  title: id,
  tags: [],
  steps: Array.from({ length: steps }, () => ({}) as ScenarioStep),
  ...extra,
});

describe('startOrder', () => {
  it('starts the scenarios with the most requests first, keeping catalogue order among equals', () => {
    const order = startOrder([scenario('a', 1), scenario('b', 3), scenario('c', 1), scenario('d', 2), scenario('e', 3)]);
    expect(order.map((s) => s.id)).toEqual(['b', 'e', 'd', 'a', 'c']);
  });

  it('starts the costly ones before all others, so their megabytes are built while others wait', () => {
    const order = startOrder([scenario('long', 3), scenario('big', 1, { tags: ['costly'] }), scenario('short', 1)]);
    expect(order.map((s) => s.id)).toEqual(['big', 'long', 'short']);
  });

  it('counts a scenario that sends nothing as the shortest and not costly', () => {
    expect(startOrder([scenario('skipped', 5, { unsupported: 'no such feature', tags: ['costly'] }), scenario('one', 1)]).map((s) => s.id)).toEqual(['one', 'skipped']);
  });
});
