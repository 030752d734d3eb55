/**
 * The catalogue rows graded fail or warn that no black-box test of this tool can observe, each
 * with the reason. Rows graded only `none` need none: they are never findings. A row leaves this
 * table when a check or scenario comes to test it (the coverage test fails while both hold).
 */

export const NOT_OBSERVABLE: Readonly<Record<string, string>> = {
  'HTTP-14': 'not tested on purpose: the spec forbids a client to send stream, stream_options or background on a WebSocket and leaves the server\'s reaction open, so the tool never sends them',
  'HTTP-20': 'the 60-minute limit needs a connection held for an hour, longer than any run (the reference server\'s limit is tested with a short one)',
  'EXT-08': "needs one of the provider's own hosted tools, which a suite for every server cannot name",
};
