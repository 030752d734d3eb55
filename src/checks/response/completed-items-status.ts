import { finding } from '../finding.js';
import type { ResponseCheck } from '../types.js';
import { itemType, outputItems, STATUS_ITEM_TYPES } from './items.js';

/**
 * SPEC§Items are state machines: an item is `in_progress` only "if the model is sampling the
 * current item", so a `completed` response has no standard item still `in_progress` (RES-18).
 * Incomplete items are judged by `response/incomplete-item-last`; items without a status
 * (reasoning, compaction) and extension items with their own statuses are exempt.
 */
export const completedItemsStatus: ResponseCheck = {
  kind: 'response',
  id: 'response/completed-items-status',
  requirement: 'RES-18',
  severity: 'IMPLIED',
  section: 'Items are state machines',
  title: 'A completed response has no item still in_progress',
  check(obs) {
    if (obs.response.status !== 'completed') return [];
    return outputItems(obs.response)
      .filter(({ item }) => STATUS_ITEM_TYPES.includes(itemType(item) ?? '') && item.status === 'in_progress')
      .map(({ index, item }) =>
        finding(completedItemsStatus, 'fail', `The response is completed, but its ${String(item.type)} item at position ${index} is still in_progress.`, {
          expected: '"completed"',
          actual: '"in_progress"',
          location: { path: `/output/${index}/status` },
        }),
      );
  },
};
