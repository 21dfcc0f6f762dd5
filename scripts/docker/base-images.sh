#!/usr/bin/env bash
# Make the base images Stagecraft's Docker tests build FROM, without any registry.
#
#   DOCKER_HOST=unix://<statedir>/docker.sock bash scripts/docker/base-images.sh [tag...]
#
# Nothing can be pulled on the test machines, so every image is a root filesystem assembled
# from files of the host (busybox-static, bash, node, npm, make, Go, CA certificates) and
# imported with `docker import`. test/docker/README.md describes every image.
#
# Reproducible: the tarballs have sorted names, fixed owners and modification times and GNU
# format, so a layer has the same digest on every run made from the same host files.
#
# Not redone needlessly: the inputs (this script and the stat data of every host file used)
# give a fingerprint. An image that already carries the label
# org.stagecraft.base-image.inputs=<fingerprint> is left alone; otherwise the tarball is taken
# from the cache directory when it holds one for this fingerprint, else built (and cached).
# Each image also carries org.stagecraft.base-image.content-hash, the sha256 of its tarball
# and settings.
#
# Environment:
#   STAGECRAFT_DOCKER_CACHE  cache directory for the tarballs (default
#                            ${XDG_CACHE_HOME:-$HOME/.cache}/stagecraft/docker-base; "off": no cache)
#   STAGECRAFT_DOCKER_JOBS   images made at once (default: number of CPUs)
#
# With tags as arguments only those images are made (default: all).
set -euo pipefail
umask 022

DOCKER=/usr/bin/docker                 # Debian's 20.10 client
RECIPE_VERSION=2                       # bump when a recipe below changes meaning
LABEL_INPUTS=org.stagecraft.base-image.inputs
LABEL_CONTENT=org.stagecraft.base-image.content-hash
MTIME=@1704067200                      # 2024-01-01T00:00:00Z, for every file in every image
PATH_STD=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
SELF=$(readlink -f "${BASH_SOURCE[0]}")

die() { echo "base-images.sh: $*" >&2; exit 1; }

[ -n "${DOCKER_HOST:-}" ] || die "DOCKER_HOST is not set (source <statedir>/env written by scripts/docker/engine.sh start)"
[ -x "$DOCKER" ] || die "$DOCKER not found: apt-get install -y --no-install-recommends docker.io busybox-static"
"$DOCKER" info >/dev/null 2>&1 || die "no Docker engine answers at $DOCKER_HOST"

# ---------------------------------------------------------------------------------------------
# Host inputs

BUSYBOX=""
for b in /bin/busybox /usr/bin/busybox; do
  if [ -x "$b" ] && ! ldd "$b" >/dev/null 2>&1; then BUSYBOX=$b; break; fi   # static: ldd refuses it
done
[ -n "$BUSYBOX" ] || die "a static busybox is needed: apt-get install -y --no-install-recommends busybox-static"
BASH_BIN=$(readlink -f /bin/bash)
CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt

NODE_BIN=$(command -v node || true)
NPM_DIR=""
if [ -n "$NODE_BIN" ] && command -v npm >/dev/null 2>&1; then
  NPM_DIR=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")
fi
NODE_INCLUDE=""
[ -z "$NODE_BIN" ] || NODE_INCLUDE="$(dirname "$(dirname "$(readlink -f "$NODE_BIN")")")/include/node"
MAKE_BIN=$(command -v make || true)

# Debian's python3 (python3-venv gives ensurepip's wheels): python:<major.minor> and -slim stand-ins.
PY_BIN=""
PYV=""                                 # e.g. 3.11 for Debian bookworm's python3
if [ -x /usr/bin/python3 ]; then
  PY_BIN=$(readlink -f /usr/bin/python3)
  PYV=$("$PY_BIN" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null || true)
fi
USERADD_BIN=$(command -v useradd || true)
JDK_HOST=""                            # Debian's OpenJDK 17 (openjdk-17-jdk-headless), for the Java stand-in
[ -x /usr/lib/jvm/java-17-openjdk-amd64/bin/javac ] && JDK_HOST=/usr/lib/jvm/java-17-openjdk-amd64

GOROOT_HOST=""
GOV=""                                 # e.g. 1.19 for Debian bookworm's golang-go
if command -v go >/dev/null 2>&1; then
  GOROOT_HOST=$(go env GOROOT)
  GOV=$(go env GOVERSION | sed -E 's/^go([0-9]+\.[0-9]+).*/\1/')
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/stagecraft-base.XXXXXX")
trap 'rm -rf "$work"' EXIT

