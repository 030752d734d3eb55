import type { CheckMeta, Finding, Location, Verdict } from './types.js';

/** What a check adds to a finding besides its own identity. */
export interface FindingDetails {
  expected?: string;
  actual?: string;
  location?: Location;
  excerpt?: string;
  /** Overrides the check's primary requirement, for checks that test several rows. */
  requirement?: string;
}

/**
 * What a check returns when it found nothing: one shared frozen list, since a stream check is
 * called for every event and mostly finds nothing.
 */
export const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

/** Builds a finding of `check`, so every finding names its check and requirement the same way. */
export function finding(check: CheckMeta, verdict: Verdict, message: string, details: FindingDetails = {}): Finding {
  const { requirement, ...rest } = details;
  return { checkId: check.id, requirement: requirement ?? check.requirement, verdict, message, ...rest };
}
