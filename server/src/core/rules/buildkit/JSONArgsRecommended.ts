import { defineRule } from '../rule';
import type { Fix } from '../../types';
import type { Stage, StageModel } from '../../model/stages';
import { isDispatched, keywordRange, knownWithoutEntrypoint, rangeOf } from '../../support/buildkit';

/** Words JSON form would pass on unchanged: no quoting, expansion, globbing or operators. */
const PLAIN_WORD = /^[A-Za-z0-9_./:=@%+,-]+$/;
/** Shell builtins with no executable of that name: exec form could not run them. */
const BUILTINS = new Set(['cd', 'export', 'source', '.', 'exec', 'set', 'unset', 'alias', 'eval', 'exit', 'return', 'ulimit', 'umask', 'wait', 'trap', 'read', 'shift', 'type', 'command', 'hash', 'let', 'local', 'declare', 'readonly', 'times']);

/** The instruction's argument lines joined as BuildKit joins them: the escape character (`\\`, or `` ` `` after `# escape=`) before a line end continues the line. */
function joinContinuations(text: string, escape: string): string {
  const e = escape.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`${e}[ \\t]*\\r?\\n`, 'g'), '');
}

function hasShell(model: StageModel, stage: Stage, before: number): boolean {
  let s: Stage | undefined = stage;
  let limit = before;
  const seen = new Set<number>();
  while (s && !seen.has(s.index)) {
    seen.add(s.index);
    if (s.instructions.some((i) => i.getKeyword() === 'SHELL' && i.getRange().start.line < limit)) return true;
    s = s.parent !== undefined ? model.stages[s.parent] : undefined;
    limit = Infinity;
  }
  return false;
}

export default defineRule({
  id: 'buildkit/JSONArgsRecommended',
  buildkit: 'JSONArgsRecommended',
  hadolint: ['DL3025'],
  severity: 'warning',
  description: 'JSON arguments recommended for ENTRYPOINT/CMD to prevent unintended behavior related to OS signals.',
  messages: { json: 'JSON arguments recommended for {instruction} to prevent unintended behavior related to OS signals' },
  readsInstructions: ['CMD', 'ENTRYPOINT', 'SHELL'],
  checkStage({ model, report }, stage) {
    if (!isDispatched(model, stage)) return;
    for (const instr of stage.instructions) {
      const kw = instr.getKeyword();
      if (kw !== 'CMD' && kw !== 'ENTRYPOINT') continue;
      const argsRange = instr.getArgumentsRange();
      if (!argsRange) continue;
      const text = model.lines.getText(rangeOf(argsRange));
      if (/^\s*\[/.test(text)) {
        try {
          if (Array.isArray(JSON.parse(joinContinuations(text, model.dockerfile.getEscapeCharacter())))) continue;
        } catch {
          /* not valid JSON: BuildKit runs it through the shell */
        }
      }
      if (hasShell(model, stage, instr.getRange().start.line)) continue;
      const fixes: Fix[] = [];
      const words = text.trim().split(/[ \t]+/);
      if (!/[\r\n]/.test(text) && words.length && words.every((w) => PLAIN_WORD.test(w)) && !BUILTINS.has(words[0])) {
        // ENTRYPOINT in exec form receives CMD as arguments (shell form ignores them), and a CMD
        // changes meaning under an ENTRYPOINT: safe only for a CMD in an image known to have none.
        fixes.push({
          title: `Write ${instr.getInstruction()} in JSON form`,
          safe: kw === 'CMD' && knownWithoutEntrypoint(model, stage),
          edits: [{ range: rangeOf(argsRange), newText: JSON.stringify(words) }],
        });
      }
      report({ message: 'json', data: { instruction: instr.getInstruction() }, range: keywordRange(instr), fixes });
    }
  },
});
