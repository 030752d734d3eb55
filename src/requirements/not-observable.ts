/**
 * The catalogue rows graded fail or warn that no black-box test of this tool can observe, each
 * with the reason. Rows graded only `none` need none: they are never findings. A row leaves this
 * table when a check or scenario comes to test it (the coverage test fails while both hold).
 */

const WEBSOCKET = 'WebSocket transport: this tool speaks HTTP and SSE only (pending the WebSocket issue)';

export const NOT_OBSERVABLE: Readonly<Record<string, string>> = {
  'HTTP-14': `${WEBSOCKET}; the warn part is a forbidden field accepted in a response.create message`,
  'HTTP-15': WEBSOCKET,
  'HTTP-16': WEBSOCKET,
  'HTTP-17': WEBSOCKET,
  'HTTP-18': WEBSOCKET,
  'HTTP-19': WEBSOCKET,
  'HTTP-20': `${WEBSOCKET}; the limit needs a connection held for 60 minutes (opt-in)`,
  'HTTP-22': WEBSOCKET,
  'ERR-W-01': WEBSOCKET,
  'EXT-08': "needs one of the provider's own hosted tools, which a suite for every server cannot name",
};
