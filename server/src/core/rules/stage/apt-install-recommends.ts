import { Onbuild, Run } from 'dockerfile-ast';
import type { Instruction } from 'dockerfile-ast';
import { defineRule } from '../rule';
import type { Fix, Range } from '../../types';
import { ShellCommand, programName, splitShell } from '../../model/shell';
import { ancestry, commandTokens, offsetRange } from '../../model/stage-facts';
import { commandRange } from '../../model/cache-copies';
import type { RunInfo, StageModel } from '../../model/stages';

/** `apt-get install …` / `apt install …` (the subcommand is the first word that is no option). */
function aptInstall(cmd: ShellCommand): boolean {
  const prog = programName(cmd);
  if (prog !== 'apt-get' && prog !== 'apt') return false;
  const w = cmd.words;
  for (let i = 1; i < w.length; i++) {
    if (w[i] === '-o' || w[i] === '-c' || w[i] === '-t') { i++; continue; }
    if (w[i].startsWith('-')) continue;
    // A simulation or a download installs nothing (`apt-get install -s pkg` asks whether pkg exists).
    return w[i] === 'install' && !w.some((x) => /^--(simulate|dry-run|just-print|no-act|recon|download-only)$/.test(x) || /^-[a-zA-Z]*[sd][a-zA-Z]*$/.test(x));
  }
  return false;
}

const OFF = /^(false|0|no|off)$/i;

/** The install leaves recommended packages out: `--no-install-recommends`, `-o APT::Install-Recommends=false`. */
function withoutRecommends(cmd: ShellCommand): boolean {
  const w = cmd.words;
  for (let i = 1; i < w.length; i++) {
    if (w[i] === '--no-install-recommends') return true;
    const opt = w[i] === '-o' ? w[i + 1] : w[i].startsWith('--option=') ? w[i].slice(9) : /^-o./.test(w[i]) ? w[i].slice(2) : undefined;
    const m = opt ? /^APT::Install-Recommends=["']?([A-Za-z0-9]+)["']?$/i.exec(opt) : null;
    if (m && OFF.test(m[1])) return true;
  }
  return false;
}

/** A RUN text that writes apt's configuration to leave recommends out for the installs after it. */
const CONFIG_OFF = /APT::Install-Recommends\s*"?(false|0)"?/i;

interface Shell { instruction: Instruction; text: string; commands: ShellCommand[]; run?: RunInfo }

/** The shell commands of the RUNs and `ONBUILD RUN`s of the shipped image, in order (and of instructions before any FROM). */
function shipped(model: StageModel): Shell[][] {
  const chains: Shell[][] = [];
  const of = (instr: Instruction, runs: RunInfo[]): Shell | undefined => {
    if (instr instanceof Run) {
      const run = runs.find((r) => r.instruction === instr);
      if (run) return { instruction: instr, text: run.text, commands: run.commands, run };
      const text = instr.getArgumentsContent() ?? '';
      return { instruction: instr, text, commands: splitShell(text) };
    }
    if (instr instanceof Onbuild && (instr.getTriggerWord() ?? '').toUpperCase() === 'RUN') {
      const text = (instr.getArgumentsContent() ?? '').replace(/^\s*RUN\s+/i, '');
      return { instruction: instr, text, commands: splitShell(text) };
    }
    return undefined;
  };
  const before: Shell[] = [];
  for (const instr of model.dockerfile.getInstructions()) {
    if (instr.getKeyword() === 'FROM') break;
    const s = of(instr, []);
    if (s) before.push(s);
  }
  if (before.length) chains.push(before);
  for (const t of model.shipped) {
    const chain: Shell[] = [];
    const stages = ancestry(model, t).reverse();
    for (const s of stages) for (const instr of s.instructions) {
      const sh = of(instr, s.runs);
      if (sh) chain.push(sh);
    }
    chains.push(chain);
  }
  return chains;
}

export default defineRule({
  id: 'stage/apt-install-recommends',
  severity: 'info',
  description: '`apt-get install` without `--no-install-recommends` in the shipped image: recommended packages the image rarely needs are installed too.',
  messages: {
    recommends: "'{command}' also installs the packages these recommend (apt's default), which grow the shipped image and are rarely needed; add '--no-install-recommends'.",
  },
  hadolint: ['DL3015'],
  check({ model, report }) {
    const seen = new Set<ShellCommand>();
    for (const chain of shipped(model)) {
      let configured = false;
      for (const sh of chain) {
        for (const cmd of sh.commands) {
          if (!aptInstall(cmd)) {
            if (CONFIG_OFF.test(cmd.words.join(' '))) configured = true;
            continue;
          }
          if (configured || withoutRecommends(cmd) || seen.has(cmd)) continue;
          seen.add(cmd);
          const fixes: Fix[] = [];
          let range: Range = sh.instruction.getRange();
          if (sh.run) {
            range = commandRange(model, sh.run, cmd);
            const tokens = commandTokens(model, sh.run, cmd);
            const install = tokens?.find((t, k) => k > 0 && t.text === 'install');
            if (install) {
              fixes.push({ title: 'Add --no-install-recommends', safe: false, edits: [{ range: offsetRange(model, install.end, install.end), newText: ' --no-install-recommends' }] });
            }
          }
          const shown = cmd.words.join(' ');
          report({ message: 'recommends', data: { command: shown.length > 60 ? shown.slice(0, 57) + '...' : shown }, range, fixes });
        }
      }
    }
  },
});
