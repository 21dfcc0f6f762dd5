/**
 * A small, forgiving reader of shell command lines: enough to find which
 * programs a RUN runs with which arguments. It understands quotes, escapes,
 * `&&`, `||`, `;`, `|`, `&`, newlines, subshell parentheses, `VAR=x cmd`
 * prefixes and the reserved words of `if`/`while`/`until` (each branch's commands are commands); it never throws and never evaluates anything.
 */
export interface ShellCommand {
  /** Words with quotes removed; leading `VAR=value` assignments are in `env`. */
  words: string[];
  env: Record<string, string>;
  /** Offset of the first word in the input text. */
  offset: number;
}

/** Characters that end a run of ordinary word characters (see `splitShell`). */
const SPECIAL_CHARS = '\\\'"# \t\r&|;\n(){}';
const SPECIAL = new Uint8Array(128);
for (const c of SPECIAL_CHARS) SPECIAL[c.charCodeAt(0)] = 1;
/** The same characters, for a search (`lastIndex` is set before each use). */
const SPECIAL_SEARCH = new RegExp(`[${SPECIAL_CHARS.replace(/[\\\]^-]/g, '\\$&')}]`, 'g');
const QUOTED_SEARCH = /["\\]/g;

/** Program names looked through to the real program: `env X=1 cmd`, `sudo cmd`, `exec cmd`, `time cmd`. */
const WRAPPERS = /^(env|sudo|exec|time|nice|nohup|xargs)$/;
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
/** Shell reserved words that may stand before a command (`then`, `do` …) or alone (`fi`, `done`). */
const RESERVED = new Set(['if', 'then', 'elif', 'else', 'fi', 'while', 'until', 'do', 'done', '!']);
const NO_ENV: Record<string, string> = Object.freeze({}) as Record<string, string>;

export function splitShell(text: string): ShellCommand[] {
  const commands: ShellCommand[] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  let startOffset = -1;
  const flushWord = () => {
    if (inWord) {
      // A reserved word in command position starts (or ends) a compound command: the command
      // after it is read as a command of its own, so every branch of an `if`/`elif`/`else` and a
      // loop body count alike (`then npm ci` is `npm ci`).
      if (!words.length && RESERVED.has(word)) {
        word = '';
        inWord = false;
        startOffset = -1;
        return;
      }
      words.push(word);
      word = '';
      inWord = false;
    }
  };
  const flushCommand = () => {
    flushWord();
    if (words.length) {
      // Most commands assign nothing: they share one empty, frozen `env` (a big RUN has thousands).
      let env: Record<string, string> = NO_ENV;
      const assign = (w: string, eq: number) => {
        if (env === NO_ENV) env = {};
        env[w.slice(0, eq)] = w.slice(eq + 1);
      };
      let i = 0;
      while (i < words.length - 1 && ASSIGNMENT.test(words[i])) {
        assign(words[i], words[i].indexOf('='));
        i++;
      }
      let rest = i ? words.slice(i) : words;
      while (rest.length > 1 && WRAPPERS.test(rest[0])) {
        rest = rest.slice(1);
        while (rest.length > 1 && (rest[0].startsWith('-') || ASSIGNMENT.test(rest[0]))) {
          const eq = rest[0].indexOf('=');
          if (eq > 0 && !rest[0].startsWith('-')) assign(rest[0], eq);
          rest = rest.slice(1);
        }
      }
      // `push` leaves spare capacity (17 slots for a 4-word command): keep an exact copy instead
      commands.push({ words: rest === words ? words.slice() : rest, env, offset: startOffset });
    }
    words = [];
    startOffset = -1;
  };
  let i = 0;
  const n = text.length;
  while (i < n) {
    const code = text.charCodeAt(i);
    if (code >= 128 || SPECIAL[code] === 0) {
      // a run of ordinary characters joins the word as one slice (its end found by the regular
      // expression engine's native search: the language server runs this code baseline-compiled)
      SPECIAL_SEARCH.lastIndex = i + 1;
      const j = SPECIAL_SEARCH.test(text) ? SPECIAL_SEARCH.lastIndex - 1 : n;
      if (startOffset < 0) startOffset = i;
      inWord = true;
      word += text.slice(i, j);
      i = j;
      continue;
    }
    const c = text[i];
    if (c === '\\') {
      if (text[i + 1] === '\n') {
        i += 2;
        continue;
      }
      if (text[i + 1] === '\r' && text[i + 2] === '\n') {
        i += 3;
        continue;
      }
      // Docker's parser also continues a line whose escape is followed by blanks only (`\ ` at the end).
      let b = i + 1;
      while (b < n && (text[b] === ' ' || text[b] === '\t')) b++;
      if (b > i + 1 && (text[b] === '\n' || (text[b] === '\r' && text[b + 1] === '\n'))) {
        i = b + (text[b] === '\r' ? 2 : 1);
        continue;
      }
      if (!inWord && startOffset < 0) startOffset = i;
      inWord = true;
      if (i + 1 < n) word += text[i + 1];
      i += 2;
      continue;
    }
    if (c === "'") {
      if (startOffset < 0) startOffset = i;
      inWord = true;
      const end = text.indexOf("'", i + 1);
      const stop = end < 0 ? n : end;
      word += text.slice(i + 1, stop);
      i = stop + 1;
      continue;
    }
    if (c === '"') {
      if (startOffset < 0) startOffset = i;
      inWord = true;
      i++;
      while (i < n && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < n) {
          word += text[i + 1];
          i += 2;
        } else {
          // up to the next quote or backslash as one slice
          QUOTED_SEARCH.lastIndex = i + 1;
          const j = QUOTED_SEARCH.test(text) ? QUOTED_SEARCH.lastIndex - 1 : n;
          word += text.slice(i, j);
          i = j;
        }
      }
      i++;
      continue;
    }
    if (c === '#' && !inWord) {
      // A comment to the end of the line. A comment line of its own inside a continued instruction is
      // dropped whole, line break included, as Docker's parser does: the command goes on after it.
      let k = i - 1;
      while (k >= 0 && (text[k] === ' ' || text[k] === '\t')) k--;
      const ownLine = k < 0 || text[k] === '\n';
      while (i < n && text[i] !== '\n') i++;
      if (ownLine && words.length) i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      flushWord();
      i++;
      continue;
    }
    if (c === '&' || c === '|' || c === ';') {
      // `&&`, `||`, `;;` or the single operator
      flushCommand();
      i += text[i + 1] === c ? 2 : 1;
      continue;
    }
    if (c === '\n' || c === '(' || c === ')') {
      flushCommand();
      i++;
      continue;
    }
    if ((c === '{' || c === '}') && !inWord && (i + 1 >= n || text[i + 1] === ' ' || text[i + 1] === '\n' || text[i + 1] === ';')) {
      // `{ ...; }` grouping braces standing alone
      flushCommand();
      i++;
      continue;
    }
    // `#` inside a word, a brace that is part of a word
    if (startOffset < 0) startOffset = i;
    inWord = true;
    word += c;
    i++;
  }
  flushCommand();
  return commands;
}

