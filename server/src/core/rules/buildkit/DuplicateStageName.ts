import { defineRule } from '../rule';

export default defineRule({
  id: 'buildkit/DuplicateStageName',
  buildkit: 'DuplicateStageName',
  hadolint: ['DL3024'],
  severity: 'warning',
  description: 'Stage names should be unique.',
  messages: { duplicate: 'Duplicate stage name "{name}", stage names should be unique' },
  check({ model, report }) {
    const seen = new Set<string>();
    for (const s of model.stages) {
      if (!s.key || !s.nameRange) continue;
      if (seen.has(s.key)) report({ message: 'duplicate', data: { name: s.key }, range: s.nameRange });
      seen.add(s.key);
    }
  },
});
