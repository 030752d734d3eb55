import { isRecord } from '../../protocol/json.js';
import { describeValue } from '../../spec/values.js';
import { finding } from '../finding.js';
import type { CheckMeta, Finding, ResponseCheck } from '../types.js';

/**
 * What a scenario step needs the server's answer to be so that the step exercises its purpose.
 * A server that answers every request with `status: "failed"` breaks no rule about failed
 * responses, so without this the rules the scenario exists for would never be judged, and the
 * scenario would pass.
 */
export interface OutcomeExpectation {
  /** The catalogue row the step exercises (HTTP-02, REQ-TC-02, REQ-MOT-01). */
  requirement: string;
  /** What the step exercises, in words that finish "could not exercise …". */
  purpose: string;
  /** The response status the purpose needs (`failed` only for the reference server's failing model). */
  status: 'completed' | 'incomplete' | 'failed';
  /**
   * A status that is allowed but leaves the purpose unexercised, so it is a warning: a `completed`
   * answer under a small `max_output_tokens`, since the model may have finished within it (REQ-MOT-01).
   */
  tolerated?: 'completed';
  /** The answer is a CompactResource, which has no status: one with output is complete. */
  compaction?: boolean;
  /**
   * The step needs the turn to fail with this error code (with `status: "failed"`): an error
   * envelope carrying it, or a failed response whose `error.code` is it (HTTP-18, HTTP-19).
   */
  errorCode?: string;
  /**
   * An error answer with this code is allowed but leaves the purpose unexercised, so it is a
   * warning: a same-socket `store: false` continuation a server SHOULD keep state for (HTTP-18).
   */
  toleratedErrorCode?: string;
  /** Any error answer is allowed (the spec lets a server refuse here): it is no finding. */
  errorAllowed?: boolean;
}

/** The response statuses the spec uses (RES-06). */
const SPEC_STATUSES: ReadonlySet<string> = new Set(['queued', 'in_progress', 'completed', 'failed', 'incomplete']);

const OUTCOME_META = {
  id: 'scenario/outcome',
  severity: 'TOOL',
  section: 'Scenario outcome',
} as const;

/** The check for one step's expectation; its requirement is the row the step exercises. */
export function scenarioOutcome(expectation: OutcomeExpectation): ResponseCheck {
  const check: ResponseCheck = {
    kind: 'response',
    ...OUTCOME_META,
    // An error code the step needs is the rule itself (HTTP-18, HTTP-19 say MUST), not only what lets the step run.
    ...(expectation.errorCode !== undefined ? { severity: 'MUST' as const } : {}),
    requirement: expectation.requirement,
    title: `The answer lets the scenario exercise ${expectation.purpose}`,
    check(obs) {
      return expectation.errorCode === undefined ? judgeOutcome(check, expectation, obs.response) : judgeFailedResponse(check, expectation.errorCode, expectation, obs.response);
    },
    judgeErrorAnswer(error) {
      return judgeErrorAnswer(check, expectation, error);
    },
  };
  return check;
}

/** A turn that had to fail with `code` and answered with a response instead. */
function judgeFailedResponse(check: CheckMeta, code: string, expectation: OutcomeExpectation, response: Record<string, unknown>): Finding[] {
  const error = isRecord(response.error) ? response.error : undefined;
  if (response.status === 'failed' && error?.code === code) return [];
  return [
    finding(check, 'fail', `The turn was answered with a ${describeValue(response.status)} response, so it did not fail with error code "${code}" as ${expectation.purpose} requires.`, {
      expected: `an error envelope, or a failed response, with error.code "${code}"`,
      actual: `status ${describeValue(response.status)}${error === undefined ? '' : `, error.code ${describeValue(error.code)}`}`,
      location: { path: '/status' },
    }),
  ];
}

