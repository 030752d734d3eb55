import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('explain', () => {
  it('prints the row and the checks that test it', async () => {
    const run = await runCli(['explain', 'http-08']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n');
    expect(lines.slice(0, 6)).toEqual([
      'HTTP-08',
      'strength: MUST',
      'verdicts: fail',
      'section:  (a) HTTP level',
      'source:   SPEC§Streaming HTTP Responses',
      'releases: 2026-01-15, 2026-04-24',
    ]);
    expect(lines[7]).toMatch(/^A streaming response has the header `Content-Type: text\/event-stream`/);
    expect(run.stdout).toMatch(/\nchecks:\n {2}stream\/event-stream-content-type +A streamed answer has Content-Type text\/event-stream\n$/);
  });

  it('names the scenarios that exercise a row, and every verdict part with its scope', async () => {
    const run = await runCli(['explain', 'REQ-MOT-01']);
    expect(run.stdout).toContain('verdicts: warn (`completed` under a small cap); fail (incomplete item not last, or response not `incomplete`); none (reason value)\n');
    expect(run.stdout).toMatch(/\nscenarios:\n {2}max-output-tokens +.*\n {2}max-output-tokens-stream /);
  });

  it('says why a row has no test', async () => {
    expect((await runCli(['explain', 'HTTP-20'])).stdout).toMatch(/\nnot observable: the 60-minute limit needs a connection held for an hour.*\n$/);
    expect((await runCli(['explain', 'HTTP-15'])).stdout).toMatch(/\nchecks:\n {2}websocket\/message-json +.*\nscenarios:\n {2}websocket-response /);
    expect((await runCli(['explain', 'RES-19'])).stdout).toMatch(/\npending: `metadata` is untyped in the response schema.*\n$/);
    const draft = await runCli(['explain', 'REQ-PR-01']);
    expect(draft.stdout).toContain('releases: none (draft text only; informational)\n');
    expect(draft.stdout).toMatch(/\nnever a finding: the row is graded none only\n$/);
  });

  it('refuses an unknown id with exit 2, one line and the nearest ids', async () => {
    const run = await runCli(['explain', 'HTTP-8']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('open-responses-check: unknown requirement "HTTP-8"; did you mean HTTP-08, HTTP-18 or HTTP-01?\n');
  });
});

describe('list --requirements', () => {
  it('prints a line per row and the totals', async () => {
    const run = await runCli(['list', '--requirements']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(250 + 2);
    expect(lines).toContain('HTTP-08      fail            checks: stream/event-stream-content-type');
    expect(lines).toContain('HTTP-03      none            never a finding');
    expect(lines.find((line) => line.startsWith('HTTP-16 '))).toBe('HTTP-16      fail            checks: websocket/error-envelope; scenarios: websocket-malformed-message, websocket-unknown-message-type');
    expect(lines.find((line) => line.startsWith('HTTP-20 '))).toMatch(/ not observable: the 60-minute limit/);
    expect(lines.at(-1)).toMatch(/^totals: \d+ claimed by a check or scenario \/ 200 with fail or warn \/ 250 rows \(\d+ by a check, \d+ by a scenario; 3 not observable, \d+ pending\)$/);
  });

  it('prints the same as JSON with --json', async () => {
    const run = await runCli(['list', '--requirements', '--json']);
    const parsed = JSON.parse(run.stdout) as { rows: { id: string; checks: string[]; scenarios: string[]; notObservable?: string; pending?: string }[]; totals: Record<string, number> };
    expect(parsed.rows).toHaveLength(250);
    expect(parsed.rows.find((row) => row.id === 'REQ-TC-02')).toEqual({
      id: 'REQ-TC-02',
      verdicts: [{ verdict: 'fail' }],
      checks: ['response/tool-choice'],
      scenarios: ['function-call', 'function-call-stream', 'function-call-round-trip-inline'],
    });
    const text = (await runCli(['list', '--requirements'])).stdout;
    const { totals } = parsed;
    expect(text).toContain(`totals: ${totals.claimed} claimed by a check or scenario / ${totals.graded} with fail or warn / ${totals.rows} rows`);
    expect(totals.claimed + totals.notObservable + totals.pending).toBe(totals.graded);
  });
});
