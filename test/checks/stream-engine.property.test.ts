import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { responseRuleChecks } from '../../src/checks/response/rules.js';
import { sseStreamEngineChecks } from '../../src/checks/stream/engine.js';
import { eventSchema } from '../../src/checks/stream/event-schema.js';
import { finalResponse } from '../../src/checks/stream/final-response.js';
import type { Finding } from '../../src/checks/types.js';
import { runResponse, runStream, summarize } from './harness.js';
import { harmlessMutations, mutations, type Mutation, type StreamCase } from './mutations.js';
import {
  assignOutputIndexes,
  errorEvent,
  extensionEvent,
  functionCallEvents,
  interleave,
  messageEvents,
  numbered,
  reasoningEvents,
  render,
  responseSnapshot,
  urlCitation,
  wrapStream,
  type Ending,
  type EventObject,
  type PartSpec,
} from './stream-builder.js';
import { seeded } from '../helpers/fast-check-seed.js';

const allStreamChecks = [eventSchema, finalResponse, ...sseStreamEngineChecks];

/**
 * Cases per property, each from the shared seed (FC_SEED). A property whose fc.pre rejects too many
 * cases fails by itself (fast-check's maxSkipsPerRun), so every planned case runs.
 */
const CONFORMING_RUNS = 2000;
const RUNS_PER_MUTATION = 50;
const ROBUSTNESS_RUNS = 400;

// ---- Generators of conforming streams ----

const textChunk = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\n', '"', '\\', 'é', '😀', '<'), maxLength: 5 });
const deltas = (minLength = 0) => fc.array(textChunk, { minLength, maxLength: 4 });

const partSpec: fc.Arbitrary<PartSpec> = fc.oneof(
  fc.record({ kind: fc.constant('output_text' as const), deltas: deltas(), annotations: fc.array(fc.nat(9).map(urlCitation), { maxLength: 2 }) }),
  fc.record({ kind: fc.constant('refusal' as const), deltas: deltas() }),
);

type ItemDraft =
  | { kind: 'message'; parts: PartSpec[] }
  | { kind: 'function_call'; args: Record<string, unknown>; cuts: number[] }
  | { kind: 'reasoning'; summaries: string[][]; raw: string[] | undefined };

const messageDraft = (minParts = 0): fc.Arbitrary<ItemDraft> =>
  fc.record({ kind: fc.constant('message' as const), parts: fc.array(partSpec, { minLength: minParts, maxLength: 3 }) });
const functionCallDraft = (minCuts = 0): fc.Arbitrary<ItemDraft> =>
  fc.record({
    kind: fc.constant('function_call' as const),
    args: fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
    cuts: fc.array(fc.nat(), { minLength: minCuts, maxLength: 4 }),
  });
const reasoningDraft = (minSummaries = 0): fc.Arbitrary<ItemDraft> =>
  fc.record({
    kind: fc.constant('reasoning' as const),
    summaries: fc.array(deltas(minSummaries), { minLength: minSummaries, maxLength: 2 }),
    raw: fc.option(deltas(), { nil: undefined }),
  });
const itemDraft = fc.oneof(messageDraft(), functionCallDraft(), reasoningDraft());

interface StreamDraft {
  items: ItemDraft[];
  picks: number[];
  extensions: number[];
  queued: boolean;
  ending: Ending;
  errorBeforeFailure: boolean;
  /** For a failed response: only `error`? and `response.failed`, no other event. */
  bareFailure: boolean;
  keepalive: boolean;
  crlf: boolean;
  chunkSize: number | undefined;
}

function streamDraft(items: fc.Arbitrary<ItemDraft[]>, minExtensions = 0): fc.Arbitrary<StreamDraft> {
  return fc.record({
    items,
    picks: fc.array(fc.nat(), { maxLength: 60 }),
    extensions: fc.array(fc.nat(), { minLength: minExtensions, maxLength: 3 }),
    queued: fc.boolean(),
    ending: fc.constantFrom<Ending>('completed', 'completed', 'incomplete', 'failed'),
    errorBeforeFailure: fc.boolean(),
    bareFailure: fc.boolean(),
    keepalive: fc.boolean(),
    crlf: fc.boolean(),
    chunkSize: fc.option(fc.integer({ min: 1, max: 64 }), { nil: undefined }),
  });
}

const anyStream = streamDraft(fc.array(itemDraft, { maxLength: 4 }));

/** Streams with every kind of item, part and extension event, for the mutation operators. */
const richStream = streamDraft(
  fc
    .tuple(
      messageDraft(1).map((draft) => withTextAndRefusal(draft)),
      functionCallDraft(1),
      reasoningDraft(1),
      fc.array(itemDraft, { maxLength: 2 }),
    )
    .map(([message, call, reasoning, extra]) => [message, call, reasoning, ...extra]),
  1,
).map((draft) => ({ ...draft, bareFailure: false }));

