import { finding } from '../finding.js';
import { shortJson } from '../stream/json-compare.js';
import type { Finding, ResponseCheck } from '../types.js';
import { outputItems } from './items.js';

/**
 * SPEC§Extending Items, Required item fields: the item `id` "MUST be unique enough for clients to
 * reference the item unambiguously" (ITEM-03), so no two output items share an id.
 */
export const itemIdsUnique: ResponseCheck = {
  kind: 'response',
  id: 'response/item-ids-unique',
  requirement: 'ITEM-03',
  severity: 'MUST',
  section: 'Extending Items',
  title: 'Output items have distinct ids',
  check(obs) {
    const firstAt = new Map<string, number>();
    const findings: Finding[] = [];
    for (const { index, item } of outputItems(obs.response)) {
      if (typeof item.id !== 'string') continue;
      const first = firstAt.get(item.id);
      if (first === undefined) {
        firstAt.set(item.id, index);
        continue;
      }
      findings.push(
        finding(itemIdsUnique, 'fail', `Output items ${first} and ${index} share the id ${shortJson(item.id, 80)}; item ids must tell items apart.`, {
          expected: 'a distinct id',
          actual: shortJson(item.id, 80),
          location: { path: `/output/${index}/id` },
        }),
      );
    }
    return findings;
  },
};
