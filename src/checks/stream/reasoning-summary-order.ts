import { finding, NO_FINDINGS } from '../finding.js';
import type { Finding, StreamCheck } from '../types.js';
import { familyOfPartType } from '../../protocol/events.js';
import { describePartProblem } from './part-problem-text.js';
import { PART_ORDER_READS, PartOrder, type PartProblem } from './part-order.js';
import { readUntilTerminal } from './stream-event.js';

interface SummaryPartState {
  parts: PartOrder;
  ended: boolean;
}

/**
 * Reasoning summaries stream like content parts: `reasoning_summary_part.added`, then
 * `reasoning_summary_text.delta`*, `reasoning_summary_text.done` and
 * `reasoning_summary_part.done`, for each `summary_index` in turn. The spec gives no explicit order
 * for them; it follows by analogy with SPEC§Items are streamable (2), so every breach is a
 * warning (SSE-O-12).
 */
export const reasoningSummaryOrder: StreamCheck<SummaryPartState> = {
  kind: 'stream',
  id: 'stream/reasoning-summary-order',
  requirement: 'SSE-O-12',
  severity: 'IMPLIED',
  section: 'Items are streamable',
  title: 'Reasoning summary parts are added, streamed, finished and closed in order',
  reads: PART_ORDER_READS,
  init: () => ({ parts: new PartOrder('summary'), ended: false }),
  onEvent(state, event) {
    const typed = readUntilTerminal(state, event);
    const problems = typed === undefined ? undefined : state.parts.step(typed);
    return problems === undefined || problems.length === 0 ? NO_FINDINGS : problems.flatMap(toFindings);
  },
  onEnd: () => NO_FINDINGS,
};

function toFindings(problem: PartProblem): readonly Finding[] {
  if (problem.kind === 'closed-without-text-done' && familyOfPartType(problem.part?.partType) === undefined) return NO_FINDINGS;
  const text = describePartProblem(problem, 'summary');
  return [finding(reasoningSummaryOrder, 'warn', text.message, { expected: text.expected, actual: text.actual, location: text.location })];
}
