/** Golden fixtures of the refactors: test/fixtures/refactors/<ecosystem>/… */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BuildContextFacts } from '../../../server/src/core/context';

export const FIXTURES = path.resolve(__dirname, '../../fixtures/refactors');

export interface Golden {
  ecosystem: string;
  input: string;
  expected: string;
  context: BuildContextFacts;
}

/** Pairs `<prefix>input.Dockerfile` → `<prefix>expected.Dockerfile` of every ecosystem folder that has them. */
export function goldens(prefix: '' | 'manifests-first.' | 'fetching-build.'): Golden[] {
  const out: Golden[] = [];
  for (const ecosystem of fs.readdirSync(FIXTURES).sort()) {
    const dir = path.join(FIXTURES, ecosystem);
    const input = path.join(dir, `${prefix}input.Dockerfile`);
    if (!fs.existsSync(input)) continue;
    const ctxFile = path.join(dir, 'context.json');
    out.push({
      ecosystem,
      input: fs.readFileSync(input, 'utf8'),
      expected: fs.readFileSync(path.join(dir, `${prefix}expected.Dockerfile`), 'utf8'),
      context: fs.existsSync(ctxFile) ? JSON.parse(fs.readFileSync(ctxFile, 'utf8')) : {},
    });
  }
  return out;
}
