/**
 * `stagecraft explain <Dockerfile>`: which steps BuildKit reuses and which it re-runs when the
 * given files (or any source file) and build arguments change, with the first cause of each
 * rebuild. Text for people; `--format json` is API.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Parsed, UsageError, keyValues, many, one } from './args';
import { analyze } from '../core/analyze';
import { ContextView } from '../core/context';
import { explain, Explanation } from '../core/explain';
import { readFullBuildContext } from '../host/build-context';
import { findConfig, loadConfigFile } from '../host/config-file';
import { mergeConfigs } from '../core/config';

export const EXPLAIN_FLAGS = {
  changed: { value: true, repeat: true },
  'build-arg': { value: true, repeat: true },
  target: { value: true },
  context: { value: true },
  config: { value: true },
  format: { value: true, choices: ['text', 'json'] },
  help: {},
};

export const EXPLAIN_USAGE = `  stagecraft explain <Dockerfile> [--changed <path>|arg:<NAME>]… [--build-arg KEY=VALUE]…
                  [--target <stage>] [--context <dir>] [--format text|json]
`;

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  cwd: string;
}

/** Runs the command; returns the exit code (0, or 2 with a one-line message on a usage or I/O error). */
export function runExplain(p: Parsed, io: Io): number {
  if (p.positionals.length !== 1) throw new UsageError('explain takes exactly one Dockerfile');
  const file = p.positionals[0];
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(io.cwd, file), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    io.err(`stagecraft: ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (e as Error).message}\n`);
    return 2;
  }
  const contextArg = one(p, 'context');
  const contextDir = path.resolve(io.cwd, contextArg ?? path.dirname(file));
  try {
    if (!fs.statSync(contextDir).isDirectory()) throw new Error();
  } catch {
    io.err(`stagecraft: ${contextArg ?? contextDir}: build context is not a directory\n`);
    return 2;
  }
  const configFile = one(p, 'config');
  if (configFile && !fs.existsSync(path.resolve(io.cwd, configFile))) {
    io.err(`stagecraft: ${configFile}: configuration file not found\n`);
    return 2;
  }
  const loaded = configFile ? loadConfigFile(path.resolve(io.cwd, configFile)) : findConfig(path.dirname(path.resolve(io.cwd, file)));
  const target = one(p, 'target');
  const buildArgs = keyValues(many(p, 'build-arg'), 'build-arg');
  const config = mergeConfigs(loaded.config, { buildArgs });
  // one target: --target, else the first configured one, else the last stage
  config.targets = target ? [target] : (config.targets ?? []).slice(0, 1);
  const facts = readFullBuildContext(contextDir);
  const model = analyze(text, {}, config).model;
  if (!model || !model.stages.length) {
    io.err(`stagecraft: ${file}: ${model ? 'no FROM instruction' : 'could not be parsed'}\n`);
    return 2;
  }
  if (target && !model.stages.some((s) => s.key === target.toLowerCase() || String(s.index) === target)) {
    io.err(`stagecraft: ${file}: no stage named "${target}"\n`);
    return 2;
  }
  const changedFiles: string[] = [];
  const changedArgs: string[] = [];
  for (const c of many(p, 'changed')) {
    const m = /^arg:([A-Za-z_][A-Za-z0-9_]*)$/.exec(c);
    if (m) changedArgs.push(m[1]);
    else if (c.startsWith('arg:')) throw new UsageError(`--changed arg:<NAME> needs a build argument name (got "${c}")`);
    else changedFiles.push(contextPath(c, contextDir, io.cwd));
  }
  const anyChanged = many(p, 'changed').length > 0;
  const result = explain(model, new ContextView(facts), { changed: anyChanged ? changedFiles : undefined, changedArgs });
  if ((one(p, 'format') ?? 'text') === 'json') io.out(JSON.stringify({ target: result.target, steps: result.steps }, null, 2) + '\n');
  else io.out(formatText(result, anyChanged ? [...changedFiles, ...changedArgs.map((a) => `ARG ${a}`)] : undefined));
  return 0;
}

/** A changed path as the build context names it: relative to the context root, `/` separators, folders keep their `/`. */
function contextPath(p: string, contextDir: string, cwd: string): string {
  const dir = p.endsWith('/') || p.endsWith(path.sep);
  const abs = path.isAbsolute(p) ? p : path.resolve(cwd, p);
  let rel = path.relative(contextDir, abs);
  // a relative path that does not exist from here but exists in the context names the context's file
  if (!path.isAbsolute(p) && !fs.existsSync(abs) && fs.existsSync(path.join(contextDir, p))) rel = path.normalize(p);
  rel = rel.split(path.sep).join('/');
  return dir && rel && !rel.endsWith('/') ? rel + '/' : rel;
}

function formatText(r: Explanation, changed: string[] | undefined): string {
  const lines: string[] = [];
  lines.push(`target ${r.target}: ${changed ? `after a change to ${changed.join(', ') || 'nothing'}` : 'after a change to any source file'}`);
  let k = 0;
  const width = Math.max(...r.steps.map((s) => String(s.line).length));
  for (const st of r.stages) {
    lines.push('');
    lines.push(`stage ${st.stage}: ${st.rebuilt} of ${st.steps} steps rebuild`);
    while (k < r.steps.length && r.steps[k].stage === st.stage) {
      const s = r.steps[k];
      const meta = !r.buildSteps[k];
      const status = meta && s.status === 'reused' ? '-' : s.status;
      const instr = s.instruction.split('\n')[0];
      lines.push(`  ${String(s.line).padStart(width)}  ${status.padEnd(7)}  ${instr.length > 70 ? instr.slice(0, 69) + '…' : instr}${s.cause ? `\n  ${' '.repeat(width)}           ${s.cause}` : ''}`);
      k++;
    }
  }
  lines.push('');
  if (r.everyBuild.length) {
    lines.push('re-run on every build:');
    for (const s of r.everyBuild) lines.push(`  line ${s.line} (${s.stage}): ${s.cause}`);
  } else lines.push('no step re-runs on every build');
  return lines.join('\n') + '\n';
}
