import { isRecord } from '../../protocol/json.js';
import { describeValue, truncate } from '../../spec/values.js';
import { finding } from '../finding.js';
import type { ResponseCheck, Verdict } from '../types.js';

/**
 * What a scenario expects of an answer beyond its status, in the words of the scenario file
 * format (`expect:` of a step). Each kind names the catalogue row it judges and its verdict.
 */
export type Expectation =
  /**
   * The assistant's text contains `text` (case-insensitive): the context the scenario gave (a code
   * word, a file) reached the model, so `requirement` was exercised (REQ-PR-04 by default, warn: a
   * tool verdict, like the outcome's, since a model may word its answer otherwise).
   */
  | { kind: 'output_text_contains'; text: string; requirement?: string; verdict?: Verdict }
  /** The assistant's text is JSON that fits the `text.format` json_schema the request sent (REQ-TXT-01). */
  | { kind: 'output_text_json_schema' }
  /** Each named request field comes back with the value sent (REQ-ECHO-01). */
  | { kind: 'echo'; fields: string[] }
  /**
   * The output holds an item of this type (e.g. `reasoning`): without it the rows of `requirement`
   * could not be exercised, which the step grades `verdict` (a tool verdict, like the outcome's).
   */
  | { kind: 'item_present'; type: string; requirement: string; verdict?: Verdict }
  /** Every `output_text` part carries `logprobs` (REQ-IC-02). */
  | { kind: 'logprobs' }
  /** Every reasoning item carries `encrypted_content` (REQ-IC-01). */
  | { kind: 'encrypted_content' };

export const EXPECTATION_KINDS = ['output_text_contains', 'output_text_json_schema', 'echo', 'item_present', 'logprobs', 'encrypted_content'] as const;

const META = { kind: 'response', section: 'Scenario expectations' } as const;

/** The check that judges one expectation of a step. */
export function expectationCheck(expectation: Expectation): ResponseCheck {
  switch (expectation.kind) {
    case 'output_text_contains':
      return outputTextContains(expectation.text, expectation.requirement ?? 'REQ-PR-04', expectation.verdict ?? 'warn');
    case 'output_text_json_schema':
      return outputTextJsonSchema;
    case 'echo':
      return echoedFields(expectation.fields);
    case 'item_present':
      return itemPresent(expectation.type, expectation.requirement, expectation.verdict ?? 'fail');
    case 'logprobs':
      return logprobsPresent;
    case 'encrypted_content':
      return encryptedContentPresent;
  }
}

/** The `output_text` parts of the assistant messages, with their JSON pointers. */
function outputTextParts(response: Record<string, unknown>): { part: Record<string, unknown>; path: string }[] {
  const output = Array.isArray(response.output) ? response.output : [];
  return output.flatMap((item, i) => {
    if (!isRecord(item) || item.type !== 'message' || !Array.isArray(item.content)) return [];
    return item.content.flatMap((part, j) => (isRecord(part) && part.type === 'output_text' ? [{ part, path: `/output/${i}/content/${j}` }] : []));
  });
}

/** The text of each `output_text` part. */
function outputTexts(response: Record<string, unknown>): { text: string; path: string }[] {
  return outputTextParts(response).flatMap(({ part, path }) => (typeof part.text === 'string' ? [{ text: part.text, path }] : []));
}

/**
 * Only a completed answer is judged on its content; another status is the outcome check's
 * business. A CompactResource has no status at all: it is judged whenever it answered.
 */
function completed(response: Record<string, unknown>): boolean {
  return response.status === 'completed' || (response.status === undefined && response.object === 'response.compaction');
}

function outputTextContains(text: string, requirement: string, verdict: Verdict): ResponseCheck {
  const check: ResponseCheck = {
    ...META,
    id: 'scenario/output-text-contains',
    requirement,
    severity: 'TOOL',
    title: `The answer's text contains "${text}"`,
    check({ response }) {
      if (!completed(response)) return [];
      const texts = outputTexts(response);
      const joined = texts.map((t) => t.text).join('\n');
      if (joined.toLowerCase().includes(text.toLowerCase())) return [];
      return [
        finding(check, verdict, `The answer does not contain "${text}", which the scenario's earlier context gave the model.`, {
          expected: `output text containing "${text}"`,
          actual: texts.length === 0 ? 'no output_text part' : describeValue(joined),
          location: { path: texts[0]?.path ?? '/output' },
        }),
      ];
    },
  };
  return check;
}

const outputTextJsonSchema: ResponseCheck = {
  ...META,
  id: 'scenario/output-text-json-schema',
  requirement: 'REQ-TXT-01',
  severity: 'IMPLIED',
  title: 'The output text is JSON that fits the json_schema the request sent',
  notJudged({ request }) {
    return requestedSchema(request?.body) === undefined ? 'not judged: the request sent no text.format json_schema' : undefined;
  },
  check({ request, response }, ctx) {
    const schema = requestedSchema(request?.body);
    if (schema === undefined || !completed(response)) return [];
    const texts = outputTexts(response);
    if (texts.length === 0) {
      // A refusal part instead of output_text is allowed (REQ-TXT-01).
      return [];
    }
    return texts.flatMap(({ text, path }) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (error) {
        return [
          finding(outputTextJsonSchema, 'fail', 'The output text under a json_schema text format is not JSON.', {
            expected: 'JSON text',
            actual: `${describeValue(text)} (${(error as Error).message})`,
            location: { path: `${path}/text` },
          }),
        ];
      }
      const issues = ctx.schemas.validateAgainst(schema, parsed);
      if (issues === undefined || issues.length === 0) return [];
      return [
        finding(outputTextJsonSchema, 'fail', `The output text does not fit the json_schema the request sent: ${issues[0].message}.`, {
          expected: issues[0].expected,
          actual: issues[0].actual,
          location: { path: `${path}/text` },
          excerpt: truncate(text, 200),
        }),
      ];
    });
  },
};

