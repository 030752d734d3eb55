import type { ScenarioRecord } from '../record.js';
import { userMessage } from '../inputs.js';

const PUZZLE = 'A bat and a ball cost 1.10 in total. The bat costs 1.00 more than the ball. How much is the ball? Think it through.';

/** Reasoning items: summaries, their stream events, encrypted content sent back. */
export const reasoningRecords: readonly ScenarioRecord[] = [
  {
    id: 'reasoning-summary',
    title: 'reasoning with a summary: a well-formed reasoning item, its summary streamed with its own events',
    capability: 'reasoning',
    requirements: ['RSN-04', 'RSN-06', 'RSN-07', 'RES-13'],
    forms: ['json', 'stream'],
    steps: [
      {
        body: { input: [userMessage(PUZZLE)], reasoning: { effort: 'low', summary: 'detailed' } },
        outcome: { status: 'completed', requirement: 'RSN-04', purpose: 'an answer with reasoning' },
        expect: [{ kind: 'item_present', type: 'reasoning', requirement: 'RSN-04', verdict: 'warn' }, { kind: 'echo', fields: ['reasoning'] }],
      },
    ],
  },
  {
    id: 'reasoning-encrypted-round-trip',
    title: 'reasoning.encrypted_content included, then the reasoning item sent back in the next turn',
    tags: ['multi-turn'],
    capability: 'reasoning',
    requirements: ['RSN-05', 'REQ-IC-01'],
    steps: [
      {
        name: 'turn-1',
        body: { input: [userMessage(PUZZLE)], reasoning: { effort: 'low', summary: 'auto' }, include: ['reasoning.encrypted_content'] },
        outcome: { status: 'completed', requirement: 'RSN-05', purpose: 'a reasoning item to send back' },
        expect: [{ kind: 'item_present', type: 'reasoning', requirement: 'RSN-05', verdict: 'warn' }, { kind: 'encrypted_content' }],
      },
      {
        name: 'turn-2',
        body: {
          input: [userMessage(PUZZLE), { $splice: 'turn-1.output' }, userMessage('Now double your answer.')],
          reasoning: { effort: 'low', summary: 'auto' },
          include: ['reasoning.encrypted_content'],
        },
        outcome: { status: 'completed', requirement: 'RSN-05', purpose: 'a turn that takes the earlier reasoning item back' },
      },
    ],
  },
];
