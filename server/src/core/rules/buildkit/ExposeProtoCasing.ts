import { defineRule } from '../rule';
import { exposedPorts, rangeOf } from '../../support/buildkit';

export default defineRule({
  id: 'buildkit/ExposeProtoCasing',
  buildkit: 'ExposeProtoCasing',
  severity: 'warning',
  description: 'Protocol in EXPOSE instruction should be lowercase.',
  messages: { casing: "Defined protocol '{port}' in EXPOSE instruction should be lowercase" },
  readsInstructions: ['EXPOSE'],
  checkStage({ model, report }, stage) {
    for (const a of exposedPorts(model, stage)) {
      const port = a.getValue();
      const slash = port.indexOf('/');
      if (slash < 0) continue;
      const proto = port.slice(slash + 1);
      if (proto === proto.toLowerCase()) continue;
      const range = rangeOf(a.getRange());
      const raw = model.lines.getText(range);
      const fixes = raw === port
        ? [{ title: `Write '${port.slice(0, slash + 1) + proto.toLowerCase()}'`, safe: true, edits: [{ range, newText: port.slice(0, slash + 1) + proto.toLowerCase() }] }]
        : [];
      report({ message: 'casing', data: { port }, range, fixes });
    }
  },
});
