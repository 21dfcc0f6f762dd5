import { Arg, Instruction } from 'dockerfile-ast';
import { defineRule } from '../rule';
import { instructionVariables } from '../../parse';
import type { Stage } from '../../model/stages';
import { declaredAt, insertLineAfter, stageBase } from '../../model/stage-facts';

/** BuildKit's automatic platform ARGs: in the global scope, usable in a stage only once declared there. */
const PLATFORM_ARGS = new Set(['TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT', 'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT']);

/**
 * Environment variables official base images set: a `$X` of that name in a stage
 * expands to the image's value, so an undeclared global ARG of the same name is not empty.
 */
const IMAGE_ENV = new Set([
  'PATH', 'HOME', 'HOSTNAME', 'PWD', 'USER', 'SHELL', 'LANG', 'LC_ALL', 'LANGUAGE',
  'NODE_VERSION', 'YARN_VERSION', 'PYTHON_VERSION', 'PYTHON_SHA256', 'PYTHON_PIP_VERSION', 'PYTHON_SETUPTOOLS_VERSION', 'GPG_KEY',
  'GOLANG_VERSION', 'GOPATH', 'GOTOOLCHAIN', 'RUBY_VERSION', 'RUBY_MAJOR', 'RUBY_DOWNLOAD_SHA256', 'GEM_HOME', 'BUNDLE_PATH', 'BUNDLE_APP_CONFIG', 'BUNDLE_SILENCE_ROOT_WARNING',
  'JAVA_HOME', 'JAVA_VERSION', 'MAVEN_HOME', 'MAVEN_CONFIG', 'GRADLE_HOME', 'GRADLE_VERSION', 'RUSTUP_HOME', 'CARGO_HOME', 'RUST_VERSION',
  'DOTNET_VERSION', 'ASPNET_VERSION', 'ASPNETCORE_HTTP_PORTS', 'APP_UID', 'PHP_VERSION', 'PHP_INI_DIR', 'NGINX_VERSION', 'NJS_VERSION',
]);

/** Proxy ARGs are predefined and passed to RUN without a declaration. */
const PROXY_ARGS = /^(HTTP_PROXY|HTTPS_PROXY|FTP_PROXY|NO_PROXY|ALL_PROXY)$/i;

/** Where to declare: after the FROM, past the stage's leading ARGs that do not use the name (so several fixes stack in order). */
function anchor(stage: Stage, name: string): Instruction {
  let at: Instruction = stage.from;
  for (const i of stage.instructions) {
    if (!(i instanceof Arg) || instructionVariables(i).some((v) => v.name === name)) break;
    at = i;
  }
  return at;
}

export default defineRule({
  id: 'stage/global-arg-not-redeclared',
  severity: 'warning',
  description: 'A stage uses a global ARG (declared before the first FROM) without redeclaring it, so it is empty there.',
  messages: {
    global: "'${name}' is a global ARG (declared before the first FROM), which is only in scope in FROM lines; in stage '{stage}' it is empty. Add 'ARG {name}' in the stage to use its value.",
    platform: "'${name}' is an automatic platform ARG of the global scope; in stage '{stage}' it is empty until the stage declares 'ARG {name}'.",
  },
  checkStage({ model, report }, stage) {
    const globals = new Set<string>();
    // `ARG A B=2` declares both names; take them from the words.
    for (const a of model.globalArgs) {
      for (const w of a.instruction.getArguments()) globals.add(w.getValue().split('=')[0]);
    }
    const seen = new Set<string>();
    for (const use of model.uses) {
      if (use.stage !== stage.index || use.instruction.getKeyword() === 'FROM') continue;
      const name = use.name;
      const isGlobal = globals.has(name);
      if (!isGlobal && !PLATFORM_ARGS.has(name)) continue;
      if (PROXY_ARGS.test(name)) continue;
      const key = `${use.stage}:${name}`;
      if (seen.has(key)) continue;
      if (declaredAt(model, use.stage, use.instruction, name)) continue;
      const base = stageBase(model, use.stage);
      if (IMAGE_ENV.has(name) && base.kind !== 'scratch') continue;
      seen.add(key);
      report({
        message: isGlobal ? 'global' : 'platform',
        data: { name, stage: stage.name ?? String(stage.index) },
        range: use.range,
        fixes: [{ title: `Declare 'ARG ${name}' at the top of the stage`, safe: true, edits: [insertLineAfter(model, anchor(stage, name), `ARG ${name}`)] }],
      });
    }
  },
});
