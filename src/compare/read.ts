import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { ConfigurationError } from '../core/errors.js';
import { isRecord } from '../protocol/json.js';
import { REPORT_VERSION, type JsonReport } from '../report/json.js';
import type { ComparedReport } from './matrix.js';

const addFormats = addFormatsModule.default;

/** schemas/report.schema.json, found beside `src/` and `dist/` alike. */
const SCHEMA_URL = new URL('../../schemas/report.schema.json', import.meta.url);

let compiled: ValidateFunction | undefined;

/** report.json's published schema, compiled once, in strict mode like every schema here. */
function reportValidator(): ValidateFunction {
  if (compiled === undefined) {
    const ajv = new Ajv2020({ strict: true });
    addFormats(ajv);
    compiled = ajv.compile(JSON.parse(readFileSync(SCHEMA_URL, 'utf8')) as object);
  }
  return compiled;
}

/**
 * Reads a report.json (or the report.json in a folder) and checks it against the schema, or says
 * in one line why it cannot be compared: missing, not JSON, not a report, or a report version
 * this tool does not read.
 */
export async function readReport(file: string): Promise<ComparedReport> {
  const path = await reportPath(file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new ConfigurationError(`cannot read ${path}: ${whyUnreadable(err)}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ConfigurationError(`${path} is not JSON (${(err as Error).message.split('\n')[0]}); expected a report.json written by --reporter json`);
  }
  if (!isRecord(value) || !('reportVersion' in value)) throw new ConfigurationError(`${path} is not a report.json of open-responses-check (it has no reportVersion)`);
  if (value.reportVersion !== REPORT_VERSION) {
    throw new ConfigurationError(`${path} has reportVersion ${JSON.stringify(value.reportVersion)}; this version of open-responses-check reads reportVersion ${REPORT_VERSION}`);
  }
  const validate = reportValidator();
  if (!validate(value)) {
    const [error] = validate.errors ?? [];
    throw new ConfigurationError(`${path} is not a valid report.json: ${error?.instancePath || '/'} ${error?.message ?? 'breaks the schema'}`);
  }
  return { file, report: value as unknown as JsonReport };
}

/** A folder stands for the report.json in it (`compare reports-a reports-b`). */
async function reportPath(file: string): Promise<string> {
  try {
    return (await stat(file)).isDirectory() ? join(file, 'report.json') : file;
  } catch (err) {
    throw new ConfigurationError(`cannot read ${file}: ${whyUnreadable(err)}`);
  }
}

/** The reason a file could not be read, in words for the common cases and the system's code otherwise. */
function whyUnreadable(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'a folder, not a file';
  return code ?? (err as Error).message;
}
