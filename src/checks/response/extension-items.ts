import { finding } from '../finding.js';
import { shortJson } from '../stream/json-compare.js';
import { isExtensionType } from '../../protocol/events.js';
import type { Finding, ResponseCheck } from '../types.js';
import { isStandardItemType, itemType, outputItems } from './items.js';

/**
 * SPEC§Items are extensible: items not in the spec "MUST be prefixed with the canonical provider
 * slug" (EXT-01), and SPEC§Extending Items: every item, extension items included, "MUST include"
 * `id`, `type` and `status` (EXT-02).
 */
export const extensionItems: ResponseCheck = {
  kind: 'response',
  id: 'response/extension-items',
  requirement: 'EXT-01',
  alsoRequirements: ['EXT-02'],
  severity: 'MUST',
  section: 'Extending Items',
  title: 'Non-standard output items have a slug-prefixed type, an id and a status',
  check(obs, ctx) {
    return outputItems(obs.response).flatMap(({ index, item }): Finding[] => {
      const type = itemType(item);
      if (type === undefined || isStandardItemType(type, ctx.schemas)) return [];
      if (!isExtensionType(type)) {
        return [
          finding(extensionItems, 'fail', `Output item ${index} has type ${shortJson(type, 80)}, which is not an item type of this spec version and has no implementor prefix ("acme:…") that would make it an extension.`, {
            expected: 'a standard item type, or a slug-prefixed extension type',
            actual: shortJson(type, 80),
            location: { path: `/output/${index}/type` },
          }),
        ];
      }
      const missing = ['id', 'status'].filter((field) => typeof item[field] !== 'string');
      if (missing.length === 0) return [];
      const names = missing.map((field) => `"${field}"`).join(' and ');
      return [
        finding(extensionItems, 'fail', `The extension item ${shortJson(type, 80)} at output position ${index} has no string ${names}; every item carries id, type and status.`, {
          requirement: 'EXT-02',
          expected: 'string "id", "type" and "status"',
          actual: `no ${names}`,
          location: { path: `/output/${index}/${missing[0]}` },
        }),
      ];
    });
  },
};
