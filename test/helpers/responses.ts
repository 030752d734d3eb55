/** A complete, valid ResponseResource. */
export function validResponse(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'resp_1', object: 'response', created_at: 1700000000, completed_at: 1700000001, status: 'completed',
    incomplete_details: null, model: 'm', previous_response_id: null, instructions: null,
    output: [{ type: 'message', id: 'msg_1', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'Hi there', annotations: [], logprobs: [] }] }],
    error: null, tools: [], tool_choice: 'auto', truncation: 'disabled', parallel_tool_calls: true,
    text: { format: { type: 'text' } }, top_p: 1, presence_penalty: 0, frequency_penalty: 0, top_logprobs: 0,
    temperature: 1, reasoning: null, usage: { input_tokens: 1, output_tokens: 2, total_tokens: 3, input_tokens_details: { cached_tokens: 0 }, output_tokens_details: { reasoning_tokens: 0 } },
    max_output_tokens: null, max_tool_calls: null, store: true, background: false, service_tier: 'default',
    metadata: {}, safety_identifier: null, prompt_cache_key: null,
    ...overrides,
  };
}
