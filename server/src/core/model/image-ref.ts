/** An image reference as written after FROM or in `--from=`: registry/name:tag@digest. */
export interface ImageRef {
  raw: string;
  registry?: string;
  /** Repository path without registry, e.g. `library/node` is reported as `node`. */
  name: string;
  tag?: string;
  digest?: string;
  /** The reference contains `$VAR` / `${VAR}` that could not be resolved. */
  hasVariables: boolean;
}

/** Splits an image reference. Never throws; an empty string yields an empty name. */
export function parseImageRef(raw: string): ImageRef {
  const hasVariables = /\$/.test(raw);
  let rest = raw.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let registry: string | undefined;
  const slash = rest.indexOf('/');
  if (slash > 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon >= 0 && !rest.slice(colon).includes('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  let name = rest;
  if (name.startsWith('library/') && (!registry || registry === 'docker.io' || registry === 'index.docker.io')) {
    name = name.slice('library/'.length);
  }
  return { raw, registry, name: name.toLowerCase() === name ? name : name, tag, digest, hasVariables };
}

/** `node`, `library/node`, `docker.io/library/node` → `node`; `mcr.microsoft.com/dotnet/sdk` stays whole. */
export function imageShortName(ref: ImageRef): string {
  if (!ref.registry || ref.registry === 'docker.io' || ref.registry === 'index.docker.io') return ref.name;
  return `${ref.registry}/${ref.name}`;
}
