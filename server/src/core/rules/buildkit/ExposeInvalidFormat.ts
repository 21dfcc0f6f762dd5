import { defineRule } from '../rule';
import { exposedPorts, rangeOf } from '../../support/buildkit';

export default defineRule({
  id: 'buildkit/ExposeInvalidFormat',
  buildkit: 'ExposeInvalidFormat',
  severity: 'warning',
  description: 'IP address and host-port mapping should not be used in EXPOSE instruction. This will become an error in a future release.',
  messages: { mapping: "EXPOSE instruction should not define an IP address or host-port mapping, found '{port}'" },
  readsInstructions: ['EXPOSE'],
  checkStage({ model, report }, stage) {
    for (const a of exposedPorts(model, stage)) {
      const port = a.getValue();
      if (!port.includes(':') || port.includes('$')) continue;
      const range = rangeOf(a.getRange());
      // The image records only the container port: keeping just that part builds the same image.
      const container = port.slice(port.lastIndexOf(':') + 1);
      const fixes = container && model.lines.getText(range) === port
        ? [{ title: `Expose only the container port '${container}'`, safe: true, edits: [{ range, newText: container }] }]
        : [];
      report({ message: 'mapping', data: { port }, range, fixes });
    }
  },
});
