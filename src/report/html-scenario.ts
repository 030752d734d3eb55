import type { Finding } from '../checks/types.js';
import type { CheckResult, CheckStatus, ScenarioResult, StepRecord } from '../runner/result.js';
import { escapeHtml as e } from './html-escape.js';
import { describeStreaming } from './streaming-text.js';
import { describeLocation } from './location-text.js';

/** Findings shown under one check; report.json holds them all. */
const MAX_FINDINGS_PER_CHECK = 20;

export const STATUS_LABELS: Record<CheckStatus, string> = {
  failed: 'failed',
  warning: 'warning',
  passed: 'passed',
  skipped: 'skipped',
  not_run: 'not run',
  error: 'error',
  expected: 'expected (baseline)',
};

const PROBLEM_STATUSES: readonly CheckStatus[] = ['failed', 'warning', 'error'];

/** The offending events of one step: event index → the verdict to show and the checks that point there. */
type Offending = Map<number, { verdict: Finding['verdict']; checks: Set<string> }>;

export function statusBadge(status: CheckStatus): string {
  return `<span class="badge ${status}">${STATUS_LABELS[status]}</span>`;
}

/** The id of a scenario's card, for links from the digest and the overview. */
export function scenarioAnchor(index: number): string {
  return `s${index}`;
}

/**
 * One scenario's card: its problem checks with every finding's evidence, then each request sent,
 * the answer's status and headers and the stream's timeline with the offending events highlighted.
 */
export function renderScenarioCard(scenario: ScenarioResult, index: number): string {
  const anchor = scenarioAnchor(index);
  const steps = scenario.steps ?? [];
  const problems = scenario.checks.filter((check) => PROBLEM_STATUSES.includes(check.status));
  const offending = offendingEvents(scenario, problems);
  const parts = [
    `<article class="scenario ${scenario.status}" id="${anchor}" data-status="${scenario.status}">`,
    '<header>',
    statusBadge(scenario.status),
    `<h3 class="mono">${e(scenario.id)}</h3>`,
    `<span class="title">${e(scenario.title)}</span>`,
    `<span class="meta">${scenario.tags.map((tag) => `<code>${e(tag)}</code>`).join(' ')} · ${scenario.durationMs} ms</span>`,
    '</header>',
  ];
  if (scenario.note !== undefined && scenario.note !== '') parts.push(`<p class="callout note">${e(scenario.note)}</p>`);
  parts.push(...problems.map((check) => renderProblemCheck(check, anchor, stepIndexOf(scenario, check), steps)));
  parts.push(renderQuietChecks(scenario.checks.filter((check) => !PROBLEM_STATUSES.includes(check.status))));
  const renderedSteps = steps.map((step, stepIndex) => renderStep(step, `${anchor}-step${stepIndex}`, offending.get(stepIndex) ?? new Map()));
  if (renderedSteps.length > 0) {
    // A scenario with problems shows what was sent and answered; a clean one keeps it folded.
    parts.push(problems.length > 0 ? renderedSteps.join('\n') : `<details><summary>Requests and answers (${steps.length})</summary>${renderedSteps.join('\n')}</details>`);
  }
  parts.push('</article>');
  return parts.join('\n');
}

/** The step a check's results belong to: named by `check.step`, or the only step there is. */
function stepIndexOf(scenario: ScenarioResult, check: CheckResult): number | undefined {
  const steps = scenario.steps ?? [];
  if (check.step !== undefined) {
    const found = steps.findIndex((step) => step.name === check.step);
    return found === -1 ? undefined : found;
  }
  return steps.length === 1 ? 0 : undefined;
}

function offendingEvents(scenario: ScenarioResult, problems: CheckResult[]): Map<number, Offending> {
  const byStep = new Map<number, Offending>();
  for (const check of problems) {
    const stepIndex = stepIndexOf(scenario, check);
    if (stepIndex === undefined) continue;
    const events = byStep.get(stepIndex) ?? new Map();
    byStep.set(stepIndex, events);
    for (const finding of check.findings) {
      const eventIndex = finding.location?.eventIndex;
      if (eventIndex === undefined) continue;
      const mark = events.get(eventIndex) ?? { verdict: finding.verdict, checks: new Set<string>() };
      if (finding.verdict === 'fail') mark.verdict = 'fail';
      mark.checks.add(check.id);
      events.set(eventIndex, mark);
    }
  }
  return byStep;
}

function renderProblemCheck(check: CheckResult, anchor: string, stepIndex: number | undefined, steps: StepRecord[]): string {
  const step = check.step === undefined ? '' : `<code>${e(check.step)}</code> · `;
  const head =
    `<div class="check-head">${statusBadge(check.status)} ${step}<code>${e(check.id)}</code> — ${e(check.title)}</div>` +
    `<div class="meta">${e(check.requirement)} (${e(check.severity)}) · ${e(check.section)}${checkSummary(check)}</div>`;
  const timeline = stepIndex === undefined ? undefined : steps[stepIndex]?.timeline;
  const eventLink = (eventIndex: number): string | undefined =>
    timeline?.some((entry) => entry.index === eventIndex) ? `#${anchor}-step${stepIndex}-e${eventIndex}` : undefined;
  const shown = check.findings.slice(0, MAX_FINDINGS_PER_CHECK).map((finding) => renderFinding(finding, eventLink));
  const hidden = check.findings.length - shown.length + (check.droppedFindings ?? 0);
  if (hidden > 0) shown.push(`<p class="meta">… and ${hidden} more findings of this check (see report.json)</p>`);
  return `<section class="check">${head}\n${shown.join('\n')}</section>`;
}

