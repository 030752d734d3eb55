import { describe, expect, it } from 'vitest';
import { renderJunitReport } from '../../src/report/junit.js';
import type { RunResult } from '../../src/runner/result.js';
import { HOSTILE, HOSTILE_AS_XML, check, hostileRun, sampleRun } from './fixtures.js';
import { child, findAll, parseXml, type XmlElement } from './parse-xml.js';

function suiteNamed(root: XmlElement, name: string): XmlElement {
  const suite = findAll(root, 'testsuite').find((s) => s.attributes.name === name);
  if (suite === undefined) throw new Error(`no testsuite ${name}`);
  return suite;
}

function caseNamed(root: XmlElement, name: string): XmlElement {
  const testCase = findAll(root, 'testcase').find((c) => c.attributes.name === name);
  if (testCase === undefined) throw new Error(`no testcase ${name}`);
  return testCase;
}

describe('parseXml (the test harness itself)', () => {
  it('rejects what XML 1.0 forbids, so the tests below would notice it', () => {
    expect(() => parseXml('<a>\u0000</a>')).toThrow();
    expect(() => parseXml('<a>\uD800</a>')).toThrow();
    expect(() => parseXml('<a b="\u001b"/>')).toThrow();
    expect(() => parseXml('<a>]]></a>')).toThrow();
    expect(() => parseXml('<a b="<"/>')).toThrow();
  });
});

