/**
 * What the editor says about the Dockerfile language: every instruction, every flag, every
 * `--mount` key per mount type, heredocs and parser directives, each with a short text and a link
 * to its section of the Dockerfile reference. Plain data, shared by hover and completion.
 */

export const REFERENCE = 'https://docs.docker.com/reference/dockerfile/';

export interface DocEntry {
  /** One or two sentences, Markdown. */
  doc: string;
  /** The anchor in the Dockerfile reference (`#copy---from`). */
  anchor: string;
}

export interface FlagDoc extends DocEntry {
  /** Values the flag takes, for completion (`--network=none`). */
  values?: string[];
}

export interface InstructionDoc extends DocEntry {
  /** The form shown first in completion. */
  syntax: string;
  /** A snippet inserted after the keyword (`${1:image}`), LSP snippet syntax. */
  snippet: string;
  flags: Record<string, FlagDoc>;
}

const COPY_FLAGS: Record<string, FlagDoc> = {
  chown: { doc: 'Sets the user and group (`user:group`, names or ids) owning the copied files. Without it they belong to root (UID 0).', anchor: '#copy---chown---chmod' },
  chmod: { doc: 'Sets the permission bits of the copied files (`--chmod=755`, or symbolic like `u=rwx,go=rx` with the `1.10` syntax).', anchor: '#copy---chown---chmod' },
  link: { doc: 'Copies into an independent layer that is linked on top of the previous ones: the layer stays cached when the layers below change (and can be rebased without a rebuild).', anchor: '#copy---link' },
  exclude: { doc: 'Leaves out the paths matching a pattern (repeatable, `.dockerignore` syntax). Needs the `1.7-labs` syntax or newer.', anchor: '#copy---exclude' },
};

