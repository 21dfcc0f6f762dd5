import { defineRule } from '../rule';
import { parsePlatform } from '../../support/buildkit';

/** Images published for Windows only: pulling them for a Linux platform cannot match. */
const WINDOWS_ONLY = /^mcr\.microsoft\.com\/windows(?:\/(?:servercore|nanoserver|server))?(?::|@|$)|^mcr\.microsoft\.com\/windows\/(?:servercore|nanoserver|server)(?::|@|$)/;

export default defineRule({
  id: 'buildkit/InvalidBaseImagePlatform',
  buildkit: 'InvalidBaseImagePlatform',
  severity: 'warning',
  description: 'Base image platform does not match expected target platform.',
  messages: { mismatch: 'Base image {image} was pulled with platform "{actual}", expected "{expected}" for current build' },
  readsInstructions: [],
  checkStage({ model, report }, s) {
    // Without a registry the image's platform is unknown; the one case known offline is a
    // Windows-only image requested for a constant non-Windows platform.
    if (!s.platform || !s.image || !s.baseRange || s.platform.value.includes('$')) return;
    const p = parsePlatform(s.platform.value);
    if (!p || p.os === 'windows') return;
    const ref = s.baseResolved.toLowerCase();
    if (!WINDOWS_ONLY.test(ref)) return;
    report({
      message: 'mismatch',
      data: { image: s.baseText, actual: `windows/${p.arch}`, expected: `${p.os}/${p.arch}` },
      range: s.baseRange,
    });
  },
});
