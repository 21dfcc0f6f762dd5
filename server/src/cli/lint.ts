import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../core/analyze';
import { fixAll } from '../core/fixes/fix-all';
import { mergeConfigs, StagecraftConfig } from '../core/config';
import type { Finding, Severity } from '../core/types';
import type { Rule } from '../core/rules/rule';
import { readBuildContext } from '../host/build-context';
import { ConfigCache, findConfig, loadConfigFile, LoadedConfig } from '../host/config-file';

export interface LintOptions {
  contextDir?: string;
  configFile?: string;
  targets: string[];
  buildArgs: Record<string, string>;
  fix: boolean;
  unsafe: boolean;
  /** With fix: only these rules' fixes. */
  fixRules?: string[];
  /** What configuration searches found so far in this run (see `ConfigCache`). */
  configs?: ConfigCache;
}

export interface FileResult {
  file: string;
  findings: Finding[];
  /** Fixes applied (with fix). */
  fixed: { rule: string; title: string }[];
  /** Set when the file could not be read or analysed. */
  error?: string;
  /** Configuration problems, by message. */
  configProblems: string[];
}

export const SEVERITY_ORDER: Record<Severity | 'none', number> = { hint: 0, info: 1, warning: 2, error: 3, none: 4 };

/** Lints one file. Never throws: read and write failures become `error`. */
export function lintFile(file: string, options: LintOptions): FileResult {
  let text: string;
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return { file, findings: [], fixed: [], error: 'not a regular file', configProblems: [] };
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { file, findings: [], fixed: [], error: code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String((e as Error).message), configProblems: [] };
  }
  if (text.includes('\u0000')) {
    return { file, findings: [], fixed: [], error: 'binary file (contains NUL bytes), not a Dockerfile', configProblems: [] };
  }
  const dir = path.dirname(path.resolve(file));
  const loaded: LoadedConfig = options.configFile ? loadConfigFile(options.configFile) : findConfig(dir, undefined, options.configs);
  const cli: StagecraftConfig = { targets: options.targets, buildArgs: options.buildArgs };
  const config = mergeConfigs(loaded.config, cli);
  const contextDir = options.contextDir ? path.resolve(options.contextDir) : dir;
  const context = readBuildContext(contextDir);
  if (!options.fix) {
    const a = analyze(text, context, config);
    const error = a.internalErrors.length && !a.model ? `could not be analysed (${a.internalErrors[0].split('\n')[0]})` : undefined;
    return { file, findings: a.findings, fixed: [], error, configProblems: loaded.problems };
  }
  const result = fixAll(text, context, config, { unsafe: options.unsafe, rules: options.fixRules });
  try {
    if (result.text !== text) fs.writeFileSync(file, result.text);
    for (const fe of result.fileEdits) {
      const target = path.join(contextDir, fe.path);
      if (fe.kind === 'create' && !fs.existsSync(target)) fs.writeFileSync(target, fe.text);
      else if (fe.kind === 'append' || fs.existsSync(target)) {
        const existing = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
        fs.writeFileSync(target, existing + (existing && !existing.endsWith('\n') ? '\n' : '') + fe.text);
      }
    }
  } catch (e) {
    return { file, findings: result.analysis.findings, fixed: [], error: `could not write: ${(e as Error).message}`, configProblems: loaded.problems };
  }
  // Files the fixes created or extended (e.g. `.dockerignore`) change the context: report what is left against it.
  const findings = result.fileEdits.length ? analyze(result.text, readBuildContext(contextDir), config).findings : result.analysis.findings;
  return { file, findings, fixed: result.applied, configProblems: loaded.problems };
}

/** Test hook: `STAGECRAFT_TEST_FAULT=<kind>:<path suffix>` makes linting that file fail: `throw` here, `crash` in a worker thread (see test/cli/jobs.test.ts). */
export function injectedFault(file: string, kind: string): boolean {
  const spec = process.env.STAGECRAFT_TEST_FAULT;
  return !!spec && spec.startsWith(`${kind}:`) && file.endsWith(spec.slice(kind.length + 1));
}

/**
 * Lints one file; a bug that makes linting throw becomes that file's `error` (the other files are
 * still linted). Used alike in-process and in the worker threads, so both give the same results.
 */
export function lintFileSafe(file: string, options: LintOptions): FileResult {
  try {
    if (injectedFault(file, 'throw')) throw new Error('injected fault');
    return lintFile(file, options);
  } catch (e) {
    return internalErrorResult(file, `internal error: ${String((e as Error)?.message ?? e).split('\n')[0]}`);
  }
}

export function internalErrorResult(file: string, error: string): FileResult {
  return { file, findings: [], fixed: [], error, configProblems: [] };
}

export interface Summary {
  files: number;
  filesWithErrors: number;
  errors: number;
  warnings: number;
  infos: number;
  hints: number;
  fixable: number;
  fixed: number;
}

export function summarize(results: FileResult[]): Summary {
  const s: Summary = { files: results.length, filesWithErrors: 0, errors: 0, warnings: 0, infos: 0, hints: 0, fixable: 0, fixed: 0 };
  for (const r of results) {
    if (r.error) s.filesWithErrors++;
    s.fixed += r.fixed.length;
    for (const f of r.findings) {
      if (f.severity === 'error') s.errors++;
      else if (f.severity === 'warning') s.warnings++;
      else if (f.severity === 'info') s.infos++;
      else s.hints++;
      if (f.fixes.some((x) => x.safe)) s.fixable++;
    }
  }
  return s;
}

export type RuleLookup = (id: string) => Rule | undefined;
