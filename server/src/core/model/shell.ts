/**
 * A small, forgiving reader of shell command lines: enough to find which
 * programs a RUN runs with which arguments. It understands quotes, escapes,
 * `&&`, `||`, `;`, `|`, `&`, newlines, subshell parentheses and `VAR=x cmd`
 * prefixes; it never throws and never evaluates anything.
 */
export interface ShellCommand {
  /** Words with quotes removed; leading `VAR=value` assignments are in `env`. */
  words: string[];
  env: Record<string, string>;
  /** Offset of the first word in the input text. */
  offset: number;
}

const OPERATORS = ['&&', '||', ';;', ';', '|', '&', '\n', '(', ')', '{', '}'];

export function splitShell(text: string): ShellCommand[] {
  const commands: ShellCommand[] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  let startOffset = -1;
  const flushWord = () => {
    if (inWord) {
      words.push(word);
      word = '';
      inWord = false;
    }
  };
  const flushCommand = () => {
    flushWord();
    if (words.length) {
      const env: Record<string, string> = {};
      let i = 0;
      while (i < words.length - 1 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i])) {
        const eq = words[i].indexOf('=');
        env[words[i].slice(0, eq)] = words[i].slice(eq + 1);
        i++;
      }
      // `env X=1 cmd`, `sudo cmd`, `exec cmd`, `time cmd`: look through to the real program.
      let rest = words.slice(i);
      while (rest.length > 1 && /^(env|sudo|exec|time|nice|nohup|xargs)$/.test(rest[0])) {
        rest = rest.slice(1);
        while (rest.length > 1 && (/^-/.test(rest[0]) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(rest[0]))) {
          const eq = rest[0].indexOf('=');
          if (eq > 0 && !rest[0].startsWith('-')) env[rest[0].slice(0, eq)] = rest[0].slice(eq + 1);
          rest = rest.slice(1);
        }
      }
      commands.push({ words: rest, env, offset: startOffset });
    }
    words = [];
    startOffset = -1;
  };
  let i = 0;
  const n = text.length;
  while (i < n) {
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
          word += text[i++];
        }
      }
      i++;
      continue;
    }
    if (c === '#' && !inWord) {
      // comment to end of line
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      flushWord();
      i++;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op && !(op === '{' || op === '}') ) {
      flushCommand();
      i += op.length;
      continue;
    }
    if (op && !inWord && (text[i + 1] === ' ' || text[i + 1] === undefined || text[i + 1] === '\n' || text[i + 1] === ';')) {
      // `{ ...; }` grouping braces standing alone
      flushCommand();
      i += 1;
      continue;
    }
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
