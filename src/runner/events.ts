import type { Finding } from '../checks/types.js';
import type { RunResult, RunTarget, ScenarioResult } from './result.js';

/**
 * What a run tells its front ends as it happens: the console, the progress line, every file
 * reporter and a library caller consume this one stream. Every event is already free of secrets.
 */
export type RunEvent =
  | { type: 'run-started'; tool: { name: string; version: string }; specVersion: string; target: RunTarget; scenarios: { id: string; title: string; tags: string[] }[] }
  | { type: 'scenario-started'; scenario: { id: string; title: string } }
  | { type: 'step-sent'; scenario: string; step: string; method: string; path: string; stream: boolean }
  | { type: 'finding'; scenario: string; step?: string; finding: Finding }
  | { type: 'scenario-finished'; result: ScenarioResult }
  | { type: 'run-finished'; result: RunResult };
