import { familyOfPartType, itemTypeLacksParts, PART_SCOPES, type PartScope, type TextFamily } from '../../protocol/events.js';
import { ItemRegistry, type TrackedItem } from './item-registry.js';
import { integerField, recordField, stringField } from './stream-event.js';
import type { StreamCheck, TypedEvent } from '../types.js';

/** Where a part is in its life: `content_part.added` → deltas → `<type>.done` → `content_part.done`. */
type PartStage = 'open' | 'text-done' | 'closed';

export interface PartState {
  stage: PartStage;
  /** The part `type` from its added or done event. */
  partType: string | undefined;
  /** False for a part first seen through a delta (raw reasoning may skip `content_part.added`, Z-11). */
  declared: boolean;
  /** The text family of its delta and done events, once one arrived. */
  family: TextFamily | undefined;
  /** True once a problem of this part was returned, so each part is reported once. */
  reported: boolean;
}

/** A breach of the part grammar, named by kind; the checks turn kinds into findings. */
export interface PartProblem {
  kind:
    | 'added-twice'
    | 'added-after-text'
    | 'index-gap'
    | 'not-added'
    | 'after-part-done'
    | 'after-text-done'
    | 'closed-without-text-done'
    | 'left-open'
    | 'no-index'
    | 'item-without-parts'
    | 'wrong-text-kind'
    | 'never-streamed';
  event: TypedEvent;
  item: TrackedItem;
  /** The part's index; undefined for `no-index`, whose event names none. */
  index: number | undefined;
  /** For `index-gap`: the index the part should have had. */
  expectedIndex?: number;
  part?: PartState;
}

/**
 * The part machine of SPEC§Items are streamable (2) for one part scope (content parts or
 * reasoning summary parts), over all items of a stream. It follows items only as far as parts
 * need; events for items never added or already done are left to `stream/item-order`. Part state
 * is dropped when its item is done.
 */
/** What a step returns when it shows no problem: shared, since most events show none. */
const NO_PROBLEMS: readonly PartProblem[] = Object.freeze([]);

/** The events `PartOrder.step` reads, and the terminal event its checks stop at. */
export const PART_ORDER_READS: StreamCheck['reads'] = ['lifecycle', 'item-added', 'item-done', 'part-added', 'part-done', 'text-delta', 'text-done', 'annotation-added'];

export class PartOrder {
  private readonly registry = new ItemRegistry();
  private readonly parts = new Map<TrackedItem, Map<number, PartState>>();
  /** Items already reported for a part event they cannot take (no index, or no parts at all). */
  private readonly reportedItems = new Set<TrackedItem>();

  constructor(
    private readonly scope: PartScope,
    /** Families whose deltas may open a part without an added event (raw reasoning, Z-11). */
    private readonly undeclaredFamilies: readonly TextFamily['name'][] = [],
  ) {}

  /** Feeds one core event; returns the problems it shows. */
  step(event: TypedEvent): readonly PartProblem[] {
    const role = event.role;
    switch (role?.kind) {
      case 'item-added':
        this.registry.add(event);
        return NO_PROBLEMS;
      case 'item-done':
        return this.itemDone(event);
      case 'part-added':
        return role.scope === this.scope ? this.withPart(event, (item, index) => this.added(event, item, index)) : [];
      case 'part-done':
        return role.scope === this.scope ? this.withPart(event, (item, index) => this.closed(event, item, index)) : [];
      case 'text-delta':
      case 'text-done':
        if (role.family.scope !== this.scope) return NO_PROBLEMS;
        return this.withPart(event, (item, index) => this.text(event, item, index, role.family, role.kind === 'text-done'));
      case 'annotation-added':
        return this.scope === 'content' ? this.withPart(event, (item, index) => this.annotation(event, item, index)) : [];
      default:
        return NO_PROBLEMS;
    }
  }

  /**
   * Hands a part event to `handle` with its item and part index. Events for items never added or
   * already done are `stream/item-order`'s; an event without its index, or addressed to an item
   * type that has no parts of this scope (a function call has no `content`), is reported here,
   * once per item, since no part can take it.
   */
  private withPart(event: TypedEvent, handle: (item: TrackedItem, index: number) => readonly PartProblem[]): readonly PartProblem[] {
    const item = this.registry.find(event);
    if (item === undefined || item.done) return NO_PROBLEMS;
    const index = integerField(event.body, PART_SCOPES[this.scope].indexField);
    if (itemTypeLacksParts(item.type, this.scope)) return this.onceForItem(item, { kind: 'item-without-parts', event, item, index });
    if (index === undefined) return this.onceForItem(item, { kind: 'no-index', event, item, index });
    return handle(item, index);
  }

  private onceForItem(item: TrackedItem, problem: PartProblem): readonly PartProblem[] {
    if (this.reportedItems.has(item)) return NO_PROBLEMS;
    this.reportedItems.add(item);
    return [problem];
  }

  private partsOf(item: TrackedItem): Map<number, PartState> {
    let parts = this.parts.get(item);
    if (parts === undefined) {
      parts = new Map();
      this.parts.set(item, parts);
    }
    return parts;
  }

