// The project's import graph, read from the files themselves: relative imports and
// `export ... from` of .ts files under the given roots. Type-only imports count too: a cycle
// through types still ties two modules together for a reader.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'"`;]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g;

/** Resolves a relative specifier from `file` to a .ts file, or undefined (a package, JSON...). */
export function resolveImport(file, spec) {
  if (!spec.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(file), spec);
  for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
    if (candidate.endsWith('.ts') && existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

export function importsOf(file, text = readFileSync(file, 'utf8')) {
  const out = [];
  for (const m of text.matchAll(IMPORT)) {
    const target = resolveImport(file, m[1] ?? m[2]);
    if (target) out.push(target);
  }
  return out;
}

function tsFiles(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) tsFiles(p, out);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Every cycle's strongly connected component (size > 1, or a self-import), as sets of files. */
export function cyclesUnder(roots) {
  const graph = new Map();
  for (const root of roots) for (const f of existsSync(root) ? tsFiles(root) : []) graph.set(f, importsOf(f));
  // Tarjan's algorithm, iterative enough for this size (a few hundred files).
  let index = 0;
  const idx = new Map(), low = new Map(), stack = [], on = new Set(), sccs = [];
  const visit = (v) => {
    idx.set(v, index); low.set(v, index); index++; stack.push(v); on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!idx.has(w)) { visit(w); low.set(v, Math.min(low.get(v), low.get(w))); }
      else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const scc = [];
      let w;
      do { w = stack.pop(); on.delete(w); scc.push(w); } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) sccs.push(new Set(scc));
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return sccs;
}
