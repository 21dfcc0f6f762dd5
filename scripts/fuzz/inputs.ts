/**
 * Seeded fuzz inputs: mutations of real Dockerfiles and odd inputs. Input `index` of
 * `seed` is always the same text, so any failure can be re-made from (seed, index).
 */

export interface FuzzInput {
  kind: string;
  text: string;
}

export interface Rng {
  next(): number;
  int(n: number): number;
  pick<T>(list: readonly T[]): T;
  chance(p: number): boolean;
}

/** mulberry32, seeded from (seed, index). */
export function rngFor(seed: number, index: number): Rng {
  let a = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35)) >>> 0;
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

/** Characters that matter to Dockerfile, shell and variable syntax, plus troublemakers. */
const ALPHABET = ['\\', '`', '$', '{', '}', '[', ']', '"', "'", '<<', '<<-', '-', '=', ':', '#', ',', ' ', '\t', '\n', '\r', '\r\n', '\0', '\uFEFF',
  'é', '🙂', '\u2028', '\ud800', '\udfff', 'FROM ', 'AS ', '--from=', '--mount=', 'RUN ', 'COPY ', 'ARG ', 'ENV ', '${', ':-', '\\\n', 'EOF', '[]', '0', '99'];

const ODD = [
  'empty', 'whitespace', 'binary', 'bom', 'crlf', 'cr', 'escape-backtick', 'heredoc-unterminated', 'long-line',
  'continuations', 'nested-vars', 'unicode-stages', 'many-stages', 'directives', 'json-forms', 'flags', 'lone-surrogates',
] as const;

function mutate(text: string, r: Rng, corpus: readonly string[]): { kind: string; text: string } {
  const kinds: string[] = [];
  let t = text;
  const n = 1 + r.int(4);
  for (let k = 0; k < n; k++) {
    const lines = t.split('\n');
    const at = r.int(lines.length);
    const op = r.int(9);
    switch (op) {
      case 0: // delete lines
        lines.splice(at, 1 + r.int(3));
        kinds.push('delete');
        break;
      case 1: // duplicate lines
        lines.splice(at, 0, ...lines.slice(at, at + 1 + r.int(4)));
        kinds.push('duplicate');
        break;
      case 2: { // swap lines
        const b = r.int(lines.length);
        [lines[at], lines[b]] = [lines[b], lines[at]];
        kinds.push('swap');
        break;
      }
      case 3: { // random bytes / tokens inserted
        const pos = r.int(t.length + 1);
        let ins = '';
        for (let i = 0, m = 1 + r.int(6); i < m; i++) ins += r.chance(0.6) ? r.pick(ALPHABET) : String.fromCharCode(r.int(r.chance(0.9) ? 128 : 0x10000));
        t = t.slice(0, pos) + ins + t.slice(pos);
        kinds.push('bytes');
        continue;
      }
      case 4: { // random bytes overwritten
        const pos = r.int(t.length + 1);
        const len = 1 + r.int(8);
        t = t.slice(0, pos) + Array.from({ length: len }, () => String.fromCharCode(r.int(256))).join('') + t.slice(pos + len);
        kinds.push('overwrite');
        continue;
      }
      case 5: // truncate
        t = t.slice(0, r.int(t.length + 1));
        kinds.push('truncate');
        continue;
      case 6: { // splice in part of another file
        const other = r.pick(corpus).split('\n');
        const from = r.int(other.length);
        lines.splice(at, 0, ...other.slice(from, from + 1 + r.int(20)));
        kinds.push('splice');
        break;
      }
      case 7: // drop a character in a line (breaks quotes, brackets, continuations)
        if (lines[at]) {
          const c = r.int(lines[at].length);
          lines[at] = lines[at].slice(0, c) + lines[at].slice(c + 1);
        }
        kinds.push('drop-char');
        break;
      default: // replace a word by a stage-ish token
        if (lines[at]) lines[at] = lines[at].replace(/\S+/, r.pick(['FROM', 'AS', '--from=0', '--from=x', 'COPY', 'RUN', 'ARG', 'ONBUILD', '$X', '${X:-${Y}}', '[]', '["a"', 'scratch']));
        kinds.push('token');
    }
    t = lines.join('\n');
  }
  return { kind: `mutate:${kinds.join('+')}`, text: t };
}

