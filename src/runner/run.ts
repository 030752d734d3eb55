import { checkSetForStep, checksForStep, type CheckSet, type StepShape } from '../checks/registry.js';
import { stepNotSent } from '../checks/scenario/outcome.js';
import type { Check, SentRequest } from '../checks/types.js';
import { COSTLY_TAG, ERROR_PATH_TAG, MODEL_PLACEHOLDER, type Scenario } from '../scenarios/types.js';
import { CAPABILITIES } from '../scenarios/record.js';
import { withoutExtensionEntries } from '../scenarios/extension-entries.js';
import type { RunEvent } from './events.js';
import { runExchange, type ExchangeEnv, type ExchangeOutcome } from './exchange.js';
import { ScenarioSocket, type SocketRefusal } from './socket.js';
import { displayUrl } from './redaction.js';
import type { Outcomes } from './observe.js';
import { finding } from '../checks/finding.js';
import { FindingList } from '../checks/session.js';
import { websocketAnswer } from '../checks/websocket/connection.js';
import type { CheckResult, RunResult, RunTarget, ScenarioResult, StepRecord } from './result.js';
import { buildRunResult, collectResults, meta, recordedBody, scenarioStatus, skippedResult } from './results.js';

export interface SuiteOptions {
  scenarios: readonly Scenario[];
  env: ExchangeEnv;
  model: string;
  target: RunTarget;
  specVersion: string;
  tool: { name: string; version: string };
  /** Scenarios in flight at once. */
  concurrency: number;
  /** Warnings count as failures. */
  strict: boolean;
  /** Sees scenarios start and finish and requests go out (raw: the caller redacts). */
  onEvent?: (event: RunEvent) => void;
  /**
   * `--capabilities`: the optional features the target declares it offers. A refusal of one of
   * them is judged like any failure instead of making the scenario skipped.
   */
  declaredCapabilities?: readonly string[];
}

interface RunState {
  /** Set once the target stopped answering; scenarios not started yet are then not run. */
  downDetail?: string;
  lastAnswered?: string;
  everAnswered: boolean;
  /** How the target answered the valid requests (not the negative tests), for the run's diagnosis. */
  validAnswers: { status: number; serverMessage?: string }[];
}

/** Runs the scenarios (error paths last, the rest concurrently) and gathers the run's result. */
export async function runSuite(options: SuiteOptions): Promise<RunResult> {
  const started = Date.now();
  const regular = options.scenarios.filter((s) => !s.tags.includes(ERROR_PATH_TAG));
  const errorPaths = options.scenarios.filter((s) => s.tags.includes(ERROR_PATH_TAG));
  const state: RunState = { everAnswered: false, validAnswers: [] };
  const results = new Map<string, ScenarioResult>();
  const runOne = async (scenario: Scenario) => {
    if (!state.downDetail) options.onEvent?.({ type: 'scenario-started', scenario: { id: scenario.id, title: scenario.title } });
    const result = state.downDetail ? notRunScenario(scenario, notRunNote(state)) : await runScenario(scenario, options, state);
    results.set(scenario.id, result);
    options.onEvent?.({ type: 'scenario-finished', result });
  };
  // Error paths start only once every other scenario has finished.
  // One at a time, the order cannot change the wall time: the catalogue's reads best.
  const order = options.concurrency > 1 ? startOrder : (scenarios: Scenario[]) => scenarios;
  await runPool(order(regular), options.concurrency, runOne);
  await runPool(order(errorPaths), options.concurrency, runOne);

  return buildRunResult({
    tool: options.tool,
    specVersion: options.specVersion,
    target: options.target,
    started,
    strict: options.strict,
    scenarios: [...regular, ...errorPaths].map((s) => results.get(s.id)!),
    lastAnsweredScenario: state.downDetail && state.everAnswered ? state.lastAnswered : undefined,
    diagnosis: state.everAnswered || state.downDetail === undefined
      ? diagnose(state.validAnswers, options.target.baseUrl, options.env.target.authHeader !== undefined)
      : `Nothing answered at ${options.target.baseUrl} (${state.downDetail}); is the server running, and is --base-url right?`,
  });
}

/**
 * One cause behind every failure, said before the failures: a key the target refuses, or a base
 * URL where nothing answers. Only when every valid request got the same such status.
 */
