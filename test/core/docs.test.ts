import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rules } from '../../server/src/core/rules/registry';

const DOCS = path.resolve(__dirname, '../../docs/rules');
const SECTIONS = ['## What it does', '## Why is this bad?', '## Example', '## Use instead', '## Fix safety', '## References'];

function pagesOnDisk(dir: string, prefix = ''): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? pagesOnDisk(path.join(dir, e.name), `${prefix}${e.name}/`) : e.name.endsWith('.md') && e.name !== 'README.md' ? [`${prefix}${e.name.slice(0, -3)}`] : [],
  );
}

describe('rule documentation pages', () => {
  for (const rule of rules.values()) {
    it(`${rule.id} has a page with the standard sections`, () => {
      const file = path.join(DOCS, `${rule.id}.md`);
      assert.ok(fs.existsSync(file), `missing docs/rules/${rule.id}.md`);
      const text = fs.readFileSync(file, 'utf8');
      assert.ok(text.startsWith(`# ${rule.id}`), `the page starts with "# ${rule.id}"`);
      let last = -1;
      for (const s of SECTIONS) {
        const at = text.indexOf(`\n${s}\n`);
        assert.ok(at >= 0, `section "${s}" is missing`);
        assert.ok(at > last, `section "${s}" is out of order`);
        last = at;
      }
      assert.match(text, /```dockerfile\n/, 'has a Dockerfile example');
    });
  }
  it('every page belongs to a rule', () => {
    const orphans = pagesOnDisk(DOCS).filter((p) => !rules.has(p));
    assert.deepEqual(orphans, []);
  });
  it('rule ids follow <family>/<name>', () => {
    for (const id of rules.keys()) assert.match(id, /^(stage|cache|security)\/[a-z0-9-]+$|^buildkit\/[A-Za-z]+$|^syntax\/[a-z0-9-]+$/);
  });
});
