import type { Instruction } from 'dockerfile-ast';
import { defineRule } from '../rule';
import type { TextEdit } from '../../types';
import { imageShortName } from '../../model/image-ref';
import { imageFacts } from '../../model/images';
import { programName } from '../../model/shell';
import type { Stage, StageModel } from '../../model/stages';
import { ancestry, argumentValues, chainCommands, insertLineAfter, insertLineBefore, stageBase, StageBase } from '../../model/stage-facts';

/** Official images that set a non-root USER themselves. */
const NON_ROOT_OFFICIAL = new Set(['sonarqube', 'elasticsearch', 'kibana', 'logstash', 'solr', 'jenkins', 'neo4j', 'eclipse-mosquitto', 'memcached', 'haproxy']);

/** Docker Official Images known to run as root when no USER is set (OS and language images). */
const ROOT_OFFICIAL = new Set([
  'alpine', 'debian', 'ubuntu', 'busybox', 'centos', 'fedora', 'rockylinux', 'almalinux', 'amazonlinux', 'oraclelinux', 'archlinux', 'photon', 'opensuse/leap',
  'node', 'python', 'pypy', 'golang', 'rust', 'ruby', 'openjdk', 'eclipse-temurin', 'amazoncorretto', 'ibm-semeru-runtimes', 'sapmachine', 'maven', 'gradle',
  'erlang', 'elixir', 'haskell', 'julia', 'perl', 'r-base', 'swift', 'gcc', 'clojure', 'groovy', 'dart', 'bash', 'buildpack-deps', 'tomcat', 'jetty', 'mono', 'julia',
]);

/** A bare interpreter, REPL or shell as CMD: a language base image, not an application. */
const REPL = /^(python[0-9.]*|pypy[0-9]*|node|irb|php|bash|sh|ash|erl|iex|ghci|julia|R|jshell|perl[0-9.]*|swift|dart|groovysh|clj|lua|deno|bun)$/;

/** Official service images whose entrypoint starts as root and drops privileges itself (gosu, worker users). */
const DROPS_PRIVILEGES = new Set([
  'postgres', 'mysql', 'mariadb', 'percona', 'redis', 'valkey', 'mongo', 'rabbitmq', 'cassandra', 'couchdb', 'couchbase', 'influxdb',
  'nginx', 'httpd', 'php', 'wordpress', 'drupal', 'joomla', 'nextcloud', 'ghost', 'redmine', 'matomo', 'zookeeper', 'bitnami',
  'odoo', 'rethinkdb', 'telegraf', 'chronograf', 'kapacitor', 'clickhouse', 'emqx', 'vault', 'consul', 'registry',
]);

/** Stages meant for development, tests or checks rather than shipping. */
const NOT_SHIPPED_NAMES = /^(dev|devel|develop|development|dev-?envs?|debug|test|tests|testing|lint|linter|validate|validation|check|ci|e2e|integration|devcontainer|local)([-_].*)?$/i;

/**
 * Whether an image is known to run as root when the Dockerfile sets no USER:
 * scratch, Docker Official Images, distroless without a `nonroot` tag, .NET images
 * that are not chiseled, Red Hat UBI. Images of other publishers may set a USER: unknown.
 */