export const INSTRUCTIONS: Record<string, InstructionDoc> = {
  FROM: {
    doc: 'Starts a new build stage from a base image (or an earlier stage, or `scratch`). `AS name` names the stage for `--from`, `--target` and later `FROM`s.',
    anchor: '#from', syntax: 'FROM [--platform=<platform>] <image> [AS <name>]', snippet: '${1:image}:${2:tag} AS ${3:name}',
    flags: {
      platform: { doc: 'The platform of the base image (`linux/amd64`, `linux/arm64`, or `$BUILDPLATFORM` to run build tools natively while cross-compiling for `$TARGETPLATFORM`).', anchor: '#from', values: ['$BUILDPLATFORM', '$TARGETPLATFORM', 'linux/amd64', 'linux/arm64', 'linux/arm/v7', 'linux/386', 'linux/ppc64le', 'linux/s390x', 'windows/amd64'] },
    },
  },
  RUN: {
    doc: 'Runs a command in a new layer on top of the current image: shell form (`RUN cmd`, run by the `SHELL`) or exec form (`RUN ["exe", "arg"]`). Heredocs (`RUN <<EOF`) run a script.',
    anchor: '#run', syntax: 'RUN [--mount=…] [--network=…] [--security=…] <command>', snippet: '${1:command}',
    flags: {
      mount: { doc: 'Mounts a filesystem for this command only: `type=bind` (default; files of the context or another stage), `cache` (a directory kept between builds, e.g. a package cache), `tmpfs`, `secret` or `ssh`. Nothing mounted ends up in the layer.', anchor: '#run---mount' },
      network: { doc: 'The network the command runs in: `default` (the build\'s network), `none` (no network access) or `host` (needs the `network.host` entitlement).', anchor: '#run---network', values: ['default', 'none', 'host'] },
      security: { doc: '`insecure` runs the command without the sandbox (like `docker run --privileged`; needs the `security.insecure` entitlement); `sandbox` is the default.', anchor: '#run---security', values: ['sandbox', 'insecure'] },
    },
  },
  CMD: { doc: 'The default command (or default arguments of the `ENTRYPOINT`) of a container started from the image. Only the last `CMD` counts; prefer the exec (JSON) form.', anchor: '#cmd', syntax: 'CMD ["executable", "param"]', snippet: '["${1:executable}"${2:, "${3:param}"}]', flags: {} },
  LABEL: { doc: 'Adds `key=value` metadata to the image (OCI annotations such as `org.opencontainers.image.source`).', anchor: '#label', syntax: 'LABEL <key>=<value> …', snippet: '${1:key}="${2:value}"', flags: {} },
  MAINTAINER: { doc: 'Deprecated: sets the author field. Use `LABEL org.opencontainers.image.authors="…"` instead.', anchor: '#maintainer-deprecated', syntax: 'MAINTAINER <name>', snippet: '${1:name}', flags: {} },
  EXPOSE: { doc: 'Documents the ports the container listens on (`80`, `53/udp`). It publishes nothing: `docker run -p` does.', anchor: '#expose', syntax: 'EXPOSE <port>[/<protocol>] …', snippet: '${1:8080}', flags: {} },
  ENV: { doc: 'Sets environment variables (`KEY=value`) for the rest of the stage, for stages built `FROM` it, and in containers run from the image.', anchor: '#env', syntax: 'ENV <key>=<value> …', snippet: '${1:KEY}=${2:value}', flags: {} },
  ADD: {
    doc: 'Copies files, remote URLs or Git repositories into the image, and unpacks local tar archives. Prefer `COPY` for plain files.',
    anchor: '#add', syntax: 'ADD [--chown=…] [--chmod=…] [--link] [--checksum=…] <src> … <dest>', snippet: '${1:src} ${2:dest}',
    flags: {
      ...COPY_FLAGS,
      checksum: { doc: 'Verifies a remote source against a digest (`sha256:…`); the build fails on a mismatch.', anchor: '#add---checksum' },
      'keep-git-dir': { doc: 'Keeps the `.git` directory when the source is a Git repository.', anchor: '#add---keep-git-dir', values: ['true', 'false'] },
      unpack: { doc: 'Whether a local or remote archive is unpacked (`true` by default for local archives).', anchor: '#add---unpack', values: ['true', 'false'] },
    },
  },
  COPY: {
    doc: 'Copies files from the build context (or, with `--from`, from another stage or image) into the image. Heredocs (`COPY <<EOF /path`) write a file inline.',
    anchor: '#copy', syntax: 'COPY [--from=…] [--chown=…] [--chmod=…] [--link] [--parents] [--exclude=…] <src> … <dest>', snippet: '${1:src} ${2:dest}',
    flags: {
      from: { doc: 'Copies from an earlier stage (by name or index), a named build context, or an image instead of the build context. This is how a runner stage takes only the build outputs.', anchor: '#copy---from' },
      ...COPY_FLAGS,
      parents: { doc: 'Keeps the source\'s parent directories under the destination (`COPY --parents ./a/b/file /dst/` makes `/dst/a/b/file`). Needs the `1.7-labs` syntax or newer.', anchor: '#copy---parents' },
    },
  },
  ENTRYPOINT: { doc: 'The executable a container runs; `CMD` supplies its default arguments. Use the exec (JSON) form so signals reach the process.', anchor: '#entrypoint', syntax: 'ENTRYPOINT ["executable", "param"]', snippet: '["${1:executable}"${2:, "${3:param}"}]', flags: {} },
  VOLUME: { doc: 'Declares mount points holding externally managed data; later changes to them in the Dockerfile are discarded.', anchor: '#volume', syntax: 'VOLUME ["/data"]', snippet: '${1:/data}', flags: {} },
  USER: { doc: 'Sets the user (and group) for the following `RUN`, `CMD` and `ENTRYPOINT` and for containers run from the image. A runtime image should not run as root.', anchor: '#user', syntax: 'USER <user>[:<group>]', snippet: '${1:app}', flags: {} },
  WORKDIR: { doc: 'Sets (and creates) the working directory for the following instructions and for containers. Relative paths resolve against the previous `WORKDIR`.', anchor: '#workdir', syntax: 'WORKDIR <path>', snippet: '${1:/app}', flags: {} },
  ARG: { doc: 'Declares a build argument, set with `docker build --build-arg NAME=value` (or its default). Before the first `FROM` it is global: usable in `FROM` lines, and inside a stage after `ARG NAME` again.', anchor: '#arg', syntax: 'ARG <name>[=<default>]', snippet: '${1:NAME}${2:=${3:default}}', flags: {} },
  ONBUILD: { doc: 'Registers an instruction that runs when another Dockerfile builds `FROM` this image.', anchor: '#onbuild', syntax: 'ONBUILD <INSTRUCTION>', snippet: '${1:RUN} ${2:command}', flags: {} },
  STOPSIGNAL: { doc: 'The signal sent to stop a container (`SIGTERM` by default).', anchor: '#stopsignal', syntax: 'STOPSIGNAL <signal>', snippet: '${1:SIGTERM}', flags: {} },
  HEALTHCHECK: {
    doc: 'How Docker tests that a container still works (`HEALTHCHECK CMD curl -f http://localhost/ || exit 1`), or `HEALTHCHECK NONE` to disable the base image\'s check.',
    anchor: '#healthcheck', syntax: 'HEALTHCHECK [--interval=…] [--timeout=…] [--start-period=…] [--retries=…] CMD <command>', snippet: 'CMD ${1:command}',
    flags: {
      interval: { doc: 'Time between checks (default `30s`).', anchor: '#healthcheck' },
      timeout: { doc: 'Time after which a check counts as failed (default `30s`).', anchor: '#healthcheck' },
      'start-period': { doc: 'Start-up time during which failures do not count (default `0s`).', anchor: '#healthcheck' },
      'start-interval': { doc: 'Time between checks during the start period (default `5s`).', anchor: '#healthcheck' },
      retries: { doc: 'Consecutive failures before the container is unhealthy (default `3`).', anchor: '#healthcheck' },
    },
  },
  SHELL: { doc: 'The shell that runs shell-form commands (default `["/bin/sh", "-c"]`, on Windows `["cmd", "/S", "/C"]`).', anchor: '#shell', syntax: 'SHELL ["executable", "param"]', snippet: '["${1:/bin/bash}", "${2:-c}"]', flags: {} },
};

