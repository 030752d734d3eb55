/**
 * One validator per bundled release and process: the suite and the reference server of
 * `self-test` validate against the same release, so they share its compiled schemas. A bundled
 * release uses the validators the build generated for its bytes when there are any.
 */
import type { SchemaValidator } from '../checks/types.js';
import { runtimeSchemas } from './compile.js';
import { specDefinitions } from './definitions.js';
import { generatedSchemas } from './generated.js';
import type { LoadedSpec } from './load.js';
import { createSchemaValidator, schemaValidatorOver } from './schemas.js';

// Keyed by the bytes' hash: a release edited while the process runs is a different document.
const bundled = new Map<string, SchemaValidator>();

/** The validator for a loaded spec; a `--spec` file gets its own, compiled at run time. */
export function schemaValidatorFor(spec: LoadedSpec): SchemaValidator {
  if (spec.source !== 'bundled') return createSchemaValidator(spec.document);
  let validator = bundled.get(spec.sha256);
  if (!validator) {
    const components = spec.document.components.schemas;
    const defs = specDefinitions(components);
    validator = schemaValidatorOver(spec.document, defs, generatedSchemas(spec, defs) ?? runtimeSchemas(components, defs));
    bundled.set(spec.sha256, validator);
  }
  return validator;
}
