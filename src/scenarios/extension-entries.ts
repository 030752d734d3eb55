import { isExtensionType } from '../protocol/events.js';
import { isRecord } from '../protocol/json.js';

/** The request lists whose entries may be an implementor's extension: input items and tools. */
const EXTENSIBLE_LISTS = ['input', 'tools'] as const;

/**
 * A request body as the core request schema can judge it: the input items and tools whose `type`
 * carries an implementor prefix (`acme:search`) taken out. EXT-13 judges such an entry by the
 * extension rules only, never against the core union, so a request that offers one to a server
 * with that extension is a valid request. `removed` tells whether anything was taken out.
 */
export function withoutExtensionEntries(body: Record<string, unknown>): { body: Record<string, unknown>; removed: boolean } {
  const core = { ...body };
  let removed = false;
  for (const field of EXTENSIBLE_LISTS) {
    const list = core[field];
    if (!Array.isArray(list)) continue;
    const kept = list.filter((entry) => !(isRecord(entry) && typeof entry.type === 'string' && isExtensionType(entry.type)));
    if (kept.length === list.length) continue;
    core[field] = kept;
    removed = true;
  }
  return { body: core, removed };
}