/** The program name without a path: `/usr/bin/apt-get` → `apt-get`. */
export function programName(cmd: ShellCommand): string {
  const w = cmd.words[0] ?? '';
  const slash = w.lastIndexOf('/');
  return slash >= 0 ? w.slice(slash + 1) : w;
}

/** Whether the command has the flag, in `--flag`, `--flag=value` or short cluster form for single letters. */
export function hasFlag(cmd: ShellCommand, ...flags: string[]): boolean {
  return cmd.words.slice(1).some((w) =>
    flags.some((f) => {
      if (f.startsWith('--')) return w === f || w.startsWith(f + '=');
      if (f.startsWith('-') && f.length === 2) return w === f || (/^-[A-Za-z]+$/.test(w) && w.includes(f[1]));
      return w === f;
    }),
  );
}

/** Value of `--flag value` or `--flag=value`. */
export function flagValue(cmd: ShellCommand, flag: string): string | undefined {
  const w = cmd.words;
  for (let i = 1; i < w.length; i++) {
    if (w[i] === flag) return w[i + 1];
    if (w[i].startsWith(flag + '=')) return w[i].slice(flag.length + 1);
  }
  return undefined;
}

/** Positional arguments (words not starting with `-`), after the program and optional subcommands. */
export function positionals(cmd: ShellCommand, skip = 1): string[] {
  return cmd.words.slice(skip).filter((w) => !w.startsWith('-'));
}
