// Deterministic generators of test inputs: large multi-stage Dockerfiles and a seeded PRNG.

/** A small, fast, seeded PRNG (mulberry32). */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  };
}

const BASES = ['golang:1.22', 'node:20-bookworm', 'python:3.12-slim', 'rust:1.79', 'maven:3.9-eclipse-temurin-21', 'alpine:3.20', 'debian:bookworm-slim', 'ubuntu:24.04'];

/** One stage of about 40 lines, mixing the instructions and shapes real files have. */
function stage(i, r, names) {
  const name = `stage${i}`;
  const out = [];
  const base = names.length && r.chance(0.3) ? r.pick(names) : r.pick(BASES);
  out.push(`# stage ${i}: builds part ${i}`);
  out.push(`FROM ${base} AS ${name}`);
  out.push(`ARG VERSION_${i}=1.${i}.0`);
  out.push(`ENV APP_HOME=/opt/app${i} \\`, `    PATH=/opt/app${i}/bin:$PATH \\`, `    PART=${i}`);
  out.push(`WORKDIR /src/part${i}`);
  out.push('RUN apt-get update \\', '    && apt-get install -y --no-install-recommends \\', '       ca-certificates \\', '       curl \\', '       git \\', '    && rm -rf /var/lib/apt/lists/*');
  switch (i % 4) {
    case 0:
      out.push('COPY go.mod go.sum ./', 'RUN --mount=type=cache,target=/root/go/pkg/mod go mod download', 'COPY . .', `RUN --mount=type=cache,target=/root/.cache/go-build CGO_ENABLED=0 go build -o /out/app${i} ./cmd/app${i}`);
      break;
    case 1:
      out.push('COPY package.json package-lock.json ./', 'RUN --mount=type=cache,target=/root/.npm npm ci', 'COPY . .', 'RUN npm run build && npm prune --omit=dev');
      break;
    case 2:
      out.push('COPY requirements.txt .', 'RUN pip install --no-cache-dir -r requirements.txt', 'COPY . .', `RUN python -m compileall /src/part${i}`);
      break;
    default:
      out.push('COPY Cargo.toml Cargo.lock ./', 'RUN cargo fetch', 'COPY . .', 'RUN cargo build --release');
  }
  if (names.length) {
    const from = r.pick(names);
    out.push(`COPY --from=${from} /out/ /deps/${from}/`);
    out.push(`RUN --mount=type=bind,from=${r.pick(names)},source=/out,target=/mnt/out ls /mnt/out`);
  }
  out.push('RUN <<EOF', 'set -eux', `echo "part ${i}" > /etc/part`, 'mkdir -p /out', 'EOF');
  out.push(`LABEL org.opencontainers.image.title="part ${i}" \\`, `      org.opencontainers.image.version="\${VERSION_${i}}"`);
  out.push('RUN set -eux; \\', '    for f in a b c d; do \\', '      echo "$f" >> /out/list; \\', '    done; \\', '    test -s /out/list');
  out.push(`EXPOSE ${8000 + (i % 1000)}`, 'USER 1000:1000', `HEALTHCHECK CMD ["/out/app${i}", "health"]`, `CMD ["/out/app${i}"]`, '');
  names.push(name);
  return out;
}

/** A multi-stage Dockerfile of exactly `lines` lines (deterministic for a seed). */
export function generateDockerfile(lines, seed = 1) {
  const r = rng(seed);
  const out = ['# syntax=docker/dockerfile:1', 'ARG BASE_TAG=3.20', ''];
  const names = [];
  for (let i = 0; out.length < lines; i++) out.push(...stage(i, r, names));
  const tail = (kept) => ['FROM alpine:${BASE_TAG}', ...kept.slice(-3).map((n) => `COPY --from=${n} /out/ /app/`), 'ENTRYPOINT ["/app/app"]', ''];
  out.length = Math.max(0, lines - tail(names).length);
  // do not cut a stage inside a heredoc or a continuation
  while (out.length && (/\\$/.test(out[out.length - 1]) || inHeredoc(out))) out.pop();
  const kept = out.map((l) => /^FROM \S+ AS (stage\d+)$/.exec(l)?.[1]).filter(Boolean);
  const final = tail(kept);
  while (out.length < lines - final.length) out.push('# padding');
  return [...out, ...final].join('\n');
}

function inHeredoc(lines) {
  let open = false;
  for (const l of lines) {
    if (/<<EOF$/.test(l)) open = true;
    else if (l === 'EOF') open = false;
  }
  return open;
}
