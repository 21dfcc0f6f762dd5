import { defineRule } from '../rule';
import { parsePlatform, wordVariables } from '../../support/buildkit';

export default defineRule({
  id: 'buildkit/FromPlatformFlagConstDisallowed',
  buildkit: 'FromPlatformFlagConstDisallowed',
  hadolint: ['DL3029'],
  severity: 'warning',
  description: 'FROM --platform flag should not use a constant value.',
  messages: { constant: 'FROM --platform flag should not use constant value "{platform}"' },
  check({ model, report }) {
    const escape = model.dockerfile.getEscapeCharacter();
    for (const s of model.stages) {
      if (!s.platform) continue;
      const value = s.platform.value;
      if (value.includes('$') && wordVariables(value, escape).length) continue;
      const platform = value.replace(/^(["'])(.*)\1$/, '$2');
      const p = parsePlatform(platform);
      if (!p) continue;
      // A stage named after its platform (`build_amd64`, `linux`) is one of several per-platform stages.
      const name = s.key ?? '';
      if (name.includes(p.os) || name.includes(p.arch)) continue;
      report({ message: 'constant', data: { platform }, range: s.platform.range });
    }
  },
});