function odd(kind: (typeof ODD)[number], r: Rng, corpus: readonly string[]): string {
  const base = r.pick(corpus);
  switch (kind) {
    case 'empty':
      return '';
    case 'whitespace':
      return r.pick([' ', '\n', '\r\n', '\t\t\n\n', '\\', '\\\n', '#', '# escape=`', '\uFEFF']).repeat(1 + r.int(50));
    case 'binary':
      return Array.from({ length: 1 + r.int(4096) }, () => String.fromCharCode(r.int(256))).join('');
    case 'bom':
      return '\uFEFF' + base;
    case 'crlf':
      return base.replace(/\r?\n/g, '\r\n');
    case 'cr':
      return base.replace(/\r?\n/g, '\r');
    case 'escape-backtick':
      return '# escape=`\n' + base.replace(/\\(\r?\n)/g, '`$1');
    case 'heredoc-unterminated':
      return `FROM alpine AS a\nRUN <<${r.pick(['EOF', '-EOF', '"EOF"', "'EOF'", 'EOF1 <<EOF2'])}\necho hi\n${r.chance(0.5) ? 'COPY <<X /x\nbody\n' : ''}FROM a\n`;
    case 'long-line': {
      const n = 100000;
      return r.pick([
        `FROM alpine\nRUN echo ${'a'.repeat(n)}\n`,
        `FROM alpine\nRUN ${'x && '.repeat(n / 5)}true\n`,
        `FROM alpine\nENV ${'A=b '.repeat(n / 4)}\n`,
        `FROM alpine AS ${'s'.repeat(n)}\nCOPY --from=${'s'.repeat(n)} / /\n`,
        `# ${'#'.repeat(n)}\nFROM alpine\n`,
        `FROM alpine\nLABEL a="${'\\"'.repeat(n / 2)}"\n`,
      ]);
    }
    case 'continuations':
      return r.pick([
        `FROM alpine\nRUN echo a \\\n${'  b \\\n'.repeat(10000)}  c\n`,
        `FROM alpine\nRUN echo a \\\n${'\\\n'.repeat(10000)}\n`,
        `FROM alpine\nRUN apk add \\\n${'# comment \\\n'.repeat(10000)}  curl\n`,
        `FROM alpine\nENV A=1 \\\n${'    B=2 \\\n'.repeat(10000)}    C=3\n`,
      ]);
    case 'nested-vars': {
      const d = 1 + r.int(300);
      const v = '${a:-'.repeat(d) + 'x' + '}'.repeat(r.chance(0.8) ? d : r.int(d));
      return `ARG BASE=${v}\nFROM ${v} AS b\nARG X=${v}\nENV Y=${v}\nRUN echo ${v}\nCOPY --from=${v} ${v} /x\n`;
    }
    case 'unicode-stages': {
      const name = r.pick(['ステージ', 'étape', 'стадия', 'مرحلة', '🙂', 'a\u0301', 'B\u200dC', 'İ', 'ß', 'Ǆ']);
      return `FROM alpine AS ${name}\nRUN echo ${name}\nFROM ${name} AS next\nCOPY --from=${name} /a /b\nRUN --mount=from=${name},target=/m ls\nFROM ${name.toUpperCase()}\n`;
    }
    case 'many-stages':
      return Array.from({ length: 1 + r.int(1000) }, (_, i) => `FROM ${i ? `s${r.int(i)}` : 'alpine'} AS s${i}\nCOPY --from=${r.int(i + 1)} /a /a\n`).join('');
    case 'directives':
      return `${r.pick(['# syntax=docker/dockerfile:1', '# check=skip=all', '# check=error=true;skip=StageNameCasing', '# escape=\\', '# escape=`', '#escape=x', '# check=experimental=all'])}\n`.repeat(1 + r.int(3)) + base;
    case 'json-forms':
      return `FROM alpine\nRUN ${r.pick(['[', '[]', '["a",', '["a" "b"]', '[\\\n"a"]', '["\\u0000"]', '[,]'])}\nCMD ${r.pick(['[', '["x"', '[]'])}\nENTRYPOINT ["a", 1]\nSHELL []\n`;
    case 'flags':
      return `FROM ${r.pick(['--platform=', '--platform=$X', '--', '--=', '---x'])} alpine AS a\nCOPY ${r.pick(['--from=', '--from', '--chown=:', '--link=maybe', '--from=-1', '--from=01', '--from=a --from=b'])} /a /b\nRUN ${r.pick(['--mount=', '--mount=type=cache', '--mount=from=a,,,', '--mount=type=secret,id=', '--network=none', '--security=x'])} true\n`;
    case 'lone-surrogates':
      return base.slice(0, r.int(base.length)) + '\ud800' + base.slice(r.int(base.length)) + '\udfff';
  }
  return base;
}

/** Whether `makeInput(seed, index)` is the one very large input of a run (about 5 MB). */
export const HUGE_INDEX = 1;

/** The fuzz input number `index` for a seed. `huge`: allow the 5 MB input (only at HUGE_INDEX). */
export function makeInput(corpus: readonly string[], seed: number, index: number, huge = true): FuzzInput {
  const r = rngFor(seed, index);
  if (index === HUGE_INDEX && huge) {
    let t = '';
    while (t.length < 5 * 1024 * 1024) t += r.pick(corpus) + '\n';
    return { kind: 'huge-5mb', text: t };
  }
  if (r.chance(0.8)) return mutate(r.pick(corpus), r, corpus);
  // the large odd inputs are rarer, so a run stays within its time
  let kind = r.pick(ODD);
  if ((kind === 'long-line' || kind === 'continuations' || kind === 'many-stages') && !r.chance(0.05)) kind = r.pick(['empty', 'bom', 'crlf', 'cr', 'escape-backtick', 'unicode-stages', 'json-forms', 'flags'] as const);
  return { kind: `odd:${kind}`, text: odd(kind, r, corpus) };
}
