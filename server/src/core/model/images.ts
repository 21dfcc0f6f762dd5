import type { ImageRef } from './image-ref';
import { imageShortName } from './image-ref';

/** What an image reference is known to be, from its name and tag alone (no registry is asked). */
export interface ImageFacts {
  /** A full SDK / toolchain image (`node:20`, `golang:*`, `maven:*`, `mcr.microsoft.com/dotnet/sdk` …). */
  sdk: boolean;
  /** musl (alpine), glibc (debian, ubuntu, -slim, distroless-cc…), none (scratch, distroless/static), or unknown. */
  libc: 'musl' | 'glibc' | 'none' | 'unknown';
  /** distroless / chainguard-like images without a shell. */
  distroless: boolean;
  /** Base family: node, python, golang, rust, maven, gradle, openjdk, eclipse-temurin, dotnet-sdk, … */
  family: string;
}

const SLIM_TAG = /(^|-)(slim|alpine|distroless|minimal|jre|runtime|chiseled)(\d|\.|-|$)/;

/**
 * Facts per image reference object: the model keeps a stage's reference while its resolved base is
 * the same, and rules ask about the same stages many times. The answer is shared: callers read it.
 */
const factsByRef = new WeakMap<ImageRef, ImageFacts>();

export function imageFacts(ref: ImageRef | undefined): ImageFacts {
  if (!ref) return { sdk: false, libc: 'none', distroless: false, family: 'scratch' };
  let facts = factsByRef.get(ref);
  if (!facts) factsByRef.set(ref, (facts = readImageFacts(ref)));
  return facts;
}

function readImageFacts(ref: ImageRef): ImageFacts {
  const name = imageShortName(ref).toLowerCase();
  const tag = (ref.tag ?? 'latest').toLowerCase();
  const last = name.split('/').pop() ?? name;
  const distroless = /distroless|chainguard|cgr\.dev/.test(name);
  let libc: ImageFacts['libc'] = 'unknown';
  if (/alpine/.test(tag) || last === 'alpine' || /(^|\/)alpine$/.test(name)) libc = 'musl';
  else if (distroless && /static/.test(name)) libc = 'none';
  else if (distroless) libc = 'glibc';
  else if (/(^|-)(slim|bookworm|bullseye|buster|trixie|jammy|noble|focal|ubuntu|debian)/.test(tag) || ['debian', 'ubuntu'].includes(last)) libc = 'glibc';
  else if (['node', 'python', 'golang', 'rust', 'ruby', 'openjdk', 'maven', 'gradle', 'eclipse-temurin', 'php', 'buildpack-deps', 'gcc'].includes(last)) libc = 'glibc';
  else if (/busybox/.test(last)) libc = 'unknown';
  const family = name === 'mcr.microsoft.com/dotnet/sdk' ? 'dotnet-sdk' : last;
  let sdk = false;
  if (['golang', 'rust', 'maven', 'gradle', 'gcc', 'buildpack-deps'].includes(last)) sdk = true;
  else if (family === 'dotnet-sdk') sdk = true;
  else if (['node', 'python', 'ruby'].includes(last)) sdk = !SLIM_TAG.test(tag);
  else if (['openjdk', 'eclipse-temurin', 'amazoncorretto'].includes(last)) sdk = /jdk/.test(tag) || tag === 'latest' || /^\d+$/.test(tag);
  return { sdk, libc, distroless, family };
}

/**
 * The runtime variant of an SDK image (same version), or undefined when none is known:
 * node:20 → node:20-slim, python:3.12 → python:3.12-slim, maven/gradle → eclipse-temurin:<v>-jre,
 * dotnet/sdk:8.0 → dotnet/aspnet:8.0, golang → gcr.io/distroless/static-debian12:nonroot, rust → debian:bookworm-slim.
 */
export function runtimeVariant(ref: ImageRef): string | undefined {
  const facts = imageFacts(ref);
  const tag = ref.tag ?? 'latest';
  if (/windows|nanoserver|servercore|ltsc/.test(tag)) return undefined;
  const official = !ref.registry || ref.registry === 'docker.io' || ref.registry === 'index.docker.io';
  const version = /^(\d+(?:\.\d+)*)/.exec(tag)?.[1];
  switch (facts.family) {
    case 'node':
    case 'python':
    case 'ruby':
      if (!official || ref.name.includes('/')) return undefined;
      if (!version) return `${ref.name}:${facts.family === 'node' ? 'lts-slim' : 'slim'}`;
      return `${ref.name}:${version}-slim`;
    case 'golang':
      return 'gcr.io/distroless/static-debian12:nonroot';
    case 'rust':
      return 'debian:bookworm-slim';
    case 'maven':
    case 'gradle': {
      const jdk = /(?:jdk|temurin)-?(\d+)/.exec(tag)?.[1] ?? '21';
      return `eclipse-temurin:${jdk}-jre`;
    }
    case 'openjdk':
    case 'eclipse-temurin':
      return `eclipse-temurin:${version ?? '21'}-jre`;
    case 'dotnet-sdk':
      return `mcr.microsoft.com/dotnet/aspnet:${version ?? '8.0'}`;
  }
  return undefined;
}