/** The check's own one-line message, unless a finding below already says it. */
function checkSummary(check: CheckResult): string {
  if (check.message === '' || check.findings.some((finding) => finding.message === check.message)) return '';
  return ` · ${e(check.message)}`;
}

function renderFinding(finding: Finding, eventLink: (eventIndex: number) => string | undefined): string {
  const rows: [string, string][] = [['requirement', e(finding.requirement)]];
  if (finding.expected !== undefined) rows.push(['expected', e(finding.expected)]);
  if (finding.actual !== undefined) rows.push(['seen', e(finding.actual)]);
  const where = describeLocation(finding.location);
  if (where !== undefined) {
    const eventIndex = finding.location?.eventIndex;
    const link = eventIndex === undefined ? undefined : eventLink(eventIndex);
    rows.push(['where', link === undefined ? e(where) : `<a href="${link}">${e(where)}</a>`]);
  }
  if (finding.excerpt !== undefined) rows.push(['excerpt', `<pre>${e(finding.excerpt)}</pre>`]);
  const list = rows.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join('');
  return `<div class="finding ${finding.verdict}"><div>${statusBadge(finding.verdict === 'fail' ? 'failed' : 'warning')} ${e(finding.message)}</div><dl>${list}</dl></div>`;
}

/** Passed, skipped and not-run checks, folded: their names and reasons only. */
function renderQuietChecks(checks: CheckResult[]): string {
  if (checks.length === 0) return '';
  const counts = (['passed', 'skipped', 'not_run'] as const)
    .map((status) => [status, checks.filter((check) => check.status === status).length] as const)
    .filter(([, count]) => count > 0)
    .map(([status, count]) => `${count} ${STATUS_LABELS[status]}`);
  const rows = checks.map((check) => {
    const step = check.step === undefined ? '' : `${e(check.step)}: `;
    return `<tr><td>${statusBadge(check.status)}</td><td class="mono">${step}${e(check.id)}</td><td>${e(check.requirement)}</td><td>${e(check.message === '' ? check.title : check.message)}</td></tr>`;
  });
  return `<details><summary>Other checks: ${counts.join(', ')}</summary><table>${rows.join('')}</table></details>`;
}

function renderStep(step: StepRecord, anchor: string, offending: Offending): string {
  const stream = step.request.stream ? ' (stream)' : '';
  const parts = [
    `<div class="step" id="${anchor}">`,
    `<h4>Step <code>${e(step.name)}</code>: <code>${e(step.request.method)} ${e(step.request.path)}</code>${stream}</h4>`,
    `<pre>${e(JSON.stringify(step.request.body, null, 2))}</pre>`,
  ];
  if (step.response === undefined) {
    parts.push('<p class="meta">No answer was received.</p>');
  } else {
    const headers = Object.entries(step.response.headers).map(([name, value]) => `<tr><td class="mono">${e(name)}</td><td class="mono">${e(value)}</td></tr>`);
    parts.push(
      `<p>Answer: <strong>HTTP ${step.response.status}</strong></p>`,
      `<details><summary>Response headers (${headers.length})</summary><table>${headers.join('')}</table></details>`,
    );
  }
  if (step.streaming !== undefined) parts.push(`<p class="meta">Streamed: ${e(describeStreaming(step.streaming))}</p>`);
  if (step.timeline !== undefined) parts.push(renderTimeline(step, anchor, offending));
  parts.push('</div>');
  return parts.join('\n');
}

function renderTimeline(step: StepRecord, anchor: string, offending: Offending): string {
  const rows = (step.timeline ?? []).map((entry) => {
    const mark = offending.get(entry.index);
    const sequence = entry.sequenceNumber === undefined ? '' : String(entry.sequenceNumber);
    const cells = `<td class="num">${entry.index}</td><td>${e(entry.type ?? '')}</td><td class="num">${sequence}</td>`;
    if (mark === undefined) return `<tr>${cells}<td></td></tr>`;
    const checks = [...mark.checks].map(e).join(', ');
    return `<tr class="offending ${mark.verdict}" id="${anchor}-e${entry.index}">${cells}<td>◀ ${checks}</td></tr>`;
  });
  const dropped = step.timelineDropped ? `<p class="meta">… and ${step.timelineDropped} later events not recorded</p>` : '';
  return (
    `<h4>Stream timeline (${step.timeline?.length ?? 0} events)</h4>` +
    '<div class="timeline"><table><thead><tr><th class="num">#</th><th>type</th><th class="num">sequence_number</th><th>finding</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table></div>${dropped}`
  );
}
