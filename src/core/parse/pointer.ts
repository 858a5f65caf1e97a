/** JSON pointers (RFC 6901): how diagnostics, the source map and the editor name a value. */

/** The pointer of a path: `['sheets', 0, 'rows']` -> `/sheets/0/rows`; `~` and `/` are escaped. */
export function pointerOf(path: ReadonlyArray<string | number>): string {
  let out = '';
  for (const seg of path) out += '/' + escapeSegment(String(seg));
  return out;
}

/** One pointer segment: `~` -> `~0`, `/` -> `~1` (`a/b` -> `a~1b`). */
export function escapeSegment(segment: string): string {
  return segment.includes('~') || segment.includes('/') ? segment.replace(/~/g, '~0').replace(/\//g, '~1') : segment;
}

/**
 * The segments of a pointer: `/sheets/0/rows` -> `['sheets', '0', 'rows']`.
 * Lenient, never throws: the URI-fragment form `#/a/b` is decoded, and a pointer
 * without a leading `/` is read as if it had one.
 */
export function parsePointer(pointer: string): string[] {
  let p = pointer;
  if (p.startsWith('#')) {
    try {
      p = decodeURIComponent(p.slice(1));
    } catch {
      p = p.slice(1);
    }
  }
  if (p === '') return [];
  if (p.startsWith('/')) p = p.slice(1);
  return p.split('/').map((s) => (s.includes('~') ? s.replace(/~1/g, '/').replace(/~0/g, '~') : s));
}
