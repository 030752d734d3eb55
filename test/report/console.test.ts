import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/checks/types.js';
import type { RunResult, ScenarioResult } from '../../src/runner/result.js';
import { HOSTILE, check, failedScenario, hostileRun, sampleRun } from './fixtures.js';
import { capturedConsole, printRun } from './print-run.js';

function lineWith(output: string, text: string): string {
  const line = output.split('\n').find((l) => l.includes(text));
  if (line === undefined) throw new Error(`no line contains ${JSON.stringify(text)}`);
  return line;
}

describe('console reporter', () => {
  it('prints no escape bytes with colour off', () => {
    expect(printRun(sampleRun())).not.toContain('\u001b');
  });

  it('colours with colour on', () => {
    expect(printRun(sampleRun(), { color: true })).toContain('\u001b[');
  });

  it('prints one line per scenario with status, id, title and duration', () => {
    const output = printRun(sampleRun());
    expect(lineWith(output, 'http/basic-json')).toBe('✔ PASS    http/basic-json  Non-streaming text response  (120 ms)');
    expect(lineWith(output, 'stream/basic-text')).toMatch(/^✖ FAIL +stream\/basic-text  Streaming text response  \(412 ms\)$/);
    expect(lineWith(output, 'conversation/previous-response')).toMatch(/^⚠ WARN .*\(1\.53 s\)$/);
    expect(lineWith(output, 'tools/function-call')).toMatch(/^○ SKIP /);
    expect(lineWith(output, 'stream/long-output')).toMatch(/^– NOT RUN stream\/long-output/);
  });

  it('prints a scenario line as soon as the scenario finishes', () => {
    const { reporter, output } = capturedConsole();
    reporter.onEvent({ type: 'scenario-finished', result: failedScenario });
    expect(output()).toContain('stream/basic-text');
    expect(output()).not.toContain('scenarios:');
  });

  it('prints a block per failing check with requirement, severity, section, finding and location', () => {
    const output = printRun(sampleRun());
    expect(output).toContain(
      [
        '    ✖ stream/sequence-number-increasing · Streaming HTTP Responses',
        '      7 events had a sequence_number lower than the one before',
        '      fail SSE-SEQ-02 (MUST): sequence_number went backwards at event 4',
        '        expected: 5',
        '        seen: 3',
        '        at /sequence_number, event #4 (response.output_text.delta, sequence_number 3), byte offset 1238',
      ].join('\n'),
    );
  });

  it('caps the findings printed per check', () => {
    const output = printRun(sampleRun());
    expect(output).toContain('went backwards at event 8');
    expect(output).not.toContain('went backwards at event 9');
    expect(output).toContain('      … and 2 more (run with --verbose to print them)\n');
  });

  it('says where the findings it does not print are, and prints every kept one when verbose', () => {
    expect(printRun(sampleRun(), { fullReport: 'reports/report.json' })).toContain(
      '      … and 2 more (all are in reports/report.json; --verbose prints them)\n',
    );
    const verbose = printRun(sampleRun(), { verbose: true });
    expect(verbose).toContain('went backwards at event 10');
    expect(verbose).not.toContain('… and 2 more');
  });

  it('says how many findings a check counted but did not keep', () => {
    const run = sampleRun();
    const [first, ...rest] = run.scenarios[1].checks;
    run.scenarios[1] = { ...run.scenarios[1], checks: [{ ...first, droppedFindings: 43 }, ...rest] };
    expect(printRun(run, { verbose: true })).toMatch(/… and 43 more that were counted but not kept \(a check keeps at most \d+\)/);
  });

  it("prints each finding's own requirement, and its verdict before the strength", () => {
    const run = sampleRun();
    run.scenarios = [
      {
        ...failedScenario,
        checks: [
          check({
            id: 'stream/item-order',
            requirement: 'SSE-O-05',
            severity: 'MUST',
            status: 'failed',
            findings: [
              { checkId: 'stream/item-order', requirement: 'SSE-O-08', verdict: 'fail', message: 'an event after output_item.done' },
              { checkId: 'stream/item-order', requirement: 'SSE-O-05', verdict: 'warn', message: 'a repeated event' },
            ],
          }),
        ],
      },
    ];
    const output = printRun(run);
    expect(output).toContain('      fail SSE-O-08: an event after output_item.done\n');
    expect(output).toContain('      warn SSE-O-05 (MUST): a repeated event\n');
    expect(lineWith(output, 'stream/item-order')).not.toContain('SSE-O-05');
  });

  it('shows a check that threw as an error of the tool, never as a pass', () => {
    const run = sampleRun();
    run.scenarios = [{ ...failedScenario, status: 'error', checks: [check({ id: 'stream/x', status: 'error', message: 'not judged: the check stopped on an internal error (boom)', findings: [] })] }];
    run.summary = { ...run.summary, checks: { ...run.summary.checks, error: 1 } };
    const output = printRun(run);
    expect(output).toMatch(/^! ERROR +stream\/basic-text/m);
    expect(output).toContain('    ! stream/x · ');
    expect(output).toContain('      not judged: the check stopped on an internal error (boom)\n');
    expect(output).toContain('1 error');
    expect(output).toContain('1 check stopped on an internal error: a bug in open-responses-check, not in the server; please report it.');
  });

  it('says the run-wide diagnosis before the summary', () => {
    const run = { ...sampleRun(), diagnosis: 'The target refused the API key: every request was answered HTTP 401.' };
    const lines = printRun(run).trimEnd().split('\n');
    expect(lines.at(-3)).toBe('The target refused the API key: every request was answered HTTP 401.');
  });

  it('does not repeat a check message that equals its first finding', () => {
    const output = printRun(sampleRun());
    const scenarioBlocks = output.slice(0, output.indexOf('Problems ('));
    expect(scenarioBlocks.split('output[0].content[0].text is not a string').length - 1).toBe(1);
    expect(output).toContain(
      '        seen: number\n        excerpt: {"type":"output_text","text":42}\n        at /output/0/content/0/text\n',
    );
  });

  it('prints warning checks, with their step, under failed and warning scenarios', () => {
    const output = printRun(sampleRun());
    expect(output).toContain('    ⚠ stream/done-terminator · Responses\n');
    expect(output).toContain('        event #11\n');
    expect(output).toContain('    ⚠ turn-2 › http/request-id-header · HTTP Responses\n');
    expect(output).toContain('        expected: a non-empty x-request-id header\n');
  });

  it('lists passed and skipped checks only when verbose', () => {
    const quiet = printRun(sampleRun());
    expect(quiet).not.toContain('http/status-200');
    expect(quiet).not.toContain('tools/call-shape');
    const verbose = printRun(sampleRun(), { verbose: true });
    expect(verbose).toContain('    ✔ http/status-200 · Responses [REQ-01]\n');
    expect(verbose).toContain('    ○ tools/call-shape · Responses [REQ-01] — the target does not offer tools\n');
  });

  it('prints a scenario note', () => {
    expect(printRun(sampleRun())).toContain('    the target stopped answering before this scenario\n');
  });

  it('ends with the summary and the last answered scenario', () => {
    const lines = printRun(sampleRun()).trimEnd().split('\n');
    expect(lines.at(-2)).toBe(
      '5 scenarios: 1 passed, 1 failed, 1 warning, 1 skipped, 1 not run · ' +
        '11 checks: 4 passed, 2 failed, 2 warning, 2 skipped, 1 not run  (1.23 s)',
    );
    expect(lines.at(-1)).toBe('The target stopped answering; the last scenario it answered was tools/function-call.');
  });

  it('omits the last-answered line when the target answered throughout', () => {
    const run = { ...sampleRun(), lastAnsweredScenario: undefined };
    expect(printRun(run)).not.toContain('stopped answering;');
  });

  it('shortens very long expected and seen values', () => {
    const long = 'x'.repeat(1000);
    const run = sampleRun();
    run.scenarios = [
      {
        ...failedScenario,
        checks: [
          check({
            id: 'body/long',
            status: 'failed',
            findings: [{ checkId: 'body/long', requirement: 'R', verdict: 'fail', message: 'too long', actual: long }],
          }),
        ],
      },
    ];
    expect(lineWith(printRun(run), 'seen:')).toBe(`        seen: ${'x'.repeat(240)}…`);
  });

  it('lets no server-supplied escape sequence or control character reach the terminal', () => {
    for (const color of [false, true]) {
      const output = printRun(hostileRun(), { color, verbose: true });
      expect(output).not.toContain('pwned');
      expect(output).not.toContain('[31mred');
      // With colour on, the only ESC bytes are chalk's own SGR sequences.
      expect(output.replace(/\u001b\[\d+(?:;\d+)*m/g, '')).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
      expect(output).toContain('😀');
    }
    expect(HOSTILE).toContain('\u001b');
  });

  describe('the problems block', () => {
    /** The same missing field in `count` scenarios, plus `others` distinct problems met once each. */
    function runWithProblems(count: number, others = 0): RunResult {
      const finding = (path: string, expected: string): Finding => ({
        checkId: 'response/schema',
        requirement: 'RES-02',
        verdict: 'fail',
        message: `${path} must be ${expected}`,
        expected,
        location: { path },
      });
      const scenario = (id: string, f: Finding): ScenarioResult => ({
        ...failedScenario,
        id,
        checks: [check({ id: 'response/schema', requirement: 'RES-02', status: 'failed', findings: [f] })],
      });
      return {
        ...sampleRun(),
        scenarios: [
          ...Array.from({ length: count }, (_, i) => scenario(`s-${i}`, finding(`/output/${i}/metadata`, 'an object'))),
          ...Array.from({ length: others }, (_, i) => scenario(`o-${i}`, finding(`/field${i}`, `type ${i}`))),
        ],
      };
    }

    it('prints one line for one defect met in 16 scenarios, with its example, before the summary', () => {
      const output = printRun(runWithProblems(16));
      expect(output).toContain(
        [
          '',
          'Problems (1 distinct)',
          '✖ 16 scenarios  response/schema  RES-02  /output/*/metadata: expected an object',
          '    /output/0/metadata must be an object (s-0)',
          '',
          // The fixture's summary, which the reporter prints as given.
          '5 scenarios: ',
        ].join('\n'),
      );
    });

    it('puts tool errors first, then failures, then warnings, with a finding count beyond one per scenario', () => {
      const output = printRun(sampleRun());
      const block = output.slice(output.indexOf('Problems ('), output.indexOf('5 scenarios:'));
      expect(block.split('\n').filter((line) => /^[✖⚠!]/.test(line))).toEqual([
        '✖ 1 scenario, 7 findings  stream/sequence-number-increasing  SSE-SEQ-02  response.output_text.delta /sequence_number: expected 5',
        '✖ 1 scenario  body/output-text-path  BODY-OUT-03  /output/*/content/*/text: expected string',
        '⚠ 1 scenario  http/request-id-header  HTTP-HDR-04  expected a non-empty x-request-id header',
        '⚠ 1 scenario  stream/done-terminator  SSE-END-01',
      ]);
      expect(block).toContain('    no x-request-id header (conversation/previous-response › turn-2)\n');
    });

    it('caps the list and says where the rest are', () => {
      const output = printRun(runWithProblems(2, 14), { fullReport: 'reports/report.json' });
      expect(output).toContain('Problems (15 distinct)');
      expect(output.split('\n').filter((line) => /^✖ \d+ scenario/.test(line))).toHaveLength(10);
      expect(output).toContain('    … and 5 more (reports/report.json)\n');
      expect(printRun(runWithProblems(2, 14))).toContain('    … and 5 more (the json reporter lists them all)\n');
      expect(printRun(runWithProblems(2, 8))).not.toContain('… and');
    });

    it('is left out when the run has no problem', () => {
      const run = { ...sampleRun(), scenarios: [sampleRun().scenarios[0]] };
      expect(printRun(run)).not.toContain('Problems');
    });

    it('shows a tool error as the first problem', () => {
      const run = runWithProblems(3);
      run.scenarios.push({ ...failedScenario, id: 'broken', status: 'error', checks: [check({ id: 'stream/x', status: 'error', message: 'not judged: boom' })] });
      const problems = printRun(run).split('Problems (2 distinct)\n')[1].split('\n');
      expect(problems.slice(0, 2)).toEqual(['! 1 scenario  stream/x  REQ-01', '    not judged: boom (broken)']);
    });
  });
});

describe('console reporter, quiet', () => {
  it('prints only the digest of problems and the summary', () => {
    const { reporter, output } = capturedConsole({ quiet: true });
    const run = sampleRun();
    for (const result of run.scenarios) reporter.onEvent({ type: 'scenario-finished', result });
    expect(output()).toBe('');
    reporter.onEvent({ type: 'run-finished', result: run });
    expect(output()).toContain('Problems (');
    expect(output()).toMatch(/5 scenarios: 1 passed, 1 failed/);
    expect(output()).not.toMatch(/^✖ FAIL/m);
  });
});

describe('console reporter, reproduce lines', () => {
  it('says once which variables the reproduce lines read', () => {
    const run = sampleRun();
    run.target = { ...run.target, authHeader: 'Authorization', bearer: true, headers: [{ name: 'X-Trace-Token' }, { name: 'X-Tenant', value: 'a' }] };
    run.scenarios[1] = { ...run.scenarios[1], steps: [{ name: 'request', request: { method: 'POST', path: '/responses', body: {}, stream: true }, curl: 'curl …' }] };
    const output = printRun(run);
    expect(output).toContain('reproduce: curl …');
    expect(output).toContain('The reproduce lines read OPENRESPONSES_API_KEY (the key), OPENRESPONSES_HEADER_X_TRACE_TOKEN (X-Trace-Token) from the environment: export them before pasting one.');
    expect(output.split('The reproduce lines read').length).toBe(2);
  });
});
