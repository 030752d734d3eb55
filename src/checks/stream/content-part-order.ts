import { finding, NO_FINDINGS } from '../finding.js';
import type { Finding, StreamCheck, Verdict } from '../types.js';
import { familyOfPartType } from '../../protocol/events.js';
import { describePartProblem } from './part-problem-text.js';
import { PART_ORDER_READS, PartOrder, type PartProblem } from './part-order.js';
import { readUntilTerminal } from './stream-event.js';

interface ContentPartState {
  parts: PartOrder;
  ended: boolean;
}

/**
 * SPEC§Items are streamable (2): streamable content "MUST be backed by a content part. The first
 * event in such cases MUST be `response.content_part.added`, followed by … `response.<content_type>.delta`
 * … and end with `response.<content_type>.done`. The content part is then closed with
 * `response.content_part.done`." Rows: SSE-O-09 (a delta before its part was added), SSE-O-06 (the
 * done events close the part in order), SSE-O-08 (nothing after `content_part.done`), SSE-O-10
 * (a part added twice), SSE-O-07 (the item closes after its parts), SSE-C-02 (`content_index`
 * counts 0, 1, 2, …). Raw reasoning (`response.reasoning.*`) need not be announced by
 * `content_part.added` (Z-11); its order problems are warnings (SSE-O-13).
 */
export const contentPartOrder: StreamCheck<ContentPartState> = {
  kind: 'stream',
  id: 'stream/content-part-order',
  requirement: 'SSE-O-06',
  alsoRequirements: ['SSE-O-07', 'SSE-O-08', 'SSE-O-09', 'SSE-O-10', 'SSE-O-13', 'SSE-C-02', 'CNT-12'],
  severity: 'MUST',
  section: 'Items are streamable',
  title: 'Content parts are added, streamed, finished and closed in order, before their item closes',
  reads: PART_ORDER_READS,
  init: () => ({ parts: new PartOrder('content', ['reasoning']), ended: false }),
  onEvent(state, event) {
    const typed = readUntilTerminal(state, event);
    const problems = typed === undefined ? undefined : state.parts.step(typed);
    return problems === undefined || problems.length === 0 ? NO_FINDINGS : problems.flatMap(toFindings);
  },
  onEnd: () => NO_FINDINGS,
};

function toFindings(problem: PartProblem): readonly Finding[] {
  const reasoning = problem.item.type === 'reasoning' || problem.part?.family?.name === 'reasoning';
  const verdictFor = (requirement: string): [Verdict, string] => (reasoning ? ['warn', 'SSE-O-13'] : ['fail', requirement]);
  let rule: [Verdict, string] | undefined;
  switch (problem.kind) {
    case 'added-twice':
      rule = ['fail', 'SSE-O-10'];
      break;
    case 'added-after-text':
      rule = ['warn', 'SSE-O-13'];
      break;
    case 'index-gap':
      rule = ['fail', 'SSE-C-02'];
      break;
    case 'not-added':
      rule = ['fail', 'SSE-O-09'];
      break;
    case 'after-part-done':
      rule = ['fail', 'SSE-O-08'];
      break;
    case 'after-text-done':
      rule = verdictFor('SSE-O-06');
      break;
    case 'closed-without-text-done':
      rule = familyOfPartType(problem.part?.partType) === undefined ? undefined : verdictFor('SSE-O-06');
      break;
    case 'no-index':
    case 'item-without-parts':
    case 'wrong-text-kind':
      rule = verdictFor('SSE-O-06');
      break;
    case 'never-streamed':
      rule = verdictFor('CNT-12');
      break;
    case 'left-open':
      // Raw reasoning may end without content_part.done (Z-11); its text still ends with reasoning.done.
      // Stryker disable next-line OptionalChaining: every left-open problem carries its part.
      rule = !reasoning ? ['fail', 'SSE-O-07'] : problem.part?.stage === 'open' ? ['warn', 'SSE-O-13'] : undefined;
      break;
  }
  if (rule === undefined) return NO_FINDINGS;
  const [verdict, requirement] = rule;
  const text = describePartProblem(problem, 'content');
  return [finding(contentPartOrder, verdict, text.message, { requirement, expected: text.expected, actual: text.actual, location: text.location })];
}
