/**
 * The pure part of judging a proxied exchange: what its checks are (its StepShape), and how a
 * result reads as a scenario of the run (`proxy-0001`, `POST /v1/responses → HTTP 200, stream`).
 */
import { checksForStep, type StepShape } from '../checks/registry.js';
import type { SentRequest } from '../checks/types.js';
import type { BodyEncoding } from '../http/decode.js';
import { isRecord } from '../protocol/json.js';
import type { ScenarioResult, StepRecord } from '../runner/result.js';
import { parseJson } from '../runner/observe.js';
import { recordedBody, scenarioStatus, skippedResult } from '../runner/results.js';
import type { CheckedRoute } from './routes.js';

/** `proxy-0001`: exchanges numbered in the order they arrived. */
export function exchangeId(n: number): string {
  return `proxy-${String(n).padStart(4, '0')}`;
}

/** The request as the checks see it, or undefined when its body is not a JSON object. */
export function sentRequest(method: string, route: CheckedRoute, body: Buffer): SentRequest | undefined {
  if (route.kind === 'retrieve') return { method, path: route.path, body: {}, stream: false };
  const json = parseJson(body.toString('utf8'));
  return isRecord(json) ? { method, path: route.path, body: json, stream: json.stream === true } : undefined;
}

/**
 * The checks of an answer: an error status is judged by the error rules (a client's bad request is
 * the server's to refuse, and how it refuses is what is judged), a success by the rules of its
 * kind. A status the checks have no rules for (1xx, 3xx) gives no shape: not judged.
 */
export function stepShape(route: CheckedRoute, request: SentRequest, status: number): StepShape | undefined {
  if (status >= 400) return { stream: request.stream, errorAnswer: true };
  if (status < 200 || status >= 300) return undefined;
  return route.kind === 'compact' ? { stream: false, answer: 'compaction' } : { stream: request.stream };
}

/** Why an answer is not judged: a request too large to keep or not JSON, a status without rules, or an encoding the proxy cannot undo. */
export function whyNotJudged(request: SentRequest | undefined, status: number, encoding: BodyEncoding, requestOverCap?: number): string {
  const forwarded = 'it was forwarded as it came';
  if (requestOverCap !== undefined) return `not judged: the request body is larger than --max-body-bytes (${requestOverCap} bytes), so it was not kept to judge the answer by; ${forwarded}`;
  if (request === undefined) return `not judged: the request body is not a JSON object, so there is no request to judge the answer by; ${forwarded}`;
  if (encoding.kind === 'unsupported') return `not judged: the answer uses Content-Encoding: ${encoding.encoding}, which the proxy cannot decode; ${forwarded}`;
  return `not judged: the checks have no rules for an HTTP ${status} answer; ${forwarded}`;
}

/** `POST /v1/responses → HTTP 200, stream`, and how many checks failed or warned. */
export function exchangeTitle(method: string, path: string, status: number | undefined, stream: boolean, result?: Pick<ScenarioResult, 'checks'>): string {
  const answer = status === undefined ? 'no answer' : `HTTP ${status}${stream ? ', stream' : ''}`;
  const failed = result?.checks.filter((c) => c.status === 'failed').length ?? 0;
  const warned = result?.checks.filter((c) => c.status === 'warning').length ?? 0;
  const counts = [failed > 0 ? `${failed} failed` : '', warned > 0 ? `${warned} warned` : ''].filter(Boolean).join(', ');
  return `${method} ${path} → ${answer}${counts === '' ? '' : ` · ${counts}`}`;
}

/** What a report keeps of the exchange: the request (long strings cut) and the answer's head. */
export function exchangeStep(request: SentRequest, answer: { status: number; headers: Record<string, string> } | undefined): StepRecord {
  return {
    name: 'exchange',
    request: { method: request.method, path: request.path, ...recordedBody(request.body), stream: request.stream },
    ...(answer ? { response: { status: answer.status, headers: answer.headers } } : {}),
  };
}

/** An exchange the checks could not judge, every check of its kind saying why. */
export function notJudged(parts: { id: string; title: string; step: StepShape; why: string; status: 'skipped' | 'not_run'; durationMs: number; steps?: StepRecord[] }): ScenarioResult {
  const checks = checksForStep(parts.step).map((check) => skippedResult(check, parts.status, parts.why));
  return {
    id: parts.id,
    title: parts.title,
    tags: ['proxy'],
    status: checks.length > 0 ? scenarioStatus(checks) : parts.status,
    durationMs: parts.durationMs,
    checks,
    note: parts.why,
    ...(parts.steps ? { steps: parts.steps } : {}),
  };
}
