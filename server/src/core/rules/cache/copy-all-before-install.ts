import { defineRule } from '../rule';
import { findCopyAllBeforeInstall } from '../../fixes/copy-manifests-first';
import { instructionText } from '../../fixes/instruction-text';

export default defineRule({
  id: 'cache/copy-all-before-install',
  severity: 'warning',
  description: 'A broad build-context copy (`COPY . .`) before a dependency install in the same stage: any source edit reruns the install.',
  messages: {
    copyAll: "'{copy}' copies the build context before '{install}': any source change reruns the install. Copy {files} first, install, then copy the rest.",
  },
  check({ model, context, report }) {
    for (const f of findCopyAllBeforeInstall(model, context)) {
      const copy = instructionText(model, f.copy).split(/\r?\n/)[0].trim();
      const install = f.install.command.words.join(' ');
      const r = f.copy.getRange();
      report({
        message: 'copyAll',
        data: { copy, install, files: f.files.length ? f.files.map((x) => x.split('/').pop()).join(', ') : 'the manifests and lock files' },
        range: { start: r.start, end: r.end },
        fixes: f.fix ? [f.fix] : [],
      });
    }
  },
});
