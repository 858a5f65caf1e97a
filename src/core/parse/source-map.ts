/**
 * Map from JSON pointer to text ranges, built by the parser as flat typed arrays
 * (one slot per JSON value) so a 10 MB workbook costs a few arrays, not millions of
 * pointer strings. Child lookups are indexed lazily, per container, on first use.
 */
import { escapeSegment, parsePointer } from './pointer';

/** A character range in the text: `start` inclusive, `end` exclusive. */
export interface TextSpan {
  start: number;
  end: number;
}

/** The JSON kind of a value in the source. */
export type JsonKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

/** Where each value (and object key) of a parsed document lies in its text. */
export interface SourceMap {
  /** Range of the value; of the nearest existing ancestor if the pointer is absent. */
  valueRange(pointer: string): TextSpan;
  /** Range of the property name (with quotes) for object members, else `valueRange`. */
  keyRange(pointer: string): TextSpan;
  /** Whether the pointer names a value present in the document. */
  has(pointer: string): boolean;
}

export const KIND_OBJECT = 1;
export const KIND_ARRAY = 2;
export const KIND_STRING = 3;
export const KIND_NUMBER = 4;
export const KIND_BOOLEAN = 5;
export const KIND_NULL = 6;

const KIND_NAMES: Record<number, JsonKind> = {
  [KIND_OBJECT]: 'object', [KIND_ARRAY]: 'array', [KIND_STRING]: 'string',
  [KIND_NUMBER]: 'number', [KIND_BOOLEAN]: 'boolean', [KIND_NULL]: 'null',
};

/**
 * The parser's node store and the `SourceMap` over it. Node 0 is the root value.
 * Members of an object are linked in document order; a repeated key's later member
 * wins, as it does in the parsed value.
 */
export class NodeSourceMap implements SourceMap {
  /** Number of nodes created. */
  count = 0;
  private start: Int32Array<ArrayBuffer>;
  private end: Int32Array<ArrayBuffer>;
  private firstChild: Int32Array<ArrayBuffer>;
  private nextSibling: Int32Array<ArrayBuffer>;
  private kinds: Uint8Array<ArrayBuffer>;
  /** Property name and its range, for each object member (lists hold most values: few members). */
  private keys = new Map<number, { key: string; start: number; end: number }>();
  private childIndex = new Map<number, Int32Array | Map<string, number>>();
  /** Child indexes are cached only once parsing is done (containers still grow before). */
  private sealed = false;

  constructor(private readonly textLength: number) {
    // Pre-size for a typical density (one value per ~8 characters) to avoid most regrowth.
    const n = Math.max(1024, Math.min(textLength >> 3, 1 << 24));
    this.start = new Int32Array(n);
    this.end = new Int32Array(n);
    this.firstChild = new Int32Array(n);
    this.nextSibling = new Int32Array(n);
    this.kinds = new Uint8Array(n);
  }

  /** Creates a node and returns its id; `end` is set later for containers. */
  add(kind: number, start: number, end: number): number {
    const id = this.count++;
    if (id >= this.start.length) this.grow();
    this.start[id] = start;
    this.end[id] = end;
    this.firstChild[id] = -1;
    this.nextSibling[id] = -1;
    this.kinds[id] = kind;
    return id;
  }

  /** Called when parsing is over: from now on, child indexes may be cached. */
  seal(): void {
    this.sealed = true;
  }

  setEnd(id: number, end: number): void {
    this.end[id] = end;
  }

  setKey(id: number, key: string, start: number, end: number): void {
    this.keys.set(id, { key, start, end });
  }

  /** Start offset of node `id`. */
  startOf(id: number): number {
    return this.start[id];
  }

  /** Key start of the first linked member of object `id` named `key`, or -1 (works mid-parse). */
  memberKeyStart(id: number, key: string): number {
    for (let c = this.firstChild[id]; c >= 0; c = this.nextSibling[c]) if (this.keys.get(c)?.key === key) return this.keys.get(c)!.start;
    return -1;
  }

  /** Appends `child` to `parent`'s children after `prevChild` (-1 for the first). */
  link(parent: number, prevChild: number, child: number): void {
    if (prevChild < 0) this.firstChild[parent] = child;
    else this.nextSibling[prevChild] = child;
  }

  private grow(): void {
    const n = this.start.length * 2;
    const g32 = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => { const b = new Int32Array(n); b.set(a); return b; };
    this.start = g32(this.start);
    this.end = g32(this.end);
    this.firstChild = g32(this.firstChild);
    this.nextSibling = g32(this.nextSibling);
    const k = new Uint8Array(n);
    k.set(this.kinds);
    this.kinds = k;
  }