function withTextAndRefusal(draft: ItemDraft): ItemDraft {
  if (draft.kind !== 'message') return draft;
  const text: PartSpec = { kind: 'output_text', deltas: ['Hel', 'lo'], annotations: [urlCitation(1)] };
  const refusal: PartSpec = { kind: 'refusal', deltas: ['No'] };
  return { ...draft, parts: [text, ...draft.parts, refusal] };
}

function itemEvents(draft: ItemDraft, n: number): EventObject[] {
  switch (draft.kind) {
    case 'message':
      return messageEvents({ id: `msg_${n}`, parts: draft.parts });
    case 'function_call': {
      const args = JSON.stringify(draft.args);
      const cuts = [...new Set(draft.cuts.map((cut) => cut % (args.length + 1)))].sort((a, b) => a - b);
      const pieces = [0, ...cuts, args.length].slice(1).map((end, i, ends) => args.slice(i === 0 ? 0 : ends[i - 1], end));
      return functionCallEvents({ id: `fc_${n}`, name: `tool_${n}`, argumentDeltas: pieces.filter((piece) => piece !== '') });
    }
    case 'reasoning':
      return reasoningEvents({ id: `rs_${n}`, summaries: draft.summaries, raw: draft.raw });
  }
}

/** Builds the stream a draft describes; it conforms to every rule. */
function build(draft: StreamDraft): StreamCase {
  if (draft.ending === 'failed' && draft.bareFailure) {
    const failed = { type: 'response.failed', response: responseSnapshot('failed') };
    return { events: numbered(draft.errorBeforeFailure ? [errorEvent(), failed] : [failed]), render: renderOptions(draft) };
  }
  let turn = 0;
  const merged = interleave(draft.items.map(itemEvents), (n) => (draft.picks.length === 0 ? 0 : draft.picks[turn++ % draft.picks.length] % n));
  for (const position of draft.extensions) merged.splice(position % (merged.length + 1), 0, extensionEvent());
  const body = draft.ending === 'incomplete' ? endLastMessageIncomplete(assignOutputIndexes(merged)) : merged;
  return { events: wrapStream(body, { queued: draft.queued, ending: draft.ending, errorBeforeFailure: draft.errorBeforeFailure }), render: renderOptions(draft) };
}

/** Marks the last added item incomplete when it is a message: allowed only for the last item. */
function endLastMessageIncomplete(events: EventObject[]): EventObject[] {
  const lastAdded = events.filter((event) => event.type === 'response.output_item.added').at(-1);
  const item = lastAdded?.item as EventObject | undefined;
  if (item?.type !== 'message') return events;
  return events.map((event) =>
    event.type === 'response.output_item.done' && (event.item as EventObject).id === item.id ? { ...event, item: { ...(event.item as EventObject), status: 'incomplete' } } : event,
  );
}

function renderOptions(draft: StreamDraft): StreamCase['render'] {
  return { keepalive: draft.keepalive };
}

function runCase(streamCase: StreamCase, draft: StreamDraft): Finding[] {
  const text = render(streamCase.events, streamCase.render);
  return runStream(draft.crlf ? text.replace(/\n/g, '\r\n') : text, allStreamChecks, {
    ...(draft.chunkSize === undefined ? {} : { chunkSize: draft.chunkSize }),
    ...(streamCase.request === undefined ? {} : { request: streamCase.request }),
  });
}

// ---- Properties ----

describe('generated conforming streams', () => {
  it('give no finding from any stream check, and their final snapshot none from the response rules', () => {
    fc.assert(
      fc.property(anyStream, (draft) => {
        const streamCase = build(draft);
        const findings = runCase(streamCase, draft);
        expect(findings, summarize(findings)).toEqual([]);
        const terminal = streamCase.events.find((event) => ['response.completed', 'response.failed', 'response.incomplete'].includes(event.type as string));
        const responseFindings = runResponse(terminal?.response as Record<string, unknown>, responseRuleChecks);
        expect(responseFindings, summarize(responseFindings)).toEqual([]);
      }),
      seeded({ numRuns: CONFORMING_RUNS }),
    );
  });
});

function mutationProperty(mutation: Mutation) {
  return fc.property(richStream, fc.nat(), (draft, choice) => {
    const base = build(draft);
    const targets = mutation.targets(base.events);
    fc.pre(targets.length > 0);
    const findings = runCase(mutation.apply(base, targets[choice % targets.length]), draft);
    const expected = mutation.breaks;
    if (expected === undefined) {
      expect(findings, summarize(findings)).toEqual([]);
      return;
    }
    const match = findings.some((f) => f.checkId === expected.checkId && f.requirement === expected.requirement && f.verdict === expected.verdict);
    expect(match, `${mutation.name}: expected ${expected.checkId} ${expected.requirement} ${expected.verdict} among:\n${summarize(findings)}`).toBe(true);
  });
}

