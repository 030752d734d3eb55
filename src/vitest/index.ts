/**
 * Vitest matchers that judge an answer with the suite's checks, without a network:
 *
 *   import 'open-responses-check/vitest';
 *   await expect(handler(request)).toBeConformingStream({ request });
 *   await expect(json).toBeConformingResponse({ request });
 *
 * Importing this module registers the matchers with vitest's `expect`. They are async (a body may
 * be a stream): always `await` them. vitest is an optional peer dependency, loaded only here.
 */
import { expect } from 'vitest';
import type { AnswerKind } from './message.js';
import { judgeBody, type ConformanceMatcherOptions } from './verdict.js';

export { judgeBody, type BodyVerdict, type ConformanceMatcherOptions } from './verdict.js';
export type { MatcherBody } from './body.js';

/** The matchers, for `expect.extend` in a runner that does not import this module's side effect. */
export const conformanceMatchers = {
  toBeConformingStream: (received: unknown, options?: ConformanceMatcherOptions) => matcherResult(received, 'stream', options),
  toBeConformingResponse: (received: unknown, options?: ConformanceMatcherOptions) => matcherResult(received, 'response', options),
};

async function matcherResult(received: unknown, expected: AnswerKind, options: ConformanceMatcherOptions | undefined): Promise<{ pass: boolean; message: () => string }> {
  const verdict = await judgeBody(received, expected, options);
  return { pass: verdict.pass, message: () => verdict.message };
}

expect.extend(conformanceMatchers);

/**
 * vitest also offers every extended matcher as an asymmetric one (`expect.toBeConformingStream()`
 * inside `toEqual`), but those are synchronous: an async matcher there would never match, and
 * under `expect.not` always would. Each use says so instead of judging silently wrong.
 */
for (const name of Object.keys(conformanceMatchers)) {
  const refuse = () => {
    throw new TypeError(`${name} is async and cannot be used as an asymmetric matcher; use \`await expect(body).${name}()\``);
  };
  for (const target of [expect, expect.not]) Object.defineProperty(target, name, { configurable: true, enumerable: true, writable: true, value: refuse });
}

interface ConformanceMatchers {
  /** Passes when `body` (SSE text, bytes, a Response or a readable stream) is a conforming event stream. Async: await it. */
  toBeConformingStream(options?: ConformanceMatcherOptions): Promise<void>;
  /** Passes when `body` (a JSON object, JSON text, bytes, a Response or a readable stream) is a conforming response object. Async: await it. */
  toBeConformingResponse(options?: ConformanceMatcherOptions): Promise<void>;
}

declare module 'vitest' {
  // On `expect(body)` only: vitest's `Matchers` would also type the asymmetric `expect.*` forms,
  // which cannot run an async matcher. A merged declaration repeats vitest's type parameter
  // exactly, default `any` included; the matchers do not depend on it.
  interface Assertion<T = any> extends ConformanceMatchers {}
}
