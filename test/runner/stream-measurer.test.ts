import { describe, expect, it } from 'vitest';
import { StreamMeasurer } from '../../src/runner/stream-measurer.js';
import { doneEvent, jsonEvent } from '../checks/direct.js';

/** Events at the given arrival times (ms after sending): created, two deltas, completed, [DONE]. */
function measured(times: [number, number, number, number, number]): StreamMeasurer {
  const measurer = new StreamMeasurer();
  const bodies = [
    { type: 'response.created' },
    { type: 'response.output_text.delta', item_id: 'm', output_index: 0, content_index: 0, delta: 'a' },
    { type: 'response.function_call_arguments.delta', item_id: 'f', output_index: 1, delta: '{' },
    { type: 'response.completed' },
  ];
  bodies.forEach((body, index) => measurer.add(jsonEvent(index, { sequence_number: index, ...body }, { receivedAtMs: times[index] })));
  measurer.add({ ...doneEvent(4), frame: { ...doneEvent(4).frame, receivedAtMs: times[4] } });
  return measurer;
}

describe('StreamMeasurer', () => {
  it('measures when created and the first delta came, the deltas, the longest gap and the last event', () => {
    expect(measured([10, 20, 90, 100, 101]).measures(5)).toEqual({
      timeToHeadersMs: 5,
      timeToCreatedMs: 10,
      timeToFirstDeltaMs: 20,
      deltaCount: 2,
      largestGapMs: 70,
      totalMs: 101,
      eventCount: 5,
    });
  });

  it('counts the silence from the headers to the first event as a gap, on HTTP only', () => {
    const held = measured([1500, 1500, 1500, 1501, 1501]);
    expect(held.measures(3).largestGapMs).toBe(1497);
    // A WebSocket turn has no headers: its first message is where its stream begins.
    expect(held.measures()).toEqual({ timeToCreatedMs: 1500, timeToFirstDeltaMs: 1500, deltaCount: 2, largestGapMs: 1, totalMs: 1501, eventCount: 5 });
  });

  it('leaves out what never came', () => {
    expect(new StreamMeasurer().measures(4)).toEqual({ timeToHeadersMs: 4, deltaCount: 0, largestGapMs: 0, totalMs: 0, eventCount: 0 });
  });
});
