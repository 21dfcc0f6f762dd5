import { Arg } from 'dockerfile-ast';
import { defineRule } from '../rule';
import type { Fix } from '../../types';
import { installOf } from '../../model/installs';
import { cleanupOf, indexRefreshOf, isNeutral, isVolatileArgName } from '../../model/cache-facts';
import { deleteInstructionLines, insertAfterInstruction, insertBeforeLine, instructionLinesText } from '../../model/cache-copies';
import type { RunInfo } from '../../model/stages';
import { programName } from '../../model/shell';

/**
 * A RUN that only fetches and installs dependencies (plus index refreshes, cleanups,
 * `mkdir`/`cd`): expensive, and it cannot read a build argument it does not name.
 * Installing the project itself (`pip install .`) may read it, so it does not count.
 */
function dependencyOnly(run: RunInfo): boolean {
  let installs = 0;
  for (const c of run.commands) {
    if (isNeutral(c) || indexRefreshOf(c) || cleanupOf(c) || /^(mkdir|cd|ln|chmod|chown)$/.test(programName(c))) continue;
    const inst = installOf(c);
    if (!inst) return false;
    if (c.words.some((w) => w === '.' || w === './' || w === '-e' || w === '--editable')) return false;
    installs++;
  }
  return installs > 0;
}

export default defineRule({
  id: 'cache/volatile-arg-early',
  severity: 'warning',
  description: 'An ARG whose value changes every build (commit, date, build number…) declared before an expensive RUN that does not use it.',
  messages: {
    early: "ARG {name} changes with every build, and it is declared before the RUN on line {line}, which does not use it: each new value reruns that RUN and everything after it; declare it just before its first use.",
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      stage.instructions.forEach((instr, ai) => {
        if (!(instr instanceof Arg)) return;
        const props = instr.getProperties();
        for (const p of props) {
          const name = p.getName();
          if (!isVolatileArgName(name)) continue;
          const argLine = instr.getRange().start.line;
          const usedBy = new Set(model.uses.filter((u) => u.stage === stage.index && u.name === name && u.instruction.getRange().start.line > argLine).map((u) => u.instruction));
          const skipped: RunInfo[] = [];
          let stop: number | undefined;
          for (let k = ai + 1; k < stage.instructions.length; k++) {
            const next = stage.instructions[k];
            if (usedBy.has(next)) { stop = k; break; }
            if (next instanceof Arg && next.getProperties().some((q) => q.getName() === name)) { stop = k; break; }
            const run = stage.runs.find((r) => r.instruction === next);
            if (!run) continue;
            if (!dependencyOnly(run)) { stop = k; break; }
            skipped.push(run);
          }
          if (!skipped.length) continue;
          const fixes: Fix[] = [];
          if (props.length === 1) {
            const text = instructionLinesText(model, instr);
            const edits = [deleteInstructionLines(model, instr)];
            if (stop !== undefined) edits.push(insertBeforeLine(model, stage.instructions[stop], text + model.lines.eol));
            else edits.push(insertAfterInstruction(model, skipped[skipped.length - 1].instruction, text));
            fixes.push({ title: `Move ARG ${name} below the dependency installs`, safe: true, edits });
          }
          report({
            message: 'early',
            data: { name, line: skipped[0].instruction.getRange().start.line + 1 },
            range: { start: p.getNameRange().start, end: p.getNameRange().end },
            fixes,
          });
        }
      });
    }
  },
});