export function diagnose(answers: readonly { status: number; serverMessage?: string }[], baseUrl: string, keyGiven: boolean): string | undefined {
  const status = answers[0]?.status;
  if (status === undefined || answers.some((a) => a.status !== status)) return undefined;
  const said = answers.find((a) => a.serverMessage !== undefined)?.serverMessage;
  const quoted = said === undefined ? '' : ` (${JSON.stringify(said)})`;
  if ((status === 401 || status === 403) && !keyGiven) {
    return `The target asks for credentials: every request was answered HTTP ${status}${quoted}, and no --api-key was given (or OPENRESPONSES_API_KEY set).`;
  }
  if (status === 401 || status === 403) {
    return `The target refused the API key: every request was answered HTTP ${status}${quoted}; check --api-key, --auth-header and --no-bearer.`;
  }
  if (status === 404 || status === 405) {
    return `Check --base-url: it is the API root including /v1; POST ${baseUrl}/responses answered HTTP ${status}${quoted} to every request.`;
  }
  return undefined;
}

/**
 * The order scenarios start in when several run at once: the costly ones first (they send
 * megabytes, which costs the client's and the server's CPU, best spent while other requests wait
 * for answers), then those with the most requests (started last, a long scenario would leave the
 * other workers idle while it finishes); catalogue order among equals. The report keeps catalogue
 * order.
 */
export function startOrder(scenarios: readonly Scenario[]): Scenario[] {
  const requests = (scenario: Scenario) => (scenario.unsupported === undefined ? scenario.steps.length : 0);
  const costly = (scenario: Scenario) => (scenario.unsupported === undefined && scenario.tags.includes(COSTLY_TAG) ? 1 : 0);
  return [...scenarios].sort((a, b) => costly(b) - costly(a) || requests(b) - requests(a));
}

async function runPool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
}

function notRunNote(state: RunState): string {
  return state.everAnswered
    ? `not run: the target stopped answering (${state.downDetail}); the last scenario it answered was ${state.lastAnswered}`
    : `not run: the target did not answer (${state.downDetail})`;
}

