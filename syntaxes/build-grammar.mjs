#!/usr/bin/env node
// Generates syntaxes/dockerfile.tmLanguage.json, the TextMate grammar for Dockerfiles.
//
//   node syntaxes/build-grammar.mjs          write the JSON
//   node syntaxes/build-grammar.mjs --check  exit 1 if the JSON is not what this script generates
//
// The grammar is generated because most rules exist twice: once for the default escape
// character (`\`) and once for files that start with the `# escape=`` ` parser directive, where the
// backtick continues lines and escapes characters. Edit this file, never the JSON.
//
// How the grammar is laid out (the invariants the tests rely on):
// - Every instruction is a begin/end region that starts at its keyword and ends at the end of a
//   line that is not continued. Line continuations, and the comment and blank lines BuildKit skips
//   inside a continued instruction, consume the newline, so the end of line (EOL below) only ends an
//   instruction on its real last line. Instruction, flag-head, string and array regions have
//   `applyEndPatternLast`, so those skips win a tie with the region's end on a blank line.
// - Flags are only recognised at the start of the arguments (a region anchored at `\G` after the
//   keyword), so `--no-install-recommends` in a shell command is not a Dockerfile flag; the same region
//   decides whether the arguments are an exec-form JSON array.
// - A heredoc is a begin/end region (scoping the terminator) around a begin/while region (the body).
//   The `while` check runs before anything else on each line, so the body ends at its terminator even
//   when an embedded grammar (source.shell) left one of its own regions open.
// - Parser directives are only recognised in the block of `# key=value` lines that starts on the
//   first line of the file (`\A`).

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = join(dirname(fileURLToPath(import.meta.url)), 'dockerfile.tmLanguage.json');

/** Appends the language suffix to each space-separated scope. */
const sc = (scopes) =>
  scopes
    .split(' ')
    .map((s) => `${s}.dockerfile`)
    .join(' ');
const named = (scopes) => ({ name: sc(scopes) });

/** A regex that never matches: used as an end that never comes, and as a placeholder pattern. */
const NEVER = '(?!)';
/**
 * The end of a line that was not consumed. vscode-textmate appends "\n" to every line; a line
 * continuation consumes it, and then a plain `$` would still match at the end of the string and end
 * the region. In captured substrings (no "\n") this matches at their end.
 */
const EOL = String.raw`$(?<!\n)`;
const DIRECTIVE_AHEAD = String.raw`[ \t]*#[ \t]*(?i:syntax|escape|check)[ \t]*=`;
/** Start of a token: preceded by a blank or the start of the line. */
const TOKEN_START = String.raw`(?<![^ \t])`;
const HEREDOC_NAME = String.raw`\w[\w.-]*`;
const ANY_HEREDOC = String.raw`\d*<<-?(?:"${HEREDOC_NAME}"|'${HEREDOC_NAME}'|${HEREDOC_NAME})(?=\s|$)`;

/**
 * A heredoc marker with six groups: 1 file descriptor, 2 operator (`<<` or `<<-`), 3 the dash of
 * `<<-` or nothing, 4 opening quote, 5 delimiter, 6 closing quote.
 * quote: 'any' | 'quoted' | 'unquoted'.
 */
function heredocMarker(quote) {
  const q = {
    any: `(["']?)(${HEREDOC_NAME})(\\4)`,
    quoted: `(["'])(${HEREDOC_NAME})(\\4)`,
    unquoted: `()(${HEREDOC_NAME})()`,
  }[quote];
  return String.raw`(\d*)(<<(-?))${q}(?=\s|$)`;
}
/**
 * The terminator line of the heredoc opened by a marker, as an end/while regex: back references are
 * replaced by the captured text, so `(?!\3)` is `(?!)` (no leading tabs) after `<<` and `(?!\-)`
 * (leading tabs allowed) after `<<-`.
 */
const TERMINATOR = String.raw`^(?:(?!\3)\t*)?(\5)$`;
const NOT_TERMINATOR = String.raw`^(?!(?:(?!\3)\t*)?\5$)`;

const markerCaptures = {
  1: named('constant.numeric.integer.file-descriptor'),
  2: named('keyword.operator.heredoc'),
  4: named('punctuation.definition.string.begin'),
  5: named('keyword.control.heredoc-token'),
  6: named('punctuation.definition.string.end'),
};

