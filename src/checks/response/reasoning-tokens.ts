import { isRecord } from '../../protocol/json.js';
import { finding } from '../finding.js';
import type { ResponseCheck } from '../types.js';
import { outputItems } from './items.js';

/** Whether a reasoning item shows reasoning text: a non-empty summary or content part. */
function showsReasoning(item: Record<string, unknown>): boolean {
  const parts = [...(Array.isArray(item.summary) ? item.summary : []), ...(Array.isArray(item.content) ? item.content : [])];
  return parts.some((part) => isRecord(part) && typeof part.text === 'string' && part.text !== '');
}

/**
 * OAS:OutputTokensDetails: `reasoning_tokens` counts the tokens spent reasoning (RSN-07, warn). A
 * response whose reasoning items show reasoning text spent some, so 0 understates the usage. A
 * response without reasoning text is not judged: reasoning may be hidden, and encrypted content
 * alone says nothing about its size.
 */
export const reasoningTokens: ResponseCheck = {
  kind: 'response',
  id: 'response/reasoning-tokens',
  requirement: 'RSN-07',
  severity: 'IMPLIED',
  section: 'Reasoning',
  title: 'Reasoning shown in the output is counted in usage reasoning_tokens',
  check({ response }) {
    const usage = response.usage;
    const details = isRecord(usage) ? usage.output_tokens_details : undefined;
    if (!isRecord(details) || details.reasoning_tokens !== 0) return [];
    const reasoned = outputItems(response).find(({ item }) => item.type === 'reasoning' && showsReasoning(item));
    if (reasoned === undefined) return [];
    return [
      finding(reasoningTokens, 'warn', 'The output shows reasoning text, but usage.output_tokens_details.reasoning_tokens is 0.', {
        expected: 'reasoning_tokens > 0',
        actual: 'reasoning_tokens 0',
        location: { path: '/usage/output_tokens_details/reasoning_tokens' },
      }),
    ];
  },
};
