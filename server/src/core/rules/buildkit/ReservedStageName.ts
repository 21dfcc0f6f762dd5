import { defineRule } from '../rule';

const RESERVED = new Set(['scratch', 'context']);

export default defineRule({
  id: 'buildkit/ReservedStageName',
  buildkit: 'ReservedStageName',
  severity: 'warning',
  description: 'Reserved words should not be used as stage names.',
  messages: { reserved: 'Stage name should not use the same name as reserved stage "{name}"' },
  readsInstructions: [],
  checkStage({ model, report }, s) {
    if (s.key && s.nameRange && RESERVED.has(s.key)) report({ message: 'reserved', data: { name: s.key }, range: s.nameRange });
  },
});
