import { appendFile } from 'node:fs/promises';
import type { RunResult } from '../runner/result.js';
import { digestRun, type Problem } from './digest.js';
import { renderMarkdownSummary } from './markdown.js';
import { sanitizeForTerminal } from './sanitize.js';
import { counted } from './plural.js';

/** Annotations of one kind printed per run; GitHub shows no more than 10 of each per step anyway. */
const MAX_ANNOTATIONS_PER_KIND = 10;

/** The environment variables the CI output reads; passed in by the CLI, never read here from process.env. */
export type CiEnv = Readonly<Record<string, string | undefined>>;

/**
 * What a run adds on GitHub Actions: the Markdown summary appended to $GITHUB_STEP_SUMMARY (when
 * the markdown reporter is on), and workflow annotations printed to `stream` (when
 * GITHUB_ACTIONS=true). Elsewhere it does nothing. A summary that cannot be appended is said in one
 * line on `stderr`; it never changes the run's verdict.
 */
export async function publishToGithub(
  run: RunResult,
  options: { env: CiEnv; stream: NodeJS.WritableStream; stderr: NodeJS.WritableStream; markdown: boolean },
): Promise<void> {
  const { env } = options;
  if (options.markdown && env.GITHUB_STEP_SUMMARY !== undefined && env.GITHUB_STEP_SUMMARY !== '') {
    try {
      await appendFile(env.GITHUB_STEP_SUMMARY, renderMarkdownSummary(run), 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'error';
      options.stderr.write(`open-responses-check: cannot append the summary to $GITHUB_STEP_SUMMARY (${code}); the run's other reports are written\n`);
    }
  }
  if (env.GITHUB_ACTIONS === 'true') {
    const lines = renderAnnotations(run);
    if (lines.length > 0) options.stream.write(lines.join('\n') + '\n');
  }
}

/**
 * The run's distinct problems as workflow commands (`::error title=…::message`), the one to fix
 * first at the top: failures and tool errors as errors, warnings as warnings, at most 10 of each,
 * then one notice counting the rest.
 */
export function renderAnnotations(run: RunResult): string[] {
  const problems = digestRun(run);
  const errors = problems.filter((p) => p.verdict !== 'warn');
  const warnings = problems.filter((p) => p.verdict === 'warn');
  const lines = [
    ...errors.slice(0, MAX_ANNOTATIONS_PER_KIND).map((p) => annotation('error', p)),
    ...warnings.slice(0, MAX_ANNOTATIONS_PER_KIND).map((p) => annotation('warning', p)),
  ];
  const hidden = problems.length - lines.length;
  if (hidden > 0) {
    lines.push(`::notice title=${escapeProperty('open-responses-check')}::${escapeData(`${hidden} more distinct problems; report.json lists them all`)}`);
  }
  return lines;
}

function annotation(kind: 'error' | 'warning', problem: Problem): string {
  const { example } = problem;
  const prefix = problem.verdict === 'error' ? 'tool error (a bug in open-responses-check) in ' : '';
  const title = `${prefix}${problem.checkId} ${problem.requirement}`;
  const what = [problem.where, problem.expected === undefined ? '' : `expected ${problem.expected}`].filter((part) => part !== '').join(': ');
  const at = example.step === undefined ? example.scenario : `${example.scenario} › ${example.step}`;
  const scenarios = counted(problem.scenarios.length, 'scenario');
  const message = `${what === '' ? '' : `${what} — `}${example.message} (${scenarios}, e.g. ${at})`;
  return `::${kind} title=${escapeProperty(sanitizeForTerminal(title))}::${escapeData(sanitizeForTerminal(message))}`;
}

/** A workflow command's message: `%`, CR and LF escaped, so no text can end the command or start another. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value: as data, plus `:` and `,`, which end a value. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
