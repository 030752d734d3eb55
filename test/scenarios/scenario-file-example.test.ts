import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scenarioCatalogue, selectScenarios, USER_TAG } from '../../src/scenarios/index.js';
import { loadScenarioFile } from '../../src/scenarios/file.js';
import { loadBundledSpec, loadCurlSnippets } from '../../src/spec/index.js';
import { runCli } from '../helpers/cli.js';
import { readReport } from '../helpers/report.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/scenarios.yaml', import.meta.url));
const EXAMPLE_IDS = ['acme-recall-code-word', 'acme-recall-code-word-stream', 'acme-order-status-round-trip', 'acme-hosted-search', 'acme-top-logprobs-too-high'];

describe('examples/scenarios.yaml', () => {
  it('runs green against the reference server with --only user; the acme: tool is sent and refused, so its scenario is skipped', async () => {
    const out = mkdtempSync(join(tmpdir(), 'orc-scenario-example-'));
    const run = await runCli(['self-test', '--scenarios', EXAMPLE, '--only', USER_TAG, '--reporter', 'json', '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = readReport(out);
    expect(report.scenarios.map((s) => s.id).sort()).toEqual([...EXAMPLE_IDS].sort());
    for (const scenario of report.scenarios) expect(scenario.tags, scenario.id).toContain(USER_TAG);
    const statuses = Object.fromEntries(report.scenarios.map((s) => [s.id, s.status]));
    expect(statuses).toEqual({ ...Object.fromEntries(EXAMPLE_IDS.map((id) => [id, 'passed'])), 'acme-hosted-search': 'skipped' });
    const extension = report.scenarios.find((s) => s.id === 'acme-hosted-search');
    expect(extension?.note).toMatch(/^skipped: the target does not offer acme-search \(it answered HTTP 400/);
    expect(extension?.steps?.[0].request.body).toMatchObject({ tools: [{ type: 'acme:search' }] });
  });

  it('is listed by list --scenarios, after the built-in scenarios', async () => {
    const run = await runCli(['list', '--json', '--scenarios', EXAMPLE]);
    expect(run.code).toBe(0);
    const ids = (JSON.parse(run.stdout) as { scenarios: { id: string; tags: string[] }[] }).scenarios.map((s) => s.id);
    expect(ids.slice(-EXAMPLE_IDS.length).sort()).toEqual([...EXAMPLE_IDS].sort());
  });
});

describe('--only user', () => {
  it('selects the scenarios of the files and nothing else', () => {
    const spec = loadBundledSpec();
    const all = scenarioCatalogue(spec, loadCurlSnippets(), loadScenarioFile(EXAMPLE, spec));
    const selected = selectScenarios(all, { only: [USER_TAG], skip: [] });
    expect(selected.map((s) => s.id).sort()).toEqual([...EXAMPLE_IDS].sort());
    expect(all.length).toBeGreaterThan(selected.length);
  });
});
