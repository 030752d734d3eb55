import { Chalk, type ChalkInstance } from 'chalk';
import type { Finding } from '../checks/types.js';
import type { RunEvent } from '../runner/events.js';
import type { CheckResult, CheckStatus, RunResult, ScenarioResult, StepRecord } from '../runner/result.js';
import { describeLocation } from './location-text.js';
import { sanitizeForTerminal } from './sanitize.js';

export { sanitizeForTerminal } from './sanitize.js';

export interface ConsoleReporterOptions {
  stream: NodeJS.WritableStream;
  /** Decided by the caller (TTY, NO_COLOR, --no-color); never detected here. */
  color: boolean;
  /** Also list passed, skipped and not-run checks under every scenario, and every finding kept. */
  verbose?: boolean;
  /** Where the full report is written (report.json), named where the console shows only some findings. */
  fullReport?: string;
}

/** Consumes a run's events: a line per scenario as it finishes, the summary at the end. */
export interface ConsoleReporter {
  onEvent(event: RunEvent): void;
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
  error: { symbol: '!', word: 'ERROR', paint: (c, t) => c.magenta.bold(t) },
};

/** Each finding's verdict in words: a `warn` under a MUST row reads "warn", never as a failure. */
const VERDICT_LOOKS = {
  fail: { word: 'fail', paint: (c: ChalkInstance, t: string) => c.red(t) },
  warn: { word: 'warn', paint: (c: ChalkInstance, t: string) => c.yellow(t) },
} as const;

const STATUS_WORD_WIDTH = Math.max(...Object.values(STATUS_LOOKS).map((look) => look.word.length));

/** Prints one line per scenario as it finishes, details under failures, and a closing summary. */
export function createConsoleReporter(options: ConsoleReporterOptions): ConsoleReporter {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const view: View = { chalk, verbose: options.verbose ?? false, fullReport: options.fullReport };
  const print = (lines: string[]): void => {
    if (lines.length > 0) options.stream.write(lines.join('\n') + '\n');
  };
  return {
    onEvent: (event) => {
      if (event.type === 'scenario-finished') print(scenarioLines(view, event.result));
      else if (event.type === 'run-finished') print(runSummaryLines(chalk, event.result));
    },
  };
}

/** How the console shows things, fixed for the run. */
interface View {
  chalk: ChalkInstance;
  verbose: boolean;
  fullReport: string | undefined;
}

function scenarioLines(view: View, scenario: ScenarioResult): string[] {
  const { chalk, verbose } = view;
  const look = STATUS_LOOKS[scenario.status];
  const status = look.paint(chalk, `${look.symbol} ${look.word.padEnd(STATUS_WORD_WIDTH)}`);
  const id = chalk.bold(sanitizeForTerminal(scenario.id));
  const duration = chalk.dim(`(${formatDuration(scenario.durationMs)})`);
  const lines = [`${status} ${id}  ${sanitizeForTerminal(scenario.title)}  ${duration}`];
  if (scenario.note !== undefined && scenario.note !== '') {
    lines.push(SCENARIO_INDENT + chalk.dim(sanitizeForTerminal(scenario.note)));
  }
  const reproduced = new Set<StepRecord>();
  for (const check of scenario.checks) {
    if (check.status === 'failed' || check.status === 'warning' || check.status === 'error') {
      lines.push(...checkBlock(view, check));
      // Once per step, under its first check that failed: how to send the request again.
      const step = stepOf(scenario, check);
      if (step?.curl !== undefined && !reproduced.has(step)) {
        reproduced.add(step);
        lines.push(`${FINDING_INDENT}${chalk.dim('reproduce:')} ${sanitizeForTerminal(step.curl)}`);
      }
    } else if (verbose) lines.push(checkLine(chalk, check));
  }
  return lines;
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

function runSummaryLines(chalk: ChalkInstance, run: RunResult): string[] {
  const { summary } = run;
  const checkTotal =
    summary.checks.passed + summary.checks.failed + summary.checks.warning + summary.checks.skipped + summary.checks.notRun + summary.checks.error;
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
  error: number;
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
