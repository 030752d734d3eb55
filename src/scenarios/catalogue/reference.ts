import { FAILING_MODEL } from '../../fixtures/model-catalogue.js';
import type { ScenarioRecord } from '../record.js';

/**
 * Requests that only make sense against the reference server: its model that fails every request.
 * A failure during streaming cannot be provoked on a real server; the checks judge it whenever it
 * happens, and these records prove they do. Never sent to a target.
 */
export const referenceOnlyRecords: readonly ScenarioRecord[] = [
  {
    id: 'failing-model',
    title: 'The reference model that fails: an error event, then response.failed',
    referenceOnly: true,
    requirements: ['ERR-S-01', 'ERR-S-02'],
    forms: ['stream'],
    steps: [{ body: { model: FAILING_MODEL, input: 'Say hello.' }, outcome: { status: 'failed', requirement: 'ERR-S-02', purpose: 'the failure path' } }],
  },
  {
    id: 'background-json',
    title: 'background true without streaming: the reference server completes the response before it answers',
    referenceOnly: true,
    requirements: ['REQ-F-15'],
    steps: [{ body: { input: 'Say hello.', background: true }, outcome: 'completed' }],
  },
  {
    id: 'failing-model-json',
    title: 'The reference model that fails, without streaming: an error object',
    referenceOnly: true,
    requirements: ['ERR-01'],
    steps: [{ body: { model: FAILING_MODEL, input: 'Say hello.' }, outcome: 'error' }],
  },
];
