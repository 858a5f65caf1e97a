// Local lint rules: the layers of the code base and the absence of import cycles, checked by
// lint rather than promised in comments (after VS Code's .eslint-plugin-local/code-layering.ts).
import path from 'node:path';
import { cyclesUnder, resolveImport } from './import-graph.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** Each layer and the layers it may import; `vscode` says whether `import 'vscode'` is allowed. */
export const LAYERS = {
  core: { dir: 'src/core', may: ['core'], vscode: false },
  shared: { dir: 'src/shared', may: ['core', 'shared'], vscode: false },
  cli: { dir: 'src/cli', may: ['core', 'cli'], vscode: false },
  extension: { dir: 'src/extension', may: ['core', 'shared', 'extension'], vscode: true },
  webview: { dir: 'webview', may: ['core', 'shared', 'webview'], vscode: false },
};

function layerOf(file) {
  const rel = path.relative(ROOT, file).split(path.sep).join('/');
  for (const [name, layer] of Object.entries(LAYERS)) if (rel === layer.dir || rel.startsWith(`${layer.dir}/`)) return name;
  return undefined; // tests, bench, scripts: free to import any layer
}

function checkSource(context, node) {
  const spec = node.source?.value;
  if (typeof spec !== 'string') return;
  const from = layerOf(context.filename);
  if (!from) return;
  const layer = LAYERS[from];
  if (spec === 'vscode') {
    if (!layer.vscode) context.report({ node: node.source, message: `${layer.dir} must not import vscode: it also runs outside VS Code.` });
    return;
  }
  const target = resolveImport(context.filename, spec);
  const to = target && layerOf(target);
  if (to && !layer.may.includes(to)) {
    context.report({ node: node.source, message: `${layer.dir} may import only ${layer.may.map((l) => LAYERS[l].dir).join(', ')}; ${spec} is in ${LAYERS[to].dir}.` });
  }
}

const codeLayering = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    return {
      ImportDeclaration: (node) => checkSource(context, node),
      ExportNamedDeclaration: (node) => checkSource(context, node),
      ExportAllDeclaration: (node) => checkSource(context, node),
    };
  },
};

// One graph per lint run: built on the first file that asks, shared by the rest.
let cycles;
const noImportCycle = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    return {
      Program(node) {
        cycles ??= cyclesUnder([path.join(ROOT, 'src'), path.join(ROOT, 'webview')]);
        const file = path.resolve(context.filename);
        const cycle = cycles.find((c) => c.has(file));
        if (cycle) {
          const others = [...cycle].filter((f) => f !== file).map((f) => path.relative(ROOT, f));
          context.report({ node, loc: { line: 1, column: 0 }, message: `import cycle with ${others.join(', ')}: move what both need into a module neither imports.` });
        }
      },
    };
  },
};

export default { rules: { 'code-layering': codeLayering, 'no-import-cycle': noImportCycle } };
