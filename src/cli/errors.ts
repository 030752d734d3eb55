/**
 * A problem with how the tool was invoked or configured (bad flag, unreadable spec, unknown
 * scenario). The CLI prints its message as one line and exits 2.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
