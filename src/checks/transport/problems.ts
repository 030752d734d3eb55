import type { TransportCheck } from '../types.js';

/**
 * Problems the tool meets itself while talking to the server. The runner reports them with these
 * ids. Each but the content encoding breaks the exchange the scenario needed and fails it; a
 * compressed body that could be decoded is only a warning.
 */
export const transportTimeout: TransportCheck = {
  kind: 'transport',
  id: 'transport/timeout',
  requirement: 'HTTP-01',
  severity: 'TOOL',
  section: 'HTTP Requests',
  title: 'The answer is complete within --timeout',
};

export const transportReset: TransportCheck = {
  kind: 'transport',
  id: 'transport/connection-error',
  requirement: 'HTTP-01',
  severity: 'TOOL',
  section: 'HTTP Requests',
  title: 'The connection is not reset or closed before the answer is complete',
};

export const transportBodyTooLarge: TransportCheck = {
  kind: 'transport',
  id: 'transport/body-too-large',
  requirement: 'HTTP-01',
  severity: 'TOOL',
  section: 'HTTP Responses',
  title: 'A JSON body or a single SSE message fits within --max-body-bytes',
};

export const transportTooManyEvents: TransportCheck = {
  kind: 'transport',
  id: 'transport/too-many-events',
  requirement: 'HTTP-01',
  severity: 'TOOL',
  section: 'Streaming',
  title: 'A stream ends within --max-events messages',
};

export const transportInvalidUtf8: TransportCheck = {
  kind: 'transport',
  id: 'transport/invalid-utf8',
  requirement: 'HTTP-07',
  severity: 'TOOL',
  section: 'HTTP Responses',
  title: 'The body is valid UTF-8 (JSON and SSE are UTF-8 text)',
};

/** The tool asks for `Accept-Encoding: identity`; a compressed answer is decoded and noted. */
export const transportCompressed: TransportCheck = {
  kind: 'transport',
  id: 'transport/content-encoding',
  requirement: 'HTTP-01',
  severity: 'TOOL',
  section: 'HTTP Responses',
  title: 'The body is sent uncompressed, as the request asked (Accept-Encoding: identity)',
};

export const transportChecks: readonly TransportCheck[] = [
  transportTimeout,
  transportReset,
  transportBodyTooLarge,
  transportTooManyEvents,
  transportInvalidUtf8,
  transportCompressed,
];
