import { createHash } from 'node:crypto';
import { isRecord } from '../../protocol/json.js';
import { finding, NO_FINDINGS } from '../finding.js';
import type { Finding, StreamCheck, TypedEvent } from '../types.js';
import { PART_SCOPES, type PartScope, type TextFamily } from '../../protocol/events.js';
import { describeTextDifference } from './json-compare.js';
import { eventLocation } from './location.js';
import { integerField, partText, quote, readUntilTerminal, recordField } from './stream-event.js';
import { ItemRegistry, type TrackedItem } from './item-registry.js';
import { DEFAULT_TEXT_BUDGET, StreamedText, TextBudget } from './streamed-text.js';

/** The text streamed for one part, and the whole texts later events stated for it. */
interface PartText {
  scope: PartScope;
  index: number;
  /** The part's text when added, followed by every delta. */
  streamed: StreamedText;
  /**
   * What the done event, the finished part and the finished item stated of the whole text. A later
   * statement is compared with the latest one and reported only when it matches none, so one wrong
   * text is reported once, at the event that got it wrong. Nothing stated is held whole unless it
   * differs from the deltas (the final events each carry the whole text): a statement the streamed
   * text starts with is kept as its length, since the streamed text only grows, and any other as a
   * digest, the latest of them whole.
   */
  latestStated: string | number | undefined;
  matchedLengths: Set<number>;
  statedDigests: Set<string>;
}

interface TextConsistencyState {
  /** Finds the item of an event by id, or by `output_index` when the event names no id. */
  registry: ItemRegistry;
  /** Per item, per part key (partKey); dropped when the item is done. */
  items: Map<TrackedItem, Map<number, PartText>>;
  /** Bounds the text held for open parts. */
  budget: TextBudget;
  ended: boolean;
}

/**
 * Delta events carry "a change to an object since its last update" (SPEC§Streaming), so the done
 * events state the same text as the deltas add up to: `output_text.done.text` (SSE-C-01), the
 * `refusal`, raw reasoning and summary done events (SSE-C-04), the part in `content_part.done` and
 * in the item of `output_item.done` (SSE-C-02; summary parts SSE-C-04). A statement of the whole
 * text is reported only when it matches none made before it, so one wrong text is reported once,
 * at the event that got it wrong.
 */
export const textConsistency: StreamCheck<TextConsistencyState> = {
  kind: 'stream',
  id: 'stream/text-consistency',
  requirement: 'SSE-C-01',
  alsoRequirements: ['SSE-C-02', 'SSE-C-04'],
  severity: 'IMPLIED',
  section: 'Items are streamable',
  title: 'Done events and the finished item state the text the deltas streamed',
  reads: ['lifecycle', 'item-added', 'part-added', 'text-delta', 'text-done', 'part-done', 'item-done'],
  init: (_http, ctx) => ({ registry: new ItemRegistry(), items: new Map(), budget: new TextBudget(ctx.maxBodyBytes ?? DEFAULT_TEXT_BUDGET), ended: false }),
  onEvent(state, event) {
    const typed = readUntilTerminal(state, event);
    switch (typed?.role.kind) {
      case 'item-added':
        state.registry.track(typed);
        return NO_FINDINGS;
      case 'part-added':
        started(state, typed, typed.role.scope);
        return NO_FINDINGS;
      case 'text-delta':
        delta(state, typed, typed.role.family);
        return NO_FINDINGS;
      case 'text-done':
        return textDone(state, typed, typed.role.family);
      case 'part-done':
        return partDone(state, typed, typed.role.scope);
      case 'item-done':
        return itemDone(state, typed);
      default:
        return NO_FINDINGS;
    }
  },
  onEnd: () => NO_FINDINGS,
};

function partFor(state: TextConsistencyState, typed: TypedEvent, scope: PartScope): PartText | undefined {
  const item = state.registry.track(typed);
  const index = integerField(typed.body, PART_SCOPES[scope].indexField);
  // An event after its item's output_item.done is `stream/item-order`'s (SSE-O-08); its text was
  // already compared, so a fresh part here would compare it with nothing.
  if (item === undefined || item.done || index === undefined) return undefined;
  let parts = state.items.get(item);
  if (parts === undefined) {
    parts = new Map();
    state.items.set(item, parts);
  }
  const key = partKey(scope, index);
  let part = parts.get(key);
  if (part === undefined) {
    part = { scope, index, streamed: new StreamedText(state.budget), latestStated: undefined, matchedLengths: new Set(), statedDigests: new Set() };
    parts.set(key, part);
  }
  return part;
}

/** A number per part of an item, content and summary parts apart: a Map finds numbers fastest. */
function partKey(scope: PartScope, index: number): number {
  return scope === 'content' ? index * 2 : index * 2 + 1;
}

function started(state: TextConsistencyState, typed: TypedEvent, scope: PartScope): void {
  const part = partFor(state, typed, scope);
  const initial = partText(typed.body.part);
  if (part !== undefined && initial !== undefined && part.streamed.isEmpty) part.streamed.append(initial);
}

