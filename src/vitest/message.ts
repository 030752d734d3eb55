import type { Problem } from '../report/digest.js';
import { describeLocation } from '../report/location-text.js';
import { printableValue, sanitizeForTerminal } from '../report/sanitize.js';
import type { CheckResult, ScenarioResult } from '../runner/result.js';
import { counted } from '../report/plural.js';

/** The answer a matcher expects: an SSE stream, or a JSON response object. */
export type AnswerKind = 'stream' | 'response';

/** What the messages are written from: the matcher's expectation and the body's judgement. */
export interface MessageContext {
  expected: AnswerKind;
  /** What the body turned out to be; `error` is a JSON error envelope. */
  kind: AnswerKind | 'error';
  result: ScenarioResult;
  /** The digest of the body's findings, the one to fix first on top. */
  problems: Problem[];
  strict: boolean;
  /** A request was given, so the rules that compare with it ran. */
  request: boolean;
  /** A `Response` was given without a request: its status and headers were not judged. */
  headNotJudged: boolean;
}

/** Problems printed in a message, like the console's digest; the rest are counted. */
const MAX_PROBLEMS_SHOWN = 10;

const INDENT = '    ';

const ANSWER_WORDS: Record<AnswerKind | 'error', string> = {
  stream: 'an event stream',
  response: 'a JSON response',
  error: 'a JSON error envelope',
};

/** The one line a matcher says when the body could not be judged at all. */
export function unreadableMessage(expected: AnswerKind, why: string): string {
  return `expected ${ANSWER_WORDS[expected]} that conforms to Open Responses, but it could not be judged: ${why}`;
}

/**
 * Why a body failed: first line the verdict and the counts, then each distinct problem (rule id,
 * requirement, where, expected versus seen), then what could not be judged.
 */
export function problemsMessage(context: MessageContext): string {
  const { expected, kind, result, problems } = context;
  const reasons: string[] = [];
  if (kind !== expected) reasons.push(`the body is ${ANSWER_WORDS[kind]}, not ${ANSWER_WORDS[expected]}`);
  const failing = problems.filter((p) => p.verdict !== 'warn').length;
  const warnings = problems.length - failing;
  if (failing > 0) {
    const also = warnings > 0 ? ` (and ${counted(warnings, 'warning')})` : context.strict ? ' (warnings count: strict)' : '';
    reasons.push(`found ${counted(failing, 'problem')} that ${failing === 1 ? 'fails' : 'fail'} it${also}`);
  }
  if (!isJudged(result)) reasons.push('no check could judge it');
  const lines = [`expected ${ANSWER_WORDS[expected]} that conforms to Open Responses, but ${reasons.join('; ')}`];
  lines.push(...problemLines(problems, result));
  lines.push(...notJudgedLines(context));
  return lines.join('\n');
}

/** Why a body passed, for `.not`: what was judged, and the warnings it has. */
export function conformsMessage(context: MessageContext): string {
  const { expected, result, problems } = context;
  const passed = result.checks.filter((c) => c.status === 'passed').length;
  const warnings = problems.length === 0 ? '' : `, with ${counted(problems.length, 'warning')}`;
  const lines = [`expected ${ANSWER_WORDS[expected]} that does not conform to Open Responses, but it conforms: ${counted(passed, 'check')} passed${warnings}`];
  lines.push(...problemLines(problems, result));
  lines.push(...notJudgedLines(context));
  return lines.join('\n');
}

/** True when at least one check looked at the body and gave a verdict. */
export function isJudged(result: ScenarioResult): boolean {
  return result.checks.some((c) => c.status === 'passed' || c.status === 'failed' || c.status === 'warning');
}

/**
 * `✖ fail stream/sequence-number-increasing  SSE-SEQ-02 (IMPLIED, Extending streaming events)`,
 * then the example finding in full: its message, expected and seen, the excerpt and where it was.
 */
function problemLines(problems: Problem[], result: ScenarioResult): string[] {
  const shown = problems.slice(0, MAX_PROBLEMS_SHOWN);
  const lines = shown.flatMap((problem) => problemBlock(problem, result.checks.find((c) => c.id === problem.checkId)));
  const hidden = problems.length - shown.length;
  if (hidden > 0) lines.push(`… and ${counted(hidden, 'more problem')} (judge the body with \`open-responses-check validate\` for every one)`);
  return lines;
}

const VERDICT_MARKS: Record<Problem['verdict'], string> = { error: '! error', fail: '✖ fail', warn: '⚠ warn' };

function problemBlock(problem: Problem, check: CheckResult | undefined): string[] {
  const strength = check !== undefined && check.requirement === problem.requirement ? `${check.severity}, ` : '';
  const section = check === undefined ? '' : ` (${strength}${check.section})`;
  const times = problem.count > 1 ? `  ×${problem.count}` : '';
  const lines = [`${VERDICT_MARKS[problem.verdict]} ${sanitizeForTerminal(problem.checkId)}  ${sanitizeForTerminal(problem.requirement)}${section}${times}`];
  lines.push(INDENT + printableValue(problem.example.message));
  const finding = problem.example.finding;
  if (finding?.expected !== undefined) lines.push(`${INDENT}expected: ${printableValue(finding.expected)}`);
  if (finding?.actual !== undefined) lines.push(`${INDENT}seen:     ${printableValue(finding.actual)}`);
  if (finding?.excerpt !== undefined) lines.push(`${INDENT}excerpt:  ${printableValue(finding.excerpt)}`);
  const where = describeLocation(finding?.location);
  if (where !== undefined) lines.push(INDENT + sanitizeForTerminal(where));
  return lines;
}

/** Check ids named per reason in the "not judged" list; the rest are counted. */
const MAX_IDS_PER_REASON = 4;

/**
 * What was not judged, grouped by why (a rule that needs the request, checks whose data never
 * came), and a hint when a request would let more run.
 */
function notJudgedLines(context: MessageContext): string[] {
  const byReason = new Map<string, string[]>();
  for (const check of context.result.checks) {
    if (check.status !== 'skipped' && check.status !== 'not_run') continue;
    const reason = sanitizeForTerminal(check.message);
    byReason.set(reason, [...(byReason.get(reason) ?? []), check.id]);
  }
  const lines: string[] = [];
  if (context.headNotJudged) lines.push(`${INDENT}the Response's status and headers: not judged without { request }`);
  for (const [reason, ids] of byReason) {
    const named = ids.slice(0, MAX_IDS_PER_REASON).join(', ') + (ids.length > MAX_IDS_PER_REASON ? ` and ${ids.length - MAX_IDS_PER_REASON} more` : '');
    lines.push(`${INDENT}${named}: ${reason}`);
  }
  if (lines.length === 0) return [];
  const hint = context.request ? [] : ['Pass { request } (the request body the answer was given to) to judge what compares with it.'];
  return ['Not judged:', ...lines, ...hint];
}
