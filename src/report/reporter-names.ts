/**
 * The reporters `--reporter` accepts. Apart from write.ts (and the reporters it loads) so the CLI's
 * help can name them without loading any reporter.
 */
export const REPORTER_NAMES = ['console', 'json', 'junit', 'markdown', 'html'] as const;

export type ReporterName = (typeof REPORTER_NAMES)[number];
