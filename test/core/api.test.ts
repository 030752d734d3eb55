import { describe, expect, it } from 'vitest';
import { ConfigurationError, createCaptureValidator, runConformance, startReferenceServer, type RunEvent, type ScenarioResult } from '../../src/core/index.js';
import { validResponse } from '../helpers/responses.js';

const KEY = 'library-key-0123456789';

describe('the library entry point', () => {
  it('runs the suite from a caller, emitting the run as typed events free of the key', async () => {
    const server = await startReferenceServer({ apiKey: KEY });
    try {
      const events: RunEvent[] = [];
      const run = await runConformance({ baseUrl: server.url, model: 'reference-model', apiKey: KEY, only: ['text-input', 'text-input-stream'], onEvent: (e) => events.push(e) });
      expect(run.summary).toMatchObject({ scenarios: 2, passed: 2, failed: 0 });
      const types = events.map((e) => e.type);
      expect(types[0]).toBe('run-started');
      expect(types.at(-1)).toBe('run-finished');
      expect(types.filter((t) => t === 'scenario-started')).toHaveLength(2);
      expect(types.filter((t) => t === 'step-sent')).toHaveLength(2);
      expect(types.filter((t) => t === 'scenario-finished')).toHaveLength(2);
      expect(JSON.stringify(events)).not.toContain(KEY);
    } finally {
      await server.close();
    }
  });

  it('announces each finding of a failing scenario', async () => {
    const server = await startReferenceServer({ fault: 'no-done-sentinel' });
    try {
      const events: RunEvent[] = [];
      const run = await runConformance({ baseUrl: server.url, model: 'reference-model', only: ['text-input-stream'], onEvent: (e) => events.push(e) });
      expect(run.summary.failed).toBe(1);
      const findings = events.flatMap((e) => (e.type === 'finding' ? [e] : []));
      expect(findings.map((e) => e.finding.checkId)).toContain('stream/done-sentinel');
      expect(findings.every((e) => e.scenario === 'text-input-stream')).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('throws a ConfigurationError and sends nothing for a bad option', async () => {
    await expect(runConformance({ baseUrl: 'not a url', model: 'm' })).rejects.toBeInstanceOf(ConfigurationError);
    await expect(runConformance({ baseUrl: 'http://127.0.0.1:9/v1', model: 'm', only: ['no-such-scenario'] })).rejects.toThrow(/unknown scenario id or tag "no-such-scenario"/);
    await expect(runConformance({ baseUrl: 'http://127.0.0.1:9/v1', model: 'm', timeoutMs: -1 })).rejects.toThrow(/timeout must be a positive whole number/);
    await expect(runConformance({ baseUrl: 'http://127.0.0.1:9/v1', model: 'm', headers: { 'x-a': 'b\nc' } })).rejects.toBeInstanceOf(ConfigurationError);
    await expect(runConformance({ baseUrl: 'http://127.0.0.1:9/v1', model: 'm', pacing: { lateFraction: 1.5 } })).rejects.toThrow('bufferedLateFraction must be a number above 0 and at most 1, got 1.5');
    await expect(runConformance({ baseUrl: 'http://127.0.0.1:9/v1', model: 'm', pacing: { minDeltas: 0 } })).rejects.toThrow('bufferedMinDeltas must be a positive whole number, got 0');
    await expect(runConformance({ baseUrl: 'http://127.0.0.1:9/v1', model: 'm', pacing: { burstWindowMs: -1 } })).rejects.toThrow('bufferedBurstWindow must be a whole number of 0 or more, got -1');
  });

  it('validates captures offline with one compiled spec', async () => {
    const validator = createCaptureValidator();
    const bad = await validator.validate({ name: 'bad.json', body: '{"object":"response"}' });
    expect(bad.status).toBe('failed');
    const run = validator.finish();
    expect(run.scenarios.map((s) => s.id)).toEqual(['bad.json']);
    expect(run.specVersion).toBe(validator.specVersion);
  });

  it('judges a capture by the request it answered, when given: the rules that compare with it run', async () => {
    const validator = createCaptureValidator();
    const body = JSON.stringify(validResponse({ instructions: null, previous_response_id: 'resp_0' }));
    const status = (result: ScenarioResult, id: string) => result.checks.find((c) => c.id === id)?.status;
    const bare = await validator.validate({ name: 'bare.json', body });
    expect([status(bare, 'response/previous-response-id-echo'), status(bare, 'scenario/echo')]).toEqual(['skipped', undefined]);
    const judged = await validator.validate({ name: 'judged.json', body, request: { model: 'm', input: 'hi', instructions: 'Be brief.' } });
    expect([status(judged, 'response/previous-response-id-echo'), status(judged, 'scenario/echo')]).toEqual(['failed', 'warning']);
    expect(judged.checks.find((c) => c.id === 'scenario/echo')?.findings.map((f) => [f.requirement, f.location?.path])).toEqual([['REQ-ECHO-01', '/instructions']]);
  });

  it('leaves a json_schema text.format out of the echo comparison, whose schema the response types as null (Z-15)', async () => {
    const validator = createCaptureValidator();
    const format = { type: 'json_schema', name: 'city', description: null, schema: null, strict: true };
    const body = JSON.stringify(validResponse({ text: { format } }));
    const request = { model: 'm', input: 'hi', temperature: 1, text: { format: { ...format, schema: { type: 'object' } } } };
    const result = await validator.validate({ name: 'schema.json', body, request });
    const echo = result.checks.find((c) => c.id === 'scenario/echo');
    expect(echo).toMatchObject({ status: 'passed', title: 'The response echoes temperature as sent' });
  });
});