async function runScenario(scenario: Scenario, options: SuiteOptions, state: RunState): Promise<ScenarioResult> {
  const started = performance.now();
  if (scenario.unsupported) {
    const checks = checksForStep({ stream: false }).map((c) => skippedResult(c, 'skipped', scenario.unsupported!));
    return finishScenario(scenario, checks, started, scenario.unsupported);
  }
  const checks: CheckResult[] = [];
  const steps: StepRecord[] = [];
  const retryNotes: string[] = [];
  const previous: (Record<string, unknown> | undefined)[] = [];
  const multiStep = scenario.steps.length > 1;
  let answeredOk = false;
  const socket = new ScenarioSocket(options.env);
  /** WebSocket turns already sent ahead of their step (`pipelined`), by step index. */
  const presentTurns = new Map<number, number>();
  const presentRequests = new Map<number, SentRequest>();
  /** Steps whose answer was an error (an error status or envelope, or a failed response), for `onlyIfFailed`. */
  const failedSteps = new Set<string>();
  try {
    for (const [index, step] of scenario.steps.entries()) {
      const built = presentRequests.get(index)?.body ?? step.body({ model: options.model, previous });
      // The spec forbids a client to send `stream` on a socket (HTTP-14).
      const body = built && (step.transport === 'websocket' ? built : { ...built, stream: step.stream });
      const stepChecks = checksForStep(step);
      const label = multiStep ? step.name : undefined;
      const skip = (why: string) => {
        checks.push(...stepChecks.map((c) => skippedResult(c, 'skipped', why, label)));
        previous.push(undefined);
      };
      if (body === undefined) {
        checks.push(...stepNotSentResults(step, stepChecks, label));
        previous.push(undefined);
        continue;
      }
      if (step.onlyIfFailed !== undefined && !failedSteps.has(step.onlyIfFailed)) {
        skip(`skipped: ${step.onlyIfFailed} did not fail, so there is no failure for this step to follow`);
        continue;
      }
      if ((step.withoutCredentials || step.wrongCredentials) && !options.env.target.authHeader) {
        skip(`no --api-key was given, so there are no credentials to ${step.wrongCredentials ? 'replace' : 'leave out'}`);
        continue;
      }
      // A negative test breaks the request schema on purpose; every other request must satisfy it, so
      // the suite never blames a server for a request that was not valid in the first place. Extension
      // input items and tools are outside the core schema's reach (EXT-13).
      const requestIssues = step.rejection || step.probe ? [] : options.env.ctx.schemas.validate(step.requestSchema, withoutExtensionEntries(body).body);
      if (requestIssues.length > 0) {
        skip(`the tool's own request does not match ${step.requestSchema} of this spec (${requestIssues[0].message})`);
        continue;
      }
      const rawBody = step.rawBody?.replaceAll(MODEL_PLACEHOLDER, JSON.stringify(options.model).slice(1, -1));
      const request: SentRequest = presentRequests.get(index) ?? { method: step.method, path: step.path, body, stream: step.stream, ...(rawBody !== undefined ? { rawBody } : {}) };
      const checkSet = checkSetForStep(step);
      const sentAhead = presentTurns.has(index);
      if (!sentAhead) options.onEvent?.({ type: 'step-sent', scenario: scenario.id, step: step.name, method: step.method, path: step.path, stream: step.stream });
      const transcript = sentAhead ? undefined : options.env.transcripts?.step(scenario.id, step.name, stepShape(step));
      let exchange: ExchangeOutcome;
      if (step.transport === 'websocket') {
        if (step.newConnection || !socket.connected) {
          const refusal = await socket.open();
          if (refusal !== undefined) {
            const ended = socketRefused(refusal, displayUrl(socket.url), { scenario, step, stepChecks, checkSet, label, state, declared: options.declaredCapabilities, strict: options.strict });
            if (ended.notRun !== undefined) {
              // The steps already judged keep their results; this one and the rest could not run.
              checks.push(...stepsFrom(scenario, index, 'not_run', ended.notRun));
              return finishScenario(scenario, checks, started, joinNotes(ended.notRun, ...retryNotes), steps, 'not_run');
            }
            checks.push(...ended.checks);
            if (ended.note !== undefined) checks.push(...stepsFrom(scenario, index + 1, 'skipped', ended.note));
            return finishScenario(scenario, checks, started, joinNotes(...(ended.note ? [ended.note] : []), ...retryNotes), steps, ended.note !== undefined ? 'skipped' : undefined);
          }
        }
        const turn = presentTurns.get(index) ?? socket.send(request, checkSet, { probe: step.probe === true, transcript });
        const next = scenario.steps[index + 1];
        if (next?.transport === 'websocket' && next.pipelined) {
          // Sent before this turn's answer, so it cannot refer to it.
          const nextBody = next.body({ model: options.model, previous });
          if (nextBody !== undefined && options.env.ctx.schemas.validate(next.requestSchema, withoutExtensionEntries(nextBody).body).length === 0) {
            const nextRequest: SentRequest = { method: next.method, path: next.path, body: nextBody, stream: false };
            options.onEvent?.({ type: 'step-sent', scenario: scenario.id, step: next.name, method: next.method, path: next.path, stream: false });
            presentTurns.set(index + 1, socket.send(nextRequest, checkSetForStep(next), { probe: next.probe === true, transcript: options.env.transcripts?.step(scenario.id, next.name, stepShape(next)) }));
            presentRequests.set(index + 1, nextRequest);
          }
        }
        exchange = await socket.answer(turn);
      } else {
        exchange = await runExchange(request, checkSet, options.env, { withoutCredentials: step.withoutCredentials, wrongCredentials: step.wrongCredentials, transcript });
      }
      if (exchange.unreachable !== undefined) {
        state.downDetail ??= exchange.unreachable;
        return notRunScenario(scenario, notRunNote({ ...state, downDetail: exchange.unreachable }));
      }
      state.everAnswered = true;
      state.lastAnswered = scenario.id;
      steps.push(stepRecord(step.name, request, exchange, step, step.transport === 'websocket' ? socket.messages() : undefined));
      if (exchange.retriedStatuses) retryNotes.push(retryNote(step.name, exchange.retriedStatuses, exchange.status));
      const status = exchange.status;
      // A refused optional feature says nothing about the target as a whole: it is left out of the diagnosis.
      // When every valid request got this status too, it says nothing about the feature (a wrong base URL).
      const everywhere = status !== undefined && everyValidAnswerWas(status, state);
      const refused = answeredOk || everywhere ? undefined : featureRefusal(scenario, step, exchange, options.declaredCapabilities);
      if (refused !== undefined) {
        checks.push(...stepChecks.map((c) => skippedResult(c, 'skipped', refused, label)));
        return finishScenario(scenario, checks, started, joinNotes(refused, ...retryNotes), steps);
      }
      const credentialTest = step.withoutCredentials === true || step.wrongCredentials === true;
      if (!step.rejection && !credentialTest && !step.errorAnswer && status !== undefined) {
        state.validAnswers.push({ status, ...(exchange.serverMessage !== undefined ? { serverMessage: exchange.serverMessage } : {}) });
      }
      const unprovoked = status === undefined ? undefined
        : step.rejection ? refusalNotProvoked(status, step.rejection.what, state)
        : credentialTest ? sameAsValidRequests(status, step.wrongCredentials ? 'a request with a wrong key' : 'a request without credentials', state)
        : undefined;
      if (unprovoked !== undefined) return notRunScenario(scenario, unprovoked);
      if (step.transport === 'websocket' && !answeredOk && step.outcome?.status !== 'failed') {
        const refusedOnSocket = socketFeatureRefusal(exchange, options.declaredCapabilities);
        if (refusedOnSocket !== undefined) {
          checks.push(...stepsFrom(scenario, index, 'skipped', refusedOnSocket));
          return finishScenario(scenario, checks, started, joinNotes(refusedOnSocket, ...retryNotes), steps, 'skipped');
        }
      }
      if ((status !== undefined && status >= 200 && status < 300) || exchange.finalResponse !== undefined) answeredOk = true;
      if (credentialTest && status !== undefined && status >= 200 && status < 300) {
        const why = step.wrongCredentials
          ? `the target does not check the key: it answered HTTP ${status} to a request with a wrong one (HTTP-03 leaves this open)`
          : `the target does not require credentials: it answered HTTP ${status} to a request without them (HTTP-03 leaves this open)`;
        checks.push(...stepChecks.map((c) => skippedResult(c, 'skipped', why, label)));
        return finishScenario(scenario, checks, started, joinNotes(why, ...retryNotes), steps);
      }
      checks.push(...collectResults(stepChecks, checkSet, exchange.outcomes, options.strict, label));
      previous.push(exchange.finalResponse);
      if (exchange.errorAnswer || (status !== undefined && status >= 400) || exchange.finalResponse?.status === 'failed') failedSteps.add(step.name);
    }
  } finally {
    socket.close();
  }
  return finishScenario(scenario, checks, started, joinNotes(...retryNotes), steps);
}