export interface MountKeyDoc extends DocEntry {
  values?: string[];
}

const OWNER_KEYS: Record<string, MountKeyDoc> = {
  mode: { doc: 'File mode of the mounted file or directory (octal, default `0600` for secrets and ssh, `0755` for cache).', anchor: '#run---mounttypecache' },
  uid: { doc: 'User id owning the mount (default `0`).', anchor: '#run---mounttypecache' },
  gid: { doc: 'Group id owning the mount (default `0`).', anchor: '#run---mounttypecache' },
};

export const MOUNT_TYPES: Record<string, { doc: string; anchor: string; keys: Record<string, MountKeyDoc> }> = {
  bind: {
    doc: 'Binds files of the build context, or of another stage or image (`from=`), read-only by default. Nothing is copied into the layer.', anchor: '#run---mounttypebind',
    keys: {
      target: { doc: 'Where the files are mounted (also `dst`, `destination`).', anchor: '#run---mounttypebind' },
      source: { doc: 'Path inside `from` (default: its root).', anchor: '#run---mounttypebind' },
      from: { doc: 'The stage, build context or image to bind from (default: the build context).', anchor: '#run---mounttypebind' },
      rw: { doc: 'Allows writes; they are discarded after the command (also `readwrite`).', anchor: '#run---mounttypebind' },
    },
  },
  cache: {
    doc: 'A directory kept between builds for compilers and package managers: the command reuses downloads without them landing in the layer.', anchor: '#run---mounttypecache',
    keys: {
      target: { doc: 'The directory to cache: the package manager\'s cache directory (`/root/.npm`, `/root/.cache/pip`, `/var/cache/apt`…).', anchor: '#run---mounttypecache' },
      id: { doc: 'Identifies the cache (default: the target path); mounts with the same id share it.', anchor: '#run---mounttypecache' },
      sharing: { doc: '`shared` (default: concurrent writers), `private` (a new cache per concurrent writer) or `locked` (writers wait: what apt needs).', anchor: '#run---mounttypecache', values: ['shared', 'private', 'locked'] },
      ro: { doc: 'Mounts the cache read-only (also `readonly`).', anchor: '#run---mounttypecache' },
      from: { doc: 'Stage whose files seed an empty cache.', anchor: '#run---mounttypecache' },
      source: { doc: 'Path inside `from` that seeds the cache.', anchor: '#run---mounttypecache' },
      ...OWNER_KEYS,
    },
  },
  tmpfs: {
    doc: 'A temporary in-memory filesystem for the command.', anchor: '#run---mounttypetmpfs',
    keys: {
      target: { doc: 'Where the tmpfs is mounted.', anchor: '#run---mounttypetmpfs' },
      size: { doc: 'Upper size limit in bytes.', anchor: '#run---mounttypetmpfs' },
    },
  },
  secret: {
    doc: 'Gives the command a secret (`docker build --secret id=…`) as a file or an environment variable, never stored in the image.', anchor: '#run---mounttypesecret',
    keys: {
      id: { doc: 'The secret\'s id as given to `--secret` (default: the target\'s base name).', anchor: '#run---mounttypesecret' },
      target: { doc: 'Where the secret file is mounted (default `/run/secrets/<id>`).', anchor: '#run---mounttypesecret' },
      env: { doc: 'Exposes the secret as this environment variable instead of (or besides) a file.', anchor: '#run---mounttypesecret' },
      required: { doc: 'Fails the build when the secret is not given (default `false`).', anchor: '#run---mounttypesecret', values: ['true', 'false'] },
      ...OWNER_KEYS,
    },
  },
  ssh: {
    doc: 'Forwards an SSH agent socket or keys (`docker build --ssh default`), e.g. to clone private repositories.', anchor: '#run---mounttypessh',
    keys: {
      id: { doc: 'The SSH agent socket or key id given to `--ssh` (default `default`).', anchor: '#run---mounttypessh' },
      target: { doc: 'Where the socket is mounted (default `/run/buildkit/ssh_agent.${N}`).', anchor: '#run---mounttypessh' },
      required: { doc: 'Fails the build when the agent is not available (default `false`).', anchor: '#run---mounttypessh', values: ['true', 'false'] },
      ...OWNER_KEYS,
    },
  },
};

