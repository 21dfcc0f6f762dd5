import { defineRule } from '../rule';
import { imageFacts, runtimeVariant } from '../../model/images';
import { ImageRef, imageShortName } from '../../model/image-ref';
import { programName } from '../../model/shell';
import { ancestry } from '../../model/stage-facts';
import { nativeCompile, shippedSdkBase, toolchainRuleOwns } from '../../support/shipped-toolchain';

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
    sdkNative: "The shipped image is based on '{image}', a full SDK/toolchain image (compilers, headers, package caches), and it compiles native code ('{command}'), which a slim base cannot: compile in a builder stage on '{image}' and copy the results into a stage based on '{variant}'.",
  },
  check({ model, context, report }) {
    const done = new Set<number>();
    for (const t of model.shipped) {
      const base = shippedSdkBase(model, t);
      if (!base || !base.stage.baseRange || done.has(base.stage.index)) continue;
      // A build in the shipped image, or an offered split, is stage/toolchain-in-final-stage's finding:
      // its advice (build in a builder stage) covers the base, so one problem stays one finding.
      if (toolchainRuleOwns(model, context, t)) continue;
      done.add(base.stage.index);
      const facts = imageFacts(base.ref);
      const chain = ancestry(model, t);
      const variant = variantOf(base.ref);
      const image = base.ref.raw;
      const fixes = [];
      // The fix rewrites a literal base only, and only when the variant can still run the stage's commands.
      const literal = !base.stage.baseText.includes('$');
      const commands = chain.flatMap((s) => s.runs.flatMap((r) => r.commands));
      const toolchain = TOOLCHAIN[facts.family];
      const runs = chain.some((s) => s.runs.length > 0);
      const usable = variant && (variant.includes('distroless') ? !runs : !toolchain || !commands.some((c) => toolchain.test(programName(c))));
      // A stage that compiles native code needs the SDK's compilers: the slim base alone would not build it.
      const native = nativeCompile(model, t);
      if (variant && literal && usable && !native) {
        fixes.push({ title: `Switch the base to '${variant}'`, safe: false, edits: [{ range: base.stage.baseRange, newText: variant }] });
      }
      report({
        message: native && variant ? 'sdkNative' : variant ? 'sdk' : 'sdkNoVariant',
        data: { image: image || imageShortName(base.ref), variant: variant ?? '', command: native && native.length > 60 ? native.slice(0, 57) + '...' : native ?? '' },
        range: base.stage.baseRange,
        fixes,
      });
    }
  },
});
