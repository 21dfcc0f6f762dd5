import { defineRule } from '../rule';
import { parsePlatform, wordVariables } from '../../support/buildkit';

export default defineRule({
  id: 'buildkit/FromPlatformFlagConstDisallowed',
  buildkit: 'FromPlatformFlagConstDisallowed',
  hadolint: ['DL3029'],
  severity: 'warning',
  description: 'FROM --platform flag should not use a constant value.',
  messages: { constant: 'FROM --platform flag should not use constant value "{platform}"' },
  readsInstructions: [],
  checkStage({ model, report }, s) {
    const escape = model.dockerfile.getEscapeCharacter();
    if (!s.platform) return;
    const value = s.platform.value;
    if (value.includes('$') && wordVariables(value, escape).length) return;
    const platform = value.replace(/^(["'])(.*)\1$/, '$2');
    const p = parsePlatform(platform);
    if (!p) return;
    // A stage named after its platform (`build_amd64`, `linux`) is one of several per-platform stages.
    const name = s.key ?? '';
    if (name.includes(p.os) || name.includes(p.arch)) return;
    report({ message: 'constant', data: { platform }, range: s.platform.range });
  },
});