  /** Starts a part; its index should be the next one of the item (0, 1, 2, … in order). */
  private register(event: TypedEvent, item: TrackedItem, index: number, declared: boolean): { part: PartState; gap: readonly PartProblem[] } {
    const parts = this.partsOf(item);
    const part: PartState = { stage: 'open', partType: partTypeOf(event), declared, family: undefined, reported: false };
    parts.set(index, part);
    const expectedIndex = parts.size - 1;
    return { part, gap: index === expectedIndex ? NO_PROBLEMS : [{ kind: 'index-gap', event, item, index, expectedIndex, part }] };
  }

  /** Starts a part that an event refers to before it was added; reported once, as not added. */
  private notAdded(event: TypedEvent, item: TrackedItem, index: number, stage: PartStage): readonly PartProblem[] {
    const { part } = this.register(event, item, index, false);
    part.stage = stage;
    part.reported = true;
    return [{ kind: 'not-added', event, item, index, part }];
  }

  private added(event: TypedEvent, item: TrackedItem, index: number): readonly PartProblem[] {
    const existing = this.partsOf(item).get(index);
    if (existing === undefined) return this.register(event, item, index, true).gap;
    if (existing.declared) return [{ kind: 'added-twice', event, item, index, part: existing }];
    existing.declared = true;
    existing.partType ??= partTypeOf(event);
    return [{ kind: 'added-after-text', event, item, index, part: existing }];
  }

  private text(event: TypedEvent, item: TrackedItem, index: number, family: TextFamily, done: boolean): readonly PartProblem[] {
    const part = this.partsOf(item).get(index);
    if (part === undefined) {
      const stage = done ? 'text-done' : 'open';
      if (!this.undeclaredFamilies.includes(family.name)) return this.notAdded(event, item, index, stage);
      const started = this.register(event, item, index, false);
      started.part.family = family;
      started.part.stage = stage;
      return started.gap;
    }
    part.family ??= family;
    // A refusal delta cannot extend an output_text part, nor a text delta a refusal part.
    if (familyOfPartType(part.partType) !== undefined && part.partType !== family.partType) {
      return this.once(part, { kind: 'wrong-text-kind', event, item, index, part });
    }
    const problem = part.stage === 'closed' ? 'after-part-done' : part.stage === 'text-done' ? 'after-text-done' : undefined;
    if (done && part.stage === 'open') part.stage = 'text-done';
    return problem === undefined ? NO_PROBLEMS : this.once(part, { kind: problem, event, item, index, part });
  }

  private annotation(event: TypedEvent, item: TrackedItem, index: number): readonly PartProblem[] {
    const part = this.partsOf(item).get(index);
    if (part === undefined) return this.notAdded(event, item, index, 'open');
    return part.stage === 'closed' ? this.once(part, { kind: 'after-part-done', event, item, index, part }) : [];
  }

  private closed(event: TypedEvent, item: TrackedItem, index: number): readonly PartProblem[] {
    const part = this.partsOf(item).get(index);
    if (part === undefined) return this.notAdded(event, item, index, 'closed');
    part.partType ??= partTypeOf(event);
    const stage = part.stage;
    part.stage = 'closed';
    if (stage === 'closed') return this.once(part, { kind: 'after-part-done', event, item, index, part });
    if (stage === 'open') return [{ kind: 'closed-without-text-done', event, item, index, part }];
    return NO_PROBLEMS;
  }

  private itemDone(event: TypedEvent): readonly PartProblem[] {
    const item = this.registry.find(event);
    if (item === undefined || item.done) return NO_PROBLEMS;
    item.done = true;
    const doneItem = recordField(event.body, 'item') ?? {};
    item.type ??= stringField(doneItem, 'type');
    const parts = this.parts.get(item) ?? new Map<number, PartState>();
    this.parts.delete(item);
    const leftOpen = [...parts.entries()]
      .filter(([, part]) => part.stage !== 'closed' && !part.reported)
      .map(([index, part]): PartProblem => ({ kind: 'left-open', event, item, index, part }));
    return [...leftOpen, ...this.neverStreamed(event, item, doneItem, parts)];
  }

  /** Parts the finished item holds at an index no event of this scope ever streamed (CNT-12). */
  private neverStreamed(event: TypedEvent, item: TrackedItem, doneItem: Record<string, unknown>, parts: Map<number, PartState>): readonly PartProblem[] {
    const finished = doneItem[PART_SCOPES[this.scope].itemField];
    if (!Array.isArray(finished) || itemTypeLacksParts(item.type, this.scope)) return NO_PROBLEMS;
    return finished.flatMap((_, index): PartProblem[] => (parts.has(index) ? [] : [{ kind: 'never-streamed', event, item, index }]));
  }

  private once(part: PartState, problem: PartProblem): readonly PartProblem[] {
    if (part.reported) return NO_PROBLEMS;
    part.reported = true;
    return [problem];
  }
}

function partTypeOf(event: TypedEvent): string | undefined {
  const part = recordField(event.body, 'part');
  return part === undefined ? undefined : stringField(part, 'type');
}
