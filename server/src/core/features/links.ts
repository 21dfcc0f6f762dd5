import type { Range } from '../types';
import type { StageModel } from '../model/stages';
import { ImageRef, parseImageRef } from '../model/image-ref';

export interface DocumentLinkData {
  range: Range;
  target: string;
  tooltip: string;
}

/**
 * The page of an image on its registry: Docker Hub (official images under `/_/`), GitHub's
 * container registry, Microsoft's and Quay. Other registries and references still holding
 * a variable get no link.
 */
export function registryPage(ref: ImageRef): { url: string; registry: string } | undefined {
  if (ref.hasVariables || !ref.name || !/^[a-z0-9][a-z0-9._/-]*$/.test(ref.name)) return undefined;
  const registry = (ref.registry ?? 'docker.io').toLowerCase();
  if (registry === 'docker.io' || registry === 'index.docker.io' || registry === 'registry-1.docker.io') {
    const official = !ref.name.includes('/') || ref.name.startsWith('library/');
    return official
      ? { url: `https://hub.docker.com/_/${ref.name.replace(/^library\//, '')}`, registry: 'Docker Hub' }
      : { url: `https://hub.docker.com/r/${ref.name}`, registry: 'Docker Hub' };
  }
  if (registry === 'ghcr.io' && ref.name.includes('/')) return { url: `https://ghcr.io/${ref.name}`, registry: 'GitHub Container Registry' };
  if (registry === 'mcr.microsoft.com') return { url: `https://mcr.microsoft.com/artifact/mar/${ref.name}`, registry: 'Microsoft Artifact Registry' };
  if (registry === 'quay.io' && ref.name.includes('/')) return { url: `https://quay.io/repository/${ref.name}`, registry: 'Quay' };
  return undefined;
}

/** Links on every base image of a `FROM` and every image named by `COPY --from` / `--mount=from`. */
export function documentLinks(model: StageModel): DocumentLinkData[] {
  const out: DocumentLinkData[] = [];
  for (const r of model.refs) {
    if (r.resolution !== 'image' && !(r.kind === 'from' && r.resolution === 'variable')) continue;
    if (r.range.start.line !== r.range.end.line) continue;
    let ref: ImageRef;
    if (r.kind === 'from') {
      const s = model.stages[r.user];
      if (!s.image || s.scratch) continue;
      ref = s.image;
    } else {
      // a bare word is more likely a misspelt stage than an image: only references that look like images
      if (!/[:/@]/.test(r.value)) continue;
      ref = parseImageRef(r.value);
    }
    const page = registryPage(ref);
    if (page) out.push({ range: r.range, target: page.url, tooltip: `Open ${ref.raw} on ${page.registry}` });
  }
  return out;
}
