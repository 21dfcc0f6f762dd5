import { defineRule } from '../rule';
import { imageFacts, runtimeVariant } from '../../model/images';
import { ImageRef, imageShortName } from '../../model/image-ref';
import { programName } from '../../model/shell';
import { ancestry, stageBase } from '../../model/stage-facts';

/** Programs the runtime variant no longer has, per image family. */
const TOOLCHAIN: Record<string, RegExp> = {
  golang: /^(go|gofmt|gcc|make)$/,
  rust: /^(cargo|rustc|rustup|gcc|make)$/,
  maven: /^(mvn|mvnw|javac|jar)$/,
  gradle: /^(gradle|gradlew|javac|jar)$/,
  openjdk: /^(javac|jar|jlink|jpackage|mvn|mvnw|gradle|gradlew)$/,
  'eclipse-temurin': /^(javac|jar|jlink|jpackage|mvn|mvnw|gradle|gradlew)$/,
  'dotnet-sdk': /^(dotnet)$/,
};

/** The families SPEC §2 names: full SDK images with a known runtime counterpart. */
const FAMILIES = new Set(['node', 'python', 'ruby', 'golang', 'rust', 'maven', 'gradle', 'openjdk', 'eclipse-temurin', 'amazoncorretto', 'dotnet-sdk']);

/** The runtime variant, keeping the registry; none for Windows images (the Linux variants would not run there). */
function variantOf(ref: ImageRef): string | undefined {
  if (/windows|nanoserver|ltsc/i.test(ref.tag ?? '')) return undefined;
  const short = imageShortName(ref);
  // Only official images and the .NET SDK have the variants runtimeVariant knows.
  if (short.includes('/') && !short.startsWith('mcr.microsoft.com/dotnet/')) return undefined;
  return runtimeVariant(ref);
}

export default defineRule({
  id: 'stage/sdk-runtime-base',
  severity: 'warning',
  description: "The shipped stage's base is a full SDK/toolchain image: compilers and headers ship with the app.",
  messages: {
    sdk: "The shipped image is based on '{image}', a full SDK/toolchain image (compilers, headers, package caches); base it on a runtime variant such as '{variant}'.",
    sdkNoVariant: "The shipped image is based on '{image}', a full SDK/toolchain image (compilers, headers, package caches); base it on a slim, alpine, distroless or runtime variant.",
  },
  check({ model, report }) {
    const done = new Set<number>();
    for (const t of model.shipped) {
      const base = stageBase(model, t);
      if (base.kind !== 'image' || done.has(base.stage.index)) continue;
      done.add(base.stage.index);
      const facts = imageFacts(base.ref);
      if (!facts.sdk || !base.stage.baseRange || !FAMILIES.has(facts.family)) continue;
      // Dev-container images are toolchains on purpose.
      if (/(^|\/)devcontainers?\//.test(imageShortName(base.ref))) continue;
      // An image that sets no CMD/ENTRYPOINT is a toolchain, CI or base image, not an application.
      const chain = ancestry(model, t);
      if (!chain.some((s) => s.instructions.some((i) => /^(CMD|ENTRYPOINT)$/.test(i.getKeyword())))) continue;
      const variant = variantOf(base.ref);
      const image = base.ref.raw;
      const fixes = [];
      // The fix rewrites a literal base only, and only when the variant can still run the stage's commands.
      const literal = !base.stage.baseText.includes('$');
      const commands = chain.flatMap((s) => s.runs.flatMap((r) => r.commands));
      const toolchain = TOOLCHAIN[facts.family];
      const runs = chain.some((s) => s.runs.length > 0);
      const usable = variant && (variant.includes('distroless') ? !runs : !toolchain || !commands.some((c) => toolchain.test(programName(c))));
      if (variant && literal && usable) {
        fixes.push({ title: `Switch the base to '${variant}'`, safe: false, edits: [{ range: base.stage.baseRange, newText: variant }] });
      }
      report({
        message: variant ? 'sdk' : 'sdkNoVariant',
        data: { image: image || imageShortName(base.ref), variant: variant ?? '' },
        range: base.stage.baseRange,
        fixes,
      });
    }
  },
});
