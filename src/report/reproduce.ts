import { WRONG_API_KEY } from '../runner/wrong-key.js';
import type { RunTarget, ScenarioResult, ScenarioStatus, StepRecord } from '../runner/result.js';

/** The variable the reproduction reads the API key from, never the key itself. */
export const API_KEY_VARIABLE = 'OPENRESPONSES_API_KEY';

/**
 * A `curl` command for a POSIX shell that sends a step's request again: the same method, URL,
 * headers and JSON body. The key is read from `$OPENRESPONSES_API_KEY` and a secret `-H` value from
 * `$OPENRESPONSES_HEADER_<NAME>`; everything else is single-quoted, so nothing in a body or a URL
 * is ever run or expanded by the shell.
 */
export function curlCommand(target: RunTarget, step: StepRecord): string {
  const words = ['curl', '-sS', '-N'];
  if (step.request.method !== 'POST') words.push('-X', shellQuote(step.request.method));
  words.push(shellQuote(`${target.baseUrl}${step.request.path}`));
  if (target.authHeader !== undefined && step.request.wrongCredentials) {
    words.push('-H', shellQuote(`${target.authHeader}: ${target.bearer === false ? '' : 'Bearer '}${WRONG_API_KEY}`));
  } else if (target.authHeader !== undefined && !step.request.withoutCredentials) {
    words.push('-H', withVariable(`${target.authHeader}: ${target.bearer === false ? '' : 'Bearer '}`, API_KEY_VARIABLE));
  }
  for (const header of target.headers ?? []) {
    words.push('-H', header.value === undefined ? withVariable(`${header.name}: `, headerVariable(header.name)) : shellQuote(`${header.name}: ${header.value}`));
  }
  words.push('-H', shellQuote('Content-Type: application/json'), '-d', shellQuote(step.request.rawBody ?? JSON.stringify(step.request.body)));
  return words.join(' ');
}

/** The variable a secret `-H` header's value is read from: `X-Api-Token` → `OPENRESPONSES_HEADER_X_API_TOKEN`. */
export function headerVariable(name: string): string {
  return `OPENRESPONSES_HEADER_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/** One POSIX shell word that is exactly `text`: single quotes, each `'` written as `'\''`. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A literal prefix followed by a variable's value, as one shell word: `'Authorization: Bearer '"$VAR"`. */
function withVariable(prefix: string, variable: string): string {
  return `${shellQuote(prefix)}"$${variable}"`;
}

/** Scenario statuses whose steps get a reproduction: something to look at. */
const REPRODUCED: ReadonlySet<ScenarioStatus> = new Set(['failed', 'warning', 'error']);

/** The scenario with a `curl` on each step when it failed, warned or stopped on an error. */
export function withReproductions(scenario: ScenarioResult, target: RunTarget): ScenarioResult {
  if (!REPRODUCED.has(scenario.status) || scenario.steps === undefined) return scenario;
  // A WebSocket step is reproduced by its socketMessages; curl cannot open a socket.
  return { ...scenario, steps: scenario.steps.map((step) => (step.request.bodyCut || step.request.transport ? step : { ...step, curl: curlCommand(target, step) })) };
}