describe('renderJunitReport', () => {
  it('reports a check that threw as a JUnit <error>, counted as an error, not a failure or a pass', () => {
    const run = sampleRun();
    run.scenarios = [{ ...run.scenarios[0], status: 'error', checks: [check({ id: 'stream/x', status: 'error', message: 'not judged: boom', findings: [] })] }];
    const root = parseXml(renderJunitReport(run));
    expect(root.attributes).toMatchObject({ tests: '1', failures: '0', errors: '1', skipped: '0' });
    const error = child(findAll(root, 'testcase')[0], 'error');
    expect(error?.attributes).toMatchObject({ message: 'not judged: boom', type: 'internal-error' });
  });

  it('starts with the XML declaration and parses', () => {
    const xml = renderJunitReport(sampleRun());
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
    expect(parseXml(xml).name).toBe('testsuites');
  });

  it('counts tests, failures and skipped at run level', () => {
    const root = parseXml(renderJunitReport(sampleRun()));
    expect(root.attributes).toMatchObject({
      name: 'open-responses-check',
      tests: '11',
      failures: '2',
      errors: '0',
      skipped: '3',
      time: '1.234',
    });
    expect(findAll(root, 'testcase')).toHaveLength(11);
    expect(findAll(root, 'failure')).toHaveLength(2);
    expect(findAll(root, 'skipped')).toHaveLength(3);
  });

  it('writes one testsuite per scenario with its own counts, time and properties', () => {
    const root = parseXml(renderJunitReport(sampleRun()));
    expect(findAll(root, 'testsuite').map((s) => s.attributes.name)).toEqual([
      'http/basic-json',
      'stream/basic-text',
      'conversation/previous-response',
      'tools/function-call',
      'stream/long-output',
    ]);
    expect(suiteNamed(root, 'stream/basic-text').attributes).toMatchObject({
      tests: '4',
      failures: '2',
      skipped: '0',
      time: '0.412',
    });
    expect(suiteNamed(root, 'tools/function-call').attributes).toMatchObject({ tests: '2', failures: '0', skipped: '2' });
    const properties = Object.fromEntries(
      findAll(child(suiteNamed(root, 'http/basic-json'), 'properties'), 'property').map((p) => [
        p.attributes.name,
        p.attributes.value,
      ]),
    );
    expect(properties).toMatchObject({
      'spec.version': '2026-04-24',
      'target.base_url': 'http://127.0.0.1:8080/v1',
      'target.model': 'test-model',
    });
  });

  it('names each testcase after its check and requirement, prefixed by the step', () => {
    const root = parseXml(renderJunitReport(sampleRun()));
    const passed = caseNamed(root, 'http/status-200 [REQ-01]');
    expect(passed.attributes.classname).toBe('http/basic-json');
    expect(passed.children).toEqual([]);
    expect(caseNamed(root, 'turn-2: http/request-id-header [HTTP-HDR-04] [warning]').attributes.classname).toBe(
      'conversation/previous-response',
    );
  });

  it('gives a failed check a failure with message, requirement type and the findings', () => {
    const root = parseXml(renderJunitReport(sampleRun()));
    const failure = child(caseNamed(root, 'stream/sequence-number-increasing [SSE-SEQ-02]'), 'failure');
    expect(failure.attributes).toEqual({
      message: '7 events had a sequence_number lower than the one before',
      type: 'SSE-SEQ-02',
    });
    expect(failure.text).toContain('requirement: SSE-SEQ-02 (MUST), section: Streaming HTTP Responses');
    expect(failure.text).toContain(
      '- fail [SSE-SEQ-02]: sequence_number went backwards at event 4\n  expected: 5\n  seen: 3\n' +
        '  at /sequence_number, event #4 (response.output_text.delta, sequence_number 3), byte offset 1238',
    );
    expect(failure.text).toContain('went backwards at event 10');
  });

  it('passes a warning, visibly: named with [warning], a verdict=warning property, the text in system-out', () => {
    const root = parseXml(renderJunitReport(sampleRun()));
    const warned = caseNamed(root, 'stream/done-terminator [SSE-END-01] [warning]');
    expect(warned.children.map((c) => c.name)).toEqual(['properties', 'system-out']);
    expect(findAll(child(warned, 'properties'), 'property').map((p) => p.attributes)).toEqual([{ name: 'verdict', value: 'warning' }]);
    expect(child(warned, 'system-out').text).toMatch(/^warning: the stream ended without \[DONE\]\n/);
    expect(caseNamed(root, 'turn-2: http/request-id-header [HTTP-HDR-04] [warning]').children.map((c) => c.name)).toEqual(['properties', 'system-out']);
    expect(root.attributes).toMatchObject({ failures: '2', errors: '0' });
  });

  it('marks no other case as a warning', () => {
    const root = parseXml(renderJunitReport(sampleRun()));
    const warned = findAll(root, 'testcase').filter((c) => c.attributes.name.endsWith(' [warning]'));
    expect(warned.map((c) => c.attributes.name)).toEqual(['stream/done-terminator [SSE-END-01] [warning]', 'turn-2: http/request-id-header [HTTP-HDR-04] [warning]']);
    const withVerdict = findAll(root, 'testcase').filter((c) => findAll(c, 'property').some((p) => p.attributes.name === 'verdict'));
    expect(withVerdict).toEqual(warned);
    expect(caseNamed(root, 'http/status-200 [REQ-01]').children).toEqual([]);
  });

  it('names a warning scenario without checks as a warning too', () => {
    const run = { ...sampleRun(), scenarios: [{ ...sampleRun().scenarios[0], status: 'warning' as const, checks: [] }] };
    const only = findAll(parseXml(renderJunitReport(run)), 'testcase')[0];
    expect(only.attributes.name).toBe('http/basic-json [warning]');
    expect(only.children.map((c) => c.name)).toEqual(['properties']);
  });

  it('marks skipped and not-run checks skipped with their reason', () => {
    const root = parseXml(renderJunitReport(sampleRun()));
    expect(child(caseNamed(root, 'tools/call-shape [REQ-01]'), 'skipped').attributes.message).toBe(
      'the target does not offer tools',
    );
    const notRunSuite = suiteNamed(root, 'stream/long-output');
    expect(child(child(notRunSuite, 'testcase'), 'skipped').attributes.message).toBe('the target stopped answering');
    expect(child(notRunSuite, 'system-out').text).toBe('the target stopped answering before this scenario');
  });

  it('stands in one skipped case for a scenario without check results', () => {
    const run: RunResult = sampleRun();
    run.scenarios = [{ ...run.scenarios[4], checks: [] }];
    const root = parseXml(renderJunitReport(run));
    expect(root.attributes).toMatchObject({ tests: '1', failures: '0', skipped: '1' });
    expect(child(caseNamed(root, 'stream/long-output'), 'skipped').attributes.message).toBe(
      'the target stopped answering before this scenario',
    );
  });

  it('keeps line breaks and tabs in attributes and text', () => {
    const run = sampleRun();
    const message = 'line one\r\nline two\tend';
    run.scenarios = [
      { ...run.scenarios[1], checks: [check({ id: 'body/x', status: 'failed', message, findings: [] })] },
    ];
    const failure = child(caseNamed(parseXml(renderJunitReport(run)), 'body/x [REQ-01]'), 'failure');
    expect(failure.attributes.message).toBe(message);
    expect(failure.text.startsWith(message)).toBe(true);
  });

  describe('with hostile strings everywhere', () => {
    const xml = renderJunitReport(hostileRun());
    const root = parseXml(xml);
    const allText = allElements(root)
      .map((e) => [e.text, ...Object.values(e.attributes)].join('\n'))
      .join('\n');

    it('parses and counts correctly', () => {
      expect(root.attributes).toMatchObject({ tests: '5', failures: '1', skipped: '2' });
    });

    it('carries XML specials, ]]> and emoji through attributes unchanged', () => {
      const suite = child(root, 'testsuite');
      expect(suite.attributes.name).toBe(HOSTILE_AS_XML);
      const failure = findAll(root, 'failure')[0];
      expect(failure.attributes).toEqual({ message: HOSTILE_AS_XML, type: HOSTILE_AS_XML });
      expect(findAll(root, 'skipped').map((s) => s.attributes.message)).toEqual([HOSTILE_AS_XML, HOSTILE_AS_XML]);
      expect(findAll(root, 'testcase')[0].attributes.name).toBe(`${HOSTILE_AS_XML}: ${HOSTILE_AS_XML}1 [${HOSTILE_AS_XML}]`);
    });

    it('carries them through text, expected and seen values included', () => {
      const failure = findAll(root, 'failure')[0];
      expect(failure.text).toContain(
        `  expected: ${HOSTILE_AS_XML}\n  seen: ${HOSTILE_AS_XML}\n  excerpt: ${HOSTILE_AS_XML}\n`,
      );
      expect(failure.text.split(']]>').length - 1).toBeGreaterThanOrEqual(4);
      expect(child(child(root, 'testsuite'), 'system-out').text).toBe(HOSTILE_AS_XML);
    });

    it('strips escape sequences and drops forbidden characters', () => {
      expect(allText).not.toContain('[31m');
      expect(allText).not.toContain('pwned');
      expect(allText).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
      expect(allText).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
      expect(allText).toContain('😀');
      expect(HOSTILE).toContain('\u0000');
    });

    it('never writes a raw ]]> or CDATA section', () => {
      expect(xml).not.toContain(']]>');
      expect(xml).not.toContain('<![CDATA[');
    });
  });
});

function allElements(element: XmlElement): XmlElement[] {
  return [element, ...element.children.flatMap(allElements)];
}
