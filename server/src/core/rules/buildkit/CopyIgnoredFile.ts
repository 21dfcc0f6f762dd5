import { Add, Copy } from 'dockerfile-ast';
import { defineRule } from '../rule';
import { isDispatched, rangeOf } from '../../support/buildkit';
import { normalizePath as clean } from '../../fixes/instruction-text';

export default defineRule({
  id: 'buildkit/CopyIgnoredFile',
  buildkit: 'CopyIgnoredFile',
  severity: 'warning',
  description: 'Attempting to Copy file that is excluded by .dockerignore.',
  messages: { ignored: 'Attempting to {cmd} file "{file}" that is excluded by .dockerignore' },
  readsInstructions: ['COPY', 'ADD'],
  checkStage({ model, context, report }, stage) {
    const text = context.facts.dockerignore;
    if (typeof text !== 'string') return;
    const patterns = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    // As BuildKit: with exclusions (`!pattern`) nothing is checked; they are too hard to decide statically.
    if (!patterns.length || patterns.some((p) => p.startsWith('!'))) return;
    const rootIgnored = patterns.some((p) => ['*', '**', '**/*'].includes(p.replace(/^\/+/, '')));
    if (!isDispatched(model, stage)) return;
    for (const instr of stage.instructions) {
      if (!(instr instanceof Copy) && !(instr instanceof Add)) continue;
      const kw = instr.getKeyword();
      if (instr.getFlags().some((f) => f.getName().toLowerCase() === 'from')) continue;
      const args = instr.getArguments();
      if (args.length < 2 || /^\s*\[/.test(args[0].getValue())) continue;
      for (const a of args.slice(0, -1)) {
        const src = a.getValue();
        if (src.startsWith('<<') || src.includes('$') || /^[a-z][a-z0-9+.-]*:\/\//i.test(src) || /^git@/.test(src)) continue;
        const file = clean(src.replace(/\\/g, '/'));
        const ignored = file === '.' || file === '/'
          ? rootIgnored
          : (() => {
              const parts = file.replace(/^\/+/, '').split('/');
              for (let i = parts.length; i > 0; i--) if (context.ignored(parts.slice(0, i).join('/'))) return true;
              return false;
            })();
        if (!ignored) continue;
        report({ message: 'ignored', data: { cmd: kw === 'ADD' ? 'Add' : 'Copy', file }, range: rangeOf(a.getRange()) });
      }
    }
  },
});
