/**
 * A problem with how the suite was configured (a bad option value, an unreadable spec, an unknown
 * scenario). Thrown before anything is sent; the CLI prints its message as one line and exits 2,
 * and a library caller can tell it from a failed run.
 */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}
