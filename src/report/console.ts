import { Chalk, type ChalkInstance } from 'chalk';
import type { Finding } from '../checks/types.js';
import type { RunEvent } from '../runner/events.js';
import type { BaselineOutcome, CheckResult, CheckStatus, RunResult, ScenarioResult, StepRecord } from '../runner/result.js';
import { headerVariable } from './reproduce.js';
import { digestRun, type Problem, type ProblemVerdict } from './digest.js';
import { describeLocation } from './location-text.js';
import { describeStreaming } from './streaming-text.js';
import { printableValue, sanitizeForTerminal } from './sanitize.js';

export { sanitizeForTerminal } from './sanitize.js';

export interface ConsoleReporterOptions {
  stream: NodeJS.WritableStream;
  /** Decided by the caller (TTY, NO_COLOR, --no-color); never detected here. */
  color: boolean;
  /** Also list passed, skipped and not-run checks under every scenario, and every finding kept. */
  verbose?: boolean;
  /** Where the full report is written (report.json), named where the console shows only some findings. */
  fullReport?: string;
  /** Print only the digest of problems and the summary at the end. */
  quiet?: boolean;
}

/** Consumes a run's events: a line per scenario as it finishes, the summary at the end. */
export interface ConsoleReporter {
  onEvent(event: RunEvent): void;
}

/** Findings printed per check; report.json holds them all. */
const MAX_FINDINGS_PER_CHECK = 5;

const SCENARIO_INDENT = '    ';
const FINDING_INDENT = '      ';
const DETAIL_INDENT = '        ';

interface StatusLook {
  symbol: string;
  word: string;
  paint: (chalk: ChalkInstance, text: string) => string;
}

const STATUS_LOOKS: Record<CheckStatus, StatusLook> = {
  passed: { symbol: '✔', word: 'PASS', paint: (c, t) => c.green(t) },
  failed: { symbol: '✖', word: 'FAIL', paint: (c, t) => c.red.bold(t) },
  warning: { symbol: '⚠', word: 'WARN', paint: (c, t) => c.yellow(t) },
  skipped: { symbol: '○', word: 'SKIP', paint: (c, t) => c.dim(t) },
  not_run: { symbol: '–', word: 'NOT RUN', paint: (c, t) => c.magenta(t) },
  error: { symbol: '!', word: 'ERROR', paint: (c, t) => c.magenta.bold(t) },
  expected: { symbol: '✖', word: 'XFAIL', paint: (c, t) => c.dim(t) },
};

/** For text painted as a whole afterwards (dimmed), without colours of its own inside. */
const PLAIN = new Chalk({ level: 0 });

/** Said after a failure a baseline lists, so it reads as known rather than new. */
const EXPECTED_MARK = '(expected, baseline)';

/** Each finding's verdict in words: a `warn` under a MUST row reads "warn", never as a failure. */
const VERDICT_LOOKS = {
  fail: { word: 'fail', paint: (c: ChalkInstance, t: string) => c.red(t) },
  warn: { word: 'warn', paint: (c: ChalkInstance, t: string) => c.yellow(t) },
} as const;

const STATUS_WORD_WIDTH = Math.max(...Object.values(STATUS_LOOKS).map((look) => look.word.length));

/** Prints one line per scenario as it finishes, details under failures, and a closing summary. */
export function createConsoleReporter(options: ConsoleReporterOptions): ConsoleReporter {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const view: View = { chalk, verbose: options.verbose ?? false, quiet: options.quiet ?? false, fullReport: options.fullReport };
  const print = (lines: string[]): void => {
    if (lines.length > 0) options.stream.write(lines.join('\n') + '\n');
  };
  return {
    onEvent: (event) => {
      if (event.type === 'scenario-finished' && !options.quiet) print(scenarioLines(view, event.result));
      else if (event.type === 'run-finished') print([...problemLines(view, event.result), ...reproduceNote(view, event.result), ...runSummaryLines(chalk, event.result)]);
    },
  };
}

/** How the console shows things, fixed for the run. */
interface View {
  chalk: ChalkInstance;
  verbose: boolean;
  quiet: boolean;
  fullReport: string | undefined;
}

