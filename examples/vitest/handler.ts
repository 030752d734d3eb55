/**
 * A provider's `POST /v1/responses` handler, as a fetch-style function (the shape of Hono, Next.js
 * route handlers, Cloudflare Workers…): a toy "echo" model that answers with the user's words.
 * handler.test.ts checks its answers with open-responses-check's matchers, without a network.
 */

interface CreateRequest {
  model?: string;
  input?: string;
  stream?: boolean;
  instructions?: string | null;
  metadata?: Record<string, string>;
}

let counter = 0;
const nextId = (prefix: string) => `${prefix}_${String(++counter).padStart(8, '0')}`;

/** What this provider answers for every parameter it does not take from the request. */
const SETTINGS = {
  previous_response_id: null, incomplete_details: null, error: null, tools: [], tool_choice: 'auto', truncation: 'disabled',
  parallel_tool_calls: true, text: { format: { type: 'text' } }, top_p: 1, presence_penalty: 0, frequency_penalty: 0,
  top_logprobs: 0, temperature: 1, reasoning: null, max_output_tokens: null, max_tool_calls: null, store: false,
  background: false, service_tier: 'default', safety_identifier: null, prompt_cache_key: null,
};

/** The whole ResponseResource: every field is required, and the request's values are echoed. */
function responseObject(request: CreateRequest, id: string, createdAt: number, output: object[], done: boolean): Record<string, unknown> {
  const usage = { input_tokens: 1, output_tokens: 2, total_tokens: 3, input_tokens_details: { cached_tokens: 0 }, output_tokens_details: { reasoning_tokens: 0 } };
  return {
    ...SETTINGS,
    id,
    object: 'response',
    created_at: createdAt,
    completed_at: done ? Math.floor(Date.now() / 1000) : null,
    status: done ? 'completed' : 'in_progress',
    model: request.model ?? 'echo-1',
    instructions: request.instructions ?? null,
    metadata: request.metadata ?? {},
    output,
    usage: done ? usage : null,
  };
}

/** The semantic events of one assistant message streamed word by word, numbered in order. */
function streamEvents(request: CreateRequest, words: string[]): object[] {
  const id = nextId('resp');
  const createdAt = Math.floor(Date.now() / 1000);
  const itemId = nextId('msg');
  const text = words.join('');
  const part = { type: 'output_text', text, annotations: [], logprobs: [] };
  const item = { type: 'message', id: itemId, status: 'completed', role: 'assistant', content: [part] };
  const at = { item_id: itemId, output_index: 0, content_index: 0 };
  const events: object[] = [
    { type: 'response.created', response: responseObject(request, id, createdAt, [], false) },
    { type: 'response.in_progress', response: responseObject(request, id, createdAt, [], false) },
    { type: 'response.output_item.added', output_index: 0, item: { ...item, status: 'in_progress', content: [] } },
    { type: 'response.content_part.added', ...at, part: { ...part, text: '' } },
    ...words.map((delta) => ({ type: 'response.output_text.delta', ...at, delta, logprobs: [] })),
    { type: 'response.output_text.done', ...at, text, logprobs: [] },
    { type: 'response.content_part.done', ...at, part },
    { type: 'response.output_item.done', output_index: 0, item },
    { type: 'response.completed', response: responseObject(request, id, createdAt, [item], true) },
  ];
  return events.map((event, sequence_number) => ({ ...event, sequence_number }));
}

/** SSE framing: `event:` and `data:` per event, a blank line after each, then `data: [DONE]`. */
function sse(events: object[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const event of events) {
        controller.enqueue(encoder.encode(`event: ${(event as { type: string }).type}\ndata: ${JSON.stringify(event)}\n\n`));
      }
      controller.enqueue(encoder.encode('data: [DONE]\n\n'));
      controller.close();
    },
  });
}

export async function handleResponses(httpRequest: Request): Promise<Response> {
  const request = (await httpRequest.json()) as CreateRequest;
  const words = `You said: ${request.input ?? ''}`.split(/(?= )/);
  if (request.stream === true) {
    return new Response(sse(streamEvents(request, words)), { headers: { 'content-type': 'text/event-stream' } });
  }
  const done = streamEvents(request, words).at(-1) as { response: Record<string, unknown> };
  return Response.json(done.response);
}
