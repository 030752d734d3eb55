/**
 * Reads the scenario files users pass with `--scenarios`: YAML or JSON in the format of
 * schemas/scenarios.schema.json. Everything is checked before anything is sent, and a problem is
 * a ConfigurationError of one line, `--scenarios <file>:<line>: <problem>`.
 */
import { readFileSync } from 'node:fs';
import type { SchemaValidator } from '../checks/types.js';
import { ConfigurationError } from '../core/errors.js';
import { type LoadedSpec } from '../spec/load.js';
import { isRecord } from '../protocol/json.js';
import { schemaValidatorFor } from '../spec/shared.js';
import { loadCurlSnippets } from '../spec/snippets.js';
import { recordProblems } from './file-checks.js';
import { schemaProblem } from './file-schema.js';
import { parseSource, type FilePath, type SourceFile } from './file-source.js';
import { scenarioCatalogue } from './index.js';
import { SCENARIO_FILE_VERSION, type ScenarioRecord } from './record.js';

/**
 * The scenarios of several files, in order; an id may be taken once across all of them and the
 * built-ins. The spec's schemas are compiled only when there is a file to check (`list` without
 * `--scenarios` passes none, and compiling them is most of its time).
 */
export function loadScenarioFiles(paths: readonly string[], spec: LoadedSpec, schemas?: SchemaValidator): ScenarioRecord[] {
  if (paths.length === 0) return [];
  const owners = builtInOwners(spec);
  const validator = schemas ?? schemaValidatorFor(spec);
  return paths.flatMap((path) => readScenarioFile(path, spec, validator, owners));
}

/** The scenarios of one file, checked against the built-in catalogue of `spec`. */
export function loadScenarioFile(path: string, spec: LoadedSpec): ScenarioRecord[] {
  return loadScenarioFiles([path], spec);
}

/** Every id the built-in catalogue (records and the spec's snippets) runs under, with its owner in words. */
function builtInOwners(spec: LoadedSpec): Map<string, string> {
  return new Map(scenarioCatalogue(spec, loadCurlSnippets()).map((s) => [s.id, `the built-in scenario "${s.id}" (${s.title})`]));
}

function readScenarioFile(path: string, spec: LoadedSpec, schemas: SchemaValidator, owners: Map<string, string>): ScenarioRecord[] {
  const fail = (problem: string, line?: number): never => {
    throw new ConfigurationError(`--scenarios ${path}${line === undefined ? '' : `:${line}`}: ${problem}`);
  };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    return fail(`cannot read it (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const source = parseSource(text);
  if ('syntaxError' in source) return fail(source.syntaxError, source.line);
  const at = (place: FilePath) => source.lineOf(place);

  const version = newerVersion(source);
  if (version !== undefined) fail(`this file is version ${version}; this open-responses-check reads version ${SCENARIO_FILE_VERSION}`, at(['version']));
  const broken = schemaProblem(source.value);
  if (broken !== undefined) fail(broken.message, at(broken.at));

  // The schema has just said the value is a scenario file.
  const records = (source.value as { scenarios: ScenarioRecord[] }).scenarios;
  const where = (place: FilePath) => `${path}:${at(place) ?? '?'}`;
  const [problem] = recordProblems(records, { specVersion: spec.version, schemas, owners, where });
  if (problem !== undefined) fail(problem.message, at(problem.at));
  return records;
}

/** The `version:` of a file written for a later release of the format, if it is one. */
function newerVersion(source: SourceFile): number | undefined {
  const version = isRecord(source.value) ? source.value.version : undefined;
  return typeof version === 'number' && Number.isInteger(version) && version > SCENARIO_FILE_VERSION ? version : undefined;
}
