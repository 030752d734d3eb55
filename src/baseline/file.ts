import { readFile, writeFile } from 'node:fs/promises';
import { ConfigurationError } from '../core/errors.js';
import { dataFormatFor, parseDataText, type DataFormat } from '../core/data-file.js';
import type { RunResult } from '../runner/result.js';
import { failuresOf, parseBaseline, type Baseline } from './entries.js';
import { serializeBaseline } from './format.js';

/** The format of a baseline path, or a ConfigurationError naming the flag and the accepted extensions. */
export function baselineFormat(flag: string, path: string): DataFormat {
  const format = dataFormatFor(path);
  if (format === undefined) throw new ConfigurationError(`${flag} ${path}: the file name must end in .json, .yaml or .yml`);
  return format;
}

/** Reads and checks a baseline; anything wrong is one ConfigurationError naming the file and the problem. */
export async function readBaseline(path: string): Promise<Baseline> {
  const format = baselineFormat('--baseline', path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new ConfigurationError(`--baseline ${path}: cannot read it (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const parsed = parseDataText(text, format);
  if ('problem' in parsed) throw new ConfigurationError(`--baseline ${path}: ${parsed.problem}`);
  const baseline = parseBaseline(parsed.value);
  if (typeof baseline === 'string') throw new ConfigurationError(`--baseline ${path}: ${baseline}`);
  return baseline;
}

/** Writes this run's failures as a baseline in the format its extension names. */
export async function writeBaseline(path: string, run: RunResult): Promise<void> {
  const text = serializeBaseline(failuresOf(run), baselineFormat('--write-baseline', path));
  try {
    await writeFile(path, text, 'utf8');
  } catch (err) {
    throw new ConfigurationError(`--write-baseline ${path}: cannot write it (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}
