import type { Finding } from '../checks/types.js';
import type { CheckResult, RunResult, ScenarioResult } from '../runner/result.js';
import { describeLocation } from './location-text.js';
import { xmlAttribute, xmlText } from './xml.js';

/** Findings written into one <failure>; report.json holds them all. */
const MAX_FINDINGS_PER_CHECK = 20;

/** Ends the name of a passing case that carries a warning, so dashboards that show names show it. */
const WARNING_SUFFIX = ' [warning]';

/**
 * A warning's testcase-level <properties>: a common extension of the JUnit format (the Ant schema
 * puts <properties> on <testsuite> only), first in the case as the extension's readers expect.
 */
const WARNING_PROPERTIES = '<properties><property name="verdict" value="warning"/></properties>';

type CaseOutcome = 'passed' | 'failed' | 'skipped' | 'error';

/** One rendered <testcase> and what it counts as, so suite totals always match the cases written. */
interface TestCaseXml {
  xml: string;
  outcome: CaseOutcome;
}

interface TestSuiteXml {
  xml: string;
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

/**
 * The run as JUnit XML for CI dashboards: one <testsuite> per scenario, one <testcase> per check.
 * Failed checks carry a <failure>, skipped and not-run checks a <skipped>. Warnings pass (JUnit has
 * no warning outcome) but show: ` [warning]` ends the case name, a `verdict=warning` property is on
 * the case, and the warning text is in <system-out>. Every string goes through the escaping in xml.ts.
 */
export function renderJunitReport(run: RunResult): string {
  const suites = run.scenarios.map((scenario) => renderSuite(run, scenario));
  const total = (count: (suite: TestSuiteXml) => number): number => suites.reduce((sum, s) => sum + count(s), 0);
  const counts =
    `tests="${total((s) => s.tests)}" failures="${total((s) => s.failures)}" errors="${total((s) => s.errors)}" ` +
    `skipped="${total((s) => s.skipped)}" time="${seconds(run.durationMs)}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="open-responses-check" ${counts} timestamp="${xmlAttribute(run.startedAt)}">`,
    ...suites.map((suite) => suite.xml),
    '</testsuites>',
    '',
  ].join('\n');
}

function renderSuite(run: RunResult, scenario: ScenarioResult): TestSuiteXml {
  const cases =
    scenario.checks.length > 0
      ? scenario.checks.map((check) => renderCheck(scenario.id, check))
      : [renderScenarioWithoutChecks(scenario)];
  const tests = cases.length;
  const failures = cases.filter((c) => c.outcome === 'failed').length;
  const errors = cases.filter((c) => c.outcome === 'error').length;
  const skipped = cases.filter((c) => c.outcome === 'skipped').length;
  const properties: [string, string][] = [
    ['spec.version', run.specVersion],
    ['target.base_url', run.target.baseUrl],
    ['target.model', run.target.model],
    ['strict', String(run.strict)],
    ['scenario.title', scenario.title],
    ['scenario.tags', scenario.tags.join(',')],
  ];
  const lines = [
    `  <testsuite name="${xmlAttribute(scenario.id)}" tests="${tests}" failures="${failures}" errors="${errors}"` +
      ` skipped="${skipped}" time="${seconds(scenario.durationMs)}">`,
    '    <properties>',
    ...properties.map(([name, value]) => `      <property name="${name}" value="${xmlAttribute(value)}"/>`),
    '    </properties>',
    ...cases.map((c) => c.xml),
  ];
  if (scenario.note !== undefined && scenario.note !== '') {
    lines.push(`    <system-out>${xmlText(scenario.note)}</system-out>`);
  }
  lines.push('  </testsuite>');
  return { xml: lines.join('\n'), tests, failures, errors, skipped };
}

