import type { ScenarioRecord } from '../record.js';
import { userMessage } from '../inputs.js';

const COMPACT_PATH = '/responses/compact';
const LATEST = '2026-04-24';

/**
 * A short conversation to compact. The code word is said only by the assistant, so the new chain
 * can recall it only from what compaction kept of the conversation, not from a kept user message.
 */
const CONVERSATION = [
  userMessage('Pick a one-word code name for our project and tell me.'),
  { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'The code name is slate.' }] },
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
    steps: [
      {
        path: COMPACT_PATH,
        body: { input: CONVERSATION, prompt_cache_key: 'open-responses-check-compact' },
        // The schema allows an output without a compaction item ("may include"), so its absence warns.
        expect: [{ kind: 'item_present', type: 'compaction', requirement: 'END-02', verdict: 'warn' }],
      },
    ],
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
        body: { input: [{ $splice: 'compact.output' }, userMessage('What was the code name? Answer with the word only.')] },
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
    requirements: ['END-02', 'REQ-F-01'],
    steps: [{ path: COMPACT_PATH, body: { input: CONVERSATION }, omit: ['model'], reject: { requirement: 'REQ-F-01', what: 'no model (CompactResponseMethodPublicBody requires it)' } }],
  },
];
