import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs, one, many, keyValues, UsageError, Parsed } from './args';
import { discover } from './discover';
import { summarize, FileResult, SEVERITY_ORDER, LintOptions } from './lint';
import { defaultJobs, lintFiles } from './worker-pool';
import { formatText } from './formats/text';
import { formatJson } from './formats/json';
import { formatSarif } from './formats/sarif';
import { formatGithub } from './formats/github';
import { toDot, toMermaid } from './graph';
import { EXPLAIN_FLAGS, EXPLAIN_USAGE, runExplain } from './explain';
import { rules } from '../core/rules/registry';
import { analyze } from '../core/analyze';
import { stageGraph } from '../core/features/stage-info';
import { findConfig, loadConfigFile } from '../host/config-file';
import { mergeConfigs } from '../core/config';
import { processOutput } from './output';

const VERSION = '0.1.0';

const USAGE = `Usage:
  stagecraft lint [paths…] [--format text|json|sarif|github] [--fail-level error|warning|info|none]
                  [--target <stage>]… [--build-arg KEY=VALUE]… [--context <dir>] [--config <file>]
                  [--fix] [--unsafe] [--jobs <n>]
  stagecraft fix  [paths…] [--unsafe] [--rule <id>]… [--jobs <n>]
  stagecraft graph <Dockerfile> [--format mermaid|dot|json] [--target <stage>]…
  stagecraft rules [--format text|json]
${EXPLAIN_USAGE}
Directories are searched for Dockerfile, Dockerfile.*, *.Dockerfile, Containerfile*, *.Containerfile.
--jobs: threads that lint files at once (default: one per two cores, at most 4; 1: in-process).
Fixing always runs in one thread.
Exit codes: 0 nothing at or above the fail level, 1 findings at or above it, 2 usage or I/O error.
`;

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  cwd: string;
  color: boolean;
}

const defaultIo = (): Io => ({
  out: (s) => processOutput().out.write(s),
  err: (s) => processOutput().err.write(s),
  cwd: process.cwd(),
  color: !!process.stdout.isTTY && !process.env.NO_COLOR,
});

const LINT_FLAGS = {
  format: { value: true, choices: ['text', 'json', 'sarif', 'github'] },
  'fail-level': { value: true, choices: ['error', 'warning', 'info', 'none'] },
  target: { value: true, repeat: true },
  'build-arg': { value: true, repeat: true },
  context: { value: true },
  config: { value: true },
  fix: {},
  unsafe: {},
  rule: { value: true, repeat: true },
  jobs: { value: true },
  help: {},
};

export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'lint':
        return await runLint(parseArgs(rest, LINT_FLAGS), io, false);
      case 'fix':
        return await runLint(parseArgs(rest, { unsafe: {}, rule: { value: true, repeat: true }, target: LINT_FLAGS.target, 'build-arg': LINT_FLAGS['build-arg'], context: LINT_FLAGS.context, config: LINT_FLAGS.config, format: LINT_FLAGS.format, jobs: LINT_FLAGS.jobs, help: {} }), io, true);
      case 'graph':
        return runGraph(parseArgs(rest, { format: { value: true, choices: ['mermaid', 'dot', 'json'] }, target: LINT_FLAGS.target, 'build-arg': LINT_FLAGS['build-arg'], config: LINT_FLAGS.config, help: {} }), io);
      case 'explain': {
        const parsed = parseArgs(rest, EXPLAIN_FLAGS);
        if (parsed.flags.has('help')) {
          io.out(USAGE);
          return 0;
        }
        return runExplain(parsed, io);
      }
      case 'rules':
        return runRules(parseArgs(rest, { format: { value: true, choices: ['text', 'json'] }, help: {} }), io);
      case '--version':
      case 'version':
        io.out(`${VERSION}\n`);
        return 0;
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`stagecraft: ${e.message}\n${USAGE}`);
      return 2;
    }
    io.err(`stagecraft: internal error: ${(e as Error)?.stack ?? e}\n`);
    return 2;
  }
}

/** `--jobs N`: a whole number ≥ 1. */
function jobsOption(p: Parsed): number {
  const raw = one(p, 'jobs');
  if (raw === undefined) return defaultJobs();
  if (!/^[0-9]+$/.test(raw) || Number(raw) < 1) throw new UsageError(`--jobs expects a whole number ≥ 1 (got "${raw}")`);
  return Number(raw);
}

