import type { LookupFunction } from 'node:net';
import type { RunEvent } from '../runner/events.js';
import { displayUrl } from '../runner/redaction.js';
import type { PacingThresholds } from '../checks/types.js';
import { ConfigurationError } from './errors.js';

/** The defaults of every option, shared by the library and the CLI's help. */
export const DEFAULTS = {
  authHeader: 'Authorization',
  timeoutMs: 60_000,
  maxBodyBytes: 32 * 1024 * 1024,
  maxEvents: 1_000_000,
  concurrency: 4,
  retries: 2,
  /** A stream is judged buffered or not (SSE-Q-01) only with this many deltas over this long. */
  pacing: { minDeltas: 8, minDurationMs: 1000, lateFraction: 0.9, burstWindowMs: 50 },
} as const;

/** What a conformance run needs. Only `baseUrl` and `model` are required. */
export interface ConformanceOptions {
  /** API root including `/v1`; requests go to `<baseUrl>/responses`. */
  baseUrl: string;
  /** Model id sent in every request. */
  model: string;
  /** Sent with every request; never written anywhere. */
  apiKey?: string;
  /** Header that carries the key (`Authorization`). */
  authHeader?: string;
  /** Send `Bearer <key>` (the default) or the bare key. */
  bearer?: boolean;
  /** Extra request headers; values of secret-looking names are redacted from all output. */
  headers?: Record<string, string>;
  /** Bundled spec release (`2026-04-24`); the newest by default. */
  specVersion?: string;
  /** An OpenAPI document to test against instead of a bundled release. */
  specFile?: string;
  /**
   * Scenario files of your own (YAML or JSON, schemas/scenarios.schema.json), run after the built-in
   * scenarios and tagged `user`; a file with a problem is a ConfigurationError naming its line.
   */
  scenarioFiles?: readonly string[];
  /** Scenario ids or tags to run; all by default. */
  only?: readonly string[];
  /** Scenario ids or tags to leave out; a capability (or `costly`) is reported as skipped instead. */
  skip?: readonly string[];
  /**
   * The optional features the target offers (`reasoning`, `compact`, …): scenarios needing another
   * are skipped without sending, and a refusal of a listed one fails instead of skipping.
   */
  capabilities?: readonly string[];
  /** Deadline for each request, from sending to the last byte. */
  timeoutMs?: number;
  /** Largest JSON body, and largest single SSE message, read. */
  maxBodyBytes?: number;
  /** Most SSE messages read from one stream. */
  maxEvents?: number;
  /** Scenarios in flight at once. */
  concurrency?: number;
  /** Warnings count as failures. */
  strict?: boolean;
  /**
   * A folder for a transcript of every step (`<record>/<scenario>/<step>/request.json`,
   * `response.json`, `body`), secrets redacted; `validate <record>/<scenario>/<step>` judges one again.
   */
  record?: string;
  /**
   * Give the steps of failing scenarios a `curl` reproduction (default true). Off for a server that
   * is gone after the run, such as self-test's in-process one.
   */
  reproductions?: boolean;
  /** Sees the run as it happens; every event is already free of secrets. */
  onEvent?: (event: RunEvent) => void;
  /** Times a request answered 429 or 503 is sent again (honouring Retry-After, at most 30 s apart). */
  retries?: number;
  /**
   * When a stream counts as buffered (a `warn` of SSE-Q-01), and when it is long enough to tell;
   * unset fields take `DEFAULTS.pacing`.
   */
  pacing?: Partial<PacingThresholds>;
  /** Replaces DNS resolution (tests only). */
  lookup?: LookupFunction;
  /** Replaces the wait between retries (tests only). */
  sleep?: (ms: number) => Promise<void>;
}

/** An HTTP header name (RFC 9110 token). */
export const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Characters no header value may carry: they would end the header or the request. */
export const HEADER_BREAKING = /[\r\n\0]/;

/** A positive whole number, or a ConfigurationError naming the option (never its value's secret). */
export function positiveWhole(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value <= 0) throw new ConfigurationError(`${name} must be a positive whole number, got ${String(value)}`);
  return value;
}

/** A whole number of zero or more, or a ConfigurationError naming the option. */
export function nonNegativeWhole(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new ConfigurationError(`${name} must be a whole number of 0 or more, got ${String(value)}`);
  return value;
}

/** The buffered-stream thresholds with their defaults, checked; a bad one is a ConfigurationError naming it. */
export function pacingThresholds(given: Partial<PacingThresholds> = {}): PacingThresholds {
  const lateFraction = given.lateFraction ?? DEFAULTS.pacing.lateFraction;
  if (!(lateFraction > 0 && lateFraction <= 1)) throw new ConfigurationError(`bufferedLateFraction must be a number above 0 and at most 1, got ${String(lateFraction)}`);
  return {
    minDeltas: positiveWhole('bufferedMinDeltas', given.minDeltas ?? DEFAULTS.pacing.minDeltas),
    minDurationMs: positiveWhole('bufferedMinDuration', given.minDurationMs ?? DEFAULTS.pacing.minDurationMs),
    lateFraction,
    burstWindowMs: nonNegativeWhole('bufferedBurstWindow', given.burstWindowMs ?? DEFAULTS.pacing.burstWindowMs),
  };
}

/** The API root as given, checked, without a trailing slash. */
export function normaliseBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigurationError(`--base-url "${displayUrl(value)}" is not a URL; expected e.g. http://localhost:8000/v1`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigurationError(`--base-url must be an http:// or https:// URL, got ${url.protocol}`);
  }
  if (url.search || url.hash) throw new ConfigurationError('--base-url must not carry a query or fragment');
  return value.replace(/\/+$/, '');
}

/** Checks the options that reach the wire: header names and values that cannot break a request. */
export function checkHeaders(options: Pick<ConformanceOptions, 'apiKey' | 'authHeader' | 'headers'>): void {
  if (options.authHeader !== undefined && !HEADER_NAME.test(options.authHeader)) {
    throw new ConfigurationError("--auth-header must be a header name (letters, digits and !#$%&'*+.^_`|~-), e.g. X-Api-Key");
  }
  if (options.apiKey !== undefined && HEADER_BREAKING.test(options.apiKey)) throw new ConfigurationError('--api-key cannot contain line breaks or NUL characters');
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (!HEADER_NAME.test(name)) throw new ConfigurationError('a header must look like "Name: value", with a header name before the colon');
    if (HEADER_BREAKING.test(value)) throw new ConfigurationError('a header value cannot contain line breaks or NUL characters');
  }
}