/**
 * What a refused or failed WebSocket upgrade does to the scenario: credentials refused (401/403)
 * leave it not run; any other refusal means the target does not offer the transport, so the
 * WebSocket steps are skipped, or failed when the target declared the `websocket` capability; an
 * upgrade that broke off is a transport finding of the step.
 */
function socketRefused(
  refusal: SocketRefusal,
  url: string,
  at: { scenario: Scenario; step: Scenario['steps'][number]; stepChecks: Check[]; checkSet: CheckSet; label: string | undefined; state: RunState; declared: readonly string[] | undefined; strict: boolean },
): { notRun?: string; checks: CheckResult[]; note?: string } {
  if (refusal.kind === 'unreachable') {
    at.state.downDetail ??= refusal.detail;
    return { notRun: notRunNote({ ...at.state, downDetail: refusal.detail }), checks: [] };
  }
  if (refusal.kind === 'broken') return { checks: collectResults(at.stepChecks, at.checkSet, refusal.outcomes, at.strict, at.label) };
  if (refusal.kind === 'dropped') return notOffered(`the upgrade to ${url} got no answer: the connection was closed (${refusal.detail})`, 'the connection was closed', at);
  const said = refusal.serverMessage === undefined ? '' : ` (${JSON.stringify(refusal.serverMessage)})`;
  if (everyValidAnswerWas(refusal.status, at.state)) {
    return { notRun: `not run: the target answers every request with HTTP ${refusal.status}, so its HTTP ${refusal.status} to the WebSocket upgrade says nothing about the transport`, checks: [] };
  }
  if (refusal.status === 401 || refusal.status === 403) {
    return { notRun: `not run: the target refused the credentials on the WebSocket upgrade to ${url} (HTTP ${refusal.status}${said})`, checks: [] };
  }
  return notOffered(`the upgrade to ${url} was answered HTTP ${refusal.status}${said}`, `HTTP ${refusal.status}`, at);
}

/** An upgrade refused the way a server without the transport refuses it: skipped, or failed when the target declares the capability. */
function notOffered(how: string, actual: string, at: { stepChecks: Check[]; checkSet: CheckSet; label: string | undefined; declared: readonly string[] | undefined; strict: boolean }): { checks: CheckResult[]; note?: string } {
  if (!at.declared?.includes('websocket')) {
    const why = `skipped: the target does not offer the WebSocket transport (${how}); pass --capabilities websocket to fail such a refusal instead`;
    return { checks: at.stepChecks.map((c) => skippedResult(c, 'skipped', why, at.label)), note: why };
  }
  const failed = finding(websocketAnswer, 'fail', `The WebSocket upgrade was refused although the target declares the websocket capability: ${how}.`, { expected: 'HTTP 101 Switching Protocols', actual });
  const findings = new FindingList();
  findings.add([failed]);
  const outcomes: Outcomes = new Map([[websocketAnswer.id, { findings }]]);
  return { checks: collectResults(at.stepChecks, at.checkSet, outcomes, at.strict, at.label) };
}