function renderCheck(scenarioId: string, check: CheckResult): TestCaseXml {
  const step = check.step === undefined ? '' : `${check.step}: `;
  // Checks are not timed one by one; the scenario's time is on its <testsuite>.
  const attributes = { classname: scenarioId, name: `${step}${check.id} [${check.requirement}]`, time: '0' };
  switch (check.status) {
    case 'passed':
      return testCase(attributes, 'passed', []);
    case 'failed': {
      const failure = `<failure message="${xmlAttribute(headline(check))}" type="${xmlAttribute(check.requirement)}">`;
      return testCase(attributes, 'failed', [`${failure}${xmlText(checkDetails(check))}</failure>`]);
    }
    case 'warning':
      return testCase({ ...attributes, name: attributes.name + WARNING_SUFFIX }, 'passed', [
        WARNING_PROPERTIES,
        `<system-out>${xmlText(`warning: ${checkDetails(check)}`)}</system-out>`,
      ]);
    case 'expected':
      // A failure the baseline lists passes, marked so a dashboard can still tell it from a pass.
      return testCase(attributes, 'passed', [
        '<properties><property name="baseline" value="expected"/></properties>',
        `<system-out>${xmlText(`expected failure (baseline): ${checkDetails(check)}`)}</system-out>`,
      ]);
    case 'skipped':
    case 'not_run':
      return testCase(attributes, 'skipped', [`<skipped message="${xmlAttribute(skipReason(check))}"/>`]);
    case 'error':
      // A check that threw is a bug in the tool: JUnit's <error>, not a <failure> of the server.
      return testCase(attributes, 'error', [`<error message="${xmlAttribute(check.message)}" type="internal-error"/>`]);
  }
}

/** A scenario without check results still shows up in CI, as one case standing for the scenario. */
function renderScenarioWithoutChecks(scenario: ScenarioResult): TestCaseXml {
  const attributes = { classname: scenario.id, name: scenario.id, time: seconds(scenario.durationMs) };
  const reason = scenario.note ?? scenario.status.replace('_', ' ');
  switch (scenario.status) {
    case 'failed':
      return testCase(attributes, 'failed', [`<failure message="${xmlAttribute(reason)}" type="scenario"/>`]);
    case 'error':
      return testCase(attributes, 'error', [`<error message="${xmlAttribute(reason)}" type="internal-error"/>`]);
    case 'skipped':
    case 'not_run':
      return testCase(attributes, 'skipped', [`<skipped message="${xmlAttribute(reason)}"/>`]);
    case 'passed':
    case 'expected':
      return testCase(attributes, 'passed', []);
    case 'warning':
      return testCase({ ...attributes, name: attributes.name + WARNING_SUFFIX }, 'passed', [WARNING_PROPERTIES]);
  }
}

function testCase(
  attributes: { classname: string; name: string; time: string },
  outcome: CaseOutcome,
  children: string[],
): TestCaseXml {
  const open =
    `    <testcase classname="${xmlAttribute(attributes.classname)}" name="${xmlAttribute(attributes.name)}"` +
    ` time="${attributes.time}"`;
  const xml = children.length === 0 ? `${open}/>` : [`${open}>`, ...children.map((c) => `      ${c}`), '    </testcase>'].join('\n');
  return { xml, outcome };
}

function headline(check: CheckResult): string {
  return check.message !== '' ? check.message : (check.findings[0]?.message ?? check.title);
}

function skipReason(check: CheckResult): string {
  return check.message !== '' ? check.message : check.status.replace('_', ' ');
}

/** The body of a <failure> or warning: what the check is, then each finding with its evidence. */
function checkDetails(check: CheckResult): string {
  const lines = [
    headline(check),
    `check: ${check.id} — ${check.title}`,
    `requirement: ${check.requirement} (${check.severity}), section: ${check.section}`,
  ];
  for (const finding of check.findings.slice(0, MAX_FINDINGS_PER_CHECK)) lines.push('', ...findingLines(finding));
  const hidden = check.findings.length - MAX_FINDINGS_PER_CHECK;
  if (hidden > 0) lines.push('', `… and ${hidden} more findings (see report.json)`);
  if (check.droppedFindings) lines.push('', `${check.droppedFindings} further findings were counted but not kept (a check keeps at most 50)`);
  return lines.join('\n');
}

function findingLines(finding: Finding): string[] {
  const lines = [`- ${finding.verdict} [${finding.requirement}]: ${finding.message}${finding.baselined ? ' (expected, baseline)' : ''}`];
  if (finding.expected !== undefined) lines.push(`  expected: ${finding.expected}`);
  if (finding.actual !== undefined) lines.push(`  seen: ${finding.actual}`);
  if (finding.excerpt !== undefined) lines.push(`  excerpt: ${finding.excerpt}`);
  const where = describeLocation(finding.location);
  if (where !== undefined) lines.push(`  ${where}`);
  return lines;
}

/** JUnit times are seconds with a decimal point. */
function seconds(ms: number): string {
  return Number.isFinite(ms) && ms > 0 ? (ms / 1000).toFixed(3) : '0.000';
}
