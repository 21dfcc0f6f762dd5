import * as ast from 'dockerfile-ast';
import { DockerfileParser, Dockerfile } from 'dockerfile-ast';

export type { Dockerfile };

/**
 * dockerfile-ast recomputes an instruction's argument text (a scan of its whole
 * text) on every call; the model and the rules ask many times per instruction.
 * Instructions never change after parsing, so the getters that return strings
 * are memoised per instance. Getters that return objects (arguments, ranges,
 * variables) are NOT memoised: the library mutates the objects it hands out
 * (e.g. From.getImageNameRange() adjusts a range that getImageTag() reads
 * later), so sharing them across calls changes its answers.
 */
const MEMOISED: [object, string[]][] = [
  [ast.Line.prototype, ['getTextContent']],
  [ast.Instruction.prototype, ['getArgumentsContent', 'getRawArgumentsContent']],
];
const memoKey = Symbol.for('stagecraft.memo');
const wrapped = Symbol.for('stagecraft.memoised');
const UNDEFINED = {};
let slots = 0;
for (const [proto, names] of MEMOISED) {
  for (const name of names) {
    const p = proto as Record<string, unknown>;
    if (!Object.prototype.hasOwnProperty.call(p, name) || typeof p[name] !== 'function') continue;
    const original = p[name] as ((this: object) => unknown) & { [wrapped]?: true };
    if (original[wrapped]) continue; // already wrapped (the module loaded twice)
    const slot = slots++;
    const memo = function (this: { [memoKey]?: unknown[] }): unknown {
      const m = this[memoKey] ?? (this[memoKey] = []);
      let v = m[slot];
      if (v === undefined) {
        v = original.call(this);
        m[slot] = v === undefined ? UNDEFINED : v;
      }
      return Array.isArray(v) ? v.slice() : v === UNDEFINED ? undefined : v;
    } as typeof original;
    memo[wrapped] = true;
    p[name] = memo;
  }
}

/** Parses Dockerfile text. Never throws: on a parser failure returns null. */
export function parse(text: string): Dockerfile | null {
  try {
    return DockerfileParser.parse(text);
  } catch {
    return null;
  }
}
