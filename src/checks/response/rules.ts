import { assistantMessage } from './assistant-message.js';
import { completedAt } from './completed-at.js';
import { completedItemsStatus } from './completed-items-status.js';
import { errorField } from './error-field.js';
import { extensionItems } from './extension-items.js';
import { functionCallArgumentsJson } from './function-call-arguments-json.js';
import { incompleteDetails } from './incomplete-details.js';
import { incompleteItemLast } from './incomplete-item-last.js';
import { itemIdsUnique } from './item-ids-unique.js';
import { maxToolCalls } from './max-tool-calls.js';
import { parallelToolCalls } from './parallel-tool-calls.js';
import { previousResponseIdEcho } from './previous-response-id-echo.js';
import { reasoningTokens } from './reasoning-tokens.js';
import { statusValue } from './status-value.js';
import { toolChoice } from './tool-choice.js';
import { usageArithmetic } from './usage-arithmetic.js';
import type { ResponseCheck } from '../types.js';

/**
 * The rules about the meaning of one finished response: item statuses, fields that go with the
 * status, item ids, extension items, usage, and what the request asked of tool calls. They run on
 * a JSON body and on the terminal snapshot of a stream alike; `response/schema` checks the shape.
 */
export const responseRuleChecks: readonly ResponseCheck[] = [
  statusValue,
  incompleteItemLast,
  completedItemsStatus,
  incompleteDetails,
  errorField,
  completedAt,
  itemIdsUnique,
  functionCallArgumentsJson,
  extensionItems,
  usageArithmetic,
  reasoningTokens,
  assistantMessage,
  toolChoice,
  parallelToolCalls,
  maxToolCalls,
  previousResponseIdEcho,
];
