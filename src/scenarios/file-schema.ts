import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { didYouMean } from '../core/suggest.js';
import { isRecord } from '../protocol/json.js';
import type { FilePath, FileProblem } from './file-source.js';

/** schemas/scenarios.schema.json, found beside `src/` and `dist/` alike. */
const SCHEMA_URL = new URL('../../schemas/scenarios.schema.json', import.meta.url);

let compiled: ValidateFunction | undefined;

/** The published schema of scenario files, compiled once, in strict mode like every schema here. */
function scenarioFileValidator(): ValidateFunction {
  // `verbose` hands each error its schema, so an unknown field can be told the fields it could be.
  compiled ??= new Ajv2020({ strict: true, allErrors: true, verbose: true }).compile(JSON.parse(readFileSync(SCHEMA_URL, 'utf8')) as object);
  return compiled;
}

/** The first way `value` breaks the scenario file schema, or undefined when it fits. */
export function schemaProblem(value: unknown): FileProblem | undefined {
  const validate = scenarioFileValidator();
  if (validate(value)) return undefined;
  const error = mostSpecific(validate.errors ?? []);
  return error && { at: pathOf(error), message: `${placeName(value, error.instancePath)}: ${describe(error)}` };
}

/**
 * The error that says most: the deepest place, never the "must match the then schema" summary of
 * an if/then, which only repeats what its branch said.
 */
function mostSpecific(errors: readonly ErrorObject[]): ErrorObject | undefined {
  const real = errors.filter((e) => e.keyword !== 'if');
  return real.sort((a, b) => pointerSegments(b.instancePath).length - pointerSegments(a.instancePath).length)[0];
}

function pointerSegments(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The error's place in the file; an unknown field's own key, so the line is the field's. */
function pathOf(error: ErrorObject): FilePath {
  const segments: (string | number)[] = pointerSegments(error.instancePath).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  if (error.keyword === 'additionalProperties') segments.push(String(error.params.additionalProperty));
  return segments;
}

/** `scenario "recall", steps[1].outcome`: the scenario by its id where it has one. */
export function placeName(value: unknown, pointer: string): string {
  const segments = pointerSegments(pointer);
  if (segments.length === 0) return 'the file';
  const rest = (from: number) => segments.slice(from).map((s) => (/^\d+$/.test(s) ? `[${s}]` : `.${s}`)).join('');
  if (segments[0] === 'scenarios' && segments.length > 1) {
    const scenarios = isRecord(value) ? value.scenarios : undefined;
    const scenario: unknown = Array.isArray(scenarios) ? scenarios[Number(segments[1])] : undefined;
    const id = isRecord(scenario) && typeof scenario.id === 'string' ? scenario.id : undefined;
    const head = id === undefined ? `scenarios[${segments[1]}]` : `scenario "${id}"`;
    const tail = rest(2);
    return tail === '' ? head : `${head}, ${tail.replace(/^\./, '')}`;
  }
  return rest(0).replace(/^\./, '');
}

/** One error in the words of the format. */
function describe(error: ErrorObject): string {
  switch (error.keyword) {
    case 'additionalProperties': {
      const field = String(error.params.additionalProperty);
      const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      return `unknown field "${field}"${didYouMean(field, known) || (known.length > 0 ? ` (the fields here are ${known.join(', ')})` : '')}`;
    }
    case 'type':
      return error.instancePath === ''
        ? 'expected an object: version: 1 and a list of scenarios'
        : `must be ${error.params.type === 'array' || error.params.type === 'object' ? 'an' : 'a'} ${String(error.params.type)}, not ${JSON.stringify(error.data)}`;
    case 'const':
      return `must be ${JSON.stringify(error.params.allowedValue)}, not ${JSON.stringify(error.data)}`;
    case 'required':
      return `missing the field "${String(error.params.missingProperty)}"`;
    case 'enum':
      return `${JSON.stringify(error.data)} is not one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'pattern':
      return error.params.pattern === '^[a-z0-9][a-z0-9-]*$'
        ? `${JSON.stringify(error.data)} is not a slug (lowercase letters, digits and dashes, not starting with a dash)`
        : `${JSON.stringify(error.data)} does not match ${String(error.params.pattern)}`;
    default:
      return error.message ?? `breaks the schema (${error.keyword})`;
  }
}
