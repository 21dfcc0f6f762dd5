import { defineRule } from '../rule';
import { programName } from '../../model/shell';
import { commandTokens, offsetRange } from '../../model/stage-facts';

const SUBCOMMANDS = ['ci', 'clean-install', 'install', 'i', 'isntall', 'prune'];

export default defineRule({
  id: 'stage/deprecated-npm-production-flag',
  severity: 'warning',
  description: '`npm ci|install|prune --only=production` or `--production`: deprecated flags; `--omit=dev` is the supported spelling.',
  messages: {
    deprecated: "'{flag}' is deprecated in 'npm {sub}' (npm prints a warning and may drop it); use '--omit=dev'.",
  },
  readsInstructions: ['RUN'],
  checkStage({ model, report }, s) {
    for (const run of s.runs) {
      for (const cmd of run.commands) {
        if (programName(cmd) !== 'npm') continue;
        const sub = cmd.words[1] ?? '';
        if (!SUBCOMMANDS.includes(sub)) continue;
        const tokens = commandTokens(model, run, cmd);
        for (let k = 2; k < cmd.words.length; k++) {
          const w = cmd.words[k];
          let span = 1;
          if (w === '--production' || w === '--production=true' || w === '--only=production' || w === '--only=prod') span = 1;
          else if (w === '--only' && /^prod(uction)?$/.test(cmd.words[k + 1] ?? '')) span = 2;
          else continue;
          const flag = cmd.words.slice(k, k + span).join(' ');
          // Find the raw token(s) for the edit; without trustworthy offsets, point at the RUN.
          const tokIndex = tokens ? tokens.findIndex((t, ti) => t.text === cmd.words[k] && tokens.slice(0, ti).filter((x) => x.text === cmd.words[k]).length === cmd.words.slice(0, k).filter((x) => x === cmd.words[k]).length) : -1;
          if (tokens && tokIndex >= 0 && tokens[tokIndex + span - 1]) {
            const first = tokens[tokIndex];
            const last = tokens[tokIndex + span - 1];
            const range = offsetRange(model, first.start, last.end);
            report({
              message: 'deprecated', data: { flag, sub }, range,
              fixes: [{ title: `Replace '${flag}' with '--omit=dev'`, safe: true, edits: [{ range, newText: '--omit=dev' }] }],
            });
          } else {
            report({ message: 'deprecated', data: { flag, sub }, range: run.instruction.getRange() });
          }
          k += span - 1;
        }
      }
    }
  },
});
