import { describe, expect, it } from 'vitest';
import { finalOutputItems } from '../../src/checks/stream/final-output-items.js';
import { runStream, summarize } from './harness.js';
import { functionCallEvents, messageEvents, render, wrapStream, type EventObject } from './stream-builder.js';

const body = () => [
  ...functionCallEvents({ id: 'fc_1', name: 'f', argumentDeltas: ['{}'] }),
  ...messageEvents({ id: 'msg_1', parts: [{ kind: 'output_text', deltas: ['cut o'] }], status: 'incomplete' }),
];

/** The stream with the final snapshot's output edited. */
function withFinalOutput(edit: (output: unknown[]) => unknown[]): string {
  const events = wrapStream(body(), { ending: 'incomplete' }).map((event): EventObject => {
    if (event.type !== 'response.incomplete') return event;
    const response = event.response as { output: unknown[] };
    return { ...event, response: { ...response, output: edit(response.output) } };
  });
  return render(events);
}

describe('stream/final-output-items on an incomplete response (SSE-O-20)', () => {
  it('passes when the incomplete response keeps every finished item', () => {
    const findings = runStream(withFinalOutput((output) => output), [finalOutputItems]);
    expect(findings, summarize(findings)).toEqual([]);
  });

  it('fails when it leaves out an item output_item.done finished', () => {
    const findings = runStream(withFinalOutput((output) => output.slice(1)), [finalOutputItems]);
    expect(findings).toContainEqual(expect.objectContaining({ checkId: 'stream/final-output-items', requirement: 'SSE-O-20', verdict: 'fail', message: expect.stringMatching(/lacks item "fc_1"/) }));
  });
});
