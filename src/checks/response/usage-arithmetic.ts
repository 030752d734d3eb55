import { isRecord } from '../../protocol/json.js';
import { finding } from '../finding.js';
import type { Finding, ResponseCheck } from '../types.js';

/**
 * OAS:Usage: `total_tokens` is "the total number of tokens that were used", cached tokens are a
 * part of the input tokens and reasoning tokens a part of the output tokens (the OAS example:
 * 328 + 52 = 380). The arithmetic is stated nowhere, so a breach is a warning (RES-11). A count
 * below zero is named as such (also a warning under RES-11; the schema sets no minimum), rather
 * than left to show up only as a sum that does not add up.
 */
export const usageArithmetic: ResponseCheck = {
  kind: 'response',
  id: 'response/usage-arithmetic',
  requirement: 'RES-11',
  severity: 'IMPLIED',
  section: 'The ResponseResource object',
  title: 'Usage counts add up',
  check(obs) {
    const usage = obs.response.usage;
    if (!isRecord(usage)) return [];
    const input = count(usage.input_tokens);
    const output = count(usage.output_tokens);
    const total = count(usage.total_tokens);
    const cached = isRecord(usage.input_tokens_details) ? count(usage.input_tokens_details.cached_tokens) : undefined;
    const reasoning = isRecord(usage.output_tokens_details) ? count(usage.output_tokens_details.reasoning_tokens) : undefined;
    const findings: Finding[] = negativeCounts(usage);
    if (input !== undefined && output !== undefined && total !== undefined && total !== input + output) {
      findings.push(
        finding(usageArithmetic, 'warn', `usage.total_tokens (${total}) is not input_tokens plus output_tokens (${input} + ${output}).`, {
          expected: String(input + output),
          actual: String(total),
          location: { path: '/usage/total_tokens' },
        }),
      );
    }
    if (cached !== undefined && input !== undefined && cached > input) {
      findings.push(
        finding(usageArithmetic, 'warn', `usage.input_tokens_details.cached_tokens (${cached}) is more than input_tokens (${input}); cached tokens are part of the input.`, {
          expected: `at most ${input}`,
          actual: String(cached),
          location: { path: '/usage/input_tokens_details/cached_tokens' },
        }),
      );
    }
    if (reasoning !== undefined && output !== undefined && reasoning > output) {
      findings.push(
        finding(usageArithmetic, 'warn', `usage.output_tokens_details.reasoning_tokens (${reasoning}) is more than output_tokens (${output}); reasoning tokens are part of the output.`, {
          expected: `at most ${output}`,
          actual: String(reasoning),
          location: { path: '/usage/output_tokens_details/reasoning_tokens' },
        }),
      );
    }
    return findings;
  },
};

/** Every token count of `usage` and its details, with its JSON pointer. */
function tokenCounts(usage: Record<string, unknown>): [string, unknown][] {
  const counts: [string, unknown][] = ['input_tokens', 'output_tokens', 'total_tokens'].map((name) => [`/usage/${name}`, usage[name]]);
  for (const [details, name] of [['input_tokens_details', 'cached_tokens'], ['output_tokens_details', 'reasoning_tokens']] as const) {
    const record = usage[details];
    if (isRecord(record)) counts.push([`/usage/${details}/${name}`, record[name]]);
  }
  return counts;
}

function negativeCounts(usage: Record<string, unknown>): Finding[] {
  return tokenCounts(usage).flatMap(([path, value]) => {
    if (typeof value !== 'number' || value >= 0) return [];
    return [
      finding(usageArithmetic, 'warn', `${path.slice(1).replaceAll('/', '.')} is ${value}; a token count cannot be negative.`, {
        expected: 'a count of 0 or more',
        actual: String(value),
        location: { path },
      }),
    ];
  });
}

/** A token count the arithmetic can use; a negative one is reported on its own instead. */
function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}
