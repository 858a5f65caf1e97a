/**
 * docs/ci.md's workflows, run: each `run:` step's script goes through bash as GitHub Actions
 * runs it (`bash --noprofile --norc -eo pipefail`), in a scratch git repository, with the real
 * built `minerals` on PATH and `gh` recorded. So the commands, flags and shell quoting in the
 * docs are checked against the CLI itself, not copied by hand into a test.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { CLI, ROOT, buildCli } from '../fixtures/cli/built-cli';
import { FIXTURES } from '../fixtures/cli/memory-io';

// js-yaml comes with mocha (a dev dependency); it has no types of its own here.
const yaml = createRequire(__filename)('js-yaml') as { load(text: string): unknown };

interface Step { name?: string; uses?: string; run?: string; if?: string; env?: Record<string, string>; with?: Record<string, unknown>; 'continue-on-error'?: boolean }
interface Workflow { name: string; on: unknown; permissions: Record<string, string>; defaults?: { run?: { shell?: string } }; jobs: Record<string, { steps: Step[] }> }

const INSTALL = 'Install the minerals command';

async function workflows(): Promise<Workflow[]> {
  const text = await fs.readFile(path.join(ROOT, 'docs', 'ci.md'), 'utf8');
  return [...text.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((m) => yaml.load(m[1]!) as Workflow);
}

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

interface Scratch { repo: string; bin: string; log: string; summary: string; temp: string }

/** A git repository, and a bin folder with `minerals` (the built CLI, logging its argv and exit) and `gh` (logging only). */
async function scratch(): Promise<Scratch> {
  const temp = await fs.mkdtemp(path.join(os.tmpdir(), 'mw-ci-docs-'));
  const repo = path.join(temp, 'repo');
  const bin = path.join(temp, 'bin');
  const log = path.join(temp, 'calls.log');
  await fs.mkdir(repo);
  await fs.mkdir(bin);
  await fs.writeFile(path.join(bin, 'minerals'),
    `#!/bin/bash\nstatus=0\n"${process.execPath}" "${CLI}" "$@" || status=$?\n{ printf 'minerals'; printf '\\037%s' "$@"; printf '\\037=%s\\n' "$status"; } >> "${log}"\nexit $status\n`, { mode: 0o755 });
  await fs.writeFile(path.join(bin, 'gh'),
    `#!/bin/bash\n{ printf 'gh'; printf '\\037%s' "$@"; printf '\\037=0\\n'; } >> "${log}"\n`, { mode: 0o755 });
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'config', 'user.email', 't@example.invalid');
  git(repo, 'config', 'user.name', 'T');
  const summary = path.join(temp, 'summary.md');
  await fs.writeFile(summary, '');
  return { repo, bin, log, summary, temp };
}

const EXPRESSIONS = (base: string): Record<string, string> => ({
  'github.event.pull_request.base.sha': base,
  'github.event.pull_request.number': '7',
  'github.token': 'token-for-test',
});

/** Runs the job's steps like Actions: a failed step skips the rest but `if: always()`; `continue-on-error` absorbs a failure. */
function runJob(w: Workflow, s: Scratch, expressions: Record<string, string>): { ran: string[]; failed: string | undefined } {
  const [job] = Object.values(w.jobs);
  assert.equal(w.defaults?.run?.shell, 'bash', `${w.name}: scripts are written for bash`);
  const ran: string[] = [];
  let failed: string | undefined;
  for (const step of job!.steps) {
    if (step.run === undefined) continue;
    assert.doesNotMatch(step.run, /\$\{\{/, `${step.name}: expressions go through env:, not into the script`);
    if (step.name === INSTALL) continue; // clones from the network: not possible here
    if (failed !== undefined && step.if !== 'always()') continue;
    const env: Record<string, string> = { ...process.env as Record<string, string>, PATH: `${s.bin}:${process.env.PATH}`, RUNNER_TEMP: s.temp, GITHUB_STEP_SUMMARY: s.summary };
    for (const [k, v] of Object.entries(step.env ?? {})) {
      env[k] = String(v).replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, e: string) => {
        assert.ok(e in expressions, `unknown expression ${e}`);
        return expressions[e]!;
      });
    }
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], { cwd: s.repo, env, encoding: 'utf8' });
    ran.push(step.name ?? '?');
    if (r.status !== 0 && step['continue-on-error'] !== true) failed ??= `${step.name}: exit ${r.status}\n${r.stderr}`;
  }
  return { ran, failed };
}

