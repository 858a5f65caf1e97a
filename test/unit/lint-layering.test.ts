import path from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import local from '../../eslint-plugin-local/index.mjs';
import { cyclesUnder } from '../../eslint-plugin-local/import-graph.mjs';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

// The layer rules are what keep the core usable from the CLI and the webview: they must fire.
const root = path.resolve(__dirname, '../..');
const at = (rel: string) => path.join(root, rel);
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' } });

describe('lint: code layering', () => {
  tester.run('code-layering', local.rules['code-layering'], {
    valid: [
      { filename: at('src/core/edit/x.ts'), code: "import { parseA1 } from '../model/a1';" },
      { filename: at('src/extension/x.ts'), code: "import * as vscode from 'vscode'; import type { EditIntent } from '../shared/protocol';" },
      { filename: at('webview/x.ts'), code: "import type { HostMessage } from '../src/shared/protocol';" },
      { filename: at('test/unit/x.ts'), code: "import { log } from '../../src/extension/log';" },
    ],
    invalid: [
      { filename: at('src/core/edit/x.ts'), code: "import type { EditIntent } from '../../shared/protocol';", errors: [{ message: /src\/core may import only src\/core/ }] },
      { filename: at('src/core/x.ts'), code: "import * as vscode from 'vscode';", errors: [{ message: /must not import vscode/ }] },
      { filename: at('webview/x.ts'), code: "export { log } from '../src/extension/log';", errors: [{ message: /webview may import only/ }] },
      { filename: at('src/extension/x.ts'), code: "import { App } from '../../webview/app';", errors: [{ message: /src\/extension may import only/ }] },
      { filename: at('src/cli/x.ts'), code: "import { log } from '../extension/log';", errors: [{ message: /src\/cli may import only/ }] },
    ],
  });

  it('finds an import cycle, and none in the project', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cycle-'));
    mkdirSync(path.join(dir, 'a'));
    writeFileSync(path.join(dir, 'a/one.ts'), "import { two } from './two';\nexport const one = 1;\n");
    writeFileSync(path.join(dir, 'a/two.ts'), "import type { one } from './one';\nexport const two = 2;\n");
    writeFileSync(path.join(dir, 'a/three.ts'), "import { two } from './two';\n");
    const found = cyclesUnder([dir]);
    assert.equal(found.length, 1);
    assert.deepEqual([...found[0]].map((f) => path.basename(f)).sort(), ['one.ts', 'two.ts']);
    assert.deepEqual(cyclesUnder([at('src'), at('webview')]).map((c) => [...c]), []);
  });
});
