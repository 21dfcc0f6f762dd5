import { defineRule } from '../rule';
import { findCopyAllBeforeInstall } from '../../fixes/copy-manifests-first';
import { instructionText } from '../../fixes/instruction-text';

export default defineRule({
  id: 'cache/copy-all-before-install',
  severity: 'warning',
  description: 'A broad build-context copy (`COPY . .`) before a dependency install, or before a build that fetches its own dependencies, in the same stage: any source edit reruns the download.',
  messages: {
    copyAll: "'{copy}' copies the build context before '{install}': any source change reruns the install. Copy {files} first, install, then copy the rest.",
    fetchInBuild: "'{copy}' copies the build context before '{install}', which downloads every dependency itself: any source change downloads them again. Copy {files} first and run '{step}' before the copy.",
  },
  checkStage({ model, context, report }, stage) {
    for (const f of findCopyAllBeforeInstall(model, context, stage)) {
      const copy = instructionText(model, f.copy).split(/\r?\n/)[0].trim();
      const install = f.install.command.words.join(' ');
      const r = f.copy.getRange();
      report({
        message: f.build ? 'fetchInBuild' : 'copyAll',
        data: { copy, install, files: f.files.length ? f.files.map((x) => x.split('/').pop()).join(', ') : 'the manifests and lock files', step: f.build?.step ?? '' },
        range: { start: r.start, end: r.end },
        fixes: f.fix ? [f.fix] : [],
      });
    }
  },
});
