import type { RunResult, ScenarioStatus, StreamingMeasures } from '../runner/result.js';
import { digestRun, type Problem, type ProblemVerdict } from './digest.js';
import { sanitizeForTerminal } from './sanitize.js';

/** Problem rows in the summary; report.json's digest lists them all. */
const MAX_PROBLEM_ROWS = 30;
/** Longest text in one cell; a server can put megabytes into one message. */
const MAX_CELL_CHARS = 200;

/** The worst first, so the scenarios to look at lead the table. */
const STATUS_ORDER: ScenarioStatus[] = ['error', 'failed', 'warning', 'not_run', 'skipped', 'expected', 'passed'];

const STATUS_WORDS: Record<ScenarioStatus, string> = {
  error: '! tool error',
  failed: '✖ failed',
  warning: '⚠ warning',
  not_run: '– not run',
  skipped: '○ skipped',
  expected: '✔ expected (baseline)',
  passed: '✔ passed',
};

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

const VERDICT_WORDS: Record<ProblemVerdict, string> = { error: '! tool error', fail: '✖ fail', warn: '⚠ warn' };

/**
 * summary.md: the run as a compact Markdown page for a CI job summary (GitHub's
 * $GITHUB_STEP_SUMMARY) or a pull-request comment. The distinct problems come first, then the
 * scenarios by status, the worst first. Every server-supplied string is made inert: no line
 * break, control character, HTML tag or Markdown syntax of its own survives.
 */
export function renderMarkdownSummary(run: RunResult): string {
  const problems = digestRun(run);
  const lines = [`## open-responses-check: ${verdictHeadline(run)}`, '', runLine(run), ''];
  const streams = streamingLine(run);
  if (streams !== undefined) lines.push(streams, '');
  if (run.diagnosis !== undefined) lines.push(`> **${cell(run.diagnosis)}**`, '');
  if (problems.length > 0) lines.push(...problemTable(problems), '');
  lines.push(...scenarioTable(run), '');
  return lines.join('\n');
}

function verdictHeadline(run: RunResult): string {
  const { summary } = run;
  if (summary.failed > 0) return '✖ failed';
  if (summary.checks.error > 0) return '! stopped on a tool error';
  if (summary.notRun > 0) return '– the target did not answer every scenario';
  if (summary.warning > 0) return '⚠ passed with warnings';
  return '✔ passed';
}

function runLine(run: RunResult): string {
  const { summary } = run;
  const counts = [
    `${summary.passed} passed`,
    `${summary.failed} failed`,
    `${summary.warning} warning`,
    `${summary.skipped} skipped`,
    `${summary.notRun} not run`,
    ...(summary.error > 0 ? [`${summary.error} error`] : []),
  ].join(', ');
  const strict = run.strict ? ' · strict' : '';
  return `Target ${cell(run.target.baseUrl)} · model ${cell(run.target.model)} · spec ${cell(run.specVersion)}${strict} · ${summary.scenarios} scenarios: ${counts} · ${(run.durationMs / 1000).toFixed(2)} s`;
}

/**
 * How the run's streams arrived, in one line: `Streams: 17 · first delta median 35 ms, slowest
 * 42 ms (text-input-stream) · largest gap 23 ms (text-input-stream)`; undefined without streams.
 */
function streamingLine(run: RunResult): string | undefined {
  const streams = run.scenarios.flatMap((scenario) =>
    (scenario.steps ?? []).flatMap((step) => (step.streaming === undefined ? [] : [{ at: scenario.steps!.length > 1 ? `${scenario.id} › ${step.name}` : scenario.id, measures: step.streaming }])),
  );
  if (streams.length === 0) return undefined;
  const worst = (measure: (m: StreamingMeasures) => number | undefined) =>
    streams.reduce<{ at: string; value: number } | undefined>((found, { at, measures }) => {
      const value = measure(measures);
      return value !== undefined && (found === undefined || value > found.value) ? { at, value } : found;
    }, undefined);
  const firstDeltas = streams.flatMap(({ measures }) => (measures.timeToFirstDeltaMs === undefined ? [] : [measures.timeToFirstDeltaMs])).sort((a, b) => a - b);
  const slowest = worst((m) => m.timeToFirstDeltaMs);
  const gap = worst((m) => m.largestGapMs)!;
  const parts = [`Streams: ${streams.length}`];
  if (slowest !== undefined) parts.push(`first delta median ${firstDeltas[Math.floor((firstDeltas.length - 1) / 2)]} ms, slowest ${slowest.value} ms (${cell(slowest.at)})`);
  parts.push(`largest gap ${gap.value} ms (${cell(gap.at)})`);
  return parts.join(' · ');
}

function problemTable(problems: Problem[]): string[] {
  const shown = problems.slice(0, MAX_PROBLEM_ROWS);
  const lines = [
    `### Problems (${problems.length} distinct)`,
    '',
    '| Problem | Verdict | Requirement | Scenarios hit |',
    '| --- | --- | --- | ---: |',
    ...shown.map(problemRow),
  ];
  const hidden = problems.length - shown.length;
  if (hidden > 0) lines.push('', `… and ${hidden} more (report.json lists them all)`);
  return lines;
}

/** `**response/schema** /metadata: expected an object<br>the example's message (scenario › step)`. */
function problemRow(problem: Problem): string {
  const what = [problem.where, problem.expected === undefined ? '' : `expected ${problem.expected}`].filter((part) => part !== '').join(': ');
  const { example } = problem;
  const at = example.step === undefined ? example.scenario : `${example.scenario} › ${example.step}`;
  const title = `**${cell(problem.checkId)}**${what === '' ? '' : ` ${cell(what)}`}`;
  const findings = problem.count > problem.scenarios.length ? ` (${problem.count} findings)` : '';
  return `| ${title}<br>${cell(example.message)} (${cell(at)}) | ${VERDICT_WORDS[problem.verdict]} | ${cell(problem.requirement)} | ${problem.scenarios.length}${findings} |`;
}

function scenarioTable(run: RunResult): string[] {
  const rank = (status: ScenarioStatus): number => STATUS_ORDER.indexOf(status);
  // A stable sort: within one status, the run's order.
  const scenarios = [...run.scenarios].sort((a, b) => rank(a.status) - rank(b.status));
  return [
    '### Scenarios',
    '',
    '| Status | Scenario | Title |',
    '| --- | --- | --- |',
    ...scenarios.map((s) => `| ${STATUS_WORDS[s.status]} | ${cell(s.id)} | ${cell(s.title)}${s.note === undefined || s.note === '' ? '' : `<br>${cell(s.note)}`} |`),
  ];
}

/**
 * Text made inert inside a table cell: one line, shortened, HTML specials as entities, and every
 * character Markdown could read as inline syntax (emphasis, links, images, code, strike-through,
 * math, the cell's own `|`) escaped. A cell never starts a line, so block syntax cannot start.
 */
export function cell(text: string): string {
  const line = sanitizeForTerminal(text);
  // Never cut between the halves of a surrogate pair.
  const cut = /[\ud800-\udbff]/.test(line[MAX_CELL_CHARS - 1] ?? '') ? MAX_CELL_CHARS - 1 : MAX_CELL_CHARS;
  const short = line.length <= MAX_CELL_CHARS ? line : `${line.slice(0, cut)}…`;
  return short.replace(/[&<>]/g, (c) => HTML_ENTITIES[c] ?? c).replace(/[\\`*_[\]~|$]/g, '\\$&');
}
