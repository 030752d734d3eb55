import { allChecks, checksForStep } from '../checks/registry.js';
import { scenarioCatalogue } from '../scenarios/index.js';
import { bundledVersions, loadBundledSpec, loadCurlSnippets } from '../spec/index.js';
import { checkName } from '../report/json.js';
import { nameKey, type CheckInfo, type DescribeCheck } from './matrix.js';

/**
 * What this version's own suite says of the checks a report lists by name only (passed and
 * unjudged ones): the built-in scenarios of each release the reports tested give each check its
 * requirement in that scenario (`error/request-rejected` tests another row in each), and the check
 * registry the rest. A check of another tool version or of a user's scenario file may be in neither.
 */
export function suiteCheckDescriber(specVersions: readonly string[]): DescribeCheck {
  const byName = new Map<string, CheckInfo>();
  const bundled = bundledVersions();
  const snippets = loadCurlSnippets();
  for (const version of new Set(specVersions)) {
    if (!bundled.includes(version)) continue;
    for (const scenario of scenarioCatalogue(loadBundledSpec(version), snippets)) {
      for (const step of scenario.steps) {
        for (const check of checksForStep(step)) {
          const name = checkName({ id: check.id, step: scenario.steps.length > 1 ? step.name : undefined });
          byName.set(nameKey(scenario.id, name), { requirement: check.requirement, section: check.section, title: check.title });
        }
      }
    }
  }
  const byId = new Map(allChecks().map((check) => [check.id, { requirement: check.requirement, section: check.section, title: check.title }]));
  return (scenario, name, checkId) => byName.get(nameKey(scenario, name)) ?? byId.get(checkId);
}
