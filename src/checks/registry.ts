import { statusOk } from './http/status-ok.js';
import { jsonContentType } from './http/json-content-type.js';
import { responseSchema } from './response/schema.js';
import { eventSchema } from './stream/event-schema.js';
import { eventStreamContentType } from './stream/event-stream-content-type.js';
import { finalResponse } from './stream/final-response.js';
import { bodyNotJson } from './transport/body-not-json.js';
import { transportChecks } from './transport/problems.js';
import type { BodyCheck, Check, HttpCheck, ResponseCheck, StreamCheck } from './types.js';

/** The checks a step runs, by what it observes. */
export interface CheckSet {
  http: readonly HttpCheck[];
  body: readonly BodyCheck[];
  // Stream checks differ in their state type.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  stream: readonly StreamCheck<any>[];
  response: readonly ResponseCheck[];
}

/** Every check of the suite, grouped by what it observes. */
export const checkSet: CheckSet = {
  http: [statusOk, jsonContentType, eventStreamContentType],
  body: [bodyNotJson, responseSchema],
  stream: [eventSchema, finalResponse],
  response: [],
};

/** The checks a request runs: stream checks for `stream: true`, body checks otherwise. */
export function checksForStep(stream: boolean): Check[] {
  const http = checkSet.http.filter((c) => (stream ? c.id !== jsonContentType.id : c.id !== eventStreamContentType.id));
  return [...http, ...(stream ? checkSet.stream : checkSet.body), ...checkSet.response];
}

/** Every check, for `list` and for looking up metadata by id. */
export function allChecks(): Check[] {
  return [...checkSet.http, ...checkSet.body, ...checkSet.stream, ...checkSet.response, ...transportChecks];
}