/** The schema of a `text.format` of type `json_schema` in a request body. */
function requestedSchema(body: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  const text = body?.text;
  const format = isRecord(text) ? text.format : undefined;
  if (!isRecord(format) || format.type !== 'json_schema' || !isRecord(format.schema)) return undefined;
  return format.schema;
}

/** Fields a server may legitimately rewrite to a resolved value (REQ-ECHO-01). */
const REWRITABLE = new Set(['model', 'service_tier']);

function echoedFields(fields: readonly string[]): ResponseCheck {
  const check: ResponseCheck = {
    ...META,
    id: 'scenario/echo',
    requirement: 'REQ-ECHO-01',
    severity: 'IMPLIED',
    title: `The response echoes ${fields.join(', ')} as sent`,
    notJudged({ request }) {
      return request === undefined ? 'not judged: no request is known' : undefined;
    },
    check({ request, response }) {
      if (request === undefined) return [];
      return fields.flatMap((field) => {
        if (!(field in request.body) || REWRITABLE.has(field)) return [];
        const sent = request.body[field];
        const echoed = response[field];
        if (echoes(sent, echoed)) return [];
        return [
          finding(check, 'warn', `The response's "${field}" is not the value the request sent.`, {
            expected: describeValue(sent),
            actual: field in response ? describeValue(echoed) : 'absent',
            location: { path: `/${field}` },
          }),
        ];
      });
    },
  };
  return check;
}

/**
 * Whether `echoed` reports the value `sent`: equal, where an object or array sent may come back
 * with fields the server filled in (the defaults of a tool, of `reasoning`).
 */
export function echoes(sent: unknown, echoed: unknown): boolean {
  if (Array.isArray(sent)) {
    return Array.isArray(echoed) && echoed.length === sent.length && sent.every((value, i) => echoes(value, echoed[i]));
  }
  if (isRecord(sent)) {
    return isRecord(echoed) && Object.entries(sent).every(([key, value]) => value === null ? echoed[key] == null : echoes(value, echoed[key]));
  }
  return sent === echoed;
}

function itemPresent(type: string, requirement: string, verdict: Verdict): ResponseCheck {
  const check: ResponseCheck = {
    ...META,
    id: 'scenario/item-present',
    requirement,
    severity: 'TOOL',
    title: `The output holds a ${type} item, so the scenario can exercise ${requirement}`,
    check({ response }) {
      if (!completed(response)) return [];
      const output = Array.isArray(response.output) ? response.output : [];
      if (output.some((item) => isRecord(item) && item.type === type)) return [];
      return [
        finding(check, verdict, `The completed response holds no ${type} item, so this scenario could not exercise ${requirement}.`, {
          expected: `an output item of type "${type}"`,
          actual: `item types ${describeValue(output.map((item) => (isRecord(item) ? item.type : item)))}`,
          location: { path: '/output' },
        }),
      ];
    },
  };
  return check;
}

const logprobsPresent: ResponseCheck = {
  ...META,
  id: 'scenario/logprobs',
  requirement: 'REQ-IC-02',
  severity: 'IMPLIED',
  title: 'include message.output_text.logprobs fills logprobs on output_text parts',
  check({ response }) {
    if (!completed(response)) return [];
    return outputTextParts(response).flatMap(({ part, path }) =>
      Array.isArray(part.logprobs) && part.logprobs.length > 0
        ? []
        : [
            finding(logprobsPresent, 'warn', 'An output_text part has no logprobs although the request included message.output_text.logprobs.', {
              expected: 'a non-empty logprobs array',
              actual: describeValue(part.logprobs),
              location: { path: `${path}/logprobs` },
            }),
          ],
    );
  },
};

const encryptedContentPresent: ResponseCheck = {
  ...META,
  id: 'scenario/encrypted-content',
  requirement: 'REQ-IC-01',
  severity: 'IMPLIED',
  title: 'include reasoning.encrypted_content puts encrypted_content on reasoning items',
  check({ response }) {
    if (!completed(response)) return [];
    const output = Array.isArray(response.output) ? response.output : [];
    return output.flatMap((item, i) =>
      isRecord(item) && item.type === 'reasoning' && (typeof item.encrypted_content !== 'string' || item.encrypted_content === '')
        ? [
            finding(encryptedContentPresent, 'warn', 'A reasoning item has no encrypted_content although the request included reasoning.encrypted_content.', {
              expected: 'a non-empty encrypted_content string',
              actual: describeValue(item.encrypted_content),
              location: { path: `/output/${i}/encrypted_content` },
            }),
          ]
        : [],
    );
  },
};
