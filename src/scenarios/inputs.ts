/** Request fragments shared by several scenarios. */

/** A 1x1 PNG, inline, so image scenarios need no network. */
export const TINY_PNG_DATA_URL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

export const WEATHER_TOOL = {
  type: 'function',
  name: 'get_weather',
  description: 'Get the current weather for a city.',
  parameters: {
    type: 'object',
    properties: {
      location: { type: 'string', description: 'City name, e.g. Paris' },
      unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
    },
    required: ['location', 'unit'],
    additionalProperties: false,
  },
  strict: true,
} as const;

export const TIME_TOOL = {
  type: 'function',
  name: 'get_time',
  description: 'Get the current local time in a city.',
  parameters: {
    type: 'object',
    properties: { city: { type: 'string', description: 'City name, e.g. Tokyo' } },
    required: ['city'],
    additionalProperties: false,
  },
  strict: true,
} as const;

/** A prompt that needs far more than 16 tokens to answer. */
export const LONG_ANSWER_PROMPT = 'Write a detailed, five-paragraph essay about the history of the printing press, its inventors, and its effect on science and religion.';

export function userMessage(text: string): { type: 'message'; role: 'user'; content: string } {
  return { type: 'message', role: 'user', content: text };
}

/** A user message of an `input_text` part followed by other parts (an image, a file). */
export function userMessageWithParts(text: string, ...parts: { readonly [key: string]: string }[]) {
  return { type: 'message', role: 'user', content: [{ type: 'input_text', text }, ...parts] } as const;
}

/** The first `function_call` item of a response, if any. */
export function firstFunctionCall(response: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  const output = response?.output;
  if (!Array.isArray(output)) return undefined;
  return output.find((item): item is Record<string, unknown> => typeof item === 'object' && item !== null && item.type === 'function_call');
}
