import type { Finding, Location } from '../checks/types.js';

/**
 * What makes two findings the same problem: the check, the requirement, where (the JSON path with
 * array indexes as `*`, or the event type) and what was expected, with numbers and ids folded.
 * Never the seen value, ids, timestamps or sequence numbers, so one defect met in 16 scenarios is
 * one problem. The digest groups by it and baselines store it.
 */
export function problemKey(finding: Finding): string {
  return [finding.checkId, finding.requirement, problemWhere(finding.location), foldVariable(finding.expected ?? '')].join(' | ');
}

/** Where a problem is, independent of which item or event of which run it was met in. */
export function problemWhere(location: Location | undefined): string {
  const path = location?.path === undefined ? undefined : location.path.replace(/\/\d+(?=\/|$)/g, '/*');
  return [location?.eventType, path].filter((part) => part !== undefined && part !== '').join(' ');
}

/**
 * Quoted values (model text, echoed strings: `"You said: …"`), numbers and generated ids
 * (`resp_8f3a…`, `msg_2`) become placeholders: what a model writes differs from run to run, the
 * defect does not.
 */
export function foldVariable(text: string): string {
  return text
    .replace(/"(?:[^"\\]|\\.)*"?/g, '"…"')
    .replace(/\b[a-z]+_[A-Za-z0-9]+\b/g, '<id>')
    .replace(/-?\d+(\.\d+)?/g, 'N');
}
