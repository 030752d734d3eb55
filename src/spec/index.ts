/** Spec data: the OpenAPI document of a release, its compiled schemas, and the cURL snippets. */
export { bundledVersions, latestVersion, loadBundledSpec, loadSpecFile, type LoadedSpec, type OpenApiDocument } from './load.js';
export { createSchemaValidator } from './schemas.js';
export { schemaValidatorFor } from './shared.js';
export { loadCurlSnippets, type CurlSnippet } from './snippets.js';

import { loadBundledSpec, loadSpecFile, type LoadedSpec } from './load.js';

/** `--spec <file>` wins over `--spec-version <date>`; neither means the newest bundled release. */
export function loadSpec(options: { specFile?: string; specVersion?: string } = {}): LoadedSpec {
  return options.specFile ? loadSpecFile(options.specFile) : loadBundledSpec(options.specVersion);
}
