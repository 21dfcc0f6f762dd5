import type { Instruction } from 'dockerfile-ast';
import { defineRule, Report } from '../rule';
import type { StageModel } from '../../model/stages';
import { isDispatched, preludeInstructions, rangeOf } from '../../support/buildkit';
import { ancestry } from '../../model/stage-facts';

function isAbsolute(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\');
}

function unquote(s: string): string {
  return s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0] ? s.slice(1, -1) : s;
}

export default defineRule({
  id: 'buildkit/WorkdirRelativePath',
  buildkit: 'WorkdirRelativePath',
  hadolint: ['DL3000'],
  severity: 'warning',
  description: 'Relative workdir without an absolute workdir declared within the build can have unexpected results if the base image changes.',
  messages: { relative: 'Relative workdir "{path}" can have unexpected results if the base image changes' },
  readsInstructions: ['WORKDIR'],
  checkStage({ model, report }, stage) {
    // BuildKit checks only the first WORKDIR of a FROM chain inside the Dockerfile.
    if (!isDispatched(model, stage)) return;
    if (ancestry(model, stage.index).slice(1).some((s) => s.instructions.some((i) => i.getKeyword() === 'WORKDIR'))) return;
    checkWorkdir(model, stage.instructions.find((i) => i.getKeyword() === 'WORKDIR'), report);
  },
  checkPrelude({ model, report }) {
    // Instructions before the first FROM belong to no stage (Docker rejects them, reported as a syntax
    // error); a relative WORKDIR there is still relative once a FROM is added above it: judge the first one.
    checkWorkdir(model, preludeInstructions(model).find((i) => i.getKeyword() === 'WORKDIR'), report);
  },
});

function checkWorkdir(model: StageModel, w: Instruction | undefined, report: (r: Report<'relative'>) => void): void {
  const argsRange = w?.getArgumentsRange();
  if (!w || !argsRange) return;
  const range = rangeOf(argsRange);
  const path = unquote(model.lines.getText(range).trim());
  if (!path || path.startsWith('$') || isAbsolute(path)) return;
  const abs = '/' + path.replace(/^\.\//, '');
  report({
    message: 'relative',
    data: { path },
    range,
    fixes: [{ title: `Use the absolute path '${abs}'`, safe: false, edits: [{ range, newText: abs }] }],
  });
}
