import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ConfigurationError } from '../core/errors.js';
import { specDirectory } from './load.js';
import { isRecord } from '../protocol/json.js';

/** One entry of the spec's `curl_snippets.yaml`. */
export interface CurlSnippet {
  name: string;
  description: string;
  /** Component schemas the request uses; the first is the request body schema. */
  dependencies: string[];
  method: string;
  /** Path as the spec writes it, including the `/v1` of its `servers` URL. */
  path: string;
}

/** Loads and checks the bundled cURL snippet list (or another file, for tests). */
export function loadCurlSnippets(file = join(specDirectory(), 'curl_snippets.yaml')): CurlSnippet[] {
  let data: unknown;
  try {
    data = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigurationError(`cannot load cURL snippets from ${file}: ${(err as Error).message.split('\n')[0]}`);
  }
  if (!Array.isArray(data)) throw new ConfigurationError(`cURL snippets file ${file} must hold a list of snippets`);
  return data.map((entry, index) => toSnippet(entry, index, file));
}

function toSnippet(entry: unknown, index: number, file: string): CurlSnippet {
  const where = `cURL snippet #${index + 1} in ${file}`;
  if (!isRecord(entry) || typeof entry.name !== 'string' || !/^[a-z0-9_-]+$/i.test(entry.name)) {
    throw new ConfigurationError(`${where} needs a "name" made of letters, digits, "_" or "-"`);
  }
  const metadata = entry.metadata;
  if (!isRecord(metadata) || typeof metadata.method !== 'string' || typeof metadata.path !== 'string') {
    throw new ConfigurationError(`${where} (${entry.name}) needs metadata.method and metadata.path`);
  }
  const dependencies = Array.isArray(entry.dependencies) ? entry.dependencies.filter((d): d is string => typeof d === 'string') : [];
  return {
    name: entry.name,
    description: typeof entry.description === 'string' ? entry.description.trim() : '',
    dependencies,
    method: metadata.method.toUpperCase(),
    path: metadata.path,
  };
}
