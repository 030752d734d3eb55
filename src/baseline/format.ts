import { Document, isMap, isSeq } from 'yaml';
import type { DataFormat } from '../core/data-file.js';
import { BASELINE_VERSION, type WrittenEntry } from './entries.js';

const HEADER = 'Expected failures for open-responses-check --baseline: each entry is a scenario and a problem key; the message is for reading only.';

/** A baseline file's text: JSON with a `message` per entry, or YAML with the message as a comment above it. */
export function serializeBaseline(failures: readonly WrittenEntry[], format: DataFormat): string {
  if (format === 'json') return JSON.stringify({ version: BASELINE_VERSION, failures }, null, 2) + '\n';
  const document = new Document({ version: BASELINE_VERSION, failures: failures.map(({ scenario, key }) => ({ scenario, key })) });
  document.commentBefore = ` ${HEADER}`;
  const list = document.get('failures', true);
  if (isSeq(list)) {
    list.items.forEach((item, i) => {
      if (isMap(item)) item.commentBefore = ` ${failures[i].message}`;
    });
  }
  return document.toString({ lineWidth: 0 });
}
