import { defineRule } from '../rule';
import type { Fix } from '../../types';
import { indexConsumerOf, indexRefreshOf, isNeutral } from '../../model/cache-facts';
import { commandOffsetsReliable, commandRange, commandText, deleteInstructionLines } from '../../model/cache-copies';

const INSTALL_WORD: Record<string, string> = { apt: 'install', apk: 'add', dnf: 'install' };

export default defineRule({
  id: 'cache/apt-update-alone',
  severity: 'warning',
  description: 'A package-index refresh (`apt-get update`, `apk update`, `dnf makecache`) in a RUN of its own, apart from the install it feeds.',
  messages: {
    alone: "'{command}' runs in a different RUN from the install it feeds (line {line}): its cached layer keeps an old package index, so changing the install later can fail or fetch outdated packages; refresh and install in one RUN.",
  },
  readsInstructions: ['RUN'],
  checkStage({ model, report }, stage) {
    stage.runs.forEach((u, ui) => {
      u.commands.forEach((c, ci) => {
        const mgr = indexRefreshOf(c);
        if (!mgr) return;
        // Fed in the same RUN: fine.
        if (u.commands.slice(ci + 1).some((x) => indexConsumerOf(x) === mgr)) return;
        // The next RUN of the stage that installs with this manager, unless it refreshes the index itself first.
        let target: { run: typeof u; cmd: (typeof u.commands)[number] } | undefined;
        for (const j of stage.runs.slice(ui + 1)) {
          const consumer = j.commands.findIndex((x) => indexConsumerOf(x) === mgr);
          const refresh = j.commands.findIndex((x) => indexRefreshOf(x) === mgr);
          if (refresh >= 0 && (consumer < 0 || refresh < consumer)) return; // refreshed again before any install
          if (consumer >= 0) {
            target = { run: j, cmd: j.commands[consumer] };
            break;
          }
        }
        if (!target) return;
        const refreshText = commandText(u, c).replace(/\s*\\\r?\n\s*/g, ' ');
        const fixes: Fix[] = [];
        const alone = u.commands.every((x) => x === c || isNeutral(x)) && u.commands.filter((x) => !isNeutral(x)).length === 1;
        if (alone && u.instruction.getFlags().length === 0 && commandOffsetsReliable(target.run) && target.cmd.offset >= 0) {
          const before = target.run.text.slice(0, target.cmd.offset).trimEnd();
          const at = target.run.text.slice(target.cmd.offset);
          const piped = before.endsWith('|') && !before.endsWith('||');
          if (!piped && !/^(xargs|exec)\b/.test(at)) {
            const range = commandRange(model, target.run, target.cmd);
            fixes.push({
              title: `Merge '${refreshText}' into the RUN that ${INSTALL_WORD[mgr] === 'add' ? 'adds' : 'installs'} the packages`,
              safe: true,
              edits: [
                deleteInstructionLines(model, u.instruction),
                { range: { start: range.start, end: range.start }, newText: `${refreshText} && ` },
              ],
            });
          }
        }
        report({
          message: 'alone',
          data: { command: refreshText, line: target.run.instruction.getRange().start.line + 1 },
          range: commandRange(model, u, c),
          fixes,
        });
      });
    });
  },
});
