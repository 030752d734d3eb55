import { createCaptureValidator, type CaptureOptions, type LiveArrival } from '../core/capture.js';
import { DEFAULTS } from '../core/options.js';
import { toolInfo } from '../core/version.js';
import { flattenHeaders } from '../http/client.js';
import { bodyEncoding, decodeBody } from '../http/decode.js';
import type { RunEvent } from '../runner/events.js';
import { createRedactor, displayUrl, isSecretHeaderName, redactRun, redactScenario, secretPatterns, type Redactor } from '../runner/redaction.js';
import type { RunResult, ScenarioResult, StreamingMeasures } from '../runner/result.js';
import { buildRunResult } from '../runner/results.js';
import { createTranscriptRecorder } from '../runner/transcript.js';
import { forwardedHeaders } from './headers.js';
import type { ProxiedExchange } from './server.js';
import { exchangeId, exchangeStep, exchangeTitle, notJudged, sentRequest, stepShape, whyNotJudged } from './verdicts.js';

/**
 * The judging half of the proxy: each exchange the server hands over is judged by the capture
 * validator (the checks of `validate` for a recorded step: status and headers, the body read
 * incrementally, the response rules with the client's request) while its bytes are forwarded.
 * Results are redacted with every secret the clients sent so far before anything sees them.
 */

export interface ProxySessionOptions {
  target: URL;
  /** The spec, the caps and --strict, as for `validate`. */
  judging: Omit<CaptureOptions, 'onEvent'>;
  /** `--record <dir>`: each exchange's transcript (request, answer head, body as the checks read it). */
  record?: string;
  /** Sees each exchange's result once judged (redacted). */
  onEvent?: (event: RunEvent) => void;
  log: (line: string) => void;
  /** `--report-every <n>`: called with the run so far after every n-th exchange. */
  reportEvery?: number;
  onReport?: (run: RunResult) => Promise<void>;
}

export interface ProxySession {
  /** Starts judging an exchange; never throws. */
  judge(exchange: ProxiedExchange): void;
  /** Resolves once every exchange handed over is judged and every periodic report written. */
  settled(): Promise<void>;
  /** The run so far, redacted, exchanges in arrival order. */
  run(): RunResult;
}