function scenarioLines(view: View, scenario: ScenarioResult): string[] {
  const { chalk, verbose } = view;
  const look = STATUS_LOOKS[scenario.status];
  const status = look.paint(chalk, `${look.symbol} ${look.word.padEnd(STATUS_WORD_WIDTH)}`);
  const id = chalk.bold(sanitizeForTerminal(scenario.id));
  const duration = chalk.dim(`(${formatDuration(scenario.durationMs)})`);
  const expected = scenario.status === 'expected' ? `  ${chalk.dim(EXPECTED_MARK)}` : '';
  const lines = [`${status} ${id}  ${sanitizeForTerminal(scenario.title)}  ${duration}${expected}`];
  if (scenario.note !== undefined && scenario.note !== '') {
    lines.push(SCENARIO_INDENT + chalk.dim(sanitizeForTerminal(scenario.note)));
  }
  if (verbose) lines.push(...streamingLines(chalk, scenario));
  const reproduced = new Set<StepRecord>();
  for (const check of scenario.checks) {
    if (check.status === 'failed' || check.status === 'warning' || check.status === 'error') {
      lines.push(...checkBlock(view, check));
      // Once per step, under its first check that failed: how to send the request again.
      const step = stepOf(scenario, check);
      if (step !== undefined && !reproduced.has(step)) {
        reproduced.add(step);
        const how = step.curl ?? socketReproduction(step);
        if (how !== undefined) lines.push(`${FINDING_INDENT}${chalk.dim('reproduce:')} ${sanitizeForTerminal(how)}`);
      }
    } else if (check.status === 'expected') lines.push(expectedLine(chalk, check));
    else if (verbose) lines.push(checkLine(chalk, check));
  }
  return lines;
}

/** One dim line per streamed step: how its answer arrived (verbose mode). */
function streamingLines(chalk: ChalkInstance, scenario: ScenarioResult): string[] {
  return (scenario.steps ?? []).flatMap((step) =>
    step.streaming === undefined ? [] : [SCENARIO_INDENT + chalk.dim(`${sanitizeForTerminal(step.name)} streamed: ${describeStreaming(step.streaming)}`)],
  );
}

/** How to send a WebSocket step again: its connection's client messages, in order. */
function socketReproduction(step: StepRecord): string | undefined {
  if (step.socketMessages === undefined) return undefined;
  return `open a WebSocket to <base-url>/responses (same headers) and send, in order: ${step.socketMessages.join('  ')}`;
}

/** The step a check result belongs to: named by the check in a multi-step scenario, else the only one. */
function stepOf(scenario: ScenarioResult, check: CheckResult): StepRecord | undefined {
  const steps = scenario.steps ?? [];
  if (check.step !== undefined) return steps.find((step) => step.name === check.step);
  return steps.length === 1 ? steps[0] : undefined;
}

/**
 * The header of a check: `✖ turn-2 › stream/item-order · Streaming HTTP Responses`. The
 * requirement goes with each finding, since one check can report several rows.
 */
function checkHeader(chalk: ChalkInstance, check: CheckResult): string {
  const look = STATUS_LOOKS[check.status];
  const step = check.step === undefined ? '' : `${sanitizeForTerminal(check.step)} › `;
  return `${SCENARIO_INDENT}${look.paint(chalk, look.symbol)} ${step}${chalk.bold(sanitizeForTerminal(check.id))} ${chalk.dim(`· ${sanitizeForTerminal(check.section)}`)}`;
}

/** A one-line entry for a check that passed, was skipped or did not run (verbose mode). */
function checkLine(chalk: ChalkInstance, check: CheckResult): string {
  const reason = check.message === '' ? '' : chalk.dim(` — ${sanitizeForTerminal(check.message)}`);
  return `${checkHeader(chalk, check)} ${chalk.dim(`[${sanitizeForTerminal(check.requirement)}]`)}${reason}`;
}

/** A failure the baseline lists: one dimmed line, its first problem and the mark. */
function expectedLine(chalk: ChalkInstance, check: CheckResult): string {
  const message = check.message === '' ? '' : ` — ${sanitizeForTerminal(check.message)}`;
  return `${checkHeader(chalk, check)} ${chalk.dim(`[${sanitizeForTerminal(check.requirement)}]${message} ${EXPECTED_MARK}`)}`;
}

function checkBlock(view: View, check: CheckResult): string[] {
  const { chalk } = view;
  const lines = [checkHeader(chalk, check)];
  // The check's own message is its first finding's, perhaps with a count of the others (the count
  // closes the list below); print it only when it says something else.
  const first = check.findings[0]?.message;
  if (check.message !== '' && (first === undefined || !check.message.startsWith(first))) {
    lines.push(FINDING_INDENT + sanitizeForTerminal(check.message));
  }
  const shown = view.verbose ? check.findings : check.findings.slice(0, MAX_FINDINGS_PER_CHECK);
  for (const finding of shown) lines.push(...findingLines(chalk, finding, check));
  const hidden = check.findings.length - shown.length;
  if (hidden > 0) {
    const where = view.fullReport === undefined ? 'run with --verbose to print them' : `all are in ${view.fullReport}; --verbose prints them`;
    lines.push(FINDING_INDENT + chalk.dim(`… and ${hidden} more (${where})`));
  }
  if (check.droppedFindings) {
    lines.push(FINDING_INDENT + chalk.dim(`… and ${check.droppedFindings} more that were counted but not kept (a check keeps at most ${check.findings.length})`));
  }
  return lines;
}

