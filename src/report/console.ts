import { Chalk, type ChalkInstance } from 'chalk';
import type { Finding } from '../checks/types.js';
import type { CheckResult, CheckStatus, RunResult, ScenarioResult } from '../runner/result.js';
import { describeLocation } from './location-text.js';
import { sanitizeForTerminal } from './sanitize.js';

export { sanitizeForTerminal } from './sanitize.js';

export interface ConsoleReporterOptions {
  stream: NodeJS.WritableStream;
  /** Decided by the caller (TTY, NO_COLOR, --no-color); never detected here. */
  color: boolean;
  /** Also list passed, skipped and not-run checks under every scenario. */
  verbose?: boolean;
}

export interface ConsoleReporter {
  onScenarioFinished(result: ScenarioResult): void;
  onRunFinished(run: RunResult): void;
}

/** Findings printed per check; report.json holds them all. */
const MAX_FINDINGS_PER_CHECK = 5;
/** Longest expected/seen/excerpt value printed; a server can put megabytes into one field. */
const MAX_VALUE_CHARS = 240;

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
};

const STATUS_WORD_WIDTH = Math.max(...Object.values(STATUS_LOOKS).map((look) => look.word.length));

/** Prints one line per scenario as it finishes, details under failures, and a closing summary. */
export function createConsoleReporter(options: ConsoleReporterOptions): ConsoleReporter {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const verbose = options.verbose ?? false;
  const print = (lines: string[]): void => {
    if (lines.length > 0) options.stream.write(lines.join('\n') + '\n');
  };
  return {
    onScenarioFinished: (result) => print(scenarioLines(chalk, result, verbose)),
    onRunFinished: (run) => print(runSummaryLines(chalk, run)),
  };
}

function scenarioLines(chalk: ChalkInstance, scenario: ScenarioResult, verbose: boolean): string[] {
  const look = STATUS_LOOKS[scenario.status];
  const status = look.paint(chalk, `${look.symbol} ${look.word.padEnd(STATUS_WORD_WIDTH)}`);
  const id = chalk.bold(sanitizeForTerminal(scenario.id));
  const duration = chalk.dim(`(${formatDuration(scenario.durationMs)})`);
  const lines = [`${status} ${id}  ${sanitizeForTerminal(scenario.title)}  ${duration}`];
  if (scenario.note !== undefined && scenario.note !== '') {
    lines.push(SCENARIO_INDENT + chalk.dim(sanitizeForTerminal(scenario.note)));
  }
  for (const check of scenario.checks) {
    if (check.status === 'failed' || check.status === 'warning') lines.push(...checkBlock(chalk, check));
    else if (verbose) lines.push(checkLine(chalk, check));
  }
  return lines;
}

/** The header of a check: `✖ turn-2 › stream/x [SSE-SEQ-02] MUST · Streaming HTTP Responses`. */
function checkHeader(chalk: ChalkInstance, check: CheckResult): string {
  const look = STATUS_LOOKS[check.status];
  const step = check.step === undefined ? '' : `${sanitizeForTerminal(check.step)} › `;
  return (
    `${SCENARIO_INDENT}${look.paint(chalk, look.symbol)} ${step}${chalk.bold(sanitizeForTerminal(check.id))} ` +
    `[${sanitizeForTerminal(check.requirement)}] ${check.severity} ${chalk.dim(`· ${sanitizeForTerminal(check.section)}`)}`
  );
}

/** A one-line entry for a check that passed, was skipped or did not run (verbose mode). */
function checkLine(chalk: ChalkInstance, check: CheckResult): string {
  const reason = check.message === '' ? '' : chalk.dim(` — ${sanitizeForTerminal(check.message)}`);
  return checkHeader(chalk, check) + reason;
}

function checkBlock(chalk: ChalkInstance, check: CheckResult): string[] {
  const lines = [checkHeader(chalk, check)];
  // The check's own message is its first finding's, perhaps with a count of the others ("… and N
  // more" closes the list below); print it only when it says something else.
  const first = check.findings[0]?.message;
  if (check.message !== '' && (first === undefined || !check.message.startsWith(first))) {
    lines.push(FINDING_INDENT + sanitizeForTerminal(check.message));
  }
  for (const finding of check.findings.slice(0, MAX_FINDINGS_PER_CHECK)) {
    lines.push(...findingLines(chalk, finding));
  }
  const hidden = check.findings.length - MAX_FINDINGS_PER_CHECK;
  if (hidden > 0) lines.push(FINDING_INDENT + chalk.dim(`… and ${hidden} more`));
  return lines;
}

function findingLines(chalk: ChalkInstance, finding: Finding): string[] {
  const lines = [FINDING_INDENT + sanitizeForTerminal(finding.message)];
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

function runSummaryLines(chalk: ChalkInstance, run: RunResult): string[] {
  const { summary } = run;
  const checkTotal =
    summary.checks.passed + summary.checks.failed + summary.checks.warning + summary.checks.skipped + summary.checks.notRun;
  const lines = [
    '',
    `${plural(summary.scenarios, 'scenario')}: ${countsText(chalk, summary)} · ` +
      `${plural(checkTotal, 'check')}: ${countsText(chalk, summary.checks)}  ` +
      chalk.dim(`(${(run.durationMs / 1000).toFixed(2)} s)`),
  ];
  if (run.lastAnsweredScenario !== undefined) {
    lines.push(
      chalk.yellow(`The target stopped answering; the last scenario it answered was ${sanitizeForTerminal(run.lastAnsweredScenario)}.`),
    );
  }
  return lines;
}

interface StatusCounts {
  passed: number;
  failed: number;
  warning: number;
  skipped: number;
  notRun: number;
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
  ].join(', ');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** `412 ms` below a second, `1.23 s` above. */
function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** Sanitised and shortened, without splitting a surrogate pair at the cut. */
function printableValue(text: string): string {
  const cleaned = sanitizeForTerminal(text);
  if (cleaned.length <= MAX_VALUE_CHARS) return cleaned;
  const cut = /[\ud800-\udbff]/.test(cleaned[MAX_VALUE_CHARS - 1]) ? MAX_VALUE_CHARS - 1 : MAX_VALUE_CHARS;
  return `${cleaned.slice(0, cut)}…`;
}