/** Spellings BuildKit accepts for a mount key. */
export const MOUNT_KEY_ALIASES: Record<string, string> = { dst: 'target', destination: 'target', src: 'source', readonly: 'ro', readwrite: 'rw' };

export const MOUNT_TYPE_KEY: MountKeyDoc = { doc: 'The mount type: `bind` (default), `cache`, `tmpfs`, `secret` or `ssh`.', anchor: '#run---mount', values: Object.keys(MOUNT_TYPES) };

export const HEREDOC: DocEntry = {
  doc: 'A here-document: the lines up to the closing delimiter are the input. In `RUN` they are a script run by the shell (or by the program after `<<EOF`, e.g. `#!/usr/bin/env python`); in `COPY`/`ADD` they become a file. A quoted delimiter (`<<"EOF"`) leaves `$` variables unexpanded; `<<-` strips leading tabs.',
  anchor: '#here-documents',
};

export const DIRECTIVES: Record<string, DocEntry & { values: string[] }> = {
  syntax: { doc: 'The Dockerfile frontend BuildKit uses for this file: `docker/dockerfile:1` follows the latest stable 1.x syntax.', anchor: '#syntax', values: ['docker/dockerfile:1', 'docker/dockerfile:1-labs'] },
  escape: { doc: 'The escape and line-continuation character: `\\` (default) or `` ` `` (handy on Windows paths).', anchor: '#escape', values: ['\\', '`'] },
  check: { doc: 'Configures BuildKit\'s build checks: `skip=<rule>,…|all`, `error=true` (findings fail the build), `experimental=<rule>,…|all`.', anchor: '#check', values: ['skip=', 'error=true', 'experimental='] },
};

/** Arguments BuildKit sets automatically (global scope; inside a stage after `ARG NAME`). */
export const AUTOMATIC_ARGS: Record<string, string> = {
  TARGETPLATFORM: 'platform of the build result, e.g. `linux/amd64`',
  TARGETOS: 'OS of `TARGETPLATFORM`, e.g. `linux`',
  TARGETARCH: 'architecture of `TARGETPLATFORM`, e.g. `amd64`',
  TARGETVARIANT: 'variant of `TARGETPLATFORM`, e.g. `v7`',
  BUILDPLATFORM: 'platform of the node doing the build, e.g. `linux/amd64`',
  BUILDOS: 'OS of `BUILDPLATFORM`',
  BUILDARCH: 'architecture of `BUILDPLATFORM`',
  BUILDVARIANT: 'variant of `BUILDPLATFORM`',
};

/** Proxy variables usable without declaring them (`--build-arg HTTP_PROXY=…`). */
export const PREDEFINED_ARGS = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy'];

export const link = (anchor: string): string => REFERENCE + anchor;

/** Markdown for a doc entry: the text, then the reference link. */
export function docMarkdown(title: string, e: DocEntry): string {
  return `**${title}**\n\n${e.doc}\n\n[Dockerfile reference](${link(e.anchor)})`;
}
