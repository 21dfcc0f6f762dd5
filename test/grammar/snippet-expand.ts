// Expands a VS Code snippet body to the text it inserts when every tab stop keeps its default:
// `${1:default}` → default, `${1|first,second|}` → first, `$1` / `${1}` → the default given to tab
// stop 1 elsewhere in the body (VS Code mirrors it) or nothing, `$0` → nothing. Escapes `\$`, `\}`,
// `\\` (and `\,` `\|` inside choices) give the character itself.
//
// Snippet variables (`$NAME`, `${NAME}`, `${NAME:default}`) and transforms are rejected: in a
// Dockerfile snippet an unescaped `$PATH` is a mistake (VS Code would insert `PATH` as a
// placeholder), a literal dollar is written `\$`.
import * as fs from 'fs';
import * as path from 'path';

export interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description?: string;
}

/** The snippets file of the extension. */
export const SNIPPETS_PATH = path.resolve(__dirname, '../../snippets/dockerfile.json');

export function readSnippets(file = SNIPPETS_PATH): Record<string, Snippet> {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, Snippet>;
}

type Node =
  | { kind: 'text'; value: string }
  | { kind: 'tabstop'; index: number }
  | { kind: 'placeholder'; index: number; children: Node[] }
  | { kind: 'choice'; index: number; options: string[] };

export class SnippetSyntaxError extends Error {}

class Parser {
  private pos = 0;
  constructor(private readonly src: string) {}

  parse(): Node[] {
    const nodes = this.sequence(false);
    if (this.pos < this.src.length) this.fail('unexpected `}`');
    return nodes;
  }

  private fail(message: string): never {
    throw new SnippetSyntaxError(`${message} at offset ${this.pos}: ${JSON.stringify(this.src.slice(this.pos, this.pos + 30))}`);
  }

  /** Nodes up to the end, or (inside a placeholder) up to its unescaped `}`. */
  private sequence(inPlaceholder: boolean): Node[] {
    const nodes: Node[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ kind: 'text', value: text });
      text = '';
    };
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === '\\' && this.pos + 1 < this.src.length && '$}\\'.includes(this.src[this.pos + 1])) {
        text += this.src[this.pos + 1];
        this.pos += 2;
      } else if (c === '}' && inPlaceholder) {
        break;
      } else if (c === '$') {
        const node = this.dollar();
        if (node) {
          flush();
          nodes.push(node);
        } else {
          text += '$';
          this.pos++;
        }
      } else {
        text += c;
        this.pos++;
      }
    }
    flush();
    return nodes;
  }

  /** A construct starting at `$`, or null when the `$` is plain text. */
  private dollar(): Node | null {
    const rest = this.src.slice(this.pos);
    let m = /^\$(\d+)/.exec(rest);
    if (m) {
      this.pos += m[0].length;
      return { kind: 'tabstop', index: Number(m[1]) };
    }
    m = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(rest);
    if (m) this.fail(`snippet variable $${m[1]} (write \\$ for a literal dollar sign)`);
    if (!rest.startsWith('${')) return null;

    m = /^\$\{(\d+)\}/.exec(rest);
    if (m) {
      this.pos += m[0].length;
      return { kind: 'tabstop', index: Number(m[1]) };
    }
    m = /^\$\{(\d+):/.exec(rest);
    if (m) {
      this.pos += m[0].length;
      const children = this.sequence(true);
      if (this.src[this.pos] !== '}') this.fail('unterminated placeholder');
      this.pos++;
      return { kind: 'placeholder', index: Number(m[1]), children };
    }
    m = /^\$\{(\d+)\|/.exec(rest);
    if (m) {
      this.pos += m[0].length;
      return { kind: 'choice', index: Number(m[1]), options: this.choiceOptions() };
    }
    m = /^\$\{(\d+)\//.exec(rest);
    if (m) this.fail('transforms are not supported');
    m = /^\$\{([A-Za-z_][A-Za-z0-9_]*)/.exec(rest);
    if (m) this.fail(`snippet variable \${${m[1]}} (write \\$ for a literal dollar sign)`);
    return null;
  }

  private choiceOptions(): string[] {
    const options: string[] = [];
    let option = '';
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === '\\' && this.pos + 1 < this.src.length && ',|\\$}'.includes(this.src[this.pos + 1])) {
        option += this.src[this.pos + 1];
        this.pos += 2;
      } else if (c === ',') {
        options.push(option);
        option = '';
        this.pos++;
      } else if (c === '|' && this.src[this.pos + 1] === '}') {
        options.push(option);
        this.pos += 2;
        return options;
      } else {
        option += c;
        this.pos++;
      }
    }
    this.fail('unterminated choice');
  }
}

function collectDefaults(nodes: Node[], defaults: Map<number, Node[] | string>): void {
  for (const node of nodes) {
    if (node.kind === 'placeholder') {
      if (!defaults.has(node.index)) defaults.set(node.index, node.children);
      collectDefaults(node.children, defaults);
    } else if (node.kind === 'choice') {
      if (!defaults.has(node.index)) defaults.set(node.index, node.options[0] ?? '');
    }
  }
}

function render(nodes: Node[], defaults: Map<number, Node[] | string>, seen: ReadonlySet<number>): string {
  return nodes
    .map((node) => {
      switch (node.kind) {
        case 'text':
          return node.value;
        case 'choice':
          return node.options[0] ?? '';
        case 'placeholder':
          return render(node.children, defaults, new Set([...seen, node.index]));
        case 'tabstop': {
          const value = defaults.get(node.index);
          if (value === undefined || seen.has(node.index)) return '';
          return typeof value === 'string' ? value : render(value, defaults, new Set([...seen, node.index]));
        }
      }
    })
    .join('');
}

/** The text a snippet body inserts when every tab stop keeps its default. */
export function expandSnippet(body: string | readonly string[]): string {
  const text = typeof body === 'string' ? body : body.join('\n');
  const nodes = new Parser(text).parse();
  const defaults = new Map<number, Node[] | string>();
  collectDefaults(nodes, defaults);
  return render(nodes, defaults, new Set());
}

/** The tab stop numbers a body uses, in ascending order. */
export function tabStops(body: string | readonly string[]): number[] {
  const text = typeof body === 'string' ? body : body.join('\n');
  const found = new Set<number>();
  const walk = (nodes: Node[]) => {
    for (const node of nodes) {
      if (node.kind === 'tabstop' || node.kind === 'choice') found.add(node.index);
      if (node.kind === 'placeholder') {
        found.add(node.index);
        walk(node.children);
      }
    }
  };
  walk(new Parser(text).parse());
  return [...found].sort((a, b) => a - b);
}
