import { Add, Copy } from 'dockerfile-ast';
import type { Instruction } from 'dockerfile-ast';
import { defineRule } from '../rule';
import type { Fix, TextEdit } from '../../types';
import { ShellCommand, programName } from '../../model/shell';
import { isNeutral } from '../../model/cache-facts';
import { commandRange, deleteInstructionLines } from '../../model/cache-copies';
import { copySpec, normalizePath, workdirAt } from '../../model/stage-facts';
import type { RunInfo } from '../../model/stages';

/** A `chown`/`chmod` command: what it sets, whether it recurses, and the paths. */
interface PermissionChange {
  command: ShellCommand;
  kind: 'chown' | 'chmod';
  value: string;
  recursive: boolean;
  paths: string[];
}

function permissionChange(cmd: ShellCommand): PermissionChange | undefined {
  const prog = programName(cmd);
  if (prog !== 'chown' && prog !== 'chmod') return undefined;
  let recursive = false;
  const positional: string[] = [];
  for (const w of cmd.words.slice(1)) {
    if (w === '-R' || w === '--recursive') recursive = true;
    else if (/^-[Rvcf]+$/.test(w)) recursive ||= w.includes('R');
    else if (/^--(verbose|changes|silent|quiet)$/.test(w)) continue;
    else if (w.startsWith('-') && !(prog === 'chmod' && positional.length === 0 && /^-[rwxXst]+$/.test(w))) return undefined; // -h, --reference, --from …
    else positional.push(w);
  }
  if (positional.length < 2) return undefined;
  return { command: cmd, kind: prog, value: positional[0], recursive, paths: positional.slice(1) };
}

const ARCHIVE = /\.(tar|tgz|tar\.gz|gz|bz2|tbz2?|xz|txz|zst|zip)$/i;

/** The next instruction after `index` that makes a layer (RUN, COPY, ADD). */
function nextLayer(instructions: Instruction[], index: number): Instruction | undefined {
  for (let k = index + 1; k < instructions.length; k++) {
    const kw = instructions[k].getKeyword();
    if (kw === 'RUN' || kw === 'COPY' || kw === 'ADD') return instructions[k];
  }
  return undefined;
}

export default defineRule({
  id: 'cache/chown-after-copy',
  severity: 'warning',
  description: '`RUN chown`/`chmod` right after a COPY of the same path, in the shipped image: every copied file is written again into a new layer.',
  messages: {
    twice: "'{command}' changes the {what} of what the {keyword} on line {line} just added: every file is written again into a new layer, so the image holds it twice; set it in the {keyword} with '{flags}'.",
  },
  checkStage({ model, report }, stage) {
    if (!model.inImage.has(stage.index)) return;
    stage.instructions.forEach((instr, k) => {
      if (!(instr instanceof Copy || instr instanceof Add)) return;
      const next = nextLayer(stage.instructions, k);
      const run: RunInfo | undefined = next ? stage.runs.find((r) => r.instruction === next) : undefined;
      if (!run || run.execForm) return;
      const spec = copySpec(instr);
      if (!spec.dest || !spec.sources.length || (instr instanceof Copy && instr.getHeredocs().length)) return;
      if (instr instanceof Add && spec.sources.some((s) => ARCHIVE.test(s.value) || /^[a-z][a-z0-9+.-]*:\/\//i.test(s.value) || /^git@/.test(s.value))) return;
      const commands = run.commands.filter((c) => !isNeutral(c));
      const changes = commands.map(permissionChange);
      if (!changes.length || changes.some((c) => !c)) return;
      const wdCopy = workdirAt(model, stage.index, instr);
      const wdRun = workdirAt(model, stage.index, run.instruction);
      if (!wdCopy || !wdRun || spec.dest.value.includes('$')) return;
      const destRaw = spec.dest.value;
      const dest = normalizePath(destRaw, wdCopy);
      const destIsDir = /\/$/.test(destRaw) || destRaw === '.' || spec.sources.length > 1 || spec.sources.some((s) => /[*?[]/.test(s.value));
      // What the COPY created: the destination, and (into a folder) each source by its base name.
      const files = destIsDir
        ? spec.sources.map((s) => s.value.replace(/\/+$/, '').split('/').pop() ?? '').filter((b) => b && b !== '.' && !/[*?[$]/.test(b)).map((b) => normalizePath(b, dest))
        : [dest];
      const targets = new Set([dest, ...files]);
      const all = changes as PermissionChange[];
      if (!all.every((c) => c.paths.every((p) => !p.includes('$') && targets.has(normalizePath(p, wdRun))))) return;
      const kinds = [...new Set(all.map((c) => c.kind))];
      const flags: string[] = [];
      let safe = true;
      for (const kind of kinds) {
        const values = [...new Set(all.filter((c) => c.kind === kind).map((c) => c.value))];
        if (values.length !== 1 || values[0].includes('$')) return;
        const value = values[0];
        if (kind === 'chown') {
          flags.push(`--chown=${value}`);
          // `chown user` keeps the group; `--chown=user` sets the group to the user's too.
          if (!value.includes(':')) safe = false;
        } else {
          const octal = /^[0-7]{3,4}$/.test(value);
          const plusX = /^(a|ugo)?\+x$/.test(value);
          if (!octal && !plusX) return;
          flags.push(`--chmod=${octal ? value : '755'}`);
          if (!octal) safe = false;
        }
      }
      // Only a non-recursive change of files the COPY created keeps the result: a folder may hold
      // files of earlier layers, and the destination folder itself may predate the COPY.
      if (all.some((c) => c.recursive || c.paths.some((p) => destIsDir && normalizePath(p, wdRun) === dest))) safe = false;
      if (!destIsDir && all.some((c) => c.recursive)) safe = false;
      const fixes: Fix[] = [];
      const existing = instr.getFlags().map((f) => f.getName().toLowerCase());
      if (!kinds.some((kind) => existing.includes(kind))) {
        const at = instr.getInstructionRange().end;
        const edits: TextEdit[] = [{ range: { start: at, end: at }, newText: ' ' + flags.join(' ') }, deleteInstructionLines(model, run.instruction)];
        fixes.push({ title: `Set ${flags.join(' ')} in the ${instr.getKeyword()} and remove the RUN`, safe, edits });
      }
      const first = all[0].command;
      const range = commandRange(model, run, first);
      const shown = all.map((c) => c.command.words.join(' ')).join(' && ');
      report({
        message: 'twice',
        data: {
          command: shown.length > 60 ? shown.slice(0, 57) + '...' : shown,
          what: kinds.map((x) => (x === 'chown' ? 'owner' : 'mode')).join(' and '),
          keyword: instr.getKeyword(),
          line: instr.getRange().start.line + 1,
          flags: flags.join(' '),
        },
        range,
        fixes,
      });
    });
  },
});
