import * as ast from 'dockerfile-ast';
import { DockerfileParser, Dockerfile } from 'dockerfile-ast';

export type { Dockerfile };

/**
 * dockerfile-ast recomputes an instruction's arguments (a scan of its whole text)
 * on every call, and its other getters call that again; the model and the rules
 * ask many times per instruction, which made analysis quadratic in the length of
 * an instruction. Instructions never change after parsing (each is built once with
 * its final range over an immutable text), so these getters are memoised per
 * instance. Arrays are returned as fresh copies (callers — dockerfile-ast itself
 * — shift them); the elements are the library's immutable value objects.
 */
const MEMOISED: [object, string[]][] = [
  [ast.Line.prototype, ['getTextContent']],
  [ast.Instruction.prototype, ['getRawArguments', 'getArguments', 'getArgumentsRanges', 'getArgumentsContent', 'getRawArgumentsContent', 'getVariables', 'getHeredocs']],
  [ast.ModifiableInstruction.prototype, ['getArguments']],
  [ast.Label.prototype, ['getVariables']],
  [ast.Copy.prototype, ['getHeredocs']],
  [ast.Run.prototype, ['getHeredocs']],
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
