import { describe, expect, it } from 'vitest';
import { createProgressDisplay } from '../../src/report/progress.js';
import type { RunEvent } from '../../src/runner/events.js';
import { passedScenario, sampleRun } from './fixtures.js';

function capture() {
  let text = '';
  const stream = { write: (chunk: string) => ((text += chunk), true) } as unknown as NodeJS.WritableStream;
  return { stream, text: () => text };
}

const started: RunEvent = {
  type: 'run-started',
  tool: { name: 'open-responses-check', version: '0.1.0' },
  specVersion: '2026-04-24',
  target: { baseUrl: 'http://127.0.0.1:8000/v1', model: 'm' },
  scenarios: [{ id: 'a', title: 'A', tags: [] }, { id: 'b', title: 'B', tags: [] }],
};

describe('progress display', () => {
  it('prints a header, then one line rewritten in place with done/total, the scenario in flight and the time', () => {
    const out = capture();
    let clock = 0;
    const progress = createProgressDisplay({ stream: out.stream, now: () => clock, redrawMs: 60_000 });
    progress.onEvent(started);
    expect(out.text()).toBe('open-responses-check 0.1.0 · http://127.0.0.1:8000/v1 · model m · spec 2026-04-24 · 2 scenarios\n[0/2] · 0.0 s');
    clock = 1500;
    progress.onEvent({ type: 'scenario-started', scenario: { id: 'a', title: 'A' } });
    expect(out.text().endsWith('\r\u001b[2K[0/2] · a · 1.5 s')).toBe(true);
    progress.onEvent({ type: 'scenario-finished', result: { ...passedScenario, id: 'a' } });
    expect(out.text().endsWith('[1/2] · 1.5 s')).toBe(true);
    progress.onEvent({ type: 'run-finished', result: sampleRun() });
    expect(out.text().endsWith('\r\u001b[2K')).toBe(true);
  });

  it('clears its line before other output and stays cleared until the next event', () => {
    const out = capture();
    const progress = createProgressDisplay({ stream: out.stream, now: () => 0, redrawMs: 60_000 });
    progress.onEvent(started);
    progress.clear();
    const after = out.text();
    progress.clear();
    expect(out.text()).toBe(after);
    expect(after.endsWith('\r\u001b[2K')).toBe(true);
    progress.onEvent({ type: 'run-finished', result: sampleRun() });
  });
});
