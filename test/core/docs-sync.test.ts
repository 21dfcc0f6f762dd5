import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rulesIndex, readmeWithSettings } from '../../scripts/gen-docs';

const root = path.resolve(__dirname, '../..');

describe('generated documents are in sync', () => {
  it('docs/rules/README.md lists every rule of the registry (npm run docs)', () => {
    assert.equal(fs.readFileSync(path.join(root, 'docs/rules/README.md'), 'utf8'), rulesIndex());
  });
  it("README.md's settings table matches package.json (npm run docs)", () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    assert.equal(readme, readmeWithSettings(readme));
  });
});
