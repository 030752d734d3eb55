/** Spec data: the OpenAPI document of a release, its compiled schemas, and the cURL snippets. */
export { bundledVersions, latestVersion, loadBundledSpec, loadSpec, loadSpecFile, type LoadedSpec, type OpenApiDocument } from './load.js';
export { createSchemaValidator } from './schemas.js';
export { schemaValidatorFor } from './shared.js';
export { loadCurlSnippets, type CurlSnippet } from './snippets.js';
