/**
 * `npm run bench [-- --quick] [-- --strict] [-- --only=1,4,8] [-- --no-webview]` (--no-webview skips 6 and 7; 8 diff, 9 .xlsx, 10 live validation)
 *
 * Measures the core against the raw libraries in one run on the same data, prints a table
 * and writes `bench/results/latest.json`. Budgets are reported, not asserted: the exit
 * status is 0 unless `--strict` is given and a budget FAILs (or a figure errors).
 * See docs/PERFORMANCE.md.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { benchBuild, benchCsv, benchEdit, benchScenarios, benchValidate, loadEngine, type BenchOptions } from './core-benches';
import { benchDiff } from './diff-bench';
import { benchLiveValidation } from './live-validation-bench';
import { benchVsCode } from './vscode-bench';
import { benchWebview } from './webview-bench';
import { benchXlsx } from './xlsx-bench';
import { formatMarkdown, formatTable, type Figure } from './report';

interface Args {
  quick: boolean;
  strict: boolean;
  only?: Set<string>;
  webview: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { quick: false, strict: false, webview: true };
  for (const a of argv) {
    if (a === '--quick') args.quick = true;
    else if (a === '--strict') args.strict = true;
    else if (a === '--no-webview') args.webview = false;
    else if (a.startsWith('--only=')) args.only = new Set(a.slice('--only='.length).split(','));
    else {
      console.error(`unknown option ${a}\nusage: npm run bench -- [--quick] [--strict] [--only=1,2,3,4,5,6,7,8,9] [--no-webview]`);
      process.exit(2);
    }
  }
  return args;
}

function gitCommit(root: string): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

function version(root: string, pkg: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const root = resolve(__dirname, '..');
  const log = (line: string) => console.log(line);
  const o: BenchOptions = { quick: args.quick, log };
  const started = new Date();
  const loadStart = loadavg();
  log(`Minerals Workbook bench ${args.quick ? '(quick: small sizes, few repetitions) ' : ''}- ${started.toISOString()}`);
  log(`${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, load average ${loadStart.map((x) => x.toFixed(2)).join(' ')}, node ${process.version}`);

  await loadEngine();
  const sections: [string, string, () => Figure[] | Promise<Figure[]>][] = [
    ['1', 'engine build + read vs raw HyperFormula', () => benchBuild(o)],
    ['2', 'validation of a large workbook text', () => benchValidate(o)],
    ['3', 'single-cell recalculation', () => benchEdit(o)],
    ['4', 'CSV export vs raw papaparse', () => benchCsv(o)],
    ['5', 'scenario tools vs one plain evaluation', () => benchScenarios(o)],
    ['6', 'webview in Chromium', () => benchWebview({ ...o, root, enabled: args.webview })],
    ['7', 'webview in real VS Code (code-server)', () => benchVsCode({ ...o, enabled: args.webview })],
    ['8', 'semantic diff vs evaluating both versions', () => benchDiff(o)],
    ['9', '.xlsx import and export vs fflate + fast-xml-parser', () => benchXlsx(o)],
    ['10', 'Problems after a one-cell edit: live engine vs rebuild', () => benchLiveValidation(o)],
  ];
  const figures: Figure[] = [];
  for (const [id, name, run] of sections) {
    if (args.only && !args.only.has(id)) continue;
    log(`\n[${id}] ${name}`);
    const t0 = performance.now();
    const got = await run();
    figures.push(...got);
    log(`  ${got.map((f) => `${f.id} ${f.status}`).join(', ')} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }

  const loadEnd = loadavg();
  log('\n' + formatTable(figures));
  log(`\nload average at start ${loadStart.map((x) => x.toFixed(2)).join(' ')}, at end ${loadEnd.map((x) => x.toFixed(2)).join(' ')}; ` +
    'ratios are median/median of interleaved samples (best/best in latest.json).');

  const result = {
    date: started.toISOString(),
    durationSeconds: (Date.now() - started.getTime()) / 1000,
    quick: args.quick,
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      totalMemGiB: totalmem() / 2 ** 30,
      loadAverageStart: loadStart,
      loadAverageEnd: loadEnd,
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
    },
    versions: { hyperformula: version(root, 'hyperformula'), papaparse: version(root, 'papaparse'), fflate: version(root, 'fflate'), 'fast-xml-parser': version(root, 'fast-xml-parser'), 'playwright-core': version(root, 'playwright-core') },
    commit: gitCommit(root),
    figures,
  };
  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'latest.json'), JSON.stringify(result, null, 2) + '\n');
  const m = result.machine;
  writeFileSync(join(dir, 'latest.md'), `${result.date}, ${m.cpus} x ${m.cpuModel}, node ${m.node}, load average ${m.loadAverageStart.map((x) => x.toFixed(1)).join(' ')} at start, ${m.loadAverageEnd.map((x) => x.toFixed(1)).join(' ')} at end${args.quick ? ' (--quick)' : ''}, commit ${result.commit}\n\n${formatMarkdown(figures)}\n`);
  log(`wrote bench/results/latest.json and latest.md`);

  const bad = figures.filter((f) => f.status === 'FAIL' || f.status === 'ERROR');
  if (args.strict && bad.length > 0) {
    console.error(`--strict: ${bad.length} figure(s) failed: ${bad.map((f) => f.id).join(', ')}`);
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 2;
});
