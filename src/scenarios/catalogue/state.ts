import type { ScenarioRecord } from '../record.js';
import { userMessage } from '../inputs.js';

/** Conversation state: previous_response_id carries input and output; store is honoured. */
export const stateRecords: readonly ScenarioRecord[] = [
  {
    id: 'previous-response-recall',
    title: 'previous_response_id: a code word from turn 1 recalled in turn 2',
    tags: ['multi-turn'],
    requirements: ['REQ-PR-02', 'REQ-PR-04', 'REQ-ECHO-03'],
    forms: ['json', 'stream'],
    steps: [
      {
        name: 'turn-1',
        body: { input: [userMessage('Remember this code word: marmalade. Reply only with "OK".')], store: true },
        outcome: { status: 'completed', requirement: 'REQ-PR-02', purpose: 'a first turn to continue from' },
      },
      {
        name: 'turn-2',
        body: { previous_response_id: { $ref: 'turn-1.id' }, input: [userMessage('What was the code word? Answer with the word only.')] },
        outcome: { status: 'completed', requirement: 'REQ-PR-02', purpose: 'a turn that continues from previous_response_id' },
        expect: [{ kind: 'output_text_contains', text: 'marmalade' }],
      },
    ],
  },
  {
    id: 'store-false',
    title: 'store false: the answer is given and store comes back false',
    tags: ['echo'],
    capability: 'store',
    requirements: ['REQ-F-23', 'REQ-ECHO-01'],
    steps: [
      {
        body: { input: 'Say hello.', store: false },
        outcome: { status: 'completed', requirement: 'REQ-F-23', purpose: 'an unstored answer' },
        expect: [{ kind: 'echo', fields: ['store'] }],
      },
    ],
  },
  {
    id: 'background-stream',
    title: 'background true, streamed: the response runs to completion over the stream',
    capability: 'background',
    requirements: ['REQ-F-15', 'SSE-O-02'],
    forms: ['stream'],
    steps: [
      {
        body: { input: 'Say hello.', background: true },
        outcome: { status: 'completed', requirement: 'REQ-F-15', purpose: 'a background response streamed to its end' },
        expect: [{ kind: 'echo', fields: ['background'] }],
      },
    ],
  },
];
