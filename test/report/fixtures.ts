import type { Finding } from '../../src/checks/types.js';
import type { CheckResult, RunResult, ScenarioResult } from '../../src/runner/result.js';

/** A check result with defaults for the fields a test does not care about. */
export function check(fields: Partial<CheckResult> & Pick<CheckResult, 'id' | 'status'>): CheckResult {
  return {
    requirement: 'REQ-01',
    severity: 'MUST',
    section: 'Responses',
    title: `Title of ${fields.id}`,
    message: '',
    findings: [],
    ...fields,
  };
}

function sequenceFinding(index: number): Finding {
  return {
    checkId: 'stream/sequence-number-increasing',
    requirement: 'SSE-SEQ-02',
    verdict: 'fail',
    message: `sequence_number went backwards at event ${index}`,
    expected: '5',
    actual: '3',
    location: {
      path: '/sequence_number',
      eventIndex: index,
      sequenceNumber: 3,
      eventType: 'response.output_text.delta',
      byteOffset: 1234 + index,
    },
  };
}

export const passedScenario: ScenarioResult = {
  id: 'http/basic-json',
  title: 'Non-streaming text response',
  tags: ['http', 'core'],
  status: 'passed',
  durationMs: 120,
  checks: [
    check({ id: 'http/status-200', status: 'passed' }),
    check({ id: 'body/schema', requirement: 'SCHEMA-01', severity: 'SCHEMA', status: 'passed' }),
  ],
};

/** Seven findings in the sequence check, so the console's cap of five shows "… and 2 more". */
export const failedScenario: ScenarioResult = {
  id: 'stream/basic-text',
  title: 'Streaming text response',
  tags: ['stream'],
  status: 'failed',
  durationMs: 412,
  checks: [
    check({
      id: 'stream/sequence-number-increasing',
      requirement: 'SSE-SEQ-02',
      section: 'Streaming HTTP Responses',
      status: 'failed',
      message: '7 events had a sequence_number lower than the one before',
      findings: [4, 5, 6, 7, 8, 9, 10].map(sequenceFinding),
    }),
    check({
      id: 'body/output-text-path',
      requirement: 'BODY-OUT-03',
      status: 'failed',
      message: 'output[0].content[0].text is not a string',
      findings: [
        {
          checkId: 'body/output-text-path',
          requirement: 'BODY-OUT-03',
          verdict: 'fail',
          message: 'output[0].content[0].text is not a string',
          expected: 'string',
          actual: 'number',
          location: { path: '/output/0/content/0/text' },
          excerpt: '{"type":"output_text","text":42}',
        },
      ],
    }),
    check({
      id: 'stream/done-terminator',
      requirement: 'SSE-END-01',
      severity: 'SHOULD',
      status: 'warning',
      message: 'the stream ended without [DONE]',
      findings: [
        {
          checkId: 'stream/done-terminator',
          requirement: 'SSE-END-01',
          verdict: 'warn',
          message: 'the stream ended without [DONE]',
          location: { eventIndex: 11 },
        },
      ],
    }),
    check({ id: 'stream/content-type', status: 'passed' }),
  ],
};

/** A two-request scenario: its checks carry a step. */
export const warningScenario: ScenarioResult = {
  id: 'conversation/previous-response',
  title: 'Follow-up turn with previous_response_id',
  tags: ['conversation'],
  status: 'warning',
  durationMs: 1530,
  checks: [
    check({ id: 'http/status-200', step: 'turn-1', status: 'passed' }),
    check({
      id: 'http/request-id-header',
      requirement: 'HTTP-HDR-04',
      severity: 'SHOULD',
      section: 'HTTP Responses',
      step: 'turn-2',
      status: 'warning',
      message: 'no x-request-id header',
      findings: [
        {
          checkId: 'http/request-id-header',
          requirement: 'HTTP-HDR-04',
          verdict: 'warn',
          message: 'no x-request-id header',
          expected: 'a non-empty x-request-id header',
        },
      ],
    }),
  ],
};

