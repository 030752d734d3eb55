import type { ScenarioRecord } from '../record.js';
import { userMessage } from '../inputs.js';

const COMPACT_PATH = '/responses/compact';
const LATEST = '2026-04-24';

/** A short conversation to compact, with a fact the new chain must still know. */
const CONVERSATION = [
  userMessage('Remember this code word: slate. Reply only with "OK".'),
  { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'OK' }] },
  userMessage('Thanks. We will talk again later.'),
];

/** `POST /responses/compact`, an optional endpoint of the 2026-04-24 release. */
export const compactionRecords: readonly ScenarioRecord[] = [
  {
    id: 'compact',
    title: 'POST /responses/compact answers a CompactResource',
    capability: 'compact',
    specVersions: [LATEST],
    requirements: ['END-02', 'USG-02'],
    steps: [{ path: COMPACT_PATH, body: { input: CONVERSATION, prompt_cache_key: 'open-responses-check-compact' } }],
  },
  {
    id: 'compact-new-chain',
    title: 'The compacted output starts a new chain (no previous_response_id) that still knows the code word',
    tags: ['multi-turn'],
    capability: 'compact',
    specVersions: [LATEST],
    requirements: ['END-07', 'REQ-V-11'],
    steps: [
      { name: 'compact', path: COMPACT_PATH, body: { input: CONVERSATION } },
      {
        name: 'continue',
        body: { input: [{ $splice: 'compact.output' }, userMessage('What was the code word? Answer with the word only.')] },
        outcome: { status: 'completed', requirement: 'END-07', purpose: 'a new chain from a compacted window' },
        expect: [{ kind: 'output_text_contains', text: 'slate', requirement: 'END-07' }],
      },
    ],
  },
  {
    id: 'error-compact-missing-model',
    title: 'POST /responses/compact without the required model is refused with a 4xx error object',
    tags: ['error-path'],
    capability: 'compact',
    specVersions: [LATEST],
    requirements: ['END-02'],
    steps: [{ path: COMPACT_PATH, body: { input: CONVERSATION }, omit: ['model'], reject: { requirement: 'END-02', what: 'no model (CompactResponseMethodPublicBody requires it)' } }],
  },
];