describe('a single mutation of a conforming stream', () => {
  it.each(mutations.map((mutation) => [mutation.name, mutation] as const))('%s is caught by its rule', (_name, mutation) => {
    fc.assert(mutationProperty(mutation), seeded({ numRuns: RUNS_PER_MUTATION }));
  });
  it.each(harmlessMutations.map((mutation) => [mutation.name, mutation] as const))('%s changes nothing', (_name, mutation) => {
    fc.assert(mutationProperty(mutation), seeded({ numRuns: RUNS_PER_MUTATION }));
  });
});

// ---- Robustness: arbitrary input never makes a check throw ----

const eventTypes = [
  'response.created', 'response.queued', 'response.in_progress', 'response.completed', 'response.failed', 'response.incomplete',
  'response.output_item.added', 'response.output_item.done', 'response.content_part.added', 'response.content_part.done',
  'response.output_text.delta', 'response.output_text.done', 'response.output_text.annotation.added', 'response.refusal.delta',
  'response.refusal.done', 'response.reasoning.delta', 'response.reasoning.done', 'response.reasoning_summary_part.added',
  'response.reasoning_summary_part.done', 'response.reasoning_summary_text.delta', 'response.reasoning_summary_text.done',
  'response.function_call_arguments.delta', 'response.function_call_arguments.done', 'error', 'acme:trace', 'response.done',
];
const small = fc.oneof(fc.constantFrom('a', 'b', '__proto__', 'constructor', 'toString'), fc.integer({ min: -2, max: 3 }), fc.constant(null), fc.jsonValue({ maxDepth: 1 }));
const itemLike = fc.oneof(
  fc.record({ id: small, type: fc.constantFrom('message', 'function_call', 'reasoning', 'acme:x', 7), status: small, content: fc.oneof(fc.array(fc.jsonValue({ maxDepth: 2 })), small), arguments: small, summary: small }, { requiredKeys: [] }),
  small,
);
const chaoticEvent = fc.record(
  {
    type: fc.oneof(fc.constantFrom(...eventTypes), small),
    sequence_number: small,
    item_id: small,
    output_index: small,
    content_index: small,
    summary_index: small,
    annotation_index: small,
    delta: small,
    text: small,
    refusal: small,
    arguments: small,
    part: fc.oneof(itemLike, fc.record({ type: fc.constantFrom('output_text', 'refusal', 'summary_text'), text: small, refusal: small, annotations: small })),
    item: itemLike,
    annotation: small,
    obfuscation: small,
    response: fc.oneof(fc.record({ id: small, status: small, output: fc.oneof(fc.array(itemLike), small) }, { requiredKeys: [] }), small),
  },
  { requiredKeys: [] },
);
const chaoticMessage = fc.oneof(
  { weight: 8, arbitrary: chaoticEvent.map((event) => `event: ${String(event.type)}\ndata: ${JSON.stringify(event)}\n\n`) },
  { weight: 1, arbitrary: fc.jsonValue().map((value) => `data: ${JSON.stringify(value) ?? 'null'}\n\n`) },
  { weight: 1, arbitrary: fc.string().map((text) => `data: ${text.replace(/[\r\n]/g, ' ')}\n\n`) },
  { weight: 1, arbitrary: fc.constantFrom('data: [DONE]\n\n', ': ping\n\n', 'id: 7\ndata: {}\n\n', 'data: {"type":"error"\n') },
);

describe('arbitrary input', () => {
  it('never makes a stream check throw, and every finding is well formed', () => {
    fc.assert(
      fc.property(fc.array(chaoticMessage, { maxLength: 30 }), fc.integer({ min: 1, max: 40 }), (messages, chunkSize) => {
        const findings = runStream(messages.join(''), allStreamChecks, { chunkSize });
        for (const f of findings) {
          expect(['fail', 'warn']).toContain(f.verdict);
          expect(f.checkId).toMatch(/^stream\/[a-z-]+$/);
          expect(f.requirement).toMatch(/^[A-Z]+(-[A-Z0-9]+)+$/);
          expect(f.message.length).toBeGreaterThan(10);
        }
      }),
      seeded({ numRuns: ROBUSTNESS_RUNS }),
    );
  });

  it('survives values nested deeper than the call stack', () => {
    const depth = 150_000;
    const deep = '['.repeat(depth) + ']'.repeat(depth);
    const events = wrapStream(messageEvents({ id: 'msg_1', parts: [{ kind: 'output_text', deltas: ['a'] }] }));
    const marked = events.map((event) => (event.type === 'response.output_item.done' ? { ...event, item: { ...(event.item as EventObject), extra: 'DEEP' } } : event));
    const findings = runStream(render(marked).replace('"DEEP"', deep), sseStreamEngineChecks);
    expect(findings.map((f) => f.checkId)).toEqual(['stream/final-output-items']);
    const value: unknown = JSON.parse(deep);
    const responseFindings = runResponse({ status: 'completed', previous_response_id: value, completed_at: value, output: [{ id: value, type: 'acme:x' }] }, responseRuleChecks);
    expect(responseFindings.map((f) => f.checkId).sort()).toEqual(['response/extension-items', 'response/previous-response-id-echo']);
  });
});
