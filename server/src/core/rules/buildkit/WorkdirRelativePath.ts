import type { Instruction } from 'dockerfile-ast';
import { defineRule } from '../rule';
import type { Stage } from '../../model/stages';
import { dispatchedStages, rangeOf } from '../../support/buildkit';

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
  check({ model, report }) {
    // BuildKit checks only the first WORKDIR of a FROM chain inside the Dockerfile.
    const firstWorkdirDone = new Map<number, boolean>();
    const chainHasWorkdir = (s: Stage): boolean => (s.parent !== undefined ? firstWorkdirDone.get(s.parent) ?? false : false);
    for (const s of model.stages) firstWorkdirDone.set(s.index, chainHasWorkdir(s) || s.instructions.some((i) => i.getKeyword() === 'WORKDIR'));
    const dispatched = new Set(dispatchedStages(model).map((s) => s.index));
    const firsts: (Instruction | undefined)[] = [];
    for (const s of model.stages) {
      if (!dispatched.has(s.index) || chainHasWorkdir(s)) continue;
      firsts.push(s.instructions.find((i) => i.getKeyword() === 'WORKDIR'));
    }
    // Instructions before the first FROM belong to no stage (Docker rejects them, reported as a syntax
    // error); a relative WORKDIR there is still relative once a FROM is added above it: judge the first one.
    const firstFrom = model.stages.length ? model.stages[0].fromRange.start.line : Infinity;
    firsts.push(model.dockerfile.getInstructions().find((i) => i.getRange().start.line < firstFrom && i.getKeyword() === 'WORKDIR'));
    for (const w of firsts) {
      const argsRange = w?.getArgumentsRange();
      if (!w || !argsRange) continue;
      const range = rangeOf(argsRange);
      const path = unquote(model.lines.getText(range).trim());
      if (!path || path.startsWith('$') || isAbsolute(path)) continue;
      const abs = '/' + path.replace(/^\.\//, '');
      report({
        message: 'relative',
        data: { path },
        range,
        fixes: [{ title: `Use the absolute path '${abs}'`, safe: false, edits: [{ range, newText: abs }] }],
      });
    }
  },
});
