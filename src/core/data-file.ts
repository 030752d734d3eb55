import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';

/** The formats a settings or baseline file may be written in, chosen by its extension. */
export type DataFormat = 'json' | 'yaml';

/** `.json` is JSON, `.yaml` and `.yml` YAML; any other extension has no format. */
export function dataFormatFor(path: string): DataFormat | undefined {
  const extension = extname(path).toLowerCase();
  if (extension === '.json') return 'json';
  if (extension === '.yaml' || extension === '.yml') return 'yaml';
  return undefined;
}

/** Parses a file's text in its format, or says in one line why it is not that format. */
export function parseDataText(text: string, format: DataFormat): { value: unknown } | { problem: string } {
  try {
    return { value: format === 'json' ? JSON.parse(text) : parseYaml(text) };
  } catch (err) {
    const first = (err as Error).message.split('\n')[0];
    return { problem: `not valid ${format === 'json' ? 'JSON' : 'YAML'} (${first})` };
  }
}
