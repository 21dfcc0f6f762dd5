import { defineRule } from '../rule';
import type { Fix } from '../../types';
import { commandEcosystem } from '../../model/ecosystems';
import { cleanupOf, isCacheCleanupOnly, isNeutral } from '../../model/cache-facts';
import { commandOffsetsReliable, deleteInstructionLines } from '../../model/cache-copies';
import type { RunInfo } from '../../model/stages';

/**
 * The literal path a removal names, up to its first wildcard (`/tmp/*` → `/tmp`), when it is
 * specific enough to recognise in another RUN; undefined for system folders and bare names.
 */
function literalPrefix(path: string): string | undefined {
  const cut = path.search(/[*?[]/);
  let p = (cut < 0 ? path : path.slice(0, cut)).replace(/\/+$/, '');
  if (p.startsWith('~')) p = p.slice(1);
  if (p === '/tmp' || p === '/var/tmp') return p;
  if (p.length < 3 || !p.includes('/')) return undefined;
  if (/^\/(usr|etc|var|opt|root|home|bin|lib|srv|usr\/(local|share|lib))?$/.test(p)) return undefined;
  return p;
}

/** Whether a RUN's text names the path as a whole word (not `/swiftly` inside `/share/swiftly/env.sh`). */
function mentions(text: string, path: string): boolean {
  const esc = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[\\s"'=:>])${esc}($|[\\s"'/;&|)<>])`).test(text);
}

export default defineRule({
  id: 'cache/cleanup-in-later-layer',
  severity: 'warning',
  description: 'In a stage that is in the image, a RUN that only cleans up files an earlier RUN created: the bytes stay in the earlier layer.',
  messages: {
    later: "This RUN only removes files that the RUN on line {line} created; they stay in that earlier layer, so the image is not any smaller; clean up at the end of the RUN that creates them.",
  },
  readsInstructions: ['RUN'],
  checkStage({ model, report }, stage) {
    if (!model.inImage.has(stage.index)) return;
    stage.runs.forEach((u, ui) => {
      if (!isCacheCleanupOnly(u.commands)) return;
      // Earlier cleanups create nothing.
      const earlier = stage.runs.slice(0, ui).filter((r) => !isCacheCleanupOnly(r.commands));
      const creators = new Set<RunInfo>();
      for (const c of u.commands) {
        if (isNeutral(c)) continue;
        const cl = cleanupOf(c)!;
        let creator: RunInfo | undefined;
        if (cl.manager) {
          creator = [...earlier].reverse().find((r) => r.commands.some((x) => commandEcosystem(x) === cl.manager));
        }
        if (!creator && cl.paths.length) {
          const prefixes = cl.paths.map(literalPrefix);
          if (prefixes.some((p) => !p)) return;
          creator = [...earlier].reverse().find((r) => prefixes.some((p) => mentions(r.text, p!)));
        }
        if (!creator) return; // made by a COPY, a parent stage, or unknown: not this rule's case
        creators.add(creator);
      }
      if (!creators.size) return;
      const latest = [...creators].sort((a, b) => b.instruction.getRange().start.line - a.instruction.getRange().start.line)[0];
      const fixes: Fix[] = [];
      const creatorEnd = latest.instruction.getRange().end;
      const tail = latest.text.trimEnd();
      if (creators.size === 1 && u.instruction.getFlags().length === 0 && commandOffsetsReliable(u) && commandOffsetsReliable(latest)
        && !/[;&|\\]$/.test(tail) && !/#/.test(model.lines.lineText(creatorEnd.line))) {
        const cleanup = u.text.replace(/\s*\\\r?\n\s*/g, ' ').trim();
        fixes.push({
          title: `Move the cleanup into the RUN on line ${latest.instruction.getRange().start.line + 1}`,
          safe: false,
          edits: [
            { range: { start: creatorEnd, end: creatorEnd }, newText: ` && ${cleanup}` },
            deleteInstructionLines(model, u.instruction),
          ],
        });
      }
      report({
        message: 'later',
        data: { line: latest.instruction.getRange().start.line + 1 },
        range: { start: u.instruction.getRange().start, end: u.instruction.getRange().end },
        fixes,
      });
    });
  },
});
