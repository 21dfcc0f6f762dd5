import { Copy, Instruction, ModifiableInstruction, Run } from 'dockerfile-ast';
import type { Position, Range } from '../types';
import type { StageModel } from '../model/stages';
import { rangeContains } from '../text';
import { DIRECTIVES, HEREDOC, INSTRUCTIONS, MOUNT_KEY_ALIASES, MOUNT_TYPES, MOUNT_TYPE_KEY, docMarkdown } from './docs-catalog';
import { instructionAt } from './locate';
import { stageHover } from './stage-info';
import { variableAt, variableMarkdown } from './variables';
import type { ContextView } from '../context';
import type { StepInputs } from '../model/cache-keys';
import { cacheInputsMarkdown, stepOf } from './cache-hover';

export interface HoverResult {
  markdown: string;
  range: Range;
}

const rangeOf = (r: Range): Range => ({ start: { ...r.start }, end: { ...r.end } });
const within = (r: Range | null | undefined, pos: Position): r is Range => !!r && rangeContains(r, pos);

/**
 * Everything hover shows, most specific first: a variable's value at that point; a flag, a
 * `--mount` key (per mount type) or a heredoc; a stage reference or a `FROM` line (the stage,
 * its base chain and what its image inherits, plus FROM's doc on the keyword); an instruction
 * keyword; a parser directive.
 */
export function hoverAt(model: StageModel, pos: Position): HoverResult | undefined {
  const v = variableAt(model, pos);
  if (v) return { markdown: variableMarkdown(model, v.value), range: v.range };

  const instr = instructionAt(model, pos.line);
  // a stage named in --from / --mount=from / FROM: the stage, as before
  if (model.refs.some((r) => r.target !== undefined && r.resolution !== 'variable' && rangeContains(r.range, pos))) {
    const stage = stageHover(model, pos);
    if (stage) return stage;
  }
  if (instr) {
    const flag = flagHover(instr, pos);
    if (flag) return flag;
    const heredoc = heredocHover(model, instr, pos);
    if (heredoc) return heredoc;
  }

  const stage = stageHover(model, pos);
  if (stage) {
    const keyword = instr && instr.getKeyword() === 'FROM' && within(instr.getInstructionRange(), pos);
    return keyword ? { markdown: `${stage.markdown}\n\n---\n\n${docMarkdown('FROM', INSTRUCTIONS.FROM)}`, range: stage.range } : stage;
  }

  if (instr && within(instr.getInstructionRange(), pos)) {
    const keyword = instr.getKeyword();
    const doc = INSTRUCTIONS[keyword];
    if (doc) return { markdown: `${docMarkdown(keyword, doc)}\n\n\`${doc.syntax}\``, range: rangeOf(instr.getInstructionRange()) };
  }
  // ONBUILD's trigger keyword
  if (instr && instr.getKeyword() === 'ONBUILD') {
    const first = instr.getArguments()[0];
    const doc = first && INSTRUCTIONS[first.getValue().toUpperCase()];
    if (first && doc && within(first.getRange(), pos)) return { markdown: docMarkdown(first.getValue().toUpperCase(), doc), range: rangeOf(first.getRange()) };
  }
  for (const d of model.dockerfile.getDirectives()) {
    const r = d.getRange();
    if (r && r.start.line === pos.line) {
      const name = (d.getName() ?? '').toLowerCase();
      const doc = DIRECTIVES[name];
      if (doc) return { markdown: docMarkdown(`# ${name}=`, doc), range: rangeOf(r) };
    }
  }
  return undefined;
}

function flagHover(instr: Instruction, pos: Position): HoverResult | undefined {
  if (!(instr instanceof ModifiableInstruction)) return undefined;
  const keyword = instr.getKeyword();
  for (const flag of instr.getFlags()) {
    if (!within(flag.getRange(), pos)) continue;
    const name = flag.getName().toLowerCase();
    const doc = INSTRUCTIONS[keyword]?.flags[name];
    if (name === 'mount' && !within(flag.getNameRange(), pos)) {
      const key = mountKeyHover(flag, pos);
      if (key) return key;
    }
    if (!doc) return undefined;
    const values = doc.values ? `\n\nValues: ${doc.values.map((x) => `\`${x}\``).join(', ')}` : '';
    return { markdown: docMarkdown(`${keyword} --${name}`, doc) + values, range: rangeOf(flag.getRange()) };
  }
  return undefined;
}

function mountKeyHover(flag: ReturnType<ModifiableInstruction['getFlags']>[number], pos: Position): HoverResult | undefined {
  const options = flag.getOptions();
  const typeOpt = options.find((o) => o.getName().toLowerCase() === 'type');
  const type = (typeOpt?.getValue() ?? 'bind').toLowerCase();
  for (const o of options) {
    if (!within(o.getRange(), pos)) continue;
    const raw = o.getName().toLowerCase();
    const key = MOUNT_KEY_ALIASES[raw] ?? raw;
    if (key === 'type') {
      const t = MOUNT_TYPES[(o.getValue() ?? '').toLowerCase()];
      if (t && within(o.getValueRange(), pos)) return { markdown: docMarkdown(`--mount=type=${(o.getValue() ?? '').toLowerCase()}`, t), range: rangeOf(o.getRange()) };
      return { markdown: docMarkdown('--mount type', MOUNT_TYPE_KEY), range: rangeOf(o.getRange()) };
    }
    const doc = MOUNT_TYPES[type]?.keys[key];
    if (!doc) return { markdown: `**--mount ${raw}**\n\n\`${raw}\` is not a key of \`type=${type}\` mounts. Keys: ${Object.keys(MOUNT_TYPES[type]?.keys ?? {}).map((k) => `\`${k}\``).join(', ')}.`, range: rangeOf(o.getRange()) };
    const values = doc.values ? `\n\nValues: ${doc.values.map((x) => `\`${x}\``).join(', ')}` : '';
    return { markdown: docMarkdown(`--mount=type=${type} ${raw}`, doc) + values, range: rangeOf(o.getRange()) };
  }
  return undefined;
}

function heredocHover(model: StageModel, instr: Instruction, pos: Position): HoverResult | undefined {
  if (!(instr instanceof Run || instr instanceof Copy) && instr.getKeyword() !== 'ADD') return undefined;
  const text = model.lines.lineText(pos.line);
  const re = /<<-?\s*(["']?)([A-Za-z_][A-Za-z0-9_]*)\1/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (pos.character >= m.index && pos.character <= m.index + m[0].length) {
      return {
        markdown: docMarkdown(`${instr.getKeyword()} heredoc \`${m[0].replace(/\s+/g, '')}\``, HEREDOC),
        range: { start: { line: pos.line, character: m.index }, end: { line: pos.line, character: m.index + m[0].length } },
      };
    }
  }
  return undefined;
}

/**
 * `hoverAt`, with the "Cache key" section of `features/cache-hover.ts` appended to the hover of an
 * instruction's keyword (FROM's too): what the step's BuildKit cache key depends on.
 */
export function hoverWithCacheInputs(model: StageModel, pos: Position, inputs: StepInputs[][], context: ContextView): HoverResult | undefined {
  const h = hoverAt(model, pos);
  if (!h) return h;
  const instr = instructionAt(model, pos.line);
  if (!instr || !within(instr.getInstructionRange(), pos)) return h;
  const step = stepOf(inputs, instr);
  if (!step) return h;
  return { markdown: `${h.markdown}\n\n---\n\n${cacheInputsMarkdown(model, inputs, step, context)}`, range: h.range };
}
