import { EXPECTATION_KINDS } from '../checks/scenario/expectations.js';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { StepShape } from '../checks/registry.js';
import type { SentRequest } from '../checks/types.js';
import { TRANSCRIPT_FILES } from '../runner/transcript.js';
import { isRecord } from '../protocol/json.js';
import type { Capture } from './capture.js';
import { ConfigurationError } from './errors.js';

/** True when `dir` is a step folder written by `--record` (it holds the request, the answer's head and the body). */
export async function isRecordedStep(dir: string): Promise<boolean> {
  const present = await Promise.all(Object.values(TRANSCRIPT_FILES).map((file) => stat(join(dir, file)).then((info) => info.isFile(), () => false)));
  return present.every(Boolean);
}

/**
 * Reads a step folder of a `--record` transcript into a capture that carries its request, status
 * and headers, so `validate` judges it as the live run did. A file that is missing or not what
 * `--record` writes is a ConfigurationError naming it.
 */
export async function loadRecordedStep(dir: string, name = dir): Promise<Capture> {
  const request = parseRequest(await readJson(dir, TRANSCRIPT_FILES.request), dir);
  const response = parseResponse(await readJson(dir, TRANSCRIPT_FILES.response), dir);
  return {
    name,
    body: createReadStream(join(dir, TRANSCRIPT_FILES.body)),
    exchange: { request: request.sent, status: response.status, headers: response.headers, step: request.step },
  };
}

function parseRequest(value: unknown, dir: string): { sent: SentRequest; step: StepShape } {
  if (!isRecord(value) || typeof value.method !== 'string' || typeof value.path !== 'string' || !isRecord(value.body) || typeof value.stream !== 'boolean') {
    throw notATranscript(dir, TRANSCRIPT_FILES.request, 'method, path, body and stream');
  }
  const step = value.step === undefined ? { stream: value.stream } : value.step;
  if (!isStepShape(step)) throw notATranscript(dir, TRANSCRIPT_FILES.request, 'a step with stream, and rejection, withoutCredentials, outcome as --record writes them');
  if (step.transport === 'websocket') {
    // Its body is the connection's messages both ways; judging them again needs the turns of the whole connection.
    throw new ConfigurationError(`cannot validate ${dir}: it is a WebSocket step, whose transcript (${TRANSCRIPT_FILES.body}: the messages both ways, as JSON lines) validate does not judge yet; run the scenario again instead`);
  }
  return { sent: { method: value.method, path: value.path, body: value.body, stream: value.stream }, step };
}

function notATranscript(dir: string, file: string, needs: string): ConfigurationError {
  return new ConfigurationError(`cannot read ${join(dir, file)}: not a transcript file of --record (it needs ${needs})`);
}

async function readJson(dir: string, file: string): Promise<unknown> {
  const path = join(dir, file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new ConfigurationError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ConfigurationError(`cannot read ${path}: not JSON`);
  }
}

function parseResponse(value: unknown, dir: string): { status: number; headers: Record<string, string> } {
  const headers = isRecord(value) && isRecord(value.headers) ? value.headers : undefined;
  if (!isRecord(value) || !Number.isInteger(value.status) || headers === undefined || !Object.values(headers).every((v) => typeof v === 'string')) {
    throw notATranscript(dir, TRANSCRIPT_FILES.response, 'status and headers');
  }
  const lowerCase = Object.fromEntries(Object.entries(headers as Record<string, string>).map(([name, v]) => [name.toLowerCase(), v]));
  return { status: value.status as number, headers: lowerCase };
}

function isStepShape(value: unknown): value is StepShape {
  if (!isRecord(value) || typeof value.stream !== 'boolean') return false;
  const { rejection, withoutCredentials, errorAnswer, answer, expectations, outcome } = value;
  if (rejection !== undefined && !(isRecord(rejection) && typeof rejection.requirement === 'string' && typeof rejection.what === 'string')) return false;
  if (rejection !== undefined && rejection.verdict !== undefined && rejection.verdict !== 'fail' && rejection.verdict !== 'warn') return false;
  if (withoutCredentials !== undefined && typeof withoutCredentials !== 'boolean') return false;
  if (value.wrongCredentials !== undefined && typeof value.wrongCredentials !== 'boolean') return false;
  if (errorAnswer !== undefined && typeof errorAnswer !== 'boolean') return false;
  if (answer !== undefined && answer !== 'response' && answer !== 'compaction') return false;
  // An expectation is rebuilt into its check, so only the kinds this version knows are read back.
  const kinds: readonly unknown[] = EXPECTATION_KINDS;
  if (expectations !== undefined && !(Array.isArray(expectations) && expectations.every((e) => isRecord(e) && kinds.includes(e.kind)))) return false;
  if (outcome === undefined) return true;
  return (
    isRecord(outcome) &&
    typeof outcome.requirement === 'string' &&
    typeof outcome.purpose === 'string' &&
    (outcome.status === 'completed' || outcome.status === 'incomplete' || outcome.status === 'failed') &&
    (outcome.tolerated === undefined || outcome.tolerated === 'completed') &&
    (outcome.compaction === undefined || typeof outcome.compaction === 'boolean')
  );
}