/** `fail SSE-O-08 (MUST): …`: the verdict first, then the finding's own requirement and its strength. */
function findingHeadline(chalk: ChalkInstance, finding: Finding, check: CheckResult): string {
  const verdict = VERDICT_LOOKS[finding.verdict];
  // The strength is known for the check's own row; a finding under another row shows its id alone.
  const strength = finding.requirement === check.requirement ? ` (${check.severity})` : '';
  return `${verdict.paint(chalk, verdict.word)} ${chalk.bold(sanitizeForTerminal(finding.requirement))}${strength}: ${sanitizeForTerminal(finding.message)}`;
}

function findingLines(chalk: ChalkInstance, finding: Finding, check: CheckResult): string[] {
  if (finding.baselined) return [FINDING_INDENT + chalk.dim(`${findingHeadline(PLAIN, finding, check)} ${EXPECTED_MARK}`)];
  const lines = [FINDING_INDENT + findingHeadline(chalk, finding, check)];
  if (finding.expected !== undefined) {
    lines.push(`${DETAIL_INDENT}${chalk.dim('expected:')} ${chalk.green(printableValue(finding.expected))}`);
  }
  if (finding.actual !== undefined) {
    lines.push(`${DETAIL_INDENT}${chalk.dim('seen:')} ${chalk.red(printableValue(finding.actual))}`);
  }
  if (finding.excerpt !== undefined) {
    lines.push(`${DETAIL_INDENT}${chalk.dim('excerpt:')} ${printableValue(finding.excerpt)}`);
  }
  const where = describeLocation(finding.location);
  if (where !== undefined) lines.push(DETAIL_INDENT + chalk.dim(sanitizeForTerminal(where)));
  return lines;
}

/** Problems listed at the end of a run, two lines each; report.json's digest lists them all. */
const MAX_PROBLEMS_SHOWN = 10;

const PROBLEM_LOOKS: Record<ProblemVerdict, StatusLook> = { error: STATUS_LOOKS.error, fail: STATUS_LOOKS.failed, warn: STATUS_LOOKS.warning };

/**
 * The distinct problems of the run, the one to fix first at the top: one defect met in many
 * scenarios reads as one line, not as many blocks to compare by eye.
 */
function problemLines(view: View, run: RunResult): string[] {
  const { chalk } = view;
  const problems = digestRun(run);
  if (problems.length === 0) return [];
  const shown = problems.slice(0, MAX_PROBLEMS_SHOWN);
  const lines = ['', chalk.bold(`Problems (${problems.length} distinct)`)];
  for (const problem of shown) lines.push(...problemBlock(chalk, problem));
  const hidden = problems.length - shown.length;
  if (hidden > 0) {
    const where = view.fullReport === undefined ? 'the json reporter lists them all' : view.fullReport;
    lines.push(SCENARIO_INDENT + chalk.dim(`… and ${hidden} more (${where})`));
  }
  return lines;
}

/** `✖ 16 scenarios  response/schema  RES-02  /metadata: expected an object`, then the example. */
function problemBlock(chalk: ChalkInstance, problem: Problem): string[] {
  const look = PROBLEM_LOOKS[problem.verdict];
  const what = [problem.where, problem.expected === undefined ? '' : `expected ${printableValue(problem.expected)}`].filter((part) => part !== '').join(': ');
  const head = [
    look.paint(chalk, `${look.symbol} ${hitCount(problem)}`),
    chalk.bold(sanitizeForTerminal(problem.checkId)),
    sanitizeForTerminal(problem.requirement),
    ...(what === '' ? [] : [sanitizeForTerminal(what)]),
  ].join('  ');
  const { example } = problem;
  const at = `${sanitizeForTerminal(example.scenario)}${example.step === undefined ? '' : ` › ${sanitizeForTerminal(example.step)}`}`;
  return [head, `${SCENARIO_INDENT}${printableValue(example.message)} ${chalk.dim(`(${at})`)}`];
}

/** `16 scenarios`, and the findings when a scenario met the problem more than once. */
function hitCount(problem: Problem): string {
  const scenarios = plural(problem.scenarios.length, 'scenario');
  return problem.count > problem.scenarios.length ? `${scenarios}, ${plural(problem.count, 'finding')}` : scenarios;
}