/**
 * The rules of one escape mode. mode.sfx is appended to every repository key, mode.esc is the
 * escape character as a regex, mode.escClass the same inside a character class.
 */
function rules(mode) {
  const { sfx, esc: E, escClass: Ec } = mode;
  const inc = (key) => ({ include: `#${key}${sfx}` });
  const r = {};
  /** An unquoted word that may not contain `exclude` and does not swallow a line continuation. */
  const word = (exclude) => `(?:[^\\s${exclude}${Ec}]|${E}(?![ \\t]*$)|(?<=${E})${E})+`;
  /** A line continuation ahead: the escape character, not itself escaped, at the end of the line. */
  const CONT = String.raw`(?<!${E})${E}[ \t]*$`;
  /** End of a token-sized region: before a blank, before a trailing continuation, at the end. */
  const tokenEnd = String.raw`(?=[ \t]|${CONT})|${EOL}`;
  const instr = (names, extra = '') => String.raw`^[ \t]*(?:((?i:ONBUILD))[ \t]+)?((?i:${names}))(?=\s|$)${extra}`;
  const kwCaptures = { 1: named('keyword.other.instruction'), 2: named('keyword.other.instruction') };
  const instruction = (names, patterns, extra) => ({
    name: 'meta.instruction.${2:/downcase}.dockerfile',
    begin: instr(names, extra?.begin ?? ''),
    beginCaptures: { ...kwCaptures, ...(extra?.captures ?? {}) },
    end: EOL,
    applyEndPatternLast: true,
    patterns,
  });

  // --- line continuation -------------------------------------------------------------------
  r['line-continuation'] = {
    match: String.raw`(?<!${E})(${E})[ \t]*\n`,
    captures: { 1: named('constant.character.escape.line-continuation') },
  };
  r['continuation'] = {
    patterns: [
      inc('line-continuation'),
      {
        comment: 'A comment line inside a continued instruction is skipped by the parser.',
        match: String.raw`^[ \t]*(#).*\n`,
        name: sc('comment.line.number-sign'),
        captures: { 1: named('punctuation.definition.comment') },
      },
      { comment: 'An empty line inside a continued instruction is skipped.', match: String.raw`^[ \t]*\n` },
    ],
  };
  r['escape'] = { match: `${E}.`, name: sc('constant.character.escape') };

  // --- variables ---------------------------------------------------------------------------
  // `${NAME:-default}` nests (`${A:-${B:-$C}}`); nesting is bounded so that a line of `${${${…` costs
  // no more than a handful of regions.
  const simpleVariable = {
    match: String.raw`(\$)([A-Za-z_][A-Za-z0-9_]*)`,
    name: sc('variable.other'),
    captures: { 1: named('punctuation.definition.variable') },
  };
  const MAX_NESTING = 4;
  for (let level = 0; level < MAX_NESTING; level++) {
    const inner = level + 1 < MAX_NESTING ? inc(`variable-${level + 1}`) : simpleVariable;
    r[level === 0 ? 'variable' : `variable-${level}`] = {
      patterns: [
        {
          name: sc('variable.other.bracket'),
          begin: String.raw`(\$)(\{)`,
          beginCaptures: { 0: named('punctuation.definition.variable.begin') },
          end: String.raw`(\})|${EOL}`,
          endCaptures: { 1: named('punctuation.definition.variable.end') },
          patterns: [
            {
              match: String.raw`\G([A-Za-z_][A-Za-z0-9_]*)(:?[-+?=]|##?|%%?|//?)?`,
              captures: { 1: named('variable.other'), 2: named('keyword.operator.expansion') },
            },
            inc('line-continuation'),
            inner,
            inc('escape'),
            { match: `[^}$${Ec}\\n]+`, name: sc('string.unquoted.expansion') },
          ],
        },
        simpleVariable,
      ],
    };
  }

  // --- Dockerfile-level strings (ENV, LABEL, ARG, COPY, WORKDIR…) ---------------------------
  r['string'] = {
    patterns: [
      {
        name: sc('string.quoted.double'),
        begin: '"',
        beginCaptures: { 0: named('punctuation.definition.string.begin') },
        end: `"|${EOL}`,
        endCaptures: { 0: named('punctuation.definition.string.end') },
        applyEndPatternLast: true,
        patterns: [inc('continuation'), inc('escape'), inc('variable')],
      },
      {
        name: sc('string.quoted.single'),
        begin: "'",
        beginCaptures: { 0: named('punctuation.definition.string.begin') },
        end: `'|${EOL}`,
        endCaptures: { 0: named('punctuation.definition.string.end') },
        applyEndPatternLast: true,
        patterns: [inc('continuation')],
      },
    ],
  };
  r['word-args'] = { patterns: [inc('continuation'), inc('string'), inc('escape'), inc('variable')] };

  // --- a light shell tokenizer for shell-form RUN / CMD / ENTRYPOINT ------------------------
  r['shell-form'] = {
    patterns: [
      inc('continuation'),
      {
        name: sc('string.quoted.double.shell'),
        begin: '"',
        beginCaptures: { 0: named('punctuation.definition.string.begin') },
        end: `"|${EOL}`,
        endCaptures: { 0: named('punctuation.definition.string.end') },
        applyEndPatternLast: true,
        patterns: [inc('continuation'), inc('escape'), inc('variable'), inc('shell-special-variable')],
      },
      {
        name: sc('string.quoted.single.shell'),
        begin: "'",
        beginCaptures: { 0: named('punctuation.definition.string.begin') },
        end: `'|${EOL}`,
        endCaptures: { 0: named('punctuation.definition.string.end') },
        applyEndPatternLast: true,
        patterns: [inc('continuation')],
      },
      inc('escape'),
      inc('variable'),
      inc('shell-special-variable'),
      { match: String.raw`&&|\|\|`, name: sc('keyword.operator.logical') },
      { match: String.raw`\|`, name: sc('keyword.operator.pipe') },
      { match: ';', name: sc('punctuation.terminator.statement') },
    ],
  };
  r['shell-special-variable'] = {
    match: String.raw`(\$)([0-9@*#?$!-])`,
    name: sc('variable.other.special'),
    captures: { 1: named('punctuation.definition.variable') },
  };

  // --- flags ---------------------------------------------------------------------------------
  const flag = named('entity.other.attribute-name.flag');
  const assign = named('keyword.operator.assignment');
  const key = named('support.type.property-name.mount');
  const fieldStart = String.raw`(?:\G|(?<=,))`;
  const fieldEnd = String.raw`(?=[,\s]|${CONT}|$)`;
  r['flag-mount'] = {
    name: sc('meta.flag.mount'),
    begin: `${TOKEN_START}(--mount)(=)`,
    beginCaptures: { 1: flag, 2: assign },
    end: tokenEnd,
    patterns: [
      { match: ',', name: sc('punctuation.separator.comma') },
      {
        match: `${fieldStart}(type)(=)(bind|cache|tmpfs|secret|ssh)${fieldEnd}`,
        captures: { 1: key, 2: assign, 3: named('constant.language.mount-type') },
      },
      {
        match: `${fieldStart}(from)(=)(${word(',"$')})?`,
        captures: { 1: key, 2: assign, 3: named('entity.name.type.stage') },
      },
      {
        match: `${fieldStart}(sharing)(=)(shared|private|locked)${fieldEnd}`,
        captures: { 1: key, 2: assign, 3: named('constant.language.sharing') },
      },
      {
        match: `${fieldStart}(required|readonly|readwrite|ro|rw)(?:(=)(true|false))?${fieldEnd}`,
        captures: { 1: key, 2: assign, 3: named('constant.language.boolean') },
      },
      {
        match: `${fieldStart}(mode|uid|gid|size)(=)([0-9]+)${fieldEnd}`,
        captures: { 1: key, 2: assign, 3: named('constant.numeric') },
      },
      { match: `${fieldStart}([A-Za-z][\\w-]*)(=)`, captures: { 1: key, 2: assign } },
      { match: `${fieldStart}([A-Za-z][\\w-]*)${fieldEnd}`, captures: { 1: key } },
      inc('variable'),
      inc('string'),
      { match: word(',"$'), name: sc('string.unquoted.mount-value') },
    ],
  };
  r['flag'] = {
    patterns: [
      inc('flag-mount'),
      {
        match: `${TOKEN_START}(--from)(=)(${word('"$')})?`,
        captures: { 1: flag, 2: assign, 3: named('entity.name.type.stage') },
      },
      {
        match: `${TOKEN_START}(--(?:link|parents|keep-git-dir))(?:(=)(true|false))?(?=\\s|$)`,
        captures: { 1: flag, 2: assign, 3: named('constant.language.boolean') },
      },
      {
        match: String.raw`${TOKEN_START}(--(?:interval|timeout|start-period|start-interval))(=)((?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+)(?=\s|$)`,
        captures: { 1: flag, 2: assign, 3: named('constant.numeric.duration') },
      },
      {
        match: String.raw`${TOKEN_START}(--retries)(=)(\d+)(?=\s|$)`,
        captures: { 1: flag, 2: assign, 3: named('constant.numeric.integer') },
      },
      {
        match: String.raw`${TOKEN_START}(--chmod)(=)([0-7]{3,4})(?=\s|$)`,
        captures: { 1: flag, 2: assign, 3: named('constant.numeric.octal') },
      },
      {
        match: String.raw`${TOKEN_START}(--network)(=)(default|none|host)(?=\s|$)`,
        captures: { 1: flag, 2: assign, 3: named('constant.language.network') },
      },
      {
        match: String.raw`${TOKEN_START}(--security)(=)(insecure|sandbox)(?=\s|$)`,
        captures: { 1: flag, 2: assign, 3: named('constant.language.security') },
      },
      {
        match: String.raw`${TOKEN_START}(--checksum)(=)([A-Za-z0-9]+:[0-9A-Fa-f]+)(?=\s|$)`,
        captures: { 1: flag, 2: assign, 3: named('constant.other.checksum') },
      },
      {
        comment: '--platform, --chown, --chmod (symbolic), --exclude, --checksum (URL) and any other valued flag',
        begin: `${TOKEN_START}(--[A-Za-z][\\w-]*)(=)`,
        beginCaptures: { 1: flag, 2: assign },
        end: tokenEnd,
        contentName: sc('string.unquoted.flag-value'),
        patterns: [inc('variable'), inc('string'), inc('escape')],
      },
      { match: `${TOKEN_START}(--[A-Za-z][\\w-]*)(?=\\s|$)`, captures: { 1: flag } },
    ],
  };

  // --- exec form (JSON array) -----------------------------------------------------------------
  for (const vars of [false, true]) {
    r[vars ? 'exec-form-vars' : 'exec-form'] = {
      name: sc('meta.array.exec-form'),
      begin: String.raw`(\[)(?=[ \t]*(?:"|\]))`,
      beginCaptures: { 1: named('punctuation.definition.array.begin') },
      end: String.raw`(\])|${EOL}`,
      endCaptures: { 1: named('punctuation.definition.array.end') },
      applyEndPatternLast: true,
      patterns: [
        inc('continuation'),
        {
          name: sc('string.quoted.double'),
          begin: '"',
          beginCaptures: { 0: named('punctuation.definition.string.begin') },
          end: `"|${EOL}`,
          endCaptures: { 0: named('punctuation.definition.string.end') },
          applyEndPatternLast: true,
          patterns: [
            inc('line-continuation'),
            { match: String.raw`\\(?:["\\/bfnrt]|u[0-9A-Fa-f]{4})`, name: sc('constant.character.escape') },
            { match: String.raw`\\.`, name: sc('invalid.illegal.unrecognized-string-escape') },
            ...(vars ? [inc('variable')] : []),
          ],
        },
        { match: ',', name: sc('punctuation.separator.array') },
      ],
    };
  }

  /**
   * The start of the arguments: flags, then possibly an exec-form array. Begins right after the
   * keyword (only when a flag, an array or a continuation follows) and ends at the first other token.
   */
  const head = (exec) => {
    const array = exec ? String.raw`\[|` : '';
    return {
      begin: String.raw`\G(?=[ \t]+(?:--|${array}${CONT}))`,
      end: String.raw`(?=[^ \t])(?!--)${exec ? String.raw`(?!\[[ \t]*["\]])` : ''}(?!${CONT})|${EOL}`,
      applyEndPatternLast: true,
      patterns: [inc('continuation'), inc('flag'), ...(exec ? [inc(exec)] : [])],
    };
  };
  r['head-flags'] = head(null);
  r['head-exec'] = head('exec-form');
  r['head-exec-vars'] = head('exec-form-vars');

  // --- heredocs ---------------------------------------------------------------------------
  const kinds = {
    // RUN: the body is a script, highlighted by the shell grammar.
    shell: {
      quotes: ['any'],
      inline: 'shell-inline',
      contentName: 'meta.embedded.block.shell source.shell',
      // The placeholder keeps the region when source.shell is not installed: vscode-textmate drops a
      // region whose only patterns are missing grammars.
      body: () => [{ include: 'source.shell' }, { match: NEVER }],
    },
    // COPY / ADD: the body is file content; an unquoted delimiter expands variables.
    text: {
      quotes: ['quoted', 'unquoted'],
      inline: 'word-inline',
      contentName: sc('string.unquoted.heredoc'),
      body: (quote) => (quote === 'quoted' ? [] : [inc('escape'), inc('variable')]),
    },
  };
  r['heredoc-marker'] = { match: `${TOKEN_START}${heredocMarker('any')}`, captures: markerCaptures };
  r['shell-inline'] = { patterns: [inc('heredoc-marker'), inc('shell-form')] };
  r['word-inline'] = { patterns: [inc('heredoc-marker'), inc('word-args')] };

  for (const [kind, k] of Object.entries(kinds)) {
    const single = [];
    for (const quote of k.quotes) {
      const id = `${kind}-${quote}`;
      const marker = heredocMarker(quote);
      // The body: from the marker to the line before the terminator.
      r[`heredoc-body-${id}`] = {
        begin: String.raw`\G${marker}(.*)$`,
        beginCaptures: { ...markerCaptures, 7: { patterns: [inc(k.inline)] } },
        while: NOT_TERMINATOR,
        contentName: k.contentName,
        patterns: k.body(quote),
      };
      const wrapper = (start) => ({
        name: sc('meta.heredoc'),
        begin: `${start}(?=${marker})`,
        end: TERMINATOR,
        endCaptures: { 1: named('keyword.control.heredoc-token') },
        patterns: [inc(`heredoc-body-${id}`)],
      });
      r[`heredoc-${id}`] = wrapper(TOKEN_START);
      r[`heredoc-anchored-${id}`] = wrapper(String.raw`\G`);
      single.push(inc(`heredoc-${id}`));
    }

    // Two or more heredocs on one line: the outer region lasts until the last delimiter's terminator.
    // The first heredoc is nested at its marker; the bodies after it are one region whose `while`
    // gives way on any line holding a single word, so that the outer end is checked there (a region
    // cannot see the outer delimiter). Those later bodies expand variables as an unquoted one would.
    const twoAhead = `${ANY_HEREDOC}.*[ \\t]${heredocMarker('any')}`;
    r[`heredoc-rest-body-${kind}`] = {
      begin: '^',
      while: String.raw`^(?![ \t]*\w[\w.-]*[ \t]*$)`,
      contentName: k.contentName,
      patterns: k.body('any'),
    };
    r[`heredoc-multi-${kind}`] = {
      name: sc('meta.heredoc'),
      begin: `${TOKEN_START}(?=${twoAhead})`,
      end: TERMINATOR,
      endCaptures: { 1: named('keyword.control.heredoc-token') },
      patterns: [inc(`heredoc-rest-body-${kind}`), ...k.quotes.map((q) => inc(`heredoc-anchored-${kind}-${q}`))],
    };
    r[`heredoc-${kind}`] = { patterns: [inc(`heredoc-multi-${kind}`), ...single] };
  }

  // --- instructions ------------------------------------------------------------------------
  const as = {
    match: String.raw`${TOKEN_START}((?i:AS))[ \t]+([^\s${Ec}]\S*)`,
    captures: { 1: named('keyword.other.as'), 2: named('entity.name.type.stage') },
  };
  const imageRef = {
    name: sc('meta.image-reference'),
    begin: `${TOKEN_START}(?=[^\\s${Ec}])`,
    end: tokenEnd,
    patterns: [
      { match: String.raw`\G(?i:scratch)(?=\s|$)`, name: sc('constant.language.scratch') },
      inc('variable'),
      {
        match: String.raw`(@)([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,})`,
        captures: { 1: named('punctuation.separator.digest'), 2: named('constant.other.digest') },
      },
      {
        begin: String.raw`(:)(?=[^\s/@]*(?:@|\s|$))`,
        beginCaptures: { 1: named('punctuation.separator.tag') },
        end: String.raw`(?=[\s@]|${CONT})|${EOL}`,
        contentName: sc('constant.other.tag'),
        patterns: [inc('variable')],
      },
      { match: String.raw`(?:[^\s:@$${Ec}]|:(?=[^\s@/]*/))+`, name: sc('entity.name.image') },
    ],
  };
  const unquotedValue = { match: word(`"'$`), name: sc('string.unquoted.value') };
  const assignment = {
    match: `${TOKEN_START}([^\\s="'$${Ec}]+)(=)`,
    captures: { 1: named('variable.other.assignment'), 2: assign },
  };
  const legacyName = `(?:[ \\t]+([^\\s="'$${Ec}]+)(?=[ \\t]|$))?`;

  r['instruction-from'] = instruction('FROM', [inc('head-flags'), inc('continuation'), as, imageRef]);
  r['instruction-run'] = instruction('RUN', [
    inc('head-exec'),
    inc('continuation'),
    inc('heredoc-shell'),
    inc('shell-form'),
  ]);
  r['instruction-cmd'] = instruction('CMD|ENTRYPOINT', [inc('head-exec'), inc('shell-form')]);
  r['instruction-shell'] = instruction('SHELL', [inc('head-exec'), inc('continuation')]);
  r['instruction-copy'] = instruction('COPY|ADD', [
    inc('head-exec-vars'),
    inc('continuation'),
    inc('heredoc-text'),
    inc('word-args'),
  ]);
  r['instruction-volume'] = instruction('VOLUME', [inc('head-exec-vars'), inc('word-args')]);
  r['instruction-workdir'] = instruction('WORKDIR', [inc('word-args')]);
  r['instruction-user'] = instruction('USER', [
    inc('word-args'),
    { match: ':', name: sc('punctuation.separator.user-group') },
  ]);
  r['instruction-stopsignal'] = instruction('STOPSIGNAL', [
    inc('continuation'),
    inc('variable'),
    { match: `${TOKEN_START}(?i:SIG[A-Z0-9+-]+)(?=\\s|$)`, name: sc('constant.language.signal') },
    { match: String.raw`${TOKEN_START}\d+(?=\s|$)`, name: sc('constant.numeric.integer') },
  ]);
  r['instruction-expose'] = instruction('EXPOSE', [
    inc('continuation'),
    inc('variable'),
    {
      match: String.raw`(?<![\w$}])(\d+)(?:(-)(\d+))?(?=[/\s]|$)`,
      captures: {
        1: named('constant.numeric.integer.port'),
        2: named('punctuation.separator.range'),
        3: named('constant.numeric.integer.port'),
      },
    },
    {
      match: String.raw`(/)((?i:tcp|udp|sctp))(?=\s|$)`,
      captures: { 1: named('punctuation.separator.protocol'), 2: named('constant.language.protocol') },
    },
    {
      match: String.raw`(/)(\S+)`,
      captures: { 1: named('punctuation.separator.protocol'), 2: named('invalid.illegal.protocol') },
    },
  ]);
  r['instruction-env'] = instruction('ENV', [inc('continuation'), assignment, inc('string'), inc('escape'), inc('variable'), unquotedValue], {
    begin: legacyName,
    captures: { 3: named('variable.other.assignment') },
  });
  r['instruction-arg'] = instruction('ARG', [
    inc('continuation'),
    assignment,
    { match: `${TOKEN_START}([A-Za-z_][A-Za-z0-9_]*)(?=\\s|$)`, captures: { 1: named('variable.other.assignment') } },
    inc('string'),
    inc('escape'),
    inc('variable'),
    unquotedValue,
  ]);
  const labelKey = named('support.type.property-name.label');
  r['instruction-label'] = instruction(
    'LABEL',
    [
      inc('continuation'),
      {
        match: String.raw`${TOKEN_START}(?:(")((?:[^"\\]|\\.)*)(")|([^\s="'$${Ec}]+))(=)`,
        captures: {
          1: named('punctuation.definition.string.begin'),
          2: labelKey,
          3: named('punctuation.definition.string.end'),
          4: labelKey,
          5: assign,
        },
      },
      inc('string'),
      inc('escape'),
      inc('variable'),
      unquotedValue,
    ],
    { begin: legacyName, captures: { 3: labelKey } },
  );
  r['instruction-healthcheck'] = instruction('HEALTHCHECK', [
    inc('head-flags'),
    inc('continuation'),
    { match: `${TOKEN_START}((?i:NONE))(?=\\s|$)`, captures: { 1: named('keyword.other.healthcheck.none') } },
    {
      name: sc('meta.healthcheck.cmd'),
      begin: `${TOKEN_START}((?i:CMD))(?=\\s|$)`,
      beginCaptures: { 1: named('keyword.other.instruction') },
      end: EOL,
      applyEndPatternLast: true,
      patterns: [inc('head-exec'), inc('shell-form')],
    },
  ]);
  r['instruction-maintainer'] = instruction('MAINTAINER', [inc('word-args')]);
  r['instruction-onbuild'] = {
    comment: 'ONBUILD followed by something other than a known instruction on the same line.',
    name: sc('meta.instruction.onbuild'),
    begin: String.raw`^[ \t]*((?i:ONBUILD))(?=\s|$)`,
    beginCaptures: { 1: named('keyword.other.instruction') },
    end: EOL,
    applyEndPatternLast: true,
    patterns: [inc('continuation')],
  };
  r['instructions'] = {
    patterns: [
      'from', 'run', 'cmd', 'shell', 'copy', 'volume', 'workdir', 'user', 'stopsignal', 'expose', 'env',
      'arg', 'label', 'healthcheck', 'maintainer', 'onbuild',
    ].map((n) => inc(`instruction-${n}`)),
  };

  const out = {};
  for (const [k, v] of Object.entries(r)) out[`${k}${sfx}`] = v;
  return out;
}

const directiveLine = {
  match: String.raw`^[ \t]*(#)[ \t]*((?i:syntax|escape|check))[ \t]*(=)[ \t]*(.*?)[ \t]*$`,
  name: 'meta.directive.${2:/downcase}.dockerfile',
  captures: {
    1: named('punctuation.definition.directive'),
    2: named('keyword.other.directive'),
    3: named('keyword.operator.assignment'),
    4: {
      name: sc('string.unquoted.directive-value'),
      patterns: [
        {
          match: String.raw`(?<![^;\s])(skip|error|experimental)(=)`,
          captures: { 1: named('support.type.property-name.check'), 2: named('keyword.operator.assignment') },
        },
        { match: String.raw`(?<=[=,])(?:true|false|all)(?=[;,\s]|$)`, name: sc('constant.language') },
        { match: '[;,]', name: sc('punctuation.separator') },
      ],
    },
  },
};

const grammar = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'Dockerfile',
  scopeName: 'source.dockerfile',
  comment: 'Generated by syntaxes/build-grammar.mjs; edit that file, not this one.',
  fileTypes: ['Dockerfile', 'Containerfile', 'dockerfile', 'containerfile'],
  patterns: [{ include: '#directives' }, { include: '#comment' }, { include: '#instructions' }],
  repository: {
    comment: {
      match: String.raw`^[ \t]*(#).*$`,
      name: sc('comment.line.number-sign'),
      captures: { 1: named('punctuation.definition.comment') },
    },
    'directive-line': directiveLine,
    directives: {
      comment: 'Parser directives: the `# key=value` lines that open the file.',
      begin: `\\A(?=${DIRECTIVE_AHEAD})`,
      end: `^(?!${DIRECTIVE_AHEAD})`,
      patterns: [{ include: '#escape-backtick' }, { include: '#directive-line' }],
    },
    'escape-backtick': {
      comment: '`# escape=`` ` switches the rest of the file to the backtick escape character.',
      begin: String.raw`^[ \t]*(#)[ \t]*((?i:escape))[ \t]*(=)[ \t]*(` + '`' + String.raw`)[ \t]*\n`,
      beginCaptures: {
        0: named('meta.directive.escape'),
        1: named('punctuation.definition.directive'),
        2: named('keyword.other.directive'),
        3: named('keyword.operator.assignment'),
        4: named('string.unquoted.directive-value'),
      },
      end: NEVER,
      patterns: [
        {
          begin: `\\G(?=${DIRECTIVE_AHEAD})`,
          end: `^(?!${DIRECTIVE_AHEAD})`,
          patterns: [{ include: '#directive-line' }],
        },
        { include: '#comment' },
        { include: '#instructions-bt' },
      ],
    },
    ...rules({ sfx: '', esc: String.raw`\\`, escClass: String.raw`\\` }),
    ...rules({ sfx: '-bt', esc: '`', escClass: '`' }),
  },
};

const text = `${JSON.stringify(grammar, null, 2)}\n`;
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(OUT, 'utf8');
  } catch {
    /* missing file: reported below */
  }
  if (current !== text) {
    console.error(`${OUT} is out of date: run node syntaxes/build-grammar.mjs`);
    process.exit(1);
  }
} else {
  writeFileSync(OUT, text);
}