/** A WebSocket turn answered with an error envelope instead of a response. */
function judgeErrorAnswer(check: CheckMeta, expectation: OutcomeExpectation, error: Record<string, unknown> | undefined): Finding[] {
  // A failure was what the step needed, or a refusal the spec allows.
  if ((expectation.status === 'failed' && expectation.errorCode === undefined) || expectation.errorAllowed) return [];
  const code = error?.code;
  const said = `an error envelope with error.code ${describeValue(code)}${typeof error?.message === 'string' ? ` (${JSON.stringify(error.message)})` : ''}`;
  if (expectation.errorCode !== undefined) {
    if (code === expectation.errorCode) return [];
    return [
      finding(check, 'fail', `The turn failed with error code ${describeValue(code)}, not "${expectation.errorCode}", which ${expectation.purpose} requires.`, {
        expected: `error.code "${expectation.errorCode}"`,
        actual: said,
        location: { path: '/error/code' },
      }),
    ];
  }
  const tolerated = expectation.toleratedErrorCode !== undefined && code === expectation.toleratedErrorCode;
  return [
    finding(
      check,
      tolerated ? 'warn' : 'fail',
      tolerated
        ? `The turn failed with "${code}", so ${expectation.purpose} was not exercised; the server should keep the state this needs.`
        : `The turn was answered with an error envelope, so this scenario could not exercise ${expectation.purpose}.`,
      { expected: `a "${expectation.status}" response`, actual: said, location: { path: '/error' } },
    ),
  ];
}

function judgeOutcome(check: CheckMeta, expectation: OutcomeExpectation, response: Record<string, unknown>): Finding[] {
  // A CompactResource has no status: a compaction that answered is complete when it has output.
  const status = expectation.compaction && response.status === undefined ? 'completed' : response.status;
  const output = Array.isArray(response.output) ? response.output : undefined;
  if (status === expectation.status) {
    if (status !== 'completed' || (output !== undefined && output.length > 0)) return [];
    return [
      finding(check, 'fail', `The response is "completed" with no output, so this scenario could not exercise ${expectation.purpose}.`, {
        expected: 'a completed response with at least one output item',
        actual: `output ${describeValue(response.output)}`,
        location: { path: '/output' },
      }),
    ];
  }
  const serverError = isRecord(response.error) ? `, error ${describeValue(response.error)}` : '';
  if (typeof status === 'string' && !SPEC_STATUSES.has(status)) {
    // RES-06 grades a status outside the five a warning; what it means for the purpose is unknown.
    return [
      finding(check, 'warn', `The response status ${describeValue(status)} is none of the five the spec uses, so whether this scenario exercised ${expectation.purpose} cannot be told.`, {
        expected: `status "${expectation.status}"`,
        actual: `status ${describeValue(status)}${serverError}`,
        location: { path: '/status' },
      }),
    ];
  }
  const tolerated = expectation.tolerated !== undefined && status === expectation.tolerated;
  return [
    finding(
      check,
      tolerated ? 'warn' : 'fail',
      tolerated
        ? `The response is ${describeValue(status)}, not "${expectation.status}": ${expectation.status === 'incomplete' ? 'the server may have finished within the limit' : 'the server accepted what it may refuse'}, so ${expectation.purpose} was not exercised.`
        : `The response is ${describeValue(status)}, so this scenario could not exercise ${expectation.purpose}; it needs a "${expectation.status}" response.`,
      {
        expected: `status "${expectation.status}"`,
        actual: `status ${describeValue(status)}${serverError}`,
        location: { path: '/status' },
      },
    ),
  ];
}

/**
 * A step that could not be sent because an earlier step gave nothing to continue from: the
 * scenario's purpose went unexercised, which fails it (a pass would hide the earlier problem).
 */
export function stepNotSent(expectation: OutcomeExpectation, step: string): { check: ResponseCheck; finding: Finding } {
  const check = scenarioOutcome(expectation);
  return {
    check,
    finding: finding(check, 'fail', `Step ${step} could not be sent: the earlier step's answer gave nothing to continue from, so this scenario could not exercise ${expectation.purpose}.`, {
      expected: 'an earlier answer to continue from',
      actual: 'none (see the earlier step)',
    }),
  };
}