/** Said once when reproduce lines were printed: the variables they read, so they work when pasted. */
function reproduceNote(view: View, run: RunResult): string[] {
  if (view.quiet || !run.scenarios.some((s) => s.steps?.some((step) => step.curl !== undefined))) return [];
  const secretHeaders = (run.target.headers ?? []).filter((h) => h.value === undefined);
  const variables = [
    ...(run.target.authHeader !== undefined ? ['OPENRESPONSES_API_KEY (the key)'] : []),
    ...secretHeaders.map((h) => `${headerVariable(h.name)} (${h.name})`),
  ];
  if (variables.length === 0) return [];
  return ['', view.chalk.dim(`The reproduce lines read ${variables.join(', ')} from the environment: export ${variables.length === 1 ? 'it' : 'them'} before pasting one.`)];
}

function runSummaryLines(chalk: ChalkInstance, run: RunResult): string[] {
  const { summary } = run;
  const checkTotal =
    summary.checks.passed + summary.checks.failed + summary.checks.warning + summary.checks.skipped + summary.checks.notRun + summary.checks.error +
    (summary.checks.expected ?? 0);
  const lines = [''];
  if (run.diagnosis !== undefined) lines.push(chalk.red.bold(sanitizeForTerminal(run.diagnosis)));
  lines.push(
    `${plural(summary.scenarios, 'scenario')}: ${countsText(chalk, summary)} · ` +
      `${plural(checkTotal, 'check')}: ${countsText(chalk, summary.checks)}  ` +
      chalk.dim(`(${(run.durationMs / 1000).toFixed(2)} s)`),
  );
  if (summary.checks.error > 0) {
    lines.push(
      STATUS_LOOKS.error.paint(chalk, `${plural(summary.checks.error, 'check')} stopped on an internal error: a bug in open-responses-check, not in the server; please report it.`),
    );
  }
  if (run.baseline !== undefined) lines.push(...baselineLines(chalk, run.baseline));
  if (run.lastAnsweredScenario !== undefined) {
    lines.push(
      chalk.yellow(`The target stopped answering; the last scenario it answered was ${sanitizeForTerminal(run.lastAnsweredScenario)}.`),
    );
  }
  return lines;
}

/** What the baseline did: how many failures it expected, and its entries that no longer fail. */
function baselineLines(chalk: ChalkInstance, baseline: BaselineOutcome): string[] {
  const file = sanitizeForTerminal(baseline.file);
  const lines = [chalk.dim(`Baseline ${file}: ${plural(baseline.expected, 'expected failure')} did not fail the run.`)];
  if (baseline.stale.length === 0) return lines;
  const paint = baseline.strict ? (t: string) => chalk.red.bold(t) : (t: string) => chalk.yellow(t);
  const one = baseline.stale.length === 1;
  const strict = baseline.strict ? '; --strict-baseline fails the run' : '';
  lines.push(paint(`${plural(baseline.stale.length, 'baseline entry', 'baseline entries')} no longer ${one ? 'fails' : 'fail'} (fixed: remove ${one ? 'it' : 'them'} from the baseline)${strict}:`));
  for (const entry of baseline.stale) lines.push(`${SCENARIO_INDENT}${sanitizeForTerminal(entry.scenario)}: ${sanitizeForTerminal(entry.key)}`);
  return lines;
}

interface StatusCounts {
  passed: number;
  failed: number;
  warning: number;
  skipped: number;
  notRun: number;
  error: number;
  expected?: number;
}

function countsText(chalk: ChalkInstance, counts: StatusCounts): string {
  const paintIfAny = (n: number, text: string, status: CheckStatus): string =>
    n > 0 ? STATUS_LOOKS[status].paint(chalk, text) : text;
  return [
    paintIfAny(counts.passed, `${counts.passed} passed`, 'passed'),
    paintIfAny(counts.failed, `${counts.failed} failed`, 'failed'),
    paintIfAny(counts.warning, `${counts.warning} warning`, 'warning'),
    `${counts.skipped} skipped`,
    paintIfAny(counts.notRun, `${counts.notRun} not run`, 'not_run'),
    ...(counts.error > 0 ? [paintIfAny(counts.error, `${counts.error} error`, 'error')] : []),
    ...(counts.expected ? [STATUS_LOOKS.expected.paint(chalk, `${counts.expected} expected`)] : []),
  ].join(', ');
}

function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}

/** `412 ms` below a second, `1.23 s` above. */
function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