async function calls(s: Scratch): Promise<{ argv: string[]; status: number }[]> {
  const text = await fs.readFile(s.log, 'utf8').catch(() => '');
  return text.trimEnd().split('\n').filter(Boolean).map((line) => {
    const parts = line.split('\x1f');
    return { argv: parts.slice(0, -1), status: Number(parts[parts.length - 1]!.slice(1)) };
  });
}

const fixture = (name: string): Promise<string> => fs.readFile(path.join(FIXTURES, name), 'utf8');

describe('docs/ci.md workflows', function () {
  this.timeout(120000);
  before(buildCli);

  it('are valid YAML: a validate workflow uploading SARIF, and a pull-request diff comment', async () => {
    const [validate, diff] = await workflows();
    assert.ok(validate && diff, 'two workflows');
    const steps = Object.values(validate.jobs)[0]!.steps;
    const upload = steps.find((x) => x.uses?.startsWith('github/codeql-action/upload-sarif@'));
    assert.ok(upload, 'upload-sarif step');
    assert.equal(upload.if, 'always()');
    assert.equal(validate.permissions['security-events'], 'write');
    assert.equal(diff.permissions['pull-requests'], 'write');
    assert.ok(Object.keys(diff.on as object).includes('pull_request'));
    for (const w of [validate, diff]) {
      const install = Object.values(w.jobs)[0]!.steps.find((x) => x.name === INSTALL);
      assert.match(install?.run ?? '', /npm run build[\s\S]*npm install --global/);
    }
  });

  it('the validate workflow writes SARIF and JUnit with the real CLI, for paths with spaces, and passes on warnings', async () => {
    const [validate] = await workflows();
    const s = await scratch();
    await fs.mkdir(path.join(s.repo, 'models'));
    await fs.writeFile(path.join(s.repo, 'models', 'stock pile.minerals.json'), await fixture('stockpile.minerals.json'));
    await fs.writeFile(path.join(s.repo, 'errors.minerals.json'), await fixture('errors.minerals.json'));
    git(s.repo, 'add', '.');
    git(s.repo, 'commit', '-qm', 'workbooks');
    const { ran, failed } = runJob(validate!, s, EXPRESSIONS('unused'));
    assert.equal(failed, undefined);
    assert.deepEqual(ran, ['Validate (SARIF)', 'Validate (JUnit)']);
    const invoked = await calls(s);
    assert.deepEqual(invoked.map((c) => [c.argv.slice(1), c.status]), [
      [['validate', 'errors.minerals.json', 'models/stock pile.minerals.json', '--format', 'sarif'], 0],
      [['validate', 'errors.minerals.json', 'models/stock pile.minerals.json', '--format', 'junit'], 0],
    ]);
    const upload = Object.values(validate!.jobs)[0]!.steps.find((x) => x.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    const sarif = JSON.parse(await fs.readFile(path.join(s.repo, String(upload.with!.sarif_file)), 'utf8')) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const uris = new Set(sarif.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri));
    assert.deepEqual([...uris].sort(), ['errors.minerals.json', 'models/stock%20pile.minerals.json']);
    assert.equal(XMLValidator.validate(await fs.readFile(path.join(s.repo, 'minerals-junit.xml'), 'utf8')), true);
  });

  it('a workbook with errors: SARIF is still written (for the upload), the JUnit step fails the job', async () => {
    const [validate] = await workflows();
    const s = await scratch();
    await fs.writeFile(path.join(s.repo, 'over-budget.minerals.json'), await fixture('over-budget.minerals.json'));
    git(s.repo, 'add', '.');
    git(s.repo, 'commit', '-qm', 'workbook');
    const { ran, failed } = runJob(validate!, s, EXPRESSIONS('unused'));
    assert.deepEqual(ran, ['Validate (SARIF)', 'Validate (JUnit)']);
    assert.match(failed ?? '', /^Validate \(JUnit\): exit 1/);
    const sarif = JSON.parse(await fs.readFile(path.join(s.repo, 'minerals.sarif'), 'utf8')) as { runs: { results: { ruleId: string }[] }[] };
    assert.ok(sarif.runs[0]!.results.some((r) => r.ruleId === 'MW5001'));
  });

  it('the diff workflow comments minerals diff --format markdown for each changed workbook, lists added and removed ones', async () => {
    const [, diff] = await workflows();
    const s = await scratch();
    const stock = await fixture('stockpile.minerals.json');
    await fs.writeFile(path.join(s.repo, 'stock pile.minerals.json'), stock);
    await fs.writeFile(path.join(s.repo, 'gone.minerals.json'), await fixture('errors.minerals.json'));
    git(s.repo, 'add', '.');
    git(s.repo, 'commit', '-qm', 'base');
    const base = git(s.repo, 'rev-parse', 'HEAD');
    const edited = stock.replace('"Price": { "value": 50,', '"Price": { "value": 60,');
    assert.notEqual(edited, stock);
    await fs.writeFile(path.join(s.repo, 'stock pile.minerals.json'), edited);
    await fs.rm(path.join(s.repo, 'gone.minerals.json'));
    await fs.writeFile(path.join(s.repo, 'new.minerals.json'), await fixture('over-budget.minerals.json'));
    git(s.repo, 'add', '-A');
    git(s.repo, 'commit', '-qm', 'head');

    const { ran, failed } = runJob(diff!, s, EXPRESSIONS(base));
    assert.equal(failed, undefined);
    assert.deepEqual(ran, ['Semantic diff', 'Comment on the pull request']);
    const invoked = await calls(s);
    assert.deepEqual(invoked.map((c) => [c.argv, c.status]), [
      [['minerals', 'diff', 'stock pile.minerals.json', '--rev', base, '--format', 'markdown'], 1],
      [['gh', 'pr', 'comment', '7', '--body-file', 'workbook-diff.md', '--edit-last'], 0],
    ]);
    const body = await fs.readFile(path.join(s.repo, 'workbook-diff.md'), 'utf8');
    assert.match(body, /^- added: `new\.minerals\.json`$/m);
    assert.match(body, /^- removed: `gone\.minerals\.json`$/m);
    assert.match(body, /^### minerals diff `[0-9a-f]{40}:stock pile\.minerals\.json` → `stock pile\.minerals\.json`$/m);
    // The summary table has a row per scenario; Price feeds every cost.
    for (const scenario of ['Baseline', 'Long stockpile']) assert.match(body, new RegExp(`^\\| ${scenario} \\| [1-9]`, 'm'));
    assert.equal(await fs.readFile(s.summary, 'utf8'), body);
  });

  it('the diff step fails when minerals diff reports bad usage (exit 2), instead of commenting', async () => {
    const [, diff] = await workflows();
    const s = await scratch();
    await fs.writeFile(path.join(s.repo, 'm.minerals.json'), await fixture('stockpile.minerals.json'));
    git(s.repo, 'add', '.');
    git(s.repo, 'commit', '-qm', 'base');
    const base = git(s.repo, 'rev-parse', 'HEAD');
    await fs.writeFile(path.join(s.repo, 'm.minerals.json'), await fixture('broken-json.minerals.json'));
    git(s.repo, 'commit', '-qam', 'broken');
    const { ran, failed } = runJob(diff!, s, EXPRESSIONS(base));
    assert.deepEqual(ran, ['Semantic diff']);
    assert.match(failed ?? '', /^Semantic diff: exit 2[\s\S]*minerals diff failed on m\.minerals\.json/);
    assert.ok(!(await calls(s)).some((c) => c.argv[0] === 'gh'));
  });
});
