import { createCaptureValidator, type Capture, type CaptureOptions } from '../core/capture.js';
import { ConfigurationError } from '../core/errors.js';
import { describeError } from '../http/errors.js';
import { digestRun } from '../report/digest.js';
import { isRecord } from '../protocol/json.js';
import type { ScenarioResult } from '../runner/result.js';
import { openBody, type OpenedBody } from './body.js';
import { conformsMessage, isJudged, problemsMessage, unreadableMessage, type AnswerKind } from './message.js';

/** How a matcher judges a body; every field is optional. */
export interface ConformanceMatcherOptions extends Pick<CaptureOptions, 'specVersion' | 'specFile' | 'maxBodyBytes' | 'maxEvents'> {
  /**
   * The request body the answer was given to. With it the rules that compare with the request run
   * (echoed fields, tool-call rules, `previous_response_id`, `stream_options`, and for a `Response`
   * its status and headers); without it they are reported as not judged.
   */
  request?: Record<string, unknown>;
  /** Warnings fail the matcher, as `--strict` fails a run. */
  strict?: boolean;
}

/** What a matcher concluded: `message` explains a failure, or under `.not` a pass. */
export interface BodyVerdict {
  pass: boolean;
  message: string;
  /** The checks' results; absent when the body could not be read at all. */
  result?: ScenarioResult;
}

/**
 * Judges a body as the answer `expected` says it is, with the engine of `validate`: the same
 * checks, the same digest. It passes when no check failed (warnings too with `strict`), at least
 * one check judged the body, and the body is the kind of answer expected.
 *
 * What is no answer at all (a number, a Response already read) is a TypeError and a bad option a
 * ConfigurationError, thrown rather than returned: under `.not` a verdict of "does not conform"
 * would pass, and a test that hands over the wrong thing must not.
 */
export async function judgeBody(body: unknown, expected: AnswerKind, options: ConformanceMatcherOptions = {}): Promise<BodyVerdict> {
  const strict = options.strict ?? false;
  if (options.request !== undefined && !isRecord(options.request)) throw new ConfigurationError(unreadableMessage(expected, 'options.request must be the request body as an object'));
  const opened = openBody(body);
  if (typeof opened === 'string') throw new TypeError(unreadableMessage(expected, opened));
  const wrongRequest = requestMismatch(expected, options.request);
  if (wrongRequest !== undefined) return { pass: false, message: unreadableMessage(expected, wrongRequest) };
  if (expected === 'stream' && opened.parsedJson) {
    return { pass: false, message: unreadableMessage(expected, 'the body is a parsed JSON object, which cannot be an event stream; use toBeConformingResponse for a JSON answer') };
  }
  const validator = createCaptureValidator({ ...pick(options), strict });
  try {
    await validator.validate(captureOf(opened, expected, options.request));
  } catch (err) {
    // The body broke where it is read whole (before its first character, or inside a JSON body):
    // the handler failed, and no check saw anything.
    return { pass: false, message: unreadableMessage(expected, `reading the body failed: ${describeError(err as Error)}`) };
  }
  const run = validator.finish();
  const result = run.scenarios[0];
  const problems = digestRun(run, { strict });
  const kind = answerKind(result);
  const failed = problems.some((p) => p.verdict !== 'warn');
  const pass = !failed && isJudged(result) && kind === expected;
  const context = { expected, kind, result, problems, strict, request: options.request !== undefined, headNotJudged: opened.head !== undefined && options.request === undefined };
  return { pass, message: pass ? conformsMessage(context) : problemsMessage(context), result };
}

/** A request that asked for the other kind of answer: the matcher was pointed at the wrong thing. */
function requestMismatch(expected: AnswerKind, request: Record<string, unknown> | undefined): string | undefined {
  if (request === undefined) return undefined;
  const streamed = request.stream === true;
  if (expected === 'stream' && !streamed) {
    const asked = request.stream === undefined ? 'does not set stream' : `has stream: ${JSON.stringify(request.stream)}`;
    return `the request ${asked}, so its answer is JSON, not an event stream (HTTP-10); use toBeConformingResponse`;
  }
  if (expected === 'response' && streamed) return 'the request has stream: true, so its answer is an event stream (HTTP-10); use toBeConformingStream';
  return undefined;
}

function pick(options: ConformanceMatcherOptions): CaptureOptions {
  const { specVersion, specFile, maxBodyBytes, maxEvents } = options;
  return { specVersion, specFile, maxBodyBytes, maxEvents };
}

/**
 * The capture the validator judges. A `Response` with a known request is judged as a live
 * exchange (status and headers too); otherwise only the body is, with the request when given.
 */
function captureOf(opened: OpenedBody, expected: AnswerKind, request: Record<string, unknown> | undefined): Capture {
  const name = expected === 'stream' ? 'stream' : 'response';
  if (opened.head !== undefined && request !== undefined) {
    const sent = { method: 'POST', path: '/responses', body: request, stream: request.stream === true };
    return { name, body: opened.bytes, exchange: { request: sent, status: opened.head.status, headers: opened.head.headers } };
  }
  return { name, body: opened.bytes, ...(request === undefined ? {} : { request }) };
}

/** What the body turned out to be, by the tags the validator gives its result. */
function answerKind(result: ScenarioResult): AnswerKind | 'error' {
  if (result.tags.includes('error')) return 'error';
  return result.tags.includes('stream') ? 'stream' : 'response';
}
