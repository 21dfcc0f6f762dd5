// Pure helpers for the image lens (`builder · 182 MB · 2 min ago`): what docker says about an
// image, and how its size and age are shown. No VS Code, no clock: `now` is passed in.
//
// What "age" means: the time since Stagecraft last built the stage (the moment its Build, Run
// or Shell task finished building), not the image's creation time. A build served entirely from
// cache re-tags an image created earlier; its age is still "just now", because the image is what
// the current Dockerfile and context produce now. The creation time is in the tooltip, with a
// note when it is older than the build. When the tag has since been rebuilt outside Stagecraft
// (its image ID differs from the one Stagecraft built), Stagecraft did not build what the tag
// holds, and the age becomes the time since that image was created.

export interface ImageRecord {
  tag: string;
  /** When Stagecraft's build of it finished (ms since epoch). */
  builtAt: number;
  /** Image ID the tag had right after Stagecraft's build, from `docker image inspect`. */
  id?: string;
  /** Size in bytes, from `docker image inspect`. */
  size?: number;
  /** Image creation time (ms since epoch), from `docker image inspect`; undefined when unknown. */
  created?: number;
  /** True when the tag now names a different image than the one Stagecraft built. */
  replaced?: boolean;
}

export interface InspectResult {
  id: string;
  size: number;
  created: number | undefined;
}

/** The `--format` given to `docker image inspect`, and its parser. */
export const INSPECT_FORMAT = '{{.Id}} {{.Size}} {{.Created}}';

export function parseInspect(stdout: string): InspectResult | undefined {
  const [id, size, created] = stdout.trim().split(/\s+/);
  const s = Number(size);
  if (!id || !Number.isFinite(s) || s < 0) return undefined;
  const c = created ? Date.parse(created) : NaN;
  // Docker reports a zero time (0001-01-01) for images without one; reproducible builds may set 1970
  return { id, size: s, created: Number.isFinite(c) && c > 0 ? c : undefined };
}

/** The record after a fresh inspect: notes whether the tag still holds what Stagecraft built. */
export function withInspect(image: ImageRecord, info: InspectResult): ImageRecord {
  const replaced = image.id !== undefined && image.id !== info.id;
  return { ...image, id: image.id ?? info.id, size: info.size, created: info.created, replaced };
}

/** The moment the lens counts the age from (see the comment at the top of this file). */
export function ageBasis(image: ImageRecord): { since: number; kind: 'built' | 'created' } {
  if (image.replaced && image.created !== undefined) return { since: image.created, kind: 'created' };
  return { since: image.builtAt, kind: 'built' };
}

/** `builder · 182 MB · 2 min ago` */
export function lensTitle(label: string, image: ImageRecord & { size: number }, now: number): string {
  return `${label} · ${formatSize(image.size)} · ${formatAge(ageBasis(image).since, now)}`;
}

/** The lens tooltip: the tag, and what the age counts from. */
export function lensTooltip(image: ImageRecord, now: number): string {
  const lines = [image.tag];
  if (image.replaced) {
    lines.push('The tag was rebuilt outside Stagecraft: the age is the time since that image was created.');
    if (image.created !== undefined) lines.push(`Image created ${formatAge(image.created, now)}.`);
    lines.push(`Stagecraft last built this stage ${formatAge(image.builtAt, now)}.`);
    return lines.join('\n');
  }
  lines.push(`Built by Stagecraft ${formatAge(image.builtAt, now)}.`);
  if (image.created !== undefined && image.builtAt - image.created >= 60_000) {
    lines.push(`Image created ${formatAge(image.created, now)}: the build was served from cache.`);
  }
  return lines.join('\n');
}

/** `182 MB`, `4.2 MB`, `950 kB` — decimal units, as `docker images` prints them. */
export function formatSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  let text = v >= 10 || u === 0 ? Math.round(v).toString() : v.toFixed(1);
  if (text === '1000' && u < units.length - 1) { // 999.6 kB rounds up: say 1.0 MB
    text = '1.0';
    u++;
  }
  return `${text} ${units[u]}`;
}

/** `just now`, `2 min ago`, `3 h ago`, `5 days ago`; a time in the future (clock skew) is `just now`. */
export function formatAge(then: number, now: number): string {
  const s = Math.max(0, Math.round((now - then) / 1000));
  if (s < 60) return 'just now';
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.floor(h / 24)} days ago`;
}