CACHE=${STAGECRAFT_DOCKER_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/stagecraft/docker-base}
if [ "$CACHE" = off ]; then CACHE="$work/cache"; fi
mkdir -p "$CACHE"

# ---------------------------------------------------------------------------------------------
# Building blocks

skeleton() {                           # <root>: directories of a small Linux root filesystem
  local r=$1
  mkdir -p "$r"/{bin,sbin,etc,root,home,tmp,var/tmp,proc,sys,dev,usr/bin,usr/sbin,usr/local/bin,usr/local/sbin,usr/local/lib}
  mkdir -p "$r/usr/lib/x86_64-linux-gnu" "$r/usr/lib64"
  ln -s usr/lib "$r/lib"
  ln -s usr/lib64 "$r/lib64"
  chmod 1777 "$r/tmp" "$r/var/tmp"
  chmod 700 "$r/root"
}

BUSYBOX_TREE="$work/busybox-tree"
busybox_tree() {                       # once, before the jobs start: busybox and a link per applet
  local t=$BUSYBOX_TREE applet
  mkdir -p "$t/bin"
  cp "$BUSYBOX" "$t/bin/busybox"
  while read -r applet; do
    [ -n "$applet" ] && [ "$applet" != bin/busybox ] || continue
    mkdir -p "$t/${applet%/*}"
    ln -s /bin/busybox "$t/$applet"
  done < <("$BUSYBOX" --list-full | sort -u)
  [ -L "$t/bin/sh" ] && [ -L "$t/usr/bin/env" ] || die "busybox lacks sh or env"
}

busybox_in() { cp -a "$BUSYBOX_TREE/." "$1/"; }   # <root>: busybox, all applets, /bin/sh, /usr/bin/env

accounts() {                           # <root> [name:uid:home ...]: /etc/passwd and /etc/group
  local r=$1 u name uid home shell=/bin/sh
  shift
  [ -e "$r/bin/sh" ] || [ -L "$r/bin/sh" ] || shell=/sbin/nologin
  printf 'root:x:0:0:root:/root:%s\n' "$shell" > "$r/etc/passwd"
  printf 'root:x:0:\n' > "$r/etc/group"
  for u in "$@"; do
    IFS=: read -r name uid home <<< "$u"
    printf '%s:x:%s:%s:%s:%s:%s\n' "$name" "$uid" "$uid" "$name" "$home" "$shell" >> "$r/etc/passwd"
    printf '%s:x:%s:\n' "$name" "$uid" >> "$r/etc/group"
    mkdir -p "$r$home"
    chown "$uid:$uid" "$r$home"
  done
  printf 'nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n' >> "$r/etc/passwd"
  printf 'nogroup:x:65534:\n' >> "$r/etc/group"
}

os_release() {                         # <root> <ID> <VERSION_ID> <PRETTY_NAME>
  printf 'ID=%s\nVERSION_ID=%s\nPRETTY_NAME="%s"\nNAME="%s"\n' "$2" "$3" "$4" "$4" > "$1/etc/os-release"
}

with_libs() {                          # <root> <host binary> <path in image>: the binary and what ldd lists
  local r=$1 src=$2 dst=$3 lib
  mkdir -p "$r/$(dirname "$dst")"
  cp -L "$src" "$r$dst"
  if ldd "$src" >/dev/null 2>&1; then
    while read -r lib; do
      [ -e "$r$lib" ] && continue
      mkdir -p "$r$(dirname "$lib")"
      cp -L "$lib" "$r$lib"
    done < <(libs_of "$src")
  fi
}