function delta(state: TextConsistencyState, typed: TypedEvent, family: TextFamily): void {
  const part = partFor(state, typed, family.scope);
  const text = typed.body.delta;
  if (part !== undefined && typeof text === 'string') part.streamed.append(text);
}

function textDone(state: TextConsistencyState, typed: TypedEvent, family: TextFamily): readonly Finding[] {
  const part = partFor(state, typed, family.scope);
  const text = typed.body[family.doneField];
  if (part === undefined || typeof text !== 'string') return NO_FINDINGS;
  return recordStatement(part, text, {
    requirement: family.requirement,
    message: `The ${family.doneField} in ${typed.type} differs from the concatenated deltas of the same part`,
    typed,
    path: `/${family.doneField}`,
  });
}

function partDone(state: TextConsistencyState, typed: TypedEvent, scope: PartScope): readonly Finding[] {
  const part = partFor(state, typed, scope);
  const text = partText(typed.body.part);
  if (part === undefined || text === undefined) return NO_FINDINGS;
  const field = isRecord(typed.body.part) && typed.body.part.type === 'refusal' ? 'refusal' : 'text';
  return recordStatement(part, text, {
    requirement: scope === 'content' ? 'SSE-C-02' : 'SSE-C-04',
    message: `The part ${field} in ${typed.type} differs from the text streamed for that part`,
    typed,
    path: `/part/${field}`,
  });
}

function itemDone(state: TextConsistencyState, typed: TypedEvent): readonly Finding[] {
  const tracked = state.registry.track(typed);
  if (tracked === undefined || tracked.done) return NO_FINDINGS;
  tracked.done = true;
  const parts = state.items.get(tracked);
  if (parts === undefined) return NO_FINDINGS;
  state.items.delete(tracked);
  const item = recordField(typed.body, 'item') ?? {};
  const findings = [...parts.values()].flatMap((part) => finishedPart(typed, item, part));
  for (const part of parts.values()) part.streamed.release();
  return findings;
}

function finishedPart(typed: TypedEvent, item: Record<string, unknown>, part: PartText): readonly Finding[] {
  const { itemField } = PART_SCOPES[part.scope];
  const requirement = part.scope === 'content' ? 'SSE-C-02' : 'SSE-C-04';
  const parts = item[itemField];
  if (!Array.isArray(parts)) return NO_FINDINGS;
  const streamed = part.streamed.value;
  if (streamed === undefined) return NO_FINDINGS;
  if (part.index >= parts.length) {
    return [
      finding(textConsistency, 'fail', `The item in response.output_item.done has no ${itemField} part at index ${part.index}, although that part was streamed.`, {
        requirement,
        expected: describeTextDifference(latest(part, streamed), '').expected,
        actual: `${itemField} has ${parts.length} part(s)`,
        location: eventLocation(typed.source, `/item/${itemField}`),
      }),
    ];
  }
  const finished = parts[part.index];
  const text = partText(finished);
  if (text === undefined) return NO_FINDINGS;
  const field = isRecord(finished) && finished.type === 'refusal' ? 'refusal' : 'text';
  return recordStatement(part, text, {
    requirement,
    message: `The ${field} of ${itemField} part ${part.index} in the item of response.output_item.done differs from the text streamed for that part`,
    typed,
    path: `/item/${itemField}/${part.index}/${field}`,
  });
}

/** A digest that tells two texts apart, so an earlier statement need not be held whole. */
function textDigest(text: string): string {
  return createHash('sha256').update(text).digest('base64');
}

interface Comparison {
  requirement: string;
  /** The sentence without its end; the position of the first difference is added. */
  message: string;
  typed: TypedEvent;
  path: string;
}

function latest(part: PartText, streamed: string): string {
  const stated = part.latestStated;
  return stated === undefined ? streamed : typeof stated === 'number' ? streamed.slice(0, stated) : stated;
}

/**
 * Records a statement of the part's whole text; reports it when it matches no earlier one. Text
 * that outgrew the budget is not compared.
 */
function recordStatement(part: PartText, actual: string, how: Comparison): readonly Finding[] {
  const streamed = part.streamed.value;
  if (streamed === undefined) return NO_FINDINGS;
  const expected = latest(part, streamed);
  let known = actual === streamed || (part.matchedLengths.has(actual.length) && streamed.startsWith(actual));
  if (known) {
    part.matchedLengths.add(actual.length);
    part.latestStated = actual.length;
  } else {
    const digest = textDigest(actual);
    known = part.statedDigests.has(digest);
    part.statedDigests.add(digest);
    part.latestStated = actual;
  }
  if (known) return NO_FINDINGS;
  const difference = describeTextDifference(expected, actual);
  const itemId = how.typed.itemId;
  return [
    finding(textConsistency, 'fail', `${how.message} (item ${quote(itemId)}); they first differ at character ${difference.at}.`, {
      requirement: how.requirement,
      expected: difference.expected,
      actual: difference.actual,
      location: eventLocation(how.typed.source, how.path),
    }),
  ];
}
