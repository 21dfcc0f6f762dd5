import { Instruction, ModifiableInstruction } from 'dockerfile-ast';
import type { Position, Range } from '../types';
import type { StageModel } from '../model/stages';
import type { Ecosystem } from '../model/ecosystems';
import { commandEcosystem, ECOSYSTEMS } from '../model/ecosystems';
import { CACHE_DIRS } from '../model/installs';
import { rules } from '../rules/registry';
import { AUTOMATIC_ARGS, DIRECTIVES, INSTRUCTIONS, MOUNT_KEY_ALIASES, MOUNT_TYPES, MOUNT_TYPE_KEY, docMarkdown, link } from './docs-catalog';
import { instructionAt } from './locate';
import { completableStages } from './stage-info';
import { variableMarkdown, variablesInScope } from './variables';

export type CompletionKind = 'keyword' | 'flag' | 'value' | 'stage' | 'variable' | 'directive' | 'rule' | 'folder';

/** A completion as plain data: the text replaces `range` (LSP snippet syntax when `snippet`). */
export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  newText: string;
  range: Range;
  snippet?: boolean;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  sortText?: string;
  filterText?: string;
  preselect?: boolean;
  /** Ask the editor for completions again after inserting (`--mount=` → its keys). */
  retrigger?: boolean;
}

const FLAG_VALUE = /(?:^|\s)--([a-z-]+)=(\S*)$/i;
const NO_VALUE_FLAGS = new Set(['link', 'parents']);
const REPEATABLE_FLAGS = new Set(['mount', 'exclude']);
const SYSTEM: Ecosystem[] = ['apt', 'apk', 'dnf'];

