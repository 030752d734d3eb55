import type { ScenarioRecord } from '../record.js';
import { TINY_PNG_DATA_URL, userMessage, userMessageWithParts } from '../inputs.js';

/** A small text file, inline as base64, so file scenarios need no network. */
const NOTES_FILE_BASE64 = Buffer.from('Meeting notes: the launch moves to Thursday. Owner: Ada.\n', 'utf8').toString('base64');

function answer(requirement: string, purpose: string) {
  return { status: 'completed', requirement, purpose } as const;
}

/** Every kind of input the spec defines: roles, instructions, parts, images, files, history. */
export const inputRecords: readonly ScenarioRecord[] = [
  {
    id: 'system-message',
    title: 'Message-array input with a system message',
    tags: ['messages'],
    requirements: ['HTTP-02', 'REQ-V-08'],
    steps: [
      {
        body: { input: [{ type: 'message', role: 'system', content: 'You are a terse assistant. Answer in one sentence.' }, userMessage('What is the capital of France?')] },
        outcome: answer('HTTP-02', 'an answer to message-array input with a system message'),
      },
    ],
  },
  {
    id: 'developer-message',
    title: 'Message-array input with a developer message and input_text parts',
    tags: ['messages'],
    requirements: ['HTTP-02', 'REQ-V-08', 'CNT-01'],
    forms: ['json', 'stream'],
    steps: [
      {
        body: {
          input: [
            { type: 'message', role: 'developer', content: [{ type: 'input_text', text: 'Answer in French.' }] },
            { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Say good morning.' }] },
          ],
        },
        outcome: answer('HTTP-02', 'an answer to a developer message with input_text parts'),
      },
    ],
  },
  {
    id: 'instructions',
    title: 'instructions beside the input, echoed in the response',
    tags: ['messages', 'echo'],
    requirements: ['REQ-F-22', 'REQ-ECHO-01'],
    steps: [
      {
        body: { instructions: 'Answer like a pirate, in one sentence.', input: 'Where is the treasure?' },
        outcome: answer('REQ-F-22', 'an answer under instructions'),
        expect: [{ kind: 'echo', fields: ['instructions'] }],
      },
    ],
  },
  {
    id: 'multi-turn-inline',
    title: 'Multi-turn history inline: user, assistant, user',
    tags: ['messages', 'multi-turn'],
    requirements: ['HTTP-02', 'REQ-V-08'],
    forms: ['json', 'stream'],
    steps: [
      {
        body: {
          input: [
            userMessage('My name is Ada. Please remember it.'),
            { type: 'message', role: 'assistant', content: 'Nice to meet you, Ada.' },
            userMessage('What is my name?'),
          ],
        },
        outcome: answer('HTTP-02', 'an answer to an inline multi-turn history'),
        expect: [{ kind: 'output_text_contains', text: 'Ada', requirement: 'REQ-IN-01', verdict: 'warn' }],
      },
    ],
  },
  {
    id: 'assistant-phase',
    title: 'An assistant message in the history with phase "final_answer"',
    tags: ['messages', 'multi-turn'],
    requirements: ['ITEM-T-01'],
    specVersions: ['2026-04-24'],
    steps: [
      {
        body: {
          input: [
            userMessage('Name a primary colour.'),
            { type: 'message', role: 'assistant', phase: 'final_answer', content: [{ type: 'output_text', text: 'Red.' }] },
            userMessage('Name another one.'),
          ],
        },
        outcome: answer('ITEM-T-01', 'an answer to a history with an assistant phase'),
      },
    ],
  },
  {
    id: 'image-input-data-url',
    title: 'An input_image given as a data URL',
    tags: ['messages'],
    capability: 'image_input',
    requirements: ['CNT-07'],
    steps: [
      {
        body: {
          input: [
            userMessageWithParts('What colour is this image? Answer in one word.', { type: 'input_image', image_url: TINY_PNG_DATA_URL, detail: 'low' }),
          ],
        },
        outcome: answer('CNT-07', 'an answer about an inline image'),
      },
    ],
  },
  {
    id: 'image-input-url',
    title: 'An input_image given as an https URL',
    tags: ['messages'],
    capability: 'image_input',
    requirements: ['CNT-07'],
    steps: [
      {
        body: {
          input: [
            userMessageWithParts('Describe this image in one sentence.', { type: 'input_image', image_url: 'https://upload.wikimedia.org/wikipedia/commons/4/47/PNG_transparency_demonstration_1.png', detail: 'auto' }),
          ],
        },
        outcome: answer('CNT-07', 'an answer about an image at a URL'),
      },
    ],
  },
  {
    id: 'file-input',
    title: 'An input_file given as base64 file_data with a filename',
    tags: ['messages'],
    capability: 'file_input',
    requirements: ['CNT-08'],
    steps: [
      {
        body: {
          input: [
            userMessageWithParts('What is the name of the attached file, and when does the launch happen according to it?', { type: 'input_file', filename: 'notes.txt', file_data: `data:text/plain;base64,${NOTES_FILE_BASE64}` }),
          ],
        },
        outcome: answer('CNT-08', 'an answer about an attached file'),
        expect: [{ kind: 'output_text_contains', text: 'notes.txt', requirement: 'CNT-08', verdict: 'warn' }],
      },
    ],
  },
];