function defaultsToRoot(base: StageBase): boolean {
  if (base.kind === 'scratch') return true;
  if (base.kind !== 'image') return false;
  const name = imageShortName(base.ref).toLowerCase();
  const tag = (base.ref.tag ?? 'latest').toLowerCase();
  if (/nonroot|rootless|unprivileged|chiseled/.test(`${name}:${tag}`)) return false;
  // Windows containers have no root; their users are ContainerUser / ContainerAdministrator.
  if (/windows|nanoserver|ltsc/.test(`${name}:${tag}`)) return false;
  if (name.startsWith('gcr.io/distroless/')) return true;
  if (name.startsWith('mcr.microsoft.com/dotnet/')) return true;
  if (/^registry\.access\.redhat\.com\/ubi|^redhat\/ubi/.test(name)) return true;
  if (name.startsWith('mcr.microsoft.com/dotnet/') && /distroless/.test(tag)) return false;
  return ROOT_OFFICIAL.has(name.replace(/^docker\.io\//, '')) && !NON_ROOT_OFFICIAL.has(name) && !DROPS_PRIVILEGES.has(name);
  return false;
}

function isBaseImage(chain: Stage[]): boolean {
  const instrs = chain.slice().reverse().flatMap((s) => s.instructions);
  const cmd = [...instrs].reverse().find((i) => i.getKeyword() === 'CMD');
  const entry = [...instrs].reverse().find((i) => i.getKeyword() === 'ENTRYPOINT');
  if (!cmd && !entry) return true;
  const words = (i: Instruction) => argumentValues(i).map((a) => a.value);
  const entryIsWrapper = !entry || /(^|\/)(docker-entrypoint|entrypoint)(\.sh)?$|(^|\/)tini$/.test(words(entry)[0] ?? '');
  const c = cmd ? words(cmd) : [];
  return entryIsWrapper && c.length > 0 && c.length <= 2 && REPL.test((c[0] ?? '').split('/').pop() ?? '') && (c.length === 1 || /^-/.test(c[1]));
}

/** Programs that drop privileges at start-up: the image starts as root on purpose. */
const PRIVILEGE_DROP = /\b(gosu|su-exec|setpriv|s6-setuidgid|runuser|chpst|setuidgid)\b/;

function userOf(instr: Instruction): string {
  return instr.getArguments().map((a) => a.getValue()).join(' ').trim();
}

export default defineRule({
  id: 'stage/final-user-root',
  severity: 'warning',
  description: 'The shipped image runs as root: no USER in the shipped stage or its ancestors, or the last USER is root.',
  hadolint: ['DL3002'],
  messages: {
    noUser: "The shipped image runs as root: neither stage '{stage}' nor its FROM ancestors set a USER, and '{base}' runs as root by default. Add a USER that is not root.",
    root: "The last USER of the shipped image is '{user}' (root); switch to a user that is not root before CMD/ENTRYPOINT.",
  },
  checkStage({ model, report }, stage) {
    if (!model.shipped.has(stage.index)) return;
    const t = stage.index;
    const chain = ancestry(model, t);
    let last: Instruction | undefined;
    for (const s of chain) {
      const users = s.instructions.filter((i) => i.getKeyword() === 'USER');
      if (users.length) {
        last = users[users.length - 1];
        break;
      }
    }
    // Entrypoints that step down with gosu/su-exec/… start as root on purpose.
    if (stage.key && NOT_SHIPPED_NAMES.test(stage.key)) return;
    const mentions = chain.flatMap((s) => s.instructions).some((i) => /^(RUN|ENTRYPOINT|CMD)$/.test(i.getKeyword()) && PRIVILEGE_DROP.test(i.toString()));
    if (mentions) return;
    const base = stageBase(model, t);
    if (last) {
      const user = userOf(last);
      const name = user.split(':')[0];
      if (name !== 'root' && name !== '0') return;
      report({ message: 'root', data: { user }, range: last.getRange(), fixes: fixFor(model, stage, base) });
    } else {
      if (!defaultsToRoot(base)) return;
      // No CMD/ENTRYPOINT, or a bare REPL as CMD: a base image for others to build on, which set their own USER.
      if (isBaseImage(chain)) return;
      report({
        message: 'noUser',
        data: { stage: stage.name ?? String(stage.index), base: base.kind === 'image' ? base.ref.raw : 'scratch' },
        range: stage.fromRange,
        fixes: fixFor(model, stage, base),
      });
    }
  },
});

/** Edits that switch the shipped stage to a non-root user, after its last RUN/USER and before CMD/ENTRYPOINT. */
function fixFor(model: StageModel, stage: Stage, base: StageBase): { title: string; safe: boolean; edits: TextEdit[] }[] {
  const instrs = stage.instructions;
  let lastChange = -1;
  instrs.forEach((i, k) => {
    if (/^(RUN|USER)$/.test(i.getKeyword())) lastChange = k;
  });
  const before = instrs.slice(lastChange + 1).find((i) => /^(CMD|ENTRYPOINT)$/.test(i.getKeyword()));
  const anchorAfter: Instruction = instrs.length ? instrs[instrs.length - 1] : stage.from;
  const insert = (lines: string[]): TextEdit[] =>
    before ? lines.map((l) => insertLineBefore(model, before, l)) : [insertLineAfter(model, anchorAfter, lines.join(model.lines.eol))];
  // Several lines after one anchor are joined into one edit (two inserts at one point would overlap).
  const insertAll = (lines: string[]): TextEdit[] => {
    if (before) return [{ ...insertLineBefore(model, before, lines[0]), newText: lines.map((l) => insertLineBefore(model, before, l).newText).join('') }];
    const indent = /^[ \t]*/.exec(model.lines.lineText(anchorAfter.getRange().start.line))?.[0] ?? '';
    return [{ ...insertLineAfter(model, anchorAfter, lines[0]), newText: lines.map((l) => `${model.lines.eol}${indent}${l}`).join('') }];
  };
  void insert;
  if (base.kind === 'scratch') return [{ title: "Run as user '65532:65532'", safe: false, edits: insertAll(['USER 65532:65532']) }];
  if (base.kind !== 'image') return [];
  const facts = imageFacts(base.ref);
  const name = imageShortName(base.ref);
  if (facts.family === 'node' && !name.includes('/')) return [{ title: "Run as user 'node'", safe: false, edits: insertAll(['USER node']) }];
  if (facts.distroless) return [{ title: "Run as user 'nonroot'", safe: false, edits: insertAll(['USER nonroot']) }];
  if (name.startsWith('mcr.microsoft.com/dotnet/')) return [{ title: "Run as user 'app'", safe: false, edits: insertAll(['USER app']) }];
  // Otherwise create a system user, with the tools of the image's C library.
  const apk = facts.libc === 'musl' || chainCommands(model, stage.index).some((c) => programName(c.command) === 'apk');
  const run = apk
    ? 'RUN addgroup -S app && adduser -S -G app app'
    : 'RUN groupadd --system app && useradd --system --gid app --no-create-home app';
  return [{ title: "Create a system user 'app' and run as it", safe: false, edits: insertAll([run, 'USER app']) }];
}
