import type { Rule } from 'eslint';
declare const plugin: { rules: Record<'code-layering' | 'no-import-cycle', Rule.RuleModule> };
export default plugin;
export declare const LAYERS: Record<string, { dir: string; may: string[]; vscode: boolean }>;