/** Completions at a position, from the model of the current text. */
export function completionsAt(model: StageModel, pos: Position): CompletionEntry[] {
  const lineText = model.lines.lineText(pos.line);
  const before = lineText.slice(0, pos.character);
  const replace = (typed: string): Range => ({ start: { line: pos.line, character: pos.character - typed.length }, end: { ...pos } });
  const instr = instructionAt(model, pos.line);
  const continued = !!instr && instr.getRange().start.line < pos.line;

  if (!continued && /^\s*#/.test(before)) return commentCompletions(model, pos, before, replace);

  // `$NAME` / `${NAME`
  const dollar = /(^|[^\\$])\$(\{?)([A-Za-z_][A-Za-z0-9_]*)?$/.exec(before);
  if (dollar && instr) {
    const typed = dollar[3] ?? '';
    const braced = dollar[2] === '{';
    const close = braced && lineText[pos.character] !== '}' ? '}' : '';
    return variablesInScope(model, pos.line).map((v, i) => ({
      label: v.name, kind: 'variable' as const, newText: v.name + close, range: replace(typed),
      detail: v.value !== undefined ? v.value : v.source === 'automatic' ? 'set by BuildKit' : undefined,
      documentation: variableMarkdown(model, v), sortText: String(i).padStart(4, '0'),
    }));
  }

  // a keyword at the start of a line (or after ONBUILD)
  // (not in the middle of a word; on a line that has arguments already, the keyword alone)
  const after = lineText.slice(pos.character);
  const bare = after.trim() === '';
  const start = /^\s*([A-Za-z]*)$/.exec(before);
  if (start && !continued) return /^[A-Za-z]/.test(after) ? [] : instructionCompletions(model, replace(start[1]), false, bare);
  const onbuild = /^\s*onbuild\s+([A-Za-z]*)$/i.exec(before);
  if (onbuild && instr?.getKeyword() === 'ONBUILD') return /^[A-Za-z]/.test(after) ? [] : instructionCompletions(model, replace(onbuild[1]), true, bare);
  if (!instr) return [];
  const keyword = instr.getKeyword();

  const value = FLAG_VALUE.exec(before);
  if (value) return flagValueCompletions(model, instr, pos, value[1].toLowerCase(), value[2], replace);

  const flag = /(?:^|\s)(--?[a-z-]*)$/i.exec(before);
  if (flag && onlyFlagsBefore(instr, pos)) {
    // flags already given (not the one being typed) are not offered again, except repeatable ones
    const present = new Set((instr as ModifiableInstruction).getFlags()
      .filter((f) => { const e = f.getRange().end; return !(e.line === pos.line && e.character === pos.character); })
      .map((f) => f.getName().toLowerCase()));
    return Object.entries(INSTRUCTIONS[keyword]?.flags ?? {})
      .filter(([name]) => REPEATABLE_FLAGS.has(name) || !present.has(name))
      .map(([name, doc]) => ({
        label: `--${name}`, kind: 'flag' as const, newText: NO_VALUE_FLAGS.has(name) ? `--${name} ` : `--${name}=`, range: replace(flag[1]),
        detail: `${keyword} flag`, documentation: docMarkdown(`${keyword} --${name}`, doc), retrigger: !NO_VALUE_FLAGS.has(name),
      }));
  }

  // the base of FROM: earlier stages
  const base = /^\s*FROM\s+(?:--\S+\s+)*([\w.-]*)$/i.exec(before);
  if (base && keyword === 'FROM' && !continued) return stageCompletions(model, pos.line, replace(base[1]));
  return [];
}

function onlyFlagsBefore(instr: Instruction, pos: Position): boolean {
  if (!(instr instanceof ModifiableInstruction) || !INSTRUCTIONS[instr.getKeyword()]) return false;
  for (const a of instr.getArguments()) {
    const r = a.getRange();
    if (r.start.line > pos.line || (r.start.line === pos.line && r.start.character >= pos.character)) break;
    if (r.end.line === pos.line && r.end.character === pos.character) continue; // the word being typed
    if (!a.getValue().startsWith('--')) return false;
  }
  return true;
}

function fileCasing(model: StageModel): (k: string) => string {
  let lower = 0;
  let upper = 0;
  for (const i of model.dockerfile.getInstructions()) {
    const w = i.getInstruction();
    if (w === w.toLowerCase()) lower++;
    else if (w === w.toUpperCase()) upper++;
  }
  return lower > upper ? (k) => k.toLowerCase() : (k) => k;
}

function instructionCompletions(model: StageModel, range: Range, inOnbuild: boolean, withSnippet: boolean): CompletionEntry[] {
  const cased = fileCasing(model);
  const first = !model.stages.length;
  return Object.entries(INSTRUCTIONS)
    .filter(([k]) => !inOnbuild || !['FROM', 'ONBUILD', 'MAINTAINER'].includes(k))
    .map(([k, doc]) => ({
      label: cased(k), kind: 'keyword' as const, newText: withSnippet ? `${cased(k)} ${doc.snippet}` : cased(k), snippet: withSnippet, range,
      detail: doc.syntax, documentation: docMarkdown(k, doc),
      // before the first FROM only ARG and FROM are useful
      sortText: (first ? (k === 'FROM' || k === 'ARG' ? '0' : '1') : k === 'MAINTAINER' ? '9' : '0') + k,
    }));
}

function stageCompletions(model: StageModel, line: number, range: Range): CompletionEntry[] {
  return completableStages(model, line).map((s, i) => ({
    label: s.name, kind: 'stage' as const, newText: s.name, range,
    detail: `stage ${s.index} · FROM ${s.base}`,
    sortText: String(1000 - s.index).padStart(4, '0') + i,
  }));
}

/** The ecosystems of the commands of the RUN at this line (`apt-get`, `npm` …). */
function lineEcosystems(model: StageModel, instr: Instruction): Ecosystem[] {
  const stage = model.stageAtLine(instr.getRange().start.line);
  const run = stage?.runs.find((r) => r.instruction === instr);
  const out: Ecosystem[] = [];
  for (const c of run?.commands ?? []) {
    const e = commandEcosystem(c);
    if (e && !out.includes(e)) out.push(e);
  }
  return out;
}

function values(list: string[], range: Range, detail: string, preselect?: string): CompletionEntry[] {
  return list.map((v, i) => ({ label: v, kind: 'value' as const, newText: v, range, detail, sortText: String(i).padStart(3, '0'), preselect: v === preselect || undefined }));
}

function flagValueCompletions(model: StageModel, instr: Instruction, pos: Position, flag: string, typed: string, replace: (t: string) => Range): CompletionEntry[] {
  const keyword = instr.getKeyword();
  if (flag === 'from' && (keyword === 'COPY' || keyword === 'ADD')) return stageCompletions(model, pos.line, replace(typed));
  if (flag === 'mount' && keyword === 'RUN') return mountCompletions(model, instr, pos, typed, replace);
  const doc = INSTRUCTIONS[keyword]?.flags[flag];
  if (!doc?.values) return [];
  const entries = values(doc.values, replace(typed), `--${flag}`);
  if (flag === 'platform') {
    for (const e of entries) if (e.label.startsWith('$')) e.detail = AUTOMATIC_ARGS[e.label.slice(1)];
  }
  return entries;
}

function mountCompletions(model: StageModel, instr: Instruction, pos: Position, text: string, replace: (t: string) => Range): CompletionEntry[] {
  const parts = text.split(',');
  const last = parts.pop() ?? '';
  const given = new Map<string, string>();
  for (const p of parts) {
    const eq = p.indexOf('=');
    const k = (eq < 0 ? p : p.slice(0, eq)).toLowerCase();
    given.set(MOUNT_KEY_ALIASES[k] ?? k, eq < 0 ? '' : p.slice(eq + 1));
  }
  const type = given.get('type')?.toLowerCase();
  const ecosystems = lineEcosystems(model, instr);
  const eq = last.indexOf('=');
  if (eq < 0) {
    const out: CompletionEntry[] = [];
    if (!type) {
      out.push({ label: 'type=', kind: 'flag', newText: 'type=', range: replace(last), detail: 'mount type', documentation: docMarkdown('--mount type', MOUNT_TYPE_KEY), retrigger: true, sortText: '0' });
      if (!parts.length) out.push(...cacheTemplates(ecosystems, replace(last), 'type='));
    }
    const keys = MOUNT_TYPES[type ?? 'bind']?.keys ?? {};
    for (const [k, doc] of Object.entries(keys)) {
      if (given.has(k)) continue;
      out.push({ label: `${k}=`, kind: 'flag', newText: `${k}=`, range: replace(last), detail: `type=${type ?? 'bind'} mount`, documentation: docMarkdown(`--mount ${k}`, doc), retrigger: true, sortText: (k === 'target' ? '1' : '2') + k });
    }
    return out;
  }
  const key = MOUNT_KEY_ALIASES[last.slice(0, eq).toLowerCase()] ?? last.slice(0, eq).toLowerCase();
  const typed = last.slice(eq + 1);
  const range = replace(typed);
  if (key === 'type') {
    const out: CompletionEntry[] = Object.entries(MOUNT_TYPES).map(([t, doc], i) => ({ label: t, kind: 'value' as const, newText: t, range, detail: 'mount type', documentation: docMarkdown(`--mount=type=${t}`, doc), sortText: '1' + i }));
    if (!parts.length) out.unshift(...cacheTemplates(ecosystems, range, '').map((e) => ({ ...e, sortText: '0' + e.sortText })));
    return out;
  }
  if (key === 'from') return stageCompletions(model, pos.line, range);
  if (key === 'target' && (type === 'cache' || !type)) {
    const first = ecosystems.flatMap((e) => CACHE_DIRS[e]?.targets.map((t) => ({ t, e })) ?? []);
    const rest = ECOSYSTEMS.filter((e) => !ecosystems.includes(e)).flatMap((e) => CACHE_DIRS[e]?.targets.map((t) => ({ t, e })) ?? []);
    const seen = new Set<string>();
    return [...first, ...rest].filter(({ t }) => !seen.has(t) && seen.add(t)).map(({ t, e }, i) => ({
      label: t, kind: 'folder' as const, newText: t, range, detail: `${e}'s cache`, sortText: String(i).padStart(3, '0'), preselect: i === 0 && first.length > 0 || undefined,
    }));
  }
  const doc = MOUNT_TYPES[type ?? 'bind']?.keys[key];
  if (key === 'sharing') return values(doc?.values ?? [], range, 'cache sharing', ecosystems.some((e) => SYSTEM.includes(e)) ? 'locked' : 'shared');
  if (key === 'ro' || key === 'rw') return values(['true', 'false'], range, key);
  if (doc?.values) return values(doc.values, range, key);
  return [];
}

/** Whole cache mounts for the managers of this RUN: `type=cache,target=/var/cache/apt,sharing=locked`. */
function cacheTemplates(ecosystems: Ecosystem[], range: Range, prefix: string): CompletionEntry[] {
  const out: CompletionEntry[] = [];
  for (const e of ecosystems) {
    const dirs = CACHE_DIRS[e];
    for (const t of dirs?.targets ?? []) {
      const text = `${prefix}cache,target=${t}${dirs?.sharing ? `,sharing=${dirs.sharing}` : ''}`;
      out.push({
        label: text, kind: 'value', newText: text, range, detail: `${e}'s cache`,
        documentation: `A cache mount for ${e}: its downloads stay between builds and out of the layer${dirs?.sharing ? '; `sharing=locked` because the manager cannot share its cache with a concurrent build' : ''}.\n\n[Dockerfile reference](${link('#run---mounttypecache')})`,
        sortText: '0' + String(out.length).padStart(2, '0'), preselect: out.length === 0 || undefined,
      });
    }
  }
  return out;
}

function commentCompletions(model: StageModel, pos: Position, before: string, replace: (t: string) => Range): CompletionEntry[] {
  const ignore = /^\s*#\s*stagecraft-ignore(?:-file)?\s+(?:[\w/.-]+\s*,\s*)*([\w/.-]*)$/.exec(before);
  if (ignore) {
    return [...rules.values()].map((r) => ({ label: r.id, kind: 'rule' as const, newText: r.id, range: replace(ignore[1]), detail: r.severity, documentation: r.description }));
  }
  const check = /^\s*#\s*check\s*=\s*(.*)$/i.exec(before);
  if (check && atTop(model, pos.line)) {
    const seg = check[1].split(';').pop() ?? '';
    const list = /^\s*(skip|experimental)\s*=\s*(?:[\w]+\s*,\s*)*(\w*)$/.exec(seg);
    if (list) {
      const names = [...new Set([...rules.values()].filter((r) => r.buildkit && (list[1] === 'skip' || r.experimental)).map((r) => r.buildkit!))].sort();
      return [...(list[1] === 'skip' || list[1] === 'experimental' ? ['all'] : []), ...names].map((n, i) => ({ label: n, kind: 'rule' as const, newText: n, range: replace(list[2]), detail: 'BuildKit check', sortText: String(i).padStart(3, '0') }));
    }
    const key = /^\s*(\w*)$/.exec(seg);
    if (key) return ['skip=', 'error=true', 'experimental='].map((v) => ({ label: v, kind: 'value' as const, newText: v, range: replace(key[1]), detail: '# check option', retrigger: v.endsWith('='), documentation: docMarkdown('# check=', DIRECTIVES.check) }));
    return [];
  }
  const dirValue = /^\s*#\s*(syntax|escape)\s*=\s*(\S*)$/i.exec(before);
  if (dirValue && atTop(model, pos.line)) {
    const d = DIRECTIVES[dirValue[1].toLowerCase()];
    return values(d.values, replace(dirValue[2]), `# ${dirValue[1].toLowerCase()}=`);
  }
  const word = /^\s*#\s*([\w-]*)$/.exec(before);
  if (!word) return [];
  const out: CompletionEntry[] = [
    { label: 'stagecraft-ignore', kind: 'directive', newText: 'stagecraft-ignore ', range: replace(word[1]), detail: 'ignore rules for the next instruction', retrigger: true },
    { label: 'stagecraft-ignore-file', kind: 'directive', newText: 'stagecraft-ignore-file ', range: replace(word[1]), detail: 'ignore rules in this file', retrigger: true },
  ];
  if (atTop(model, pos.line)) {
    out.unshift(
      { label: 'syntax=', kind: 'directive', newText: 'syntax=docker/dockerfile:1', range: replace(word[1]), detail: 'parser directive', documentation: docMarkdown('# syntax=', DIRECTIVES.syntax), sortText: '0' },
      { label: 'check=', kind: 'directive', newText: 'check=', range: replace(word[1]), detail: 'parser directive', documentation: docMarkdown('# check=', DIRECTIVES.check), retrigger: true, sortText: '1' },
      { label: 'escape=', kind: 'directive', newText: 'escape=', range: replace(word[1]), detail: 'parser directive', documentation: docMarkdown('# escape=', DIRECTIVES.escape), retrigger: true, sortText: '2' },
    );
  }
  return out;
}

/** Parser directives are read only above everything else: the line has only comments and directives before it. */
function atTop(model: StageModel, line: number): boolean {
  for (let l = 0; l < line; l++) {
    const t = model.lines.lineText(l).trim();
    if (t && !t.startsWith('#')) return false;
  }
  return true;
}
