import { Arg, From } from 'dockerfile-ast';
import { defineRule } from '../rule';
import { keywordRange } from '../../support/buildkit';
import { parserDirectives } from '../../check-directive';

export default defineRule({
  id: 'buildkit/InvalidDefinitionDescription',
  buildkit: 'InvalidDefinitionDescription',
  experimental: true,
  severity: 'warning',
  description: 'Comment for build stage or argument should follow the format: `# <arg/stage name> <description>`.',
  messages: { format: 'Comment for {instruction} should follow the format: `# {name} <description>`' },
  check({ model, report }) {
    const { dockerfile, lines } = model;
    const directiveLines = new Set(parserDirectives(dockerfile).map((d) => d.getRange().start.line));
    let prevEnd = -1;
    for (const instr of dockerfile.getInstructions()) {
      const start = instr.getRange().start.line;
      // BuildKit's comment block: comment lines since the previous instruction; `#` alone starts a new block.
      let block: string[] = [];
      for (let l = prevEnd + 1; l < start; l++) {
        if (directiveLines.has(l)) continue;
        const t = lines.lineText(l).trim();
        if (!t.startsWith('#')) continue;
        const c = t.slice(1).trim();
        if (c === '') block = [];
        else block.push(c);
      }
      prevEnd = instr.getRange().end.line;
      if (!block.length) continue;
      let keys: string[] = [];
      let name = '';
      if (instr instanceof From) {
        const stage = instr.getBuildStage();
        if (!stage) continue;
        keys = [stage.toLowerCase()];
        name = 'FROM';
      } else if (instr instanceof Arg) {
        keys = instr.getProperties().map((p) => p.getName());
        name = 'ARG';
      } else continue;
      if (!keys.length) continue;
      const first = block[block.length - 1].split(' ')[0];
      if (keys.includes(first)) continue;
      report({
        message: 'format',
        data: { instruction: name, name: keys.length > 1 ? '<arg_key>' : keys[0] },
        range: keywordRange(instr),
      });
    }
  },
});
