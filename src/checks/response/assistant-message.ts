import { describeValue } from '../../spec/values.js';
import { finding } from '../finding.js';
import type { Finding, ResponseCheck } from '../types.js';
import { outputItems } from './items.js';

/** The content part types a model message is made of (SPEC§Content: model content is narrow). */
const MODEL_PART_TYPES: ReadonlySet<string> = new Set(['output_text', 'refusal']);

/**
 * SPEC§Content: a message the model writes into `output` is the assistant's, made of `output_text`
 * and `refusal` parts (ITEM-MSG-01, warn). The shared Message schema allows any role and part, so
 * only this rule notices a response that echoes input messages, or input parts, as output.
 */
export const assistantMessage: ResponseCheck = {
  kind: 'response',
  id: 'response/assistant-message',
  requirement: 'ITEM-MSG-01',
  severity: 'IMPLIED',
  section: 'Content',
  title: 'Messages in the output are the assistant\'s, made of output_text and refusal parts',
  check({ response }) {
    return outputItems(response).flatMap(({ index, item }): Finding[] => {
      if (item.type !== 'message') return [];
      if (item.role !== 'assistant') {
        return [
          finding(assistantMessage, 'warn', `Output message ${index} has role ${describeValue(item.role)}; a message the model writes is the assistant's.`, {
            expected: 'role "assistant"',
            actual: `role ${describeValue(item.role)}`,
            location: { path: `/output/${index}/role` },
          }),
        ];
      }
      const parts = Array.isArray(item.content) ? item.content : [];
      return parts.flatMap((part, j): Finding[] => {
        const type = typeof part === 'object' && part !== null ? (part as Record<string, unknown>).type : undefined;
        if (typeof type === 'string' && MODEL_PART_TYPES.has(type)) return [];
        return [
          finding(assistantMessage, 'warn', `Output message ${index} holds ${typeof type === 'string' ? `a ${describeValue(type)} part` : 'a part without a type'}; model content is output_text or refusal.`, {
            expected: 'a part of type output_text or refusal',
            actual: `type ${describeValue(type)}`,
            location: { path: `/output/${index}/content/${j}/type` },
          }),
        ];
      });
    });
  },
};
