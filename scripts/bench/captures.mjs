// The bodies the bench feeds the CLI: a conforming text stream with N deltas, a JSON response
// whose one text is very large, and an endless delta stream for the hostile server. Each is a
// generator of string chunks, so a file or a socket receives it without it ever being whole in memory.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

const WORD = 'token ';
/** SSE messages (or text bytes) per chunk: about 50 KB, small enough to keep memory flat. */
const MESSAGES_PER_CHUNK = 256;
const TEXT_CHUNK = WORD.repeat(100_000);

function response(status, output, outputTokens) {
  const completed = status === 'completed';
  return {
    id: 'resp_bench', object: 'response', created_at: 1, completed_at: completed ? 2 : null, status,
    incomplete_details: null, model: 'reference-model', previous_response_id: null, instructions: null, output, error: null,
    tools: [], tool_choice: 'auto', truncation: 'disabled', parallel_tool_calls: true, text: { format: { type: 'text' } },
    top_p: 1, presence_penalty: 0, frequency_penalty: 0, top_logprobs: 0, temperature: 1, reasoning: null,
    usage: completed ? { input_tokens: 1, output_tokens: outputTokens, total_tokens: outputTokens + 1, input_tokens_details: { cached_tokens: 0 }, output_tokens_details: { reasoning_tokens: 0 } } : null,
    max_output_tokens: null, max_tool_calls: null, store: true, background: false, service_tier: 'default', metadata: {},
    safety_identifier: null, prompt_cache_key: null,
  };
}
const part = (text) => ({ type: 'output_text', text, annotations: [], logprobs: [] });
const message = (status, content) => ({ type: 'message', id: 'msg_1', status, role: 'assistant', content });
const sse = (event) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
const delta = (sequence) =>
  `event: response.output_text.delta\ndata: {"type":"response.output_text.delta","sequence_number":${sequence},"item_id":"msg_1","output_index":0,"content_index":0,"delta":"${WORD}","logprobs":[]}\n\n`;

/** The events before the first delta; the stream's sequence numbers go on from its length. */
const OPENING = [
  { type: 'response.created', sequence_number: 0, response: response('in_progress', []) },
  { type: 'response.in_progress', sequence_number: 1, response: response('in_progress', []) },
  { type: 'response.output_item.added', sequence_number: 2, output_index: 0, item: message('in_progress', []) },
  { type: 'response.content_part.added', sequence_number: 3, item_id: 'msg_1', output_index: 0, content_index: 0, part: part('') },
];

/** `count` deltas numbered from `first`, in chunks (forever when count is Infinity). */
function* deltas(first, count) {
  for (let sent = 0; sent < count; ) {
    const size = Math.min(MESSAGES_PER_CHUNK, count - sent);
    let chunk = '';
    for (let i = 0; i < size; i++) chunk += delta(first + sent + i);
    sent += size;
    yield chunk;
  }
}

/** A conforming text stream: `count` deltas of one word, then the done events and `[DONE]`; count + 9 messages. */
export function* textStream(count) {
  yield OPENING.map(sse).join('');
  yield* deltas(OPENING.length, count);
  const text = WORD.repeat(count);
  const done = message('completed', [part(text)]);
  let sequence = OPENING.length + count;
  yield [
    { type: 'response.output_text.done', sequence_number: sequence++, item_id: 'msg_1', output_index: 0, content_index: 0, text, logprobs: [] },
    { type: 'response.content_part.done', sequence_number: sequence++, item_id: 'msg_1', output_index: 0, content_index: 0, part: part(text) },
    { type: 'response.output_item.done', sequence_number: sequence++, output_index: 0, item: done },
    { type: 'response.completed', sequence_number: sequence++, response: response('completed', [done], count) },
  ].map(sse).join('') + 'data: [DONE]\n\n';
}

/** The events (JSON messages, `[DONE]` left out) of textStream(count). */
export const textStreamEvents = (count) => count + OPENING.length + 4;

/** A stream that opens like textStream and then sends deltas until the reader goes away. */
export function* endlessStream() {
  yield OPENING.map(sse).join('');
  yield* deltas(OPENING.length, Infinity);
}

/** A completed JSON response whose one text is about `bytes` long (whole words). */
export function* largeJson(bytes) {
  const words = Math.ceil(bytes / WORD.length);
  const [head, tail] = JSON.stringify(response('completed', [message('completed', [part('\u0000')])], words)).split('\\u0000');
  yield head;
  for (let left = words * WORD.length; left > 0; left -= TEXT_CHUNK.length) yield left >= TEXT_CHUNK.length ? TEXT_CHUNK : TEXT_CHUNK.slice(0, left);
  yield tail;
}

/**
 * Writes the chunks to a writable, waiting whenever its buffer is full. Stops early, without an
 * error, when the writable is closed (a client that hung up); says whether it got to the end.
 */
export async function pump(chunks, writable) {
  // A write error ends the writing as a close does; the writable's owner hears the error itself.
  const closed = once(writable, 'close').then(() => false, () => false);
  for (const chunk of chunks) {
    if (writable.destroyed) return false;
    if (!writable.write(chunk) && !(await Promise.race([once(writable, 'drain').then(() => true, () => false), closed]))) return false;
  }
  return true;
}

/** Writes the chunks into a file. */
export async function writeCapture(path, chunks) {
  const file = createWriteStream(path);
  await pump(chunks, file);
  file.end();
  await once(file, 'close');
}
