import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/scenarios/file.js';
import { loadBundledSpec } from '../../src/spec/index.js';
import { runCli } from '../helpers/cli.js';

const folder = mkdtempSync(join(tmpdir(), 'orc-scenario-files-'));

/** Writes a scenario file and returns its path. */
function scenarioFile(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

/** A file of one scenario whose steps are given as YAML lines (indented under `steps:`). */
function oneScenario(name: string, steps: string): string {
  return scenarioFile(name, `version: 1\nscenarios:\n  - id: mine\n    title: Mine\n    requirements: [HTTP-02]\n    steps:\n${steps}`);
}

/** What `list --scenarios <file>` says on stderr, after checking it is a usage error. */
async function problemOf(path: string): Promise<string> {
  const run = await runCli(['list', '--scenarios', path]);
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  return run.stderr;
}

describe('a bad scenario file is a usage error of one line naming the file, the line and the problem', () => {
  it('YAML that does not parse', async () => {
    const path = scenarioFile('syntax.yaml', 'version: 1\nscenarios:\n  - id: a\n    title: [unclosed\n    steps: []\n');
    expect(await problemOf(path)).toBe(`open-responses-check: --scenarios ${path}:5: not valid YAML or JSON (Flow sequence in block collection must be sufficiently indented and end with a ])\n`);
  });

  it('JSON with a key twice', async () => {
    const path = scenarioFile('twice.json', '{\n  "version": 1,\n  "version": 1,\n  "scenarios": []\n}\n');
    expect(await problemOf(path)).toBe(`open-responses-check: --scenarios ${path}:3: not valid YAML or JSON (Map keys must be unique)\n`);
  });

  it('a field the format does not have, with the likely one', async () => {
    const path = oneScenario('unknown-field.yaml', '      - body: { input: hi }\n        expects: []\n');
    expect(await problemOf(path)).toBe(`open-responses-check: --scenarios ${path}:8: scenario "mine", steps[0]: unknown field "expects"; did you mean expect?\n`);
  });

  it('an id used twice', async () => {
    const scenario = (title: string) => `  - id: mine\n    title: ${title}\n    requirements: [HTTP-02]\n    steps: [{ body: { input: hi } }]\n`;
    const path = scenarioFile('duplicate.yaml', `version: 1\nscenarios:\n${scenario('Mine')}${scenario('Mine again')}`);
    expect(await problemOf(path)).toBe(`open-responses-check: --scenarios ${path}:7: scenario id "mine" clashes with scenario "mine" at ${path}:3; choose another id\n`);
  });

  it('an id the stream form of another scenario already runs under', async () => {
    const path = scenarioFile(
      'stream-id.yaml',
      'version: 1\nscenarios:\n  - { id: mine, title: Mine, requirements: [HTTP-02], forms: [json, stream], steps: [{ body: { input: hi } }] }\n  - { id: mine-stream, title: Mine, requirements: [HTTP-02], steps: [{ body: { input: hi } }] }\n',
    );
    expect(await problemOf(path)).toBe(`open-responses-check: --scenarios ${path}:4: scenario id "mine-stream" clashes with the stream form of scenario "mine" at ${path}:3; choose another id\n`);
  });

  it('an id of a built-in scenario', async () => {
    const path = scenarioFile('built-in.yaml', 'version: 1\nscenarios:\n  - id: text-input\n    title: Mine\n    requirements: [HTTP-02]\n    steps: [{ body: { input: hi } }]\n');
    expect(await problemOf(path)).toBe(`open-responses-check: --scenarios ${path}:3: scenario id "text-input" clashes with the built-in scenario "text-input" (Plain string input); choose another id\n`);
  });

  it('an id taken by an earlier file', async () => {
    const first = oneScenario('first.yaml', '      - body: { input: hi }\n');
    const second = oneScenario('second.yaml', '      - body: { input: hi }\n');
    const run = await runCli(['list', '--scenarios', first, '--scenarios', second]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`open-responses-check: --scenarios ${second}:3: scenario id "mine" clashes with scenario "mine" at ${first}:3; choose another id\n`);
  });

  it('a reference to a later step', async () => {
    const path = oneScenario('later.yaml', '      - name: first\n        body:\n          input: hi\n          previous_response_id: { $ref: second.id }\n      - name: second\n        body: { input: hi }\n');
    expect(await problemOf(path)).toBe(
      `open-responses-check: --scenarios ${path}:10: scenario "mine", step "first": $ref "second.id" names step "second", which does not come before this one; a reference takes a value from an earlier step's answer\n`,
    );
  });

  it('a reference to a step the scenario does not have', async () => {
    const path = oneScenario('unknown-step.yaml', '      - name: first\n        body: { input: hi }\n      - name: second\n        body:\n          input: hi\n          previous_response_id: { $ref: frist.id }\n');
    expect(await problemOf(path)).toBe(`open-responses-check: --scenarios ${path}:12: scenario "mine", step "second": $ref "frist.id" names no step of this scenario; did you mean first?\n`);
  });

  it('a malformed reference path', async () => {
    const path = oneScenario('malformed.yaml', "      - name: first\n        body: { input: hi }\n      - name: second\n        body:\n          input: hi\n          previous_response_id: { $ref: 'first..id' }\n");
    expect(await problemOf(path)).toBe(
      `open-responses-check: --scenarios ${path}:12: scenario "mine", step "second": $ref "first..id" is malformed: a path is a step name (or model), then fields, indexes and [field=value] filters after dots, e.g. turn-1.output[type=function_call].call_id\n`,
    );
  });

  it('a $splice that is not an array element', async () => {
    const path = oneScenario('splice.yaml', '      - { name: a, body: { input: hi } }\n      - body: { input: { $splice: a.output } }\n');
    expect(await problemOf(path)).toBe(
      `open-responses-check: --scenarios ${path}:8: scenario "mine", step "turn-2": $splice "a.output" stands outside an array; $splice puts the elements of an array into the array around it (use $ref for one value)\n`,
    );
  });

  it('a body that breaks the request schema', async () => {
    const path = oneScenario('body.yaml', '      - body:\n          input: hi\n          temperature: hot\n');
    expect(await problemOf(path)).toBe(
      `open-responses-check: --scenarios ${path}:9: scenario "mine", step "request": the body does not fit CreateResponseBody of spec 2026-04-24 (/temperature: expected type number, saw "hot"); a request that breaks it on purpose needs reject: { requirement, what }\n`,
    );
  });

  it('an endpoint the spec release does not have', async () => {
    const path = oneScenario('compact.yaml', '      - path: /responses/compact\n        body: { input: hi }\n');
    const run = await runCli(['list', '--spec-version', '2026-01-15', '--scenarios', path]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `open-responses-check: --scenarios ${path}:7: scenario "mine", step "request": spec 2026-01-15 has no /responses/compact (no CompactResponseMethodPublicBody schema); name the releases that have it in specVersions\n`,
    );
  });

  it('rawBody without reject', async () => {
    const path = oneScenario('raw.yaml', "      - { body: {}, rawBody: '{' }\n");
    expect(await problemOf(path)).toBe(`open-responses-check: --scenarios ${path}:7: scenario "mine", step "request": rawBody sends a malformed request on purpose, so the step needs reject: { requirement, what } (or, on a WebSocket, probe: true)\n`);
  });

  it('two steps of the same name', async () => {
    const path = oneScenario('names.yaml', '      - { body: { input: hi } }\n      - { name: turn-1, body: { input: hi } }\n');
    expect(await problemOf(path)).toBe(`open-responses-check: --scenarios ${path}:8: scenario "mine", step "turn-1": steps 1 and 2 are both named "turn-1" (a step without a name is turn-N), so a reference could not tell them apart\n`);
  });

  it('a requirement the catalogue does not have', async () => {
    const path = oneScenario('requirement.yaml', '      - body: { input: hi }\n        outcome: { status: completed, requirement: REQ-PR-2 }\n');
    expect(await problemOf(path)).toBe(`open-responses-check: --scenarios ${path}:8: scenario "mine": "REQ-PR-2" is not a row of the requirement catalogue; did you mean REQ-PR-02, REQ-PR-01 or REQ-PR-03?\n`);
  });

  it('a newer version of the format', async () => {
    const path = scenarioFile('version.yaml', '# written for a later release\nversion: 2\nscenarios: []\n');
    expect(await problemOf(path)).toBe(`open-responses-check: --scenarios ${path}:2: this file is version 2; this open-responses-check reads version 1\n`);
  });

  it('a version that is not a number', async () => {
    const path = scenarioFile('version-text.yaml', 'version: "1"\nscenarios: []\n');
    expect(await problemOf(path)).toBe(`open-responses-check: --scenarios ${path}:1: version: must be 1, not "1"\n`);
  });

  it('a file that is missing', async () => {
    const path = join(folder, 'missing.yaml');
    expect(await problemOf(path)).toBe(`open-responses-check: --scenarios ${path}: cannot read it (ENOENT)\n`);
  });

  it('before anything is sent, in self-test as in list', async () => {
    const path = oneScenario('self-test.yaml', '      - body: { input: hi, temperature: hot }\n');
    const run = await runCli(['self-test', '--scenarios', path, '--out', join(folder, 'never')]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(new RegExp(`^open-responses-check: --scenarios ${path}:7: scenario "mine", step "request": the body does not fit CreateResponseBody`));
  });

  it('from the config file too', async () => {
    const path = scenarioFile('version-config.yaml', 'version: 3\nscenarios: []\n');
    const cwd = mkdtempSync(join(tmpdir(), 'orc-scenario-config-'));
    writeFileSync(join(cwd, 'open-responses-check.config.json'), JSON.stringify({ scenarios: [path] }));
    const run = await runCli(['self-test', '--out', join(cwd, 'reports')], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`open-responses-check: --scenarios ${path}:1: this file is version 3; this open-responses-check reads version 1\n`);
  });
});

describe('what a scenario file may hold', () => {
  it('an extension (acme:) tool or input item in a body is not a usage error (EXT-13)', () => {
    const path = scenarioFile(
      'extension.json',
      JSON.stringify({
        version: 1,
        scenarios: [
          {
            id: 'extension',
            title: 'An acme: tool and input item',
            requirements: ['EXT-01'],
            steps: [{ body: { input: [{ type: 'acme:note', text: 'x' }, { type: 'message', role: 'user', content: 'hi' }], tools: [{ type: 'acme:search', index: 'all' }] } }],
          },
        ],
      }),
    );
    expect(loadScenarioFile(path, loadBundledSpec()).map((record) => record.id)).toEqual(['extension']);
  });

  it('a body with references, which is checked when it is built (its values are known only then)', () => {
    const path = oneScenario('references.yaml', '      - { name: a, body: { input: hi } }\n      - body: { input: [{ $splice: a.output }], previous_response_id: { $ref: a.id }, model: { $ref: model } }\n');
    expect(loadScenarioFile(path, loadBundledSpec())[0].steps).toHaveLength(2);
  });
});