/**
 * A WebSocket turn refused with a 400 `invalid_request` envelope whose `param` names an optional
 * feature (`store`: a server that cannot honour `store: false`): the scenario needs that feature
 * too, so it is skipped, unless the target declares the feature.
 */
function socketFeatureRefusal(exchange: ExchangeOutcome, declared: readonly string[] | undefined): string | undefined {
  const { serverError, errorStatus } = exchange;
  const param = serverError?.param;
  if (!exchange.errorAnswer || errorStatus !== 400 || param === undefined || !/^invalid_request/.test(serverError?.type ?? '')) return undefined;
  if (!(CAPABILITIES as readonly string[]).includes(param) || declared?.includes(param)) return undefined;
  return `skipped: the target does not offer ${param} (it refused ${param} on the WebSocket with HTTP 400 ${serverError?.type}); pass --capabilities ${param} to fail such a refusal instead`;
}

/**
 * Why a scenario is skipped because the target does not offer the optional feature it needs, when
 * it refused it the spec's way: a 400 `invalid_request` error object, or for an optional endpoint
 * 404, 405 or 501. Only before the target has accepted any step of the scenario (a server that
 * answered 200 claims the feature and is judged on it), and never for a declared capability.
 */
export function featureRefusal(
  scenario: Scenario,
  step: Scenario['steps'][number],
  exchange: Pick<ExchangeOutcome, 'status' | 'serverError'>,
  declared: readonly string[] | undefined,
): string | undefined {
  const capability = scenario.capability;
  if (capability === undefined || capability === 'core' || declared?.includes(capability) || exchange.status === undefined) return undefined;
  const status = exchange.status;
  const type = exchange.serverError?.type;
  const param = exchange.serverError?.param;
  const endpointMissing = step.path !== '/responses' && (status === 404 || status === 405 || status === 501);
  const parameterRefused = !step.rejection && status === 400 && type !== undefined && /^invalid_request/.test(type);
  if (!endpointMissing && !parameterRefused) return undefined;
  const how = endpointMissing ? `POST ${step.path} answered HTTP ${status}` : `it answered HTTP 400 ${type}${param ? ` (param ${param})` : ''}`;
  return `skipped: the target does not offer ${capability} (${how}); pass --capabilities ${capability} to fail such a refusal instead`;
}

/** Why a step's request went out more than once, for the scenario's note. */
function retryNote(step: string, statuses: readonly number[], finalStatus: number | undefined): string {
  const times = statuses.length === 1 ? 'once' : `${statuses.length} times`;
  const last = finalStatus === undefined ? 'no answer' : `HTTP ${finalStatus}`;
  return `step ${step} was retried ${times} after HTTP ${statuses.join(', ')}; the last answer (${last}) is the one judged`;
}

function joinNotes(...notes: string[]): string | undefined {
  return notes.length === 0 ? undefined : notes.join('; ');
}

/** What decides a step's checks, as data a transcript can hold. */
function stepShape(step: Scenario['steps'][number]): StepShape {
  return {
    stream: step.stream,
    ...(step.rejection ? { rejection: step.rejection } : {}),
    ...(step.withoutCredentials ? { withoutCredentials: true } : {}),
    ...(step.wrongCredentials ? { wrongCredentials: true } : {}),
    ...(step.errorAnswer ? { errorAnswer: true } : {}),
    ...(step.outcome ? { outcome: step.outcome } : {}),
    ...(step.expectations ? { expectations: step.expectations } : {}),
    ...(step.answer ? { answer: step.answer } : {}),
    ...(step.transport ? { transport: step.transport } : {}),
    ...(step.probe ? { probe: true } : {}),
  };
}

