import { defineRule } from '../rule';
import { parseImageRef } from '../../model/image-ref';

/** `latest` as one part of a tag (`latest-rust-1`, `22-latest`, `stable_latest`): the tag moves with every release. */
const LATEST_PART = /(^|[-_.])latest([-_.]|$)/i;

export default defineRule({
  id: 'security/unpinned-base-image',
  severity: 'warning',
  description: 'A base image with no tag, with `:latest`, or with a tag that is `latest` in disguise (`latest-rust-1`, `22-latest`): the build changes whenever the image is republished.',
  messages: {
    untagged: "Base image '{image}' has no tag, so it means '{image}:latest', which changes whenever the image is republished; pin a version tag (or a digest).",
    latest: "Base image '{image}' uses the 'latest' tag, which changes whenever the image is republished; pin a version tag (or a digest).",
    floating: "Base image '{image}' uses the tag '{tag}', which follows the latest release like 'latest' does and changes whenever the image is republished; pin a version tag (or a digest).",
  },
  hadolint: ['DL3006', 'DL3007'],
  readsInstructions: [],
  checkStage({ model, report }, s) {
    if (s.parent !== undefined || s.scratch || !s.baseRange) return;
    const fromRef = model.refs.find((r) => r.kind === 'from' && r.user === s.index);
    if (fromRef && (fromRef.resolution === 'forward' || fromRef.resolution === 'self')) return;
    const text = s.baseText.trim();
    if (!text || /^\$(\{[A-Za-z_][A-Za-z0-9_]*(:?[-+][^}]*)?\}|[A-Za-z_][A-Za-z0-9_]*)$/.test(text)) return;
    const ref = parseImageRef(text);
    if (ref.digest) return;
    // Not an image reference Docker accepts (a template placeholder like `REPLACE-ME` or `%{ref}`): other rules' business.
    if (!/^[a-z0-9._\/-]+$/.test(ref.name.replace(/\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*/g, 'x'))) return;
    if (ref.tag === undefined) {
      // A variable in the last path component may carry the tag (`node$SUFFIX`, `$IMAGE`).
      const last = ref.name.split('/').pop() ?? '';
      if (last.includes('$') || !last) return;
      report({ message: 'untagged', data: { image: text }, range: s.baseRange });
    } else if (ref.tag.toLowerCase() === 'latest') {
      report({ message: 'latest', data: { image: text.slice(0, text.length - ref.tag.length - 1) }, range: s.baseRange });
    } else if (!ref.tag.includes('$') && LATEST_PART.test(ref.tag)) {
      report({ message: 'floating', data: { image: text.slice(0, text.length - ref.tag.length - 1), tag: ref.tag }, range: s.baseRange });
    }
  },
});