  /** Child of container `id` at `segment`, or -1. */
  private child(id: number, segment: string): number {
    const kind = this.kinds[id];
    if (kind !== KIND_OBJECT && kind !== KIND_ARRAY) return -1;
    const index = this.indexed(id);
    if (index instanceof Map) return index.get(segment) ?? -1;
    if (!/^(0|[1-9][0-9]*)$/.test(segment)) return -1;
    const i = Number(segment);
    return i < index.length ? index[i] : -1;
  }

  /** The children of container `id`: item ids for a list, key -> id for an object. */
  private indexed(id: number): Int32Array | Map<string, number> {
    let index = this.childIndex.get(id);
    if (index === undefined) {
      index = this.kinds[id] === KIND_ARRAY ? this.indexArray(id) : this.indexObject(id);
      if (this.sealed) this.childIndex.set(id, index);
    }
    return index;
  }

  private indexArray(id: number): Int32Array {
    let n = 0;
    for (let c = this.firstChild[id]; c >= 0; c = this.nextSibling[c]) n++;
    const out = new Int32Array(n);
    let i = 0;
    for (let c = this.firstChild[id]; c >= 0; c = this.nextSibling[c]) out[i++] = c;
    return out;
  }

  private indexObject(id: number): Map<string, number> {
    const out = new Map<string, number>();
    // Later members overwrite earlier ones: the last of duplicate keys wins, as in the value.
    for (let c = this.firstChild[id]; c >= 0; c = this.nextSibling[c]) out.set(this.keys.get(c)?.key ?? '', c);
    return out;
  }

  /** The node at `pointer`, and whether the whole pointer resolved (else: nearest ancestor). */
  private resolve(pointer: string): { node: number; exact: boolean } {
    if (this.count === 0) return { node: -1, exact: false };
    let node = 0;
    for (const seg of parsePointer(pointer)) {
      const c = this.child(node, seg);
      if (c < 0) return { node, exact: false };
      node = c;
    }
    return { node, exact: true };
  }

  private span(s: number, e: number): TextSpan {
    const len = this.textLength;
    const start = s < 0 ? 0 : s > len ? len : s;
    const end = e < start ? start : e > len ? len : e;
    return { start, end };
  }

  valueRange(pointer: string): TextSpan {
    const { node } = this.resolve(pointer);
    if (node < 0) return this.span(0, 0);
    return this.span(this.start[node], this.end[node]);
  }

  keyRange(pointer: string): TextSpan {
    const { node, exact } = this.resolve(pointer);
    if (node < 0) return this.span(0, 0);
    const member = exact ? this.keys.get(node) : undefined;
    if (member !== undefined) return this.span(member.start, member.end);
    return this.span(this.start[node], this.end[node]);
  }

  has(pointer: string): boolean {
    return this.resolve(pointer).exact;
  }

  /** The JSON kind of the value at `pointer`, or undefined if absent. */
  kindOf(pointer: string): JsonKind | undefined {
    const { node, exact } = this.resolve(pointer);
    return exact ? KIND_NAMES[this.kinds[node]] : undefined;
  }

  /** Whether `pointer` names a member of an object (so it has a key range). */
  isMember(pointer: string): boolean {
    const { node, exact } = this.resolve(pointer);
    return exact && this.keys.has(node);
  }

  /**
   * The pointer of the innermost value (or key) containing `offset`, e.g. for hover or
   * to select the grid cell under the cursor. `""` when outside every value.
   */
  pointerAt(offset: number): string {
    if (this.count === 0) return '';
    let node = 0;
    let pointer = '';
    if (offset < this.start[0] || offset > this.end[0]) return '';
    for (;;) {
      const kind = this.kinds[node];
      if (kind !== KIND_OBJECT && kind !== KIND_ARRAY) return pointer;
      let found = -1;
      let foundIndex = 0;
      if (kind === KIND_ARRAY) {
        // Lists can be long (rows): binary search the last item starting at or before the offset.
        const items = this.indexed(node) as Int32Array;
        let lo = 0;
        let hi = items.length - 1;
        while (lo <= hi) {
          const mid = (lo + hi) >> 1;
          if (this.start[items[mid]] <= offset) { foundIndex = mid; lo = mid + 1; } else hi = mid - 1;
        }
        if (items.length > 0 && this.start[items[foundIndex]] <= offset && offset <= this.end[items[foundIndex]]) found = items[foundIndex];
      } else {
        // Members are in document order: stop at the first one starting after the offset.
        for (let c = this.firstChild[node]; c >= 0; c = this.nextSibling[c]) {
          if ((this.keys.get(c)?.start ?? this.start[c]) > offset) break;
          if (offset <= this.end[c]) found = c;
        }
      }
      if (found < 0) return pointer;
      const seg = kind === KIND_OBJECT ? (this.keys.get(found)?.key ?? '') : String(foundIndex);
      pointer += '/' + escapeSegment(seg);
      node = found;
    }
  }
}