export const skippedScenario: ScenarioResult = {
  id: 'tools/function-call',
  title: 'Function tool call',
  tags: ['tools'],
  status: 'skipped',
  durationMs: 0,
  checks: [
    check({ id: 'tools/call-shape', status: 'skipped', message: 'the target does not offer tools' }),
    check({ id: 'tools/call-id', status: 'skipped', message: 'the target does not offer tools' }),
  ],
};

export const notRunScenario: ScenarioResult = {
  id: 'stream/long-output',
  title: 'Long streamed output',
  tags: ['stream', 'slow'],
  status: 'not_run',
  durationMs: 0,
  note: 'the target stopped answering before this scenario',
  checks: [check({ id: 'stream/content-type', status: 'not_run', message: 'the target stopped answering' })],
};

/** Five scenarios, one per status; 11 checks: 4 passed, 2 failed, 2 warning, 2 skipped, 1 not run. */
export function sampleRun(): RunResult {
  return {
    tool: { name: 'open-responses-check', version: '0.1.0' },
    specVersion: '2026-04-24',
    target: { baseUrl: 'http://127.0.0.1:8080/v1', model: 'test-model' },
    startedAt: '2026-05-01T10:00:00.000Z',
    durationMs: 1234,
    strict: false,
    scenarios: [passedScenario, failedScenario, warningScenario, skippedScenario, notRunScenario],
    summary: {
      scenarios: 5,
      passed: 1,
      failed: 1,
      warning: 1,
      skipped: 1,
      notRun: 1,
      error: 0,
      checks: { passed: 4, failed: 2, warning: 2, skipped: 2, notRun: 1, error: 0 },
    },
    lastAnsweredScenario: 'tools/function-call',
  };
}

/**
 * Everything a hostile server or a careless scenario author could put in a string: XML specials,
 * the CDATA terminator twice, an ANSI colour, a terminal title (OSC), C0 controls including NUL,
 * U+FFFE, lone surrogates of both kinds, and an emoji that must survive.
 */
export const HOSTILE = `<&"'> ]]> x ]]> \u001b[31mred\u001b[0m \u001b]0;pwned\u0007\u0000\u0001\u0008\u000b\u001f\uFFFE\uD800|\uDC00 😀 é`;

/** What an XML 1.0 document can carry of HOSTILE: the escapes and forbidden characters are gone. */
export const HOSTILE_AS_XML = `<&"'> ]]> x ]]> red | 😀 é`;

/** A run where every string field is HOSTILE (with a suffix where ids must stay distinct). */
export function hostileRun(): RunResult {
  const finding: Finding = {
    checkId: HOSTILE,
    requirement: HOSTILE,
    verdict: 'fail',
    message: HOSTILE,
    expected: HOSTILE,
    actual: HOSTILE,
    location: { path: HOSTILE, eventIndex: 2, sequenceNumber: 1, eventType: HOSTILE, byteOffset: 99 },
    excerpt: HOSTILE,
  };
  const hostileCheck = (status: CheckResult['status'], suffix: string): CheckResult => ({
    id: HOSTILE + suffix,
    requirement: HOSTILE,
    severity: 'MUST',
    section: HOSTILE,
    title: HOSTILE,
    step: HOSTILE,
    status,
    message: HOSTILE,
    findings: status === 'failed' || status === 'warning' ? [finding, finding] : [],
  });
  return {
    ...sampleRun(),
    target: { baseUrl: HOSTILE, model: HOSTILE },
    scenarios: [
      {
        id: HOSTILE,
        title: HOSTILE,
        tags: [HOSTILE],
        status: 'failed',
        durationMs: 5,
        note: HOSTILE,
        checks: [
          hostileCheck('failed', '1'),
          hostileCheck('warning', '2'),
          hostileCheck('skipped', '3'),
          hostileCheck('not_run', '4'),
          hostileCheck('passed', '5'),
        ],
      },
    ],
    summary: {
      scenarios: 1,
      passed: 0,
      failed: 1,
      warning: 0,
      skipped: 0,
      notRun: 0,
      error: 0,
      checks: { passed: 1, failed: 1, warning: 1, skipped: 1, notRun: 1, error: 0 },
    },
    lastAnsweredScenario: HOSTILE,
  };
}
