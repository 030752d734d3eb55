import { isRecord } from '../protocol/json.js';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigurationError } from '../core/errors.js';

/** The parts of an OpenAPI document the tool reads. */
export interface OpenApiDocument {
  openapi: string;
  info: { version?: string; title?: string };
  paths?: Record<string, unknown>;
  components: { schemas: Record<string, JsonSchema> };
}

/** A JSON Schema object as found under `components.schemas`. */
export type JsonSchema = { [keyword: string]: unknown };

export interface LoadedSpec {
  /** `info.version` of the document, or the bundled release name. */
  version: string;
  /** Where it came from: `bundled` or the file path. */
  source: string;
  /** sha256 (hex) of the document's exact bytes: build-time validators are tied to it. */
  sha256: string;
  document: OpenApiDocument;
}

/** The vendored `spec/` folder, found relative to this module in `src/` and in `dist/`. */
export function specDirectory(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'spec');
    if (existsSync(join(candidate, 'curl_snippets.yaml'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('the bundled spec/ folder is missing from this installation');
}

/** Release names bundled under `spec/<date>/openapi.json`, oldest first. */
export function bundledVersions(): string[] {
  return readdirSync(specDirectory(), { withFileTypes: true })
    .filter((e) => e.isDirectory() && /^\d{4}-\d{2}-\d{2}$/.test(e.name))
    .map((e) => e.name)
    .sort();
}

export function latestVersion(): string {
  const versions = bundledVersions();
  return versions[versions.length - 1];
}

/** Loads a bundled release; the newest when `version` is undefined. */
export function loadBundledSpec(version?: string): LoadedSpec {
  const versions = bundledVersions();
  const chosen = version ?? latestVersion();
  if (!versions.includes(chosen)) {
    throw new ConfigurationError(`unknown spec version "${chosen}"; bundled versions: ${versions.join(', ')}`);
  }
  const path = join(specDirectory(), chosen, 'openapi.json');
  const bytes = readFileSync(path);
  return { version: chosen, source: 'bundled', sha256: sha256(bytes), document: parseOpenApi(bytes.toString('utf8'), path) };
}

/** Loads any OpenAPI document from a file given with `--spec`. */
export function loadSpecFile(file: string): LoadedSpec {
  const path = resolve(file);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new ConfigurationError(`cannot read spec file ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  const document = parseOpenApi(bytes.toString('utf8'), file);
  return { version: document.info.version ?? 'custom', source: file, sha256: sha256(bytes), document };
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function parseOpenApi(text: string, where: string): OpenApiDocument {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ConfigurationError(`spec file ${where} is not JSON; expected an OpenAPI 3.1 document`);
  }
  if (!isRecord(value) || typeof value.openapi !== 'string') {
    throw new ConfigurationError(`spec file ${where} is not an OpenAPI document (no "openapi" field)`);
  }
  const components = value.components;
  if (!isRecord(components) || !isRecord(components.schemas)) {
    throw new ConfigurationError(`spec file ${where} has no components.schemas`);
  }
  for (const name of ['CreateResponseBody', 'ResponseResource']) {
    if (!isRecord(components.schemas[name])) {
      throw new ConfigurationError(`spec file ${where} does not define the ${name} schema`);
    }
  }
  return value as unknown as OpenApiDocument;
}

/** `--spec <file>` wins over `--spec-version <date>`; neither means the newest bundled release. */
export function loadSpec(options: { specFile?: string; specVersion?: string } = {}): LoadedSpec {
  return options.specFile ? loadSpecFile(options.specFile) : loadBundledSpec(options.specVersion);
}
