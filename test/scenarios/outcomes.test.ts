import { describe, expect, it } from 'vitest';
import { scenarioCatalogue } from '../../src/scenarios/index.js';
import { loadBundledSpec, loadCurlSnippets } from '../../src/spec/index.js';

describe('scenario outcomes', () => {
  it('every step that is not a negative test or a WebSocket probe states the outcome it needs', () => {
    const scenarios = scenarioCatalogue(loadBundledSpec(), loadCurlSnippets()).filter((s) => !s.unsupported);
    const steps = scenarios.flatMap((s) => s.steps.map((step) => ({ id: `${s.id}/${step.name}`, step })));
    const negative = (step: (typeof steps)[number]["step"]) => step.rejection !== undefined || step.withoutCredentials === true || step.wrongCredentials === true || step.probe === true;
    const positive = steps.filter(({ step }) => !negative(step));
    expect(positive.length).toBeGreaterThan(40);
    for (const { id, step } of positive) expect(step.outcome?.requirement, id).toMatch(/^[A-Z]+(-[A-Z]+)*-\d+$/);
    for (const { id, step } of steps.filter(({ step }) => negative(step))) expect(step.outcome, id).toBeUndefined();
  });
});
