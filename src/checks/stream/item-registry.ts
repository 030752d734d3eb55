import { integerField, recordField, stringField } from './stream-event.js';
import type { TypedEvent } from '../types.js';

/** What a rule remembers about one output item of a stream. */
export interface TrackedItem {
  id: string | undefined;
  /** The `output_index` the item was added with. */
  outputIndex: number | undefined;
  /** The item `type` from `output_item.added` or `.done`. */
  type: string | undefined;
  done: boolean;
  /** True when the item was first seen through an event other than `output_item.added`. */
  implicit: boolean;
}

/**
 * The output items of one stream, found by id. An item added without an id (the schema lets
 * `item` be null) is found by its `output_index` until an event names its id, and an event that
 * names no id (a schema breach) is matched by its `output_index`.
 */
export class ItemRegistry {
  private readonly all: TrackedItem[] = [];
  private readonly byId = new Map<string, TrackedItem>();
  private readonly byIndex = new Map<number, TrackedItem>();

  /** Number of distinct items seen, added or referred to before being added. */
  get knownCount(): number {
    return this.all.length;
  }

  /** Records an `output_item.added` event; `existing` is true when the item was added before. */
  add(event: TypedEvent): { item: TrackedItem; existing: boolean } {
    const id = event.itemId;
    const outputIndex = event.outputIndex;
    const type = itemType(event);
    const known = id === undefined ? undefined : this.byId.get(id);
    if (known !== undefined) {
      if (!known.implicit) return { item: known, existing: true };
      known.implicit = false;
      known.outputIndex = outputIndex ?? known.outputIndex;
      known.type = type ?? known.type;
      this.index(known);
      return { item: known, existing: false };
    }
    return { item: this.remember({ id, outputIndex, type, done: false, implicit: false }), existing: false };
  }

  /** The item an event refers to: by its id, else by its `output_index`. */
  find(event: TypedEvent): TrackedItem | undefined {
    const id = event.itemId;
    if (id !== undefined) {
      const known = this.byId.get(id);
      if (known !== undefined) return known;
    }
    const outputIndex = event.outputIndex;
    const atIndex = outputIndex === undefined ? undefined : this.byIndex.get(outputIndex);
    if (id === undefined) return atIndex;
    if (atIndex === undefined || atIndex.id !== undefined) return undefined;
    atIndex.id = id;
    this.byId.set(id, atIndex);
    return atIndex;
  }

  /** Records an item that an event refers to before it was added, so it is reported once. */
  addImplicit(event: TypedEvent): TrackedItem | undefined {
    const id = event.itemId;
    if (id === undefined) return undefined;
    return this.remember({ id, outputIndex: event.outputIndex, type: itemType(event), done: false, implicit: true });
  }

  /**
   * The item any event belongs to, recording it as it goes: `output_item.added` adds it, other
   * events find it by id or `output_index` (an item named before it was added is remembered by id).
   * Undefined when the event names neither a known item nor an id: it cannot be attributed.
   */
  track(event: TypedEvent): TrackedItem | undefined {
    if (event.role?.kind === 'item-added') return this.add(event).item;
    return this.find(event) ?? this.addImplicit(event);
  }

  /** Items added and not yet done. */
  open(): TrackedItem[] {
    return this.all.filter((item) => !item.done && !item.implicit);
  }

  private remember(item: TrackedItem): TrackedItem {
    this.all.push(item);
    if (item.id !== undefined) this.byId.set(item.id, item);
    if (!item.implicit) this.index(item);
    return item;
  }

  private index(item: TrackedItem): void {
    if (item.outputIndex !== undefined && !this.byIndex.has(item.outputIndex)) this.byIndex.set(item.outputIndex, item);
  }
}

function itemType(event: TypedEvent): string | undefined {
  const item = recordField(event.body, 'item');
  return item === undefined ? undefined : stringField(item, 'type');
}