libs_of() { ldd "$1" 2>/dev/null | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^\//) print $i }' | sort -u; }

bash_in() { with_libs "$1" "$BASH_BIN" /bin/bash; }   # Debian-based images have bash

# ---------------------------------------------------------------------------------------------
# Recipes: tree_<name> <root> fills <root> and sets CHANGES (docker import --change lines).

CHANGES=()

tree_busybox() {
  skeleton "$1"; busybox_in "$1"; accounts "$1"
  CHANGES=("ENV PATH=$PATH_STD" 'CMD ["sh"]')
}

tree_alpine() {
  skeleton "$1"; busybox_in "$1"; accounts "$1"
  echo 3.20.0 > "$1/etc/alpine-release"
  os_release "$1" alpine 3.20.0 "Alpine Linux v3.20 (busybox stand-in)"
  CHANGES=("ENV PATH=$PATH_STD" 'CMD ["/bin/sh"]')
}

tree_debian() {
  skeleton "$1"; busybox_in "$1"; bash_in "$1"; accounts "$1"
  cp /etc/debian_version "$1/etc/debian_version" 2>/dev/null || echo 12.0 > "$1/etc/debian_version"
  os_release "$1" debian 12 "Debian GNU/Linux 12 (bookworm) (busybox stand-in)"
  CHANGES=("ENV PATH=$PATH_STD" 'CMD ["bash"]')
}

node_tree() {                          # <root>: node, npm and corepack laid out as in the official images
  local r=$1
  [ -n "$NODE_BIN" ] || die "node is not installed on this machine"
  [ -f "$NPM_DIR/package.json" ] || die "npm's folder not found (from $(command -v npm || echo 'no npm'))"
  skeleton "$r"; busybox_in "$r"; bash_in "$r"; accounts "$r" node:1000:/home/node
  with_libs "$r" "$NODE_BIN" /usr/local/bin/node
  mkdir -p "$r/usr/local/lib/node_modules"
  cp -a "$NPM_DIR" "$r/usr/local/lib/node_modules/npm"
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$r/usr/local/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$r/usr/local/bin/npx"
  local corepack
  corepack="$(dirname "$NPM_DIR")/corepack"
  if [ -f "$corepack/package.json" ]; then
    cp -a "$corepack" "$r/usr/local/lib/node_modules/corepack"
    ln -s ../lib/node_modules/corepack/dist/corepack.js "$r/usr/local/bin/corepack"
  fi
  os_release "$r" debian 12 "Debian GNU/Linux 12 (bookworm) (busybox stand-in)"
  CHANGES=("ENV PATH=$PATH_STD" "ENV NODE_VERSION=$("$NODE_BIN" --version | tr -d v)"
           "ENV NPM_CONFIG_UPDATE_NOTIFIER=false" 'CMD ["node"]')
}

tree_node_slim() {
  node_tree "$1"
  chown -R 0:0 "$1/usr/local"
}

tree_node() {                          # node:20-slim plus make and node's C headers (for node-gyp)
  node_tree "$1"
  [ -z "$MAKE_BIN" ] || with_libs "$1" "$MAKE_BIN" /usr/bin/make
  if [ -d "$NODE_INCLUDE" ]; then
    mkdir -p "$1/usr/local/include"
    cp -a "$NODE_INCLUDE" "$1/usr/local/include/node"
  fi
  chown -R 0:0 "$1/usr/local"
}

tree_golang() {                        # Debian's Go toolchain at /usr/local/go; std-lib builds offline
  local r=$1 g="$1/usr/local/go" full
  [ -n "$GOROOT_HOST" ] || die "go is not installed: apt-get install -y --no-install-recommends golang-go"
  full=$(head -1 "$GOROOT_HOST/VERSION" | sed 's/^go//')
  skeleton "$r"; busybox_in "$r"; bash_in "$r"; accounts "$r"
  mkdir -p "$g/pkg/linux_amd64" "$g/src" "$r/go/bin" "$r/go/src"
  cp -aL "$GOROOT_HOST/bin" "$GOROOT_HOST/VERSION" "$GOROOT_HOST/api" "$g/"
  cp -aL "$GOROOT_HOST/pkg/tool" "$GOROOT_HOST/pkg/include" "$g/pkg/"
  # The precompiled standard library, without the toolchain's own packages (cmd/...).
  tar -C "$GOROOT_HOST/pkg/linux_amd64/" -h --exclude=./cmd -cf - . | tar -C "$g/pkg/linux_amd64" -xf -
  # Standard library sources (go build needs them), without the toolchain's sources and testdata.
  tar -C "$GOROOT_HOST/src/" -h --exclude=./cmd --exclude=testdata -cf - . | tar -C "$g/src" -xf -
  chown -R 0:0 "$g"
  chmod -R 1777 "$r/go"
  os_release "$r" debian 12 "Debian GNU/Linux 12 (bookworm) (busybox stand-in)"
  # CGO_ENABLED=0: there is no C compiler in the image (Go 1.19 would otherwise want gcc).
  # -buildvcs=false: there is no git in the image.
  CHANGES=("ENV PATH=/go/bin:/usr/local/go/bin:$PATH_STD" "ENV GOLANG_VERSION=$full" "ENV GOPATH=/go"
           "ENV GOFLAGS=-mod=mod -buildvcs=false" "ENV GOTOOLCHAIN=local" "ENV GOPROXY=off"
           "ENV GOSUMDB=off" "ENV CGO_ENABLED=0" "WORKDIR /go" 'CMD ["bash"]')
}

tree_debian_apt() {                    # debian:bookworm-slim plus Debian's apt and dpkg: installs local .deb files offline
  local r=$1 b
  tree_debian "$r"
  for b in /usr/bin/apt-get /usr/bin/apt-cache /usr/bin/apt-config /usr/bin/apt-mark /usr/bin/dpkg /usr/bin/dpkg-deb \
           /usr/bin/dpkg-query /usr/bin/dpkg-split /usr/bin/dpkg-divert /usr/bin/dpkg-trigger \
           /usr/lib/apt/methods/file /usr/lib/apt/methods/copy /usr/lib/apt/methods/store /usr/sbin/ldconfig \
           /usr/sbin/start-stop-daemon /usr/bin/tar; do
    [ -x "$b" ] || die "$b not found: apt-get install -y apt dpkg"
    # busybox's dpkg applets are absolute links to /bin/busybox: remove them, never copy through them
    rm -f "$r$b"
    with_libs "$r" "$b" "$b"
  done
  mkdir -p "$r/etc/apt/apt.conf.d" "$r/etc/apt/preferences.d" "$r/etc/apt/sources.list.d" "$r/etc/apt/trusted.gpg.d" \
           "$r/var/lib/apt/lists/partial" "$r/var/cache/apt/archives/partial" "$r/var/log/apt" \
           "$r/var/lib/dpkg/info" "$r/var/lib/dpkg/updates" "$r/var/lib/dpkg/triggers" "$r/var/lib/dpkg/alternatives" \
           "$r/etc/dpkg/dpkg.cfg.d" "$r/usr/share/dpkg"
  : > "$r/var/lib/dpkg/status"; : > "$r/var/lib/dpkg/available"; : > "$r/etc/apt/sources.list"
  cp /usr/share/dpkg/cputable /usr/share/dpkg/tupletable "$r/usr/share/dpkg/" 2>/dev/null || true
  printf 'APT::Sandbox::User "root";\n' > "$r/etc/apt/apt.conf.d/00stand-in"
  CHANGES=("ENV PATH=$PATH_STD" 'CMD ["bash"]')
}


tree_java() {                          # Debian's OpenJDK 17 at /opt/java/openjdk (the Temurin layout); no Maven
  local r=$1 j="$1/opt/java/openjdk" so
  [ -n "$JDK_HOST" ] || die "a JDK 17 is not installed: apt-get install -y --no-install-recommends openjdk-17-jdk-headless"
  skeleton "$r"; busybox_in "$r"; bash_in "$r"; accounts "$r"
  mkdir -p "$j"
  tar -C "$JDK_HOST/" -h --exclude=./docs --exclude=./man --exclude=./legal --exclude=./jmods --exclude=./lib/src.zip \
    -cf - . | tar -C "$j" -xf -
  while read -r so; do
    while read -r lib; do
      case "$lib" in "$JDK_HOST"/*) continue ;; esac
      [ -e "$r$lib" ] || { mkdir -p "$r$(dirname "$lib")"; cp -L "$lib" "$r$lib"; }
    done < <(libs_of "$so")
  done < <(find "$JDK_HOST/bin" "$JDK_HOST/lib" -type f \( -name '*.so' -o -perm -u+x \) 2>/dev/null)
  chown -R 0:0 "$r/opt"
  os_release "$r" ubuntu 22.04 "Temurin-like JDK 17 (busybox stand-in)"
  CHANGES=("ENV JAVA_HOME=/opt/java/openjdk" "ENV PATH=/opt/java/openjdk/bin:$PATH_STD" 'CMD ["jshell"]')
}

tree_distroless() {                    # scratch + accounts + CA certificates; no shell, no libc
  local r=$1
  [ -f "$CA_BUNDLE" ] || die "$CA_BUNDLE not found: apt-get install -y --no-install-recommends ca-certificates"
  mkdir -p "$r/etc/ssl/certs" "$r/tmp" "$r/home" "$r/root"
  chmod 1777 "$r/tmp"; chmod 700 "$r/root"
  accounts "$r" nonroot:65532:/home/nonroot
  cp -L "$CA_BUNDLE" "$r/etc/ssl/certs/ca-certificates.crt"
  os_release "$r" debian 12 "Distroless static (Debian 12) stand-in"
  CHANGES=("ENV PATH=$PATH_STD" "ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt")
}

python_tree() {                        # <root>: Debian's python3 at /usr/bin, linked from /usr/local/bin as in the official images
  local r=$1 so
  [ -n "$PYV" ] || die "python3 is not installed: apt-get install -y --no-install-recommends python3 python3-venv"
  "$PY_BIN" -c 'import ensurepip, venv' 2>/dev/null || die "python3's venv and ensurepip are missing: apt-get install -y --no-install-recommends python3-venv"
  skeleton "$r"; busybox_in "$r"; bash_in "$r"; accounts "$r"
  with_libs "$r" "$PY_BIN" "/usr/bin/python$PYV"
  mkdir -p "$r/usr/lib/python$PYV"
  tar -C "/usr/lib/python$PYV" -h --exclude=./test --exclude=__pycache__ --exclude=./idlelib --exclude=./tkinter -cf - . | tar -C "$r/usr/lib/python$PYV" -xf -
  for so in "/usr/lib/python$PYV"/lib-dynload/*.so; do
    while read -r lib; do
      [ -e "$r$lib" ] || { mkdir -p "$r$(dirname "$lib")"; cp -L "$lib" "$r$lib"; }
    done < <(libs_of "$so")
  done
  if [ -d /usr/share/python-wheels ]; then mkdir -p "$r/usr/share"; cp -a /usr/share/python-wheels "$r/usr/share/"; fi
  ln -s "/usr/bin/python$PYV" "$r/usr/local/bin/python3"
  ln -s "/usr/bin/python$PYV" "$r/usr/local/bin/python"
  ln -s "python$PYV" "$r/usr/bin/python3"
  # useradd, as Debian's passwd package gives it (the split creates its system user with it)
  if [ -n "$USERADD_BIN" ]; then
    with_libs "$r" "$USERADD_BIN" /usr/sbin/useradd
    [ ! -f /etc/login.defs ] || cp /etc/login.defs "$r/etc/login.defs"
  fi
  os_release "$r" debian 12 "Debian GNU/Linux 12 (bookworm) (busybox stand-in)"
  CHANGES=("ENV PATH=$PATH_STD" "ENV PYTHON_VERSION=$("$PY_BIN" -c 'import platform; print(platform.python_version())')"
           "ENV LANG=C.UTF-8" 'CMD ["python3"]')
}

tree_python_slim() {
  python_tree "$1"
}

tree_python() {                        # python:<v>-slim plus make and Python's C headers (the SDK image)
  python_tree "$1"
  [ -z "$MAKE_BIN" ] || with_libs "$1" "$MAKE_BIN" /usr/bin/make
  if [ -d "/usr/include/python$PYV" ]; then
    mkdir -p "$1/usr/include"
    cp -aL "/usr/include/python$PYV" "$1/usr/include/"
  fi
}

recipe_of() {                          # <tag> -> recipe name
  case "$1" in
    busybox|busybox:latest) echo busybox ;;
    alpine:3.20) echo alpine ;;
    debian:bookworm-slim) echo debian ;;
    debian:bookworm) echo debian_apt ;;
    node:20-slim) echo node_slim ;;
    node:20) echo node ;;
    golang:"${GOV:-none}") echo golang ;;
    eclipse-temurin:17-jdk) echo java ;;
    gcr.io/distroless/static-debian12|gcr.io/distroless/static-debian12:latest) echo distroless ;;
    python:"${PYV:-none}") echo python ;;
    python:"${PYV:-none}"-slim) echo python_slim ;;
    *) return 1 ;;
  esac
}

# ---------------------------------------------------------------------------------------------
# Fingerprint of every input: this script and the stat data of each host file the recipes use.

fingerprint() {
  {
    echo "$RECIPE_VERSION"
    sha256sum < "$SELF"
    local p
    for p in "$BUSYBOX" "$BASH_BIN" "$NODE_BIN" "$MAKE_BIN" "$CA_BUNDLE" /etc/debian_version "$PY_BIN" "$USERADD_BIN" /usr/bin/apt-get /usr/bin/dpkg \
             $( [ -z "$NODE_BIN" ] || libs_of "$NODE_BIN"; libs_of "$BASH_BIN"; [ -z "$MAKE_BIN" ] || libs_of "$MAKE_BIN" ); do
      [ -n "$p" ] && [ -e "$p" ] && stat -L -c '%n %s %Y %a' "$p"
    done
    for p in "$NPM_DIR" "${NPM_DIR:+$(dirname "$NPM_DIR")/corepack}" "$NODE_INCLUDE" "$GOROOT_HOST" ${PYV:+/usr/lib/python$PYV /usr/share/python-wheels} "$JDK_HOST"; do
      [ -n "$p" ] && [ -d "$p" ] && find -L "$p" -printf '%p %s %T@ %m\n' | LC_ALL=C sort
    done
    true
  } | sha256sum | cut -c1-64
}

# <tag> <fingerprint>: make one image (runs as a background job).
make_image() {
  local tag=$1 fp=$2 recipe key tarball have t0=$EPOCHREALTIME
  recipe=$(recipe_of "$tag")
  key=$(printf '%s %s\n' "$fp" "$tag" | sha256sum | cut -c1-16)
  have=$("$DOCKER" image inspect --format "{{ index .Config.Labels \"$LABEL_INPUTS\" }}" "$tag" 2>/dev/null || true)
  if [ "$have" = "$key" ]; then
    echo "$tag: up to date ($(since "$t0")s)"
    return 0
  fi
  tarball="$CACHE/$(echo "$tag" | tr '/:' '__')-$key.tar"
  local how=cached
  if [ ! -f "$tarball" ] || [ ! -f "$tarball.changes" ]; then
    how=built
    local root="$work/root-$recipe"
    mkdir -p "$root"
    "tree_$recipe" "$root"
    rm -f "$CACHE/$(echo "$tag" | tr '/:' '__')-"????????????????.tar*   # tarballs of older inputs
    printf '%s\n' "${CHANGES[@]}" > "$tarball.changes.$$"
    tar --sort=name --mtime="$MTIME" --numeric-owner --format=gnu -C "$root" -cf "$tarball.$$" .
    rm -rf "$root"
    mv "$tarball.changes.$$" "$tarball.changes"
    mv "$tarball.$$" "$tarball"
  fi
  local changes=() c content
  mapfile -t changes < "$tarball.changes"
  content=$( { sha256sum < "$tarball"; printf '%s\n' "${changes[@]}"; } | sha256sum | cut -c1-64)
  local args=()
  for c in "${changes[@]}" "LABEL $LABEL_INPUTS=$key" "LABEL $LABEL_CONTENT=$content"; do
    args+=(--change "$c")
  done
  "$DOCKER" import "${args[@]}" --message "Stagecraft test base image $tag" "$tarball" "$tag" >/dev/null
  echo "$tag: imported, tarball $how ($(since "$t0")s, content ${content:0:12})"
}

since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }

# ---------------------------------------------------------------------------------------------

ALL_TAGS=(busybox:latest alpine:3.20 debian:bookworm-slim node:20-slim node:20 "golang:${GOV:-none}"
          gcr.io/distroless/static-debian12 "python:${PYV:-none}" "python:${PYV:-none}-slim" eclipse-temurin:17-jdk debian:bookworm)
wanted=("$@")
[ ${#wanted[@]} -gt 0 ] || wanted=("${ALL_TAGS[@]}")
for tag in "${wanted[@]}"; do
  recipe_of "$tag" >/dev/null || die "no recipe for $tag (known: ${ALL_TAGS[*]})"
done

start=$EPOCHREALTIME
FP=$(fingerprint)
jobs_max=${STAGECRAFT_DOCKER_JOBS:-$(nproc 2>/dev/null || echo 2)}
echo "base images (no registry; made from host files; inputs ${FP:0:12}; cache $CACHE):"

busybox_tree
i=0
for tag in "${wanted[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs_max" ]; do wait -n || true; done
  ( make_image "$tag" "$FP"; echo 0 > "$work/status.$i" ) > "$work/out.$i" 2>&1 &
  i=$((i + 1))
done
wait

failed=0
for ((j = 0; j < i; j++)); do
  sed 's/^/  /' "$work/out.$j"
  [ "$(cat "$work/status.$j" 2>/dev/null)" = 0 ] || { echo "  FAILED: ${wanted[$j]}"; failed=1; }
done
[ $failed = 0 ] || die "some base images could not be made"
# distroless publishes the same image under :nonroot (its default user is nonroot there).
if "$DOCKER" image inspect gcr.io/distroless/static-debian12 >/dev/null 2>&1; then
  "$DOCKER" tag gcr.io/distroless/static-debian12 gcr.io/distroless/static-debian12:nonroot
fi
echo "base images ready in $(since "$start")s"