/** What a step sent and the head of its answer, for reproducing and reading a failure. */
function stepRecord(name: string, request: SentRequest, exchange: ExchangeOutcome, step: Scenario['steps'][number], socketMessages?: string[]): StepRecord {
  const sent: StepRecord['request'] = {
    method: request.method,
    path: request.path,
    ...recordedBody(request.body),
    stream: request.stream,
    ...(request.rawBody !== undefined ? { rawBody: request.rawBody } : {}),
    ...(step.withoutCredentials ? { withoutCredentials: true } : {}),
    ...(step.wrongCredentials ? { wrongCredentials: true } : {}),
    ...(step.transport ? { transport: step.transport } : {}),
  };
  const record: StepRecord = { name, request: sent, ...(socketMessages ? { socketMessages } : {}) };
  if (exchange.status !== undefined) record.response = { status: exchange.status, headers: exchange.headers ?? {} };
  if (exchange.timeline) {
    record.timeline = exchange.timeline.entries;
    if (exchange.timeline.dropped > 0) record.timelineDropped = exchange.timeline.dropped;
  }
  if (exchange.streaming) record.streaming = exchange.streaming;
  if (exchange.retriedStatuses) record.retries = exchange.retriedStatuses.length;
  return record;
}

/**
 * An error-path step counts only the refusal it provokes. A 401/403 refuses the credentials, not
 * the request's flaw, and a status the target also gave valid requests says nothing about the flaw
 * either; such a step could not be judged.
 */
function refusalNotProvoked(status: number, what: string, state: RunState): string | undefined {
  if (status === 401 || status === 403) {
    return `not run: the target refused the credentials (HTTP ${status}), so whether it refuses ${what} could not be judged`;
  }
  return sameAsValidRequests(status, what, state);
}

/** Whether every valid request so far got this status: then it says nothing about one request's own content. */
function everyValidAnswerWas(status: number, state: RunState): boolean {
  return state.validAnswers.length > 0 && state.validAnswers.every((a) => a.status === status);
}

/**
 * A refusal with the status every valid request got too (a rejected key) shows nothing about the
 * request's own flaw. One valid request refused for its own reason (a parameter the target does
 * not take) does not make the target's other refusals meaningless.
 */
function sameAsValidRequests(status: number, what: string, state: RunState): string | undefined {
  if (status >= 400 && everyValidAnswerWas(status, state)) {
    return `not run: the target answers valid requests with HTTP ${status} too, so its HTTP ${status} here does not show that it refuses ${what}`;
  }
  return undefined;
}

/** The checks of every step from `from` on, each with the same status and why: the scenario ended there. */
function stepsFrom(scenario: Scenario, from: number, status: 'skipped' | 'not_run', why: string): CheckResult[] {
  const label = (step: Scenario['steps'][number]) => (scenario.steps.length > 1 ? step.name : undefined);
  return scenario.steps.slice(from).flatMap((step) => checksForStep(step).map((c) => skippedResult(c, status, why, label(step))));
}

/** A step the earlier steps gave nothing to send: its outcome fails, its other checks could not run. */
function stepNotSentResults(step: Scenario['steps'][number], stepChecks: Check[], label: string | undefined): CheckResult[] {
  const why = 'not sent: an earlier step gave no response to continue from';
  if (step.outcome === undefined) return stepChecks.map((c) => skippedResult(c, 'skipped', why, label));
  const notSent = stepNotSent(step.outcome, step.name);
  return stepChecks.map((c) =>
    c.id === notSent.check.id
      ? { ...meta(notSent.check), ...(label ? { step: label } : {}), status: 'failed', message: notSent.finding.message, findings: [notSent.finding] }
      : skippedResult(c, 'skipped', why, label),
  );
}

function notRunScenario(scenario: Scenario, note: string): ScenarioResult {
  return { id: scenario.id, title: scenario.title, tags: scenario.tags, status: 'not_run', durationMs: 0, checks: stepsFrom(scenario, 0, 'not_run', note), note };
}

function finishScenario(scenario: Scenario, checks: CheckResult[], started: number, note?: string, steps?: StepRecord[], unexercised?: 'skipped' | 'not_run'): ScenarioResult {
  const status = scenarioStatus(checks);
  const result: ScenarioResult = {
    id: scenario.id,
    title: scenario.title,
    tags: scenario.tags,
    // Earlier steps that passed do not make a scenario whose purpose could not run a pass.
    status: unexercised !== undefined && status === 'passed' ? unexercised : status,
    durationMs: Math.round(performance.now() - started),
    checks,
  };
  // A scenario that was skipped whole says why, where the console shows it.
  const why = note ?? (result.status === 'skipped' ? checks.find((c) => c.message !== '')?.message : undefined);
  if (why) result.note = why;
  if (steps && steps.length > 0) result.steps = steps;
  return result;
}
