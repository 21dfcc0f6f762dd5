import { Arg, Env, Instruction } from 'dockerfile-ast';
import { defineRule } from '../rule';
import type { Fix, Range, TextEdit } from '../../types';
import { installOf } from '../../model/installs';
import { cleanupOf, indexRefreshOf, isNeutral, isVolatileArgName } from '../../model/cache-facts';
import { deleteInstructionLines, insertAfterInstruction, insertBeforeLine, instructionLinesText } from '../../model/cache-copies';
import type { RunInfo, Stage, StageModel } from '../../model/stages';
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

interface Scan {
  /** Dependency-only RUNs the value invalidates without being read there, in this stage. */
  skipped: RunInfo[];
  /** LABEL and ENV instructions that only pass the value on: they move with the declaration. */
  carried: Instruction[];
  /** The instruction that needs the value (a use, a redeclaration, a RUN that may read it); undefined: the stage's end. */
  stop?: number;
  /** Names that carry the value on: the declared one and the ENVs set from it. */
  names: Set<string>;
}

function usesIn(model: StageModel, stage: Stage, instr: Instruction, names: Set<string>): boolean {
  return model.uses.some((u) => u.stage === stage.index && u.instruction === instr && names.has(u.name));
}

/** Scans forward from instruction `from` (exclusive) of a stage for what a changed value reruns. */
function scan(model: StageModel, stage: Stage, from: number, names: Set<string>, declared: string): Scan {
  const out: Scan = { skipped: [], carried: [], names };
  for (let k = from + 1; k < stage.instructions.length; k++) {
    const next = stage.instructions[k];
    if (usesIn(model, stage, next, names)) {
      const keyword = next.getKeyword();
      if (keyword === 'LABEL' || next instanceof Env) {
        out.carried.push(next);
        if (next instanceof Env) for (const p of next.getProperties()) names.add(p.getName());
        continue;
      }
      out.stop = k;
      return out;
    }
    if (next instanceof Arg && next.getProperties().some((q) => q.getName() === declared)) {
      out.stop = k;
      return out;
    }
    const run = stage.runs.find((r) => r.instruction === next);
    if (!run) continue;
    if (!dependencyOnly(run)) {
      out.stop = k;
      return out;
    }
    out.skipped.push(run);
  }
  return out;
}

/** The first dependency-only RUN of a stage built FROM this one that an inherited ENV invalidates without being read. */
function inheritedSkip(model: StageModel, stage: Stage, names: Set<string>): RunInfo | undefined {
  for (const child of model.stages) {
    if (child.parent !== stage.index) continue;
    const s = scan(model, child, -1, new Set(names), '');
    if (s.skipped.length) return s.skipped[0];
    if (s.stop === undefined) {
      const deeper = inheritedSkip(model, child, s.names);
      if (deeper) return deeper;
    }
  }
  return undefined;
}

export default defineRule({
  id: 'cache/volatile-arg-early',
  severity: 'warning',
  description: 'An ARG (or an ENV set from it) whose value changes every build (commit, date, build number…) declared before an expensive RUN that does not use it.',
  messages: {
    early: "ARG {name} changes with every build, and it is declared before the RUN on line {line}, which does not use it: each new value reruns that RUN and everything after it; declare it just before its first use.",
    inherited: "ENV {name} is set from a value that changes with every build, and stages built FROM this one inherit it: each new value reruns the RUN on line {line}, which does not use it; set it in the stage that needs it, after the dependency installs.",
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      stage.instructions.forEach((instr, ai) => {
        // An ENV's value can only change between builds through an ARG: the ARG's finding covers the
        // ENVs set from it (they move with it), in this stage and in the stages that inherit them.
        if (!(instr instanceof Arg)) return;
        const props = instr.getProperties();
        for (const p of props) {
          const name = p.getName();
          if (!isVolatileArgName(name)) continue;
          const range: Range = { start: p.getNameRange().start, end: p.getNameRange().end };
          const s = scan(model, stage, ai, new Set([name]), name);
          if (!s.skipped.length) {
            // An ENV set from it lives on in the stages built FROM this one.
            const env = s.carried.find((c): c is Env => c instanceof Env);
            const child = env && s.stop === undefined ? inheritedSkip(model, stage, s.names) : undefined;
            if (env && child) {
              report({ message: 'inherited', data: { name: env.getProperties()[0].getName(), line: child.instruction.getRange().start.line + 1 }, range });
            }
            continue;
          }
          const fixes: Fix[] = [];
          if (props.length === 1) fixes.push(moveFix(model, stage, instr, s, name));
          report({ message: 'early', data: { name, line: s.skipped[0].instruction.getRange().start.line + 1 }, range, fixes });
        }
      });
    }
  },
});

/**
 * Moves the declaration, with the LABELs and ENVs that pass its value on and stand before the last
 * dependency install, to just below that install (before the next instruction that needs the value).
 */
function moveFix(model: StageModel, stage: Stage, decl: Instruction, s: Scan, name: string): Fix {
  const lastSkipped = s.skipped[s.skipped.length - 1].instruction;
  const lastLine = lastSkipped.getRange().start.line;
  const moved = [decl, ...s.carried.filter((c) => c.getRange().start.line < lastLine)];
  const stayed = s.carried.filter((c) => c.getRange().start.line > lastLine);
  const text = moved.map((i) => instructionLinesText(model, i)).join(model.lines.eol);
  const edits: TextEdit[] = moved.map((i) => deleteInstructionLines(model, i));
  const before = stayed[0] ?? (s.stop !== undefined ? stage.instructions[s.stop] : undefined);
  edits.push(before ? insertBeforeLine(model, before, text + model.lines.eol) : insertAfterInstruction(model, lastSkipped, text));
  return { title: `Move ARG ${name} below the dependency installs`, safe: true, edits };
}