async function runLint(p: Parsed, io: Io, fixCommand: boolean): Promise<number> {
  if (p.flags.has('help')) {
    io.out(USAGE);
    return 0;
  }
  if (p.flags.has('rule') && !fixCommand) throw new UsageError('--rule belongs to "stagecraft fix"');
  const jobs = jobsOption(p);
  const ruleIds = many(p, 'rule');
  for (const id of ruleIds) if (!rules.has(id)) throw new UsageError(`unknown rule "${id}" (see "stagecraft rules")`);
  const configFile = one(p, 'config');
  if (configFile && !fs.existsSync(configFile)) {
    io.err(`stagecraft: ${configFile}: configuration file not found\n`);
    return 2;
  }
  const contextDir = one(p, 'context');
  if (contextDir && !(fs.existsSync(contextDir) && fs.statSync(contextDir).isDirectory())) {
    io.err(`stagecraft: ${contextDir}: build context is not a directory\n`);
    return 2;
  }
  const options: LintOptions = {
    contextDir,
    configFile,
    targets: many(p, 'target'),
    buildArgs: keyValues(many(p, 'build-arg'), 'build-arg'),
    fix: fixCommand || p.flags.has('fix'),
    unsafe: p.flags.has('unsafe'),
    fixRules: ruleIds.length ? ruleIds : undefined,
  };
  const found = discover(p.positionals.length ? p.positionals : ['.']);
  // Fixing stays in-process (lintFiles sees `fix`): a fix may create or extend `.dockerignore` in a build
  // context that later files share, so the order files are fixed in must not depend on thread timing.
  const run = await lintFiles(found.files, options, jobs);
  const results: FileResult[] = run.results;
  if (process.env.STAGECRAFT_DEBUG_THREADS) io.err(`stagecraft: debug: threads ${threadCounts(run.threads)}\n`);
  for (const e of found.errors) results.push({ file: e.file, findings: [], fixed: [], error: e.message, configProblems: [] });
  const summary = summarize(results);
  const format = one(p, 'format') ?? 'text';
  if (format === 'json') io.out(formatJson(results, summary, io.cwd));
  else if (format === 'sarif') io.out(formatSarif(results, rules, VERSION, io.cwd));
  else if (format === 'github') io.out(formatGithub(results, io.cwd));
  else io.out(formatText(results, summary, io.color, io.cwd));
  for (const r of results) if (r.error) io.err(`stagecraft: ${r.file}: ${r.error}\n`);
  if (!found.files.length && !found.errors.length) {
    io.err('stagecraft: no Dockerfile found\n');
    return 2;
  }
  if (results.some((r) => r.error)) return 2;
  const failLevel = (one(p, 'fail-level') ?? 'error') as keyof typeof SEVERITY_ORDER;
  if (failLevel === 'none') return 0;
  const threshold = SEVERITY_ORDER[failLevel];
  return results.some((r) => r.findings.some((f) => SEVERITY_ORDER[f.severity] >= threshold)) ? 1 : 0;
}

/** `<threadId>:<files>` for each thread that linted files, e.g. `1:300 2:290` (0 is the main thread). */
function threadCounts(threads: number[]): string {
  const counts = new Map<number, number>();
  for (const t of threads) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts].sort((a, b) => a[0] - b[0]).map(([t, n]) => `${t}:${n}`).join(' ');
}

function runGraph(p: Parsed, io: Io): number {
  if (p.flags.has('help')) {
    io.out(USAGE);
    return 0;
  }
  if (p.positionals.length !== 1) throw new UsageError('graph takes exactly one Dockerfile');
  const file = p.positionals[0];
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    io.err(`stagecraft: ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}\n`);
    return 2;
  }
  const configFile = one(p, 'config');
  const loaded = configFile ? loadConfigFile(configFile) : findConfig(path.dirname(path.resolve(file)));
  const config = mergeConfigs(loaded.config, { targets: many(p, 'target'), buildArgs: keyValues(many(p, 'build-arg'), 'build-arg') });
  const model = analyze(text, {}, config).model;
  if (!model) {
    io.err(`stagecraft: ${file}: could not be parsed\n`);
    return 2;
  }
  const g = stageGraph(model);
  const format = one(p, 'format') ?? 'mermaid';
  io.out(format === 'json' ? JSON.stringify(g, null, 2) + '\n' : format === 'dot' ? toDot(g) : toMermaid(g));
  return 0;
}

function runRules(p: Parsed, io: Io): number {
  const list = [...rules.values()];
  if ((one(p, 'format') ?? 'text') === 'json') {
    io.out(JSON.stringify(list.map((r) => ({
      id: r.id, severity: r.severity, description: r.description, experimental: !!r.experimental,
      hadolint: r.hadolint ?? [], buildkit: r.buildkit ?? null,
    })), null, 2) + '\n');
    return 0;
  }
  const width = Math.max(...list.map((r) => r.id.length));
  for (const r of list) io.out(`${r.id.padEnd(width)}  ${r.severity.padEnd(7)}  ${r.description}\n`);
  return 0;
}
