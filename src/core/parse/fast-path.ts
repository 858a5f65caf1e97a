/**
 * Fast path for the common case, clean strict JSON: the engine's native `JSON.parse`
 * builds the value and one allocation-free pass over the text records the source map.
 * Anything that needs a diagnostic (syntax, comments, duplicate or forbidden keys,
 * nesting) makes it give up, and the full parser in `parser.ts` runs instead.
 */
import { KIND_ARRAY, KIND_BOOLEAN, KIND_NULL, KIND_NUMBER, KIND_OBJECT, KIND_STRING, NodeSourceMap } from './source-map';

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** Value and map of clean JSON text, or undefined when the full parser must decide. */
export function parseClean(text: string, maxDepth: number): { value: unknown; map: NodeSourceMap } | undefined {
  // A byte-order mark is not JSON, but editors write one: skip it, keeping offsets.
  const from = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let value: unknown;
  try {
    value = JSON.parse(from === 0 ? text : text.slice(from));
  } catch {
    return undefined;
  }
  const map = new NodeSourceMap(text.length);
  return mapStructure(text, from, maxDepth, map) ? { value, map } : undefined;
}

/** Records every value's range in `map`; false on anything the full parser must report. */
function mapStructure(text: string, from: number, maxDepth: number, map: NodeSourceMap): boolean {
  const n = text.length;
  const nodes = new Int32Array(maxDepth + 1);
  const lasts = new Int32Array(maxDepth + 1);
  const isObject = new Uint8Array(maxDepth + 1);
  const keySets: (Set<string> | undefined)[] = [];
  let depth = 0;
  let expectKey = false;
  let key = '';
  let keyStart = 0;
  let keyEnd = 0;
  let i = from;

  // Attaches a new value node to the open container (text is valid JSON: order is document order).
  const attach = (node: number): void => {
    if (depth === 0) return;
    const parent = depth - 1;
    map.link(nodes[parent], lasts[parent], node);
    lasts[parent] = node;
    if (isObject[parent]) map.setKey(node, key, keyStart, keyEnd);
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9 || c === 58 /* : */) {
      i++;
      continue;
    }
    if (c === 44 /* , */) {
      expectKey = depth > 0 && isObject[depth - 1] === 1;
      i++;
      continue;
    }
    if (c === 123 /* { */ || c === 91 /* [ */) {
      if (depth >= maxDepth) return false;
      const node = map.add(c === 123 ? KIND_OBJECT : KIND_ARRAY, i, i + 1);
      attach(node);
      nodes[depth] = node;
      lasts[depth] = -1;
      isObject[depth] = c === 123 ? 1 : 0;
      keySets[depth] = undefined;
      depth++;
      expectKey = c === 123;
      i++;
      continue;
    }
    if (c === 125 /* } */ || c === 93 /* ] */) {
      depth--;
      map.setEnd(nodes[depth], i + 1);
      expectKey = false;
      i++;
      continue;
    }
    if (c === 34 /* " */) {
      // Find the closing quote: one preceded by an even number of backslashes.
      let k = text.indexOf('"', i + 1);
      for (;;) {
        let b = 0;
        while (text.charCodeAt(k - 1 - b) === 92) b++;
        if ((b & 1) === 0) break;
        k = text.indexOf('"', k + 1);
      }
      const end = k + 1;
      if (expectKey) {
        const raw = text.slice(i + 1, k);
        key = raw.includes('\\') ? (JSON.parse(text.slice(i, end)) as string) : raw;
        if (FORBIDDEN.has(key)) return false;
        const level = depth - 1;
        const seen = (keySets[level] ??= new Set<string>());
        if (seen.has(key)) return false;
        seen.add(key);
        keyStart = i;
        keyEnd = end;
        expectKey = false;
      } else {
        attach(map.add(KIND_STRING, i, end));
      }
      i = end;
      continue;
    }
    let end = i;
    let kind: number;
    if (c === 116 /* t */) { end = i + 4; kind = KIND_BOOLEAN; }
    else if (c === 102 /* f */) { end = i + 5; kind = KIND_BOOLEAN; }
    else if (c === 110 /* n */) { end = i + 4; kind = KIND_NULL; }
    else {
      kind = KIND_NUMBER;
      let exponent = false;
      for (let d = c; (d >= 48 && d <= 57) || d === 45 || d === 43 || d === 46 || d === 101 || d === 69; d = text.charCodeAt(++end)) {
        if (d === 101 || d === 69) exponent = true;
      }
      if (end === i) return false;
      // JSON.parse turns 1e999 into Infinity; the full parser reports it. Only exponents or
      // 300+ digits can overflow, so the common case pays nothing.
      if ((exponent || end - i > 300) && !Number.isFinite(Number(text.slice(i, end)))) return false;
    }
    attach(map.add(kind, i, end));
    i = end;
  }
  return depth === 0 && map.count > 0;
}