export function createProxySession(options: ProxySessionOptions): ProxySession {
  const validator = createCaptureValidator(options.judging);
  const started = Date.now();
  const secrets = new Set<string>();
  let redact: Redactor = createRedactor([]);
  const results = new Map<number, ScenarioResult>();
  const inFlight = new Set<Promise<void>>();
  let reports: Promise<void> = Promise.resolve();
  let arrived = 0;
  let recordFailed = false;
  const maxBodyBytes = options.judging.maxBodyBytes ?? DEFAULTS.maxBodyBytes;

  const learnSecrets = (headers: Record<string, string>) => {
    const before = secrets.size;
    for (const [name, value] of Object.entries(headers)) {
      if (!isSecretHeaderName(name)) continue;
      secrets.add(value);
      if (value.startsWith('Bearer ')) secrets.add(value.slice('Bearer '.length));
    }
    if (secrets.size !== before) redact = createRedactor([...secrets]);
  };

  const run = (): RunResult => {
    const scenarios = [...results.entries()].sort(([a], [b]) => a - b).map(([, result]) => result);
    const raw = buildRunResult({ tool: toolInfo(), specVersion: validator.specVersion, target: { baseUrl: displayUrl(options.target.toString()), model: '(as each client sent it)' }, started, strict: options.judging.strict ?? false, scenarios });
    return redactRun(raw, redact);
  };

  const finish = (n: number, result: ScenarioResult) => {
    const redacted = redactScenario(result, redact);
    results.set(n, redacted);
    options.onEvent?.({ type: 'scenario-finished', result: redacted });
    if (options.reportEvery !== undefined && options.onReport !== undefined && results.size % options.reportEvery === 0) {
      const snapshot = run();
      const write = options.onReport;
      reports = reports.then(() => write(snapshot)).catch((err: unknown) => options.log(`proxy: could not write the reports (${redact((err as Error).message ?? String(err))})`));
    }
  };

  const judgeOne = async (n: number, exchange: ProxiedExchange): Promise<ScenarioResult> => {
    const id = exchangeId(n);
    const path = exchange.url.split('?')[0];
    const answer = await exchange.answer;
    const elapsed = () => Math.round(performance.now() - exchange.startedAt);
    if ('unreachable' in answer) {
      // The request body may never have been read: what was sent is not waited for.
      const cut = exchange.interrupted();
      const why = cut === undefined ? `not judged: the target did not answer (${answer.unreachable}); the client got HTTP 502` : `not judged: ${cut}`;
      return notJudged({ id, title: exchangeTitle(exchange.method, path, undefined, false), step: { stream: false }, why, status: cut === undefined ? 'not_run' : 'skipped', durationMs: elapsed() });
    }
    const requestBody = await exchange.requestBody;
    const request = requestBody === 'too-large' ? undefined : sentRequest(exchange.method, exchange.route, requestBody);
    const fallbackShape = { stream: request?.stream ?? false };
    const title = (result?: ScenarioResult) => exchangeTitle(exchange.method, path, answer.status, request?.stream ?? false, result);
    const shape = request && stepShape(exchange.route, request, answer.status);
    const encoding = bodyEncoding(answer.headers['content-encoding']);
    if (request === undefined || shape === undefined || encoding.kind === 'unsupported') {
      answer.body.stop();
      await exchange.finished;
      const steps = request ? { steps: [exchangeStep(request, answer)] } : {};
      return notJudged({ id, title: title(), step: shape ?? fallbackShape, why: whyNotJudged(request, answer.status, encoding, requestBody === 'too-large' ? maxBodyBytes : undefined), status: 'skipped', durationMs: elapsed(), ...steps });
    }
    // The checks read their own decoded copy; the client got the bytes as the target sent them.
    const decodedFrom = encoding.kind === 'decoded' ? encoding.encoding : undefined;
    const headers = decodedFrom === undefined ? answer.headers : Object.fromEntries(Object.entries(answer.headers).filter(([name]) => name !== 'content-encoding'));
    let body: AsyncIterable<Uint8Array> = decodedFrom === undefined ? answer.body : decodeBody(answer.body, decodedFrom).body;
    // A retrieval is judged by its body alone; its transcript, judged again by `validate`, would
    // hold the GET's empty request as the request the response must echo, so none is written.
    const recordDir = exchange.route.kind === 'retrieve' ? undefined : options.record;
    const recorder = recordDir === undefined ? undefined : createTranscriptRecorder({ dir: recordDir, redact, secrets: secretPatterns([...secrets]), maxBodyBytes, secretHeaders: [] });
    const transcript = recorder?.step(id, 'exchange', shape);
    if (transcript !== undefined) {
      transcript.request(request, new URL(exchange.url, options.target.origin).toString(), { ...flattenHeaders(forwardedHeaders(exchange.requestHeaders)), host: options.target.host });
      transcript.answer(answer.status, answer.headers, decodedFrom);
      body = transcript.tee(body);
    }
    let streaming: StreamingMeasures | undefined;
    const live: LiveArrival = { sentAt: exchange.startedAt, headersAt: answer.headersAt, clock: answer.body, measured: (measures) => (streaming = measures) };
    const judged = exchange.route.kind === 'retrieve'
      ? await validator.validate({ name: id, body })
      : await validator.validate({ name: id, body, exchange: { request, status: answer.status, headers, step: shape }, live });
    const step = { ...exchangeStep(request, answer), ...(streaming ? { streaming } : {}) };
    answer.body.stop();
    await exchange.finished;
    await transcript?.finish();
    const failure = recorder?.failure();
    if (failure !== undefined && !recordFailed) {
      recordFailed = true;
      options.log(`proxy: a transcript could not be written under ${options.record} (${failure}); later failures are not repeated`);
    }
    const behind = answer.body.fellBehind;
    const cut = exchange.interrupted() ?? (behind === undefined ? undefined : `the checks fell more than ${maxBodyBytes} bytes (--max-body-bytes) behind the answer, which was forwarded whole; the proxy does not hold more to judge it`);
    if (cut !== undefined) return notJudged({ id, title: title(), step: shape, why: `not judged: ${cut}`, status: 'skipped', durationMs: elapsed(), steps: [exchangeStep(request, answer)] });
    return { ...judged, id, title: title(judged), tags: ['proxy', request.stream ? 'stream' : 'json'], durationMs: elapsed(), steps: [step] };
  };

  return {
    judge(exchange) {
      const n = ++arrived;
      learnSecrets(exchange.requestHeaders);
      const judging = judgeOne(n, exchange)
        .then((result) => finish(n, result))
        .catch((err: unknown) => options.log(`proxy: ${exchangeId(n)} could not be judged (${redact((err as Error).message ?? String(err))})`))
        .finally(() => inFlight.delete(judging));
      inFlight.add(judging);
    },
    async settled() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
      await reports;
    },
    run,
  };
}
